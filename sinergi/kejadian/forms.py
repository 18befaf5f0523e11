"""Forms of the incident pages (the API validates with its schemas and the same services).

Times are typed as local wall-clock time (`datetime-local`) and read in the zone of the
chosen region."""

import hashlib
import json

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import Kerahasiaan
from sinergi.kejadian.models import Keparahan, StatusKejadian, SumberLaporan
from sinergi.wilayah.forms import WilayahField

MAKS_KUNCI = 100  # as the API's Idempotency-Key
FORMAT_WAKTU = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


# What the phone offers in its file picker (camera, gallery, documents); the server checks the
# content anyway (services.periksa_lampiran_banyak).
TERIMA_LAMPIRAN = "image/png,image/jpeg,image/webp,application/pdf,.png,.jpg,.jpeg,.webp,.pdf"


class BanyakBerkasInput(forms.FileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """Several files from one `<input type="file" multiple>`: a list (empty when none)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", BanyakBerkasInput(attrs={"multiple": True, "accept": TERIMA_LAMPIRAN})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        satu = super().clean
        berkas = data if isinstance(data, list | tuple) else [data] if data else []
        if not berkas:
            satu(None, initial)  # "required" when the field is
            return []
        return [satu(b, initial) for b in berkas]


def _sidik_berkas(berkas) -> list:
    """A file's name, size and content hash (read in chunks; the file is rewound)."""
    h = hashlib.sha256()
    for chunk in berkas.chunks():
        h.update(chunk)
    berkas.seek(0)
    return [berkas.name, berkas.size, h.hexdigest()]


class _Dasar(forms.Form):
    kategori = forms.ChoiceField(label=_("What happened"), choices=[])
    kode_wilayah = WilayahField(
        label=_("Where (village, district or regency)"),
        daftar="daftar-wilayah",
        help_text=_(
            "Type a name, e.g. Kebonsari, and pick from the list; a village or district is "
            "more precise. A code such as 35.19.01 works too."
        ),
    )
    waktu = forms.DateTimeField(
        label=_("When (local time of that region)"),
        input_formats=FORMAT_WAKTU,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    uraian = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who, what, where exactly. Do not write personal data you do not need."),
    )

    # Set by the page's script (sinergi/portal/static/portal/luring.js): one key per report,
    # kept when the report waits offline, so sending it again never makes a second incident.
    kunci_idempotensi = forms.CharField(
        required=False, max_length=MAKS_KUNCI, widget=forms.HiddenInput
    )

    def __init__(self, *args, kategori=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].choices = [("", "—"), *kategori]

    def isi(self) -> str:
        """What the report says, for "the same body" under an idempotency key: the cleaned
        fields (never the key or the CSRF token) and each file's name, size and content hash."""
        data = {}
        for name, value in sorted(self.cleaned_data.items()):
            if name in ("kunci_idempotensi", "situs"):
                continue
            if name == "lampiran":
                value = [_sidik_berkas(b) for b in value or []]
            data[name] = value
        return json.dumps(data, default=str, sort_keys=True)


class KejadianForm(_Dasar):
    """The staff report form: four fields first, the details folded away."""

    judul = forms.CharField(label=_("Short title"), max_length=200, required=False)
    keparahan = forms.ChoiceField(
        label=_("Severity"), choices=Keparahan.choices, initial=Keparahan.SEDANG
    )
    kerahasiaan = forms.ChoiceField(
        label=_("Confidentiality"), choices=Kerahasiaan.choices, initial=Kerahasiaan.RESTRICTED
    )
    sumber = forms.ChoiceField(
        label=_("Source"),
        choices=[
            ("", _("My organization")),
            *[c for c in SumberLaporan.choices if c[0] in {"media", "hotline"}],
        ],
        required=False,
    )
    kode_tps = forms.CharField(
        label=_("Polling station (village code-number)"),
        max_length=40,
        required=False,
        help_text=_("For example 35.19.01.2001-003."),
    )
    lat = forms.FloatField(label=_("Latitude"), required=False)
    lng = forms.FloatField(label=_("Longitude"), required=False)
    lampiran = BanyakBerkasField(
        label=_("Photos or PDF (up to 5 files, 10 MB each)"),
        required=False,
        help_text=_("You may choose several files at once."),
    )
    tahapan = forms.TypedChoiceField(
        label=_("Stage"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Empty: suggested from the date."),
    )

    def __init__(self, *args, tahapan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahapan"].choices = [("", "—"), *tahapan]


class PublikForm(_Dasar):
    """The public report form (no account). `situs` is a honeypot: people leave it empty."""

    nama_pelapor = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    kontak_pelapor = forms.CharField(
        label=_("Phone or email (optional)"),
        max_length=150,
        required=False,
        help_text=_("Only the organizations handling the report see it."),
    )
    situs = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)
    lampiran = BanyakBerkasField(
        label=_("Photos (up to 5, 10 MB each)"),
        required=False,
        help_text=_(
            "Optional. Location data stored in a photo (GPS) is removed; say the place above."
        ),
    )


class TransisiForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=StatusKejadian.choices)
    alasan = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MassalForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (StatusKejadian.TERVERIFIKASI, _("Verify")),
            (StatusKejadian.DITOLAK, _("Reject")),
        ],
    )
    alasan = forms.CharField(label=_("Reason"), max_length=2000)


class GabungForm(forms.Form):
    alasan = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class LampiranForm(forms.Form):
    berkas = forms.FileField(label=_("Photo or PDF (up to 10 MB)"))


class ImporForm(forms.Form):
    berkas = forms.FileField(label=_("CSV or XLSX file"))
