from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.akses.models import Peran
from sinergi.core.angka import AngkaField
from sinergi.core.models import Kerahasiaan
from sinergi.komunikasi.choices import JenisMateri, Prioritas
from sinergi.pemangku.choices import TingkatLembaga
from sinergi.regulasi.models import Regulasi
from sinergi.tahapan.models import Tahapan


def _jenis_choices():
    from sinergi.pemangku.models import JenisLembaga

    return [(j.kode, j.nama) for j in JenisLembaga.objects.order_by("urutan", "kode")]


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
    audiens_wilayah = forms.CharField(
        label=_("Region codes, comma-separated (empty: your whole scope)"),
        required=False,
        max_length=500,
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
            "wilayah": _kode_list(d.get("audiens_wilayah", "")),
            "peran": d.get("audiens_peran") or [],
        }


class PengumumanForm(AudiensForm):
    judul = forms.CharField(label=_("Title"), max_length=200)
    isi = forms.CharField(
        label=_("Text (plain text; line breaks are kept)"), widget=forms.Textarea(attrs={"rows": 8})
    )
    prioritas = forms.ChoiceField(label=_("Priority"), choices=Prioritas.choices)
    kerahasiaan = forms.ChoiceField(
        label=_("Confidentiality"), choices=Kerahasiaan.choices, initial=Kerahasiaan.RESTRICTED
    )
    perlu_tanda_terima = forms.BooleanField(label=_("Ask for an acknowledgement"), required=False)
    tahapan = AngkaField(label=_("Stage (id)"), required=False)
    regulasi = AngkaField(label=_("Regulation (id)"), required=False)
    kegiatan = AngkaField(label=_("Event (id)"), required=False)
    lampiran = forms.FileField(
        label=_("Attachment (PDF, PPTX, DOCX, XLSX, PNG or JPEG; at most 20 MB)"), required=False
    )


class UtasForm(forms.Form):
    judul = forms.CharField(label=_("Title"), max_length=200)
    topik = forms.CharField(label=_("Topic"), max_length=100, required=False)
    wilayah = forms.CharField(label=_("Region code (empty: your organization's)"), required=False)
    tahapan = AngkaField(label=_("Stage (id)"), required=False)
    kegiatan = AngkaField(label=_("Event (id)"), required=False)
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
        return f"{obj.pemilu.nama}: {obj.kode} {obj.nama}"


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
        return f"{obj.pemilu.nama}: {obj.kode} {obj.nama}"


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
