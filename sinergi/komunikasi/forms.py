from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.akses.models import Peran
from sinergi.core import format, waktu
from sinergi.core.models import Kerahasiaan
from sinergi.komunikasi.choices import JenisMateri, Prioritas
from sinergi.pemangku.choices import TingkatLembaga
from sinergi.regulasi.models import Regulasi
from sinergi.tahapan.models import Tahapan
from sinergi.wilayah.forms import WilayahBanyakField, WilayahField


def _jenis_choices():
    from sinergi.pemangku.models import JenisLembaga

    return [(j.kode, j.label) for j in JenisLembaga.objects.order_by("urutan", "kode")]


def _kode_list(value: str) -> list[str]:
    return [k.strip() for k in (value or "").replace(";", ",").split(",") if k.strip()]


class AudiensForm(forms.Form):
    audiens_jenis = forms.MultipleChoiceField(
        label=_("Organization types"),
        choices=_jenis_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audiens_tingkat = forms.MultipleChoiceField(
        label=_("Levels (none: every level)"),
        choices=TingkatLembaga.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audiens_wilayah = WilayahBanyakField(
        label=_("Regions (empty: your whole scope)"), required=False
    )
    audiens_peran = forms.MultipleChoiceField(
        label=_("Roles (none: every role)"),
        choices=Peran.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def audiens(self) -> dict:
        d = self.cleaned_data
        return {
            "jenis": d.get("audiens_jenis") or [],
            "tingkat": d.get("audiens_tingkat") or [],
            "wilayah": d.get("audiens_wilayah") or [],
            "peran": d.get("audiens_peran") or [],
        }


def pilihan_tahapan() -> list:
    """Stages by name, grouped by election (the newest election first)."""
    from sinergi.tahapan.models import Tahapan

    grup: dict[str, list] = {}
    qs = Tahapan.objects.select_related("pemilu").order_by(
        "-pemilu__hari_pemungutan", "pemilu_id", "urutan", "kode"
    )
    for t in qs:
        grup.setdefault(t.pemilu.label, []).append((t.pk, f"{t.kode} · {t.label}"))
    return [("", "—"), *grup.items()]


def pilihan_regulasi() -> list:
    from sinergi.regulasi.models import Regulasi

    qs = Regulasi.objects.order_by("-tahun", "jenis", "nomor")
    return [("", "—"), *((r.pk, f"{r.sebutan} · {r.judul[:90]}") for r in qs)]


def pilihan_kegiatan(pengguna, batas: int = 300) -> list:
    """The events the user may see, the latest first, by date and title."""
    from sinergi.kegiatan.selectors import kegiatan_list

    qs = kegiatan_list(pengguna=pengguna)[:batas]
    return [("", "—"), *((k.pk, f"{_tanggal(k)} · {k.judul[:90]}") for k in qs)]


def _tanggal(k) -> str:
    return format.tanggal(waktu.ke_lokal(k.mulai, k.zona_waktu), pendek=True)


def _pilih(label, cari_label) -> forms.TypedChoiceField:
    """A choice of a linked record by name, with a filter box (sinergi.js `data-cari`)."""
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"data-cari": cari_label}),
        # A hidden record answers exactly like a missing one.
        error_messages={"invalid_choice": _("Not found: pick one from the list.")},
    )


class TautanForm(forms.Form):
    """Link a post to a stage, a regulation or an event, picked by name (never by id)."""

    def __init__(self, *args, pengguna=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "tahapan" in self.fields:
            self.fields["tahapan"].choices = pilihan_tahapan()
        if "regulasi" in self.fields:
            self.fields["regulasi"].choices = pilihan_regulasi()
        if "kegiatan" in self.fields:
            self.fields["kegiatan"].choices = (
                pilihan_kegiatan(pengguna) if pengguna is not None else [("", "—")]
            )


class PengumumanForm(TautanForm, AudiensForm):
    judul = forms.CharField(label=_("Title"), max_length=200)
    isi = forms.CharField(
        label=_("Text (plain text; line breaks are kept)"), widget=forms.Textarea(attrs={"rows": 8})
    )
    prioritas = forms.ChoiceField(label=_("Priority"), choices=Prioritas.choices)
    kerahasiaan = forms.ChoiceField(
        label=_("Confidentiality"), choices=Kerahasiaan.choices, initial=Kerahasiaan.RESTRICTED
    )
    perlu_tanda_terima = forms.BooleanField(label=_("Ask for an acknowledgement"), required=False)
    tahapan = _pilih(_("Stage"), _("Find a stage"))
    regulasi = _pilih(_("Regulation"), _("Find a regulation"))
    kegiatan = _pilih(_("Event"), _("Find an event"))
    lampiran = forms.FileField(
        label=_("Attachment (PDF, PPTX, DOCX, XLSX, PNG or JPEG; at most 20 MB)"), required=False
    )


class UtasForm(TautanForm):
    judul = forms.CharField(label=_("Title"), max_length=200)
    topik = forms.CharField(label=_("Topic"), max_length=100, required=False)
    wilayah = WilayahField(
        required=False,
        help_text=_("Type a name and pick from the list; empty: your organization's."),
    )
    tahapan = _pilih(_("Stage"), _("Find a stage"))
    kegiatan = _pilih(_("Event"), _("Find an event"))
    kerahasiaan = forms.ChoiceField(
        label=_("Confidentiality"), choices=Kerahasiaan.choices, initial=Kerahasiaan.RESTRICTED
    )
    isi = forms.CharField(label=_("First post"), widget=forms.Textarea(attrs={"rows": 5}))


class PosForm(forms.Form):
    isi = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 4}))
    sebut = forms.CharField(
        label=_("Mention (e-mails or names, comma-separated)"), required=False, max_length=500
    )
    sebut_lembaga = forms.CharField(
        label=_(
            "Mention organizations (exact names, comma-separated; or write @[Name] in the reply)"
        ),
        required=False,
        max_length=1000,
    )
    lampiran = forms.FileField(
        label=_("Attachment (PDF, PPTX, DOCX, XLSX, PNG or JPEG; at most 20 MB)"), required=False
    )

    def sebutan(self) -> list[str]:
        return _kode_list(self.cleaned_data.get("sebut", ""))

    def sebutan_lembaga(self) -> list[str]:
        return _kode_list(self.cleaned_data.get("sebut_lembaga", ""))


class _TahapanField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.pemilu.label}: {obj.kode} {obj.label}"


class MateriForm(forms.Form):
    judul = forms.CharField(label=_("Title"), max_length=200)
    penjelasan = forms.CharField(
        label=_("Explanation in plain Indonesian (plain text)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    jenis = forms.ChoiceField(label=_("Kind"), choices=JenisMateri.choices)
    tahapan = _TahapanField(
        label=_("Stages"),
        queryset=Tahapan.objects.select_related("pemilu").order_by("pemilu__slug", "urutan"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    regulasi = forms.ModelMultipleChoiceField(
        label=_("Regulations (optional)"),
        queryset=Regulasi.objects.order_by("-tahun", "jenis", "nomor"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    berkas = forms.FileField(
        label=_("File (PDF, PPTX, DOCX, PNG or JPEG; at most 20 MB)"), required=False
    )
    tautan_video = forms.CharField(
        label=_("Video link (https://…; only for a video link)"), required=False, max_length=500
    )
    kerahasiaan = forms.ChoiceField(
        label=_("Confidentiality (only PUBLIC materials appear on the public portal)"),
        choices=Kerahasiaan.choices,
        initial=Kerahasiaan.PUBLIC,
    )
    terbit = forms.BooleanField(label=_("Published"), required=False, initial=True)


class _TahapanPilih(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.pemilu.label}: {obj.kode} {obj.label}"


class MateriFilterForm(forms.Form):
    tahapan = _TahapanPilih(
        label=_("Stage"),
        queryset=Tahapan.objects.select_related("pemilu").order_by("pemilu__slug", "urutan"),
        required=False,
    )
    jenis = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *JenisMateri.choices], required=False
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class WebhookForm(forms.Form):
    """Add a webhook (system admins also choose the organization) or change its address.
    The address is checked by `services.webhook_periksa_url`; the secret is made by the
    server."""

    url = forms.CharField(
        label=_("Address (https)"),
        max_length=500,
        widget=forms.URLInput(
            attrs={"placeholder": "https://contoh.go.id/sinergi/webhook", "inputmode": "url"}
        ),
    )
    lembaga = forms.ModelChoiceField(label=_("Organization"), queryset=None, required=False)

    def __init__(self, *args, lembaga_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lembaga_qs is None:
            del self.fields["lembaga"]
        else:
            self.fields["lembaga"].queryset = lembaga_qs
            self.fields["lembaga"].required = True
