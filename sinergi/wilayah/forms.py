"""One region field for every form: a person types a name ("Kebonsari") or a code ("35.19.01"),
picks from suggestions, and the form gets the code.

Page forms used to ask for "Region code" in a bare box; a regency operator does not know that
Kabupaten Madiun is 35.19. `WilayahField` accepts the name, a suggestion from the list
("35.19.01 — Kebonsari, Kabupaten Madiun") or the code, and shows a stored code back as its
name. Whether a code exists and lies in the user's scope stays the service's and selector's
job; this field only turns what was typed into a code."""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Several regions in one box are separated by semicolons (a region's name may hold a comma:
# "Kebonsari, Kabupaten Madiun") or lines; bare codes may also be separated by commas.
PEMISAH = re.compile(r"[;\n]")
DERET_KODE = re.compile(r"^\d{2}(\.\d{1,4})*(\s*[,\s]\s*\d{2}(\.\d{1,4})*)*$")


class WilayahInput(forms.TextInput):
    """A text box with region suggestions fetched as the user types (htmx, `wilayah:saran`).

    The suggestions go into a `<datalist>` rendered right after the box, unless `daftar` names
    one the page renders itself (with suggestions filled in beforehand)."""

    template_name = "wilayah/widgets/wilayah.html"

    def __init__(self, attrs=None, *, daftar: str = ""):
        self.daftar = daftar
        base = {
            "autocomplete": "off",
            "hx-get": reverse_lazy("wilayah:saran"),
            "hx-trigger": "input changed delay:250ms",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
        }
        super().__init__({**base, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        w = context["widget"]
        daftar = self.daftar or f"{w['attrs'].get('id') or name}-saran"
        w["attrs"]["list"] = daftar
        w["attrs"]["hx-target"] = "#" + daftar
        w["daftar"] = daftar
        w["daftar_sendiri"] = not self.daftar
        return context

    def format_value(self, value):
        """A bare code (an initial value, a stored one) is shown with its name."""
        from sinergi.wilayah.selectors import KODE, label_wilayah, wilayah_get

        teks = super().format_value(value)
        if teks and KODE.match(teks):
            wilayah = wilayah_get(teks)
            if wilayah is not None:
                return f"{wilayah.kode} — {label_wilayah(wilayah)}"
        return teks


class WilayahField(forms.CharField):
    """What the user typed, as a region code ("" when left empty and not required).

    A code (or a suggestion that starts with one) is taken as is; a name must name one region,
    otherwise the message lists the candidates or says what to type."""

    widget = WilayahInput

    def __init__(self, *, daftar: str = "", **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("label", _("Region"))
        kwargs.setdefault(
            "help_text", _("Type a name, e.g. Madiun, and pick from the list; a code works too.")
        )
        kwargs.setdefault("widget", WilayahInput(daftar=daftar))
        super().__init__(**kwargs)

    def clean(self, value) -> str:
        teks = super().clean(value).strip()
        return kode_dari_teks(teks) if teks else ""


def kode_dari_teks(teks: str) -> str:
    """The code of the one region `teks` names (a code, a suggestion or a name), or a
    ValidationError that lists the candidates or says what to type."""
    from sinergi.wilayah.selectors import KODE, label_wilayah, wilayah_dari_teks

    kode = teks.split(" ", 1)[0]
    if KODE.match(kode):
        return kode
    wilayah, kandidat = wilayah_dari_teks(teks)
    if wilayah is not None:
        return wilayah.kode
    if kandidat:
        raise forms.ValidationError(
            _("Several regions are called “%(nama)s”: pick one from the list (%(contoh)s).")
            % {
                "nama": teks.split(",", 1)[0].strip(),
                "contoh": "; ".join(label_wilayah(w) for w in kandidat[:3]),
            },
            code="ganda",
        )
    raise forms.ValidationError(
        _("No region is called “%(teks)s”. Type part of the name and pick from the list.")
        % {"teks": teks},
        code="tidak_dikenal",
    )


class WilayahBanyakInput(WilayahInput):
    """Several regions in one box: the suggestions complete the one being typed after the last
    semicolon and keep the ones before it. A stored list of codes is shown with names."""

    def __init__(self, attrs=None, *, daftar: str = ""):
        super().__init__(attrs, daftar=daftar)
        self.attrs["hx-get"] = format_lazy("{}?banyak=1", reverse_lazy("wilayah:saran"))

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return "; ".join(str(super(WilayahBanyakInput, self).format_value(v)) for v in value)
        return super().format_value(value)


class WilayahBanyakField(forms.CharField):
    """Several regions typed by name or code, as a list of codes without repeats ([] when
    empty). Every unknown or ambiguous name is reported, each in its own message."""

    widget = WilayahBanyakInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault(
            "help_text",
            _("Type a name, e.g. Madiun, and pick from the list; separate regions with “;”."),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = "; ".join(str(v) for v in value)
        return super().to_python(value)

    def clean(self, value) -> list[str]:
        teks = super().clean(value)
        kode, salah = [], []
        for bagian in (b.strip() for b in PEMISAH.split(teks or "")):
            if not bagian:
                continue
            if DERET_KODE.match(bagian):
                kode += re.split(r"\s*[,\s]\s*", bagian)
                continue
            try:
                kode.append(kode_dari_teks(bagian))
            except forms.ValidationError as exc:
                salah += exc.messages
        if salah:
            raise forms.ValidationError(salah)
        return list(dict.fromkeys(kode))


class WilayahCariForm(forms.Form):
    """A page's "which region" box (`?wilayah=`), for pages whose other filters are not a form."""

    wilayah = WilayahField(required=False, help_text="")

    @classmethod
    def dari(cls, request, *, bawaan: str = "") -> tuple[WilayahCariForm, str]:
        """The form and the region code it names; `bawaan` when the box is empty or its text
        names no single region (its message then shows on the page)."""
        if not request.GET.get("wilayah", "").strip():
            return cls(initial={"wilayah": bawaan}), bawaan
        form = cls(request.GET)
        kode = form.cleaned_data["wilayah"] if form.is_valid() else ""
        return form, kode or bawaan
