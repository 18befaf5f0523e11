"""Forms of the event pages; they only parse input, the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.angka import AngkaField
from sinergi.core.models import Kerahasiaan
from sinergi.kegiatan.choices import JenisKegiatan, PeranUndangan, Sasaran
from sinergi.wilayah.forms import WilayahField


class WaktuLokalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class FilterKalender(forms.Form):
    """The calendar's numeric and region filters; text filters are read as they come."""

    wilayah = WilayahField(required=False, help_text="")
    tahapan = AngkaField(label=_("Stage"), required=False)
    tahun = AngkaField(label=_("Year"), required=False, max_value=9999)
    bulan = AngkaField(label=_("Month"), required=False, max_value=12)


class KegiatanForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Kind"), choices=JenisKegiatan.choices)
    judul = forms.CharField(label=_("Title"), max_length=300)
    wilayah = WilayahField(
        help_text=_(
            "Type a name, e.g. Ngawi, and pick from the list; a code such as 35.21 works too."
        )
    )
    mulai = forms.DateTimeField(
        label=_("Start (local time of the region)"),
        widget=WaktuLokalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    selesai = forms.DateTimeField(
        label=_("End (local time of the region)"),
        widget=WaktuLokalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    tempat = forms.CharField(label=_("Venue"), max_length=200, required=False)
    alamat = forms.CharField(label=_("Address"), max_length=300, required=False)
    lintang = forms.DecimalField(
        label=_("Latitude"), required=False, max_digits=9, decimal_places=6
    )
    bujur = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9, decimal_places=6)
    tautan_daring = forms.URLField(
        label=_("Online link"), required=False, max_length=500, assume_scheme="https"
    )
    tahapan = forms.MultipleChoiceField(label=_("Stages covered"), required=False)
    regulasi = forms.MultipleChoiceField(label=_("Regulations covered"), required=False)
    sasaran = forms.ChoiceField(label=_("Audience"), choices=Sasaran.choices)
    kerahasiaan = forms.ChoiceField(
        label=_("Confidentiality"), choices=Kerahasiaan.choices, initial=Kerahasiaan.RESTRICTED
    )
    deskripsi = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        from sinergi.regulasi.models import Regulasi
        from sinergi.tahapan.models import Tahapan

        super().__init__(*args, **kwargs)
        self.fields["tahapan"].choices = [
            (str(t.pk), f"{t.pemilu.label} · {t.kode} {t.label}")
            for t in Tahapan.objects.select_related("pemilu").order_by(
                "-pemilu__hari_pemungutan", "urutan", "kode"
            )
        ]
        self.fields["regulasi"].choices = [
            (str(r.pk), f"{r.sebutan} {r.judul}"[:160]) for r in Regulasi.objects.all()
        ]

    def clean_wilayah(self):
        from sinergi.wilayah.selectors import wilayah_get

        w = wilayah_get(self.cleaned_data["wilayah"])
        if w is None:
            raise forms.ValidationError(_("Unknown region code."))
        return w


class BatalForm(forms.Form):
    alasan = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class UndanganMassalForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Organization type"))
    wilayah = WilayahField(help_text="")
    tingkat = forms.ChoiceField(label=_("Level"), required=False)
    unit = forms.CharField(
        label=_("Unit or position"),
        required=False,
        max_length=150,
        help_text=_("e.g. Sat Intelkam, or Divisi Hukum dan Pengawasan."),
    )
    peran = forms.ChoiceField(
        label=_("Role"), choices=PeranUndangan.choices, initial=PeranUndangan.PESERTA
    )

    def __init__(self, *args, **kwargs):
        from sinergi.pemangku.choices import TingkatLembaga
        from sinergi.pemangku.models import JenisLembaga

        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [(j.kode, j.label) for j in JenisLembaga.objects.all()]
        self.fields["tingkat"].choices = [("", _("All levels")), *TingkatLembaga.choices]


class UndanganForm(forms.Form):
    kontak = forms.IntegerField(label=_("Contact id"), required=False, widget=forms.HiddenInput)
    lembaga = forms.IntegerField(label=_("Organization"), required=False)
    nama = forms.CharField(label=_("Name"), max_length=150, required=False)
    jabatan = forms.CharField(label=_("Position"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    peran = forms.ChoiceField(
        label=_("Role"), choices=PeranUndangan.choices, initial=PeranUndangan.PESERTA
    )


class HadirMandiriForm(forms.Form):
    kode = forms.CharField(label=_("Event code"), max_length=12)
    nama = forms.CharField(label=_("Your name"), max_length=150)
    instansi = forms.CharField(label=_("Organization"), max_length=200)
    jabatan = forms.CharField(label=_("Position"), max_length=150, required=False)
    # From the QR code at the venue: proves the code was read off the QR, not guessed.
    tanda = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class TamuForm(forms.Form):
    nama = forms.CharField(label=_("Name"), max_length=150)
    instansi = forms.CharField(label=_("Organization"), max_length=200)
    jabatan = forms.CharField(label=_("Position"), max_length=150, required=False)


class PernyataanForm(forms.Form):
    pembicara = forms.CharField(label=_("Speaker"), max_length=150)
    jabatan = forms.CharField(label=_("Position"), max_length=200, required=False)
    isi = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 3}))


class CatatanForm(forms.Form):
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    notulen = forms.CharField(
        label=_("Minutes (notulen)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )

    def __init__(self, *args, kegiatan_pk: int, **kwargs):
        super().__init__(*args, **kwargs)
        # What is typed is kept in the browser until saved (sinergi.js `data-draf`): pressing
        # "Add decision" or a lost connection does not lose the minutes.
        for nama in ("agenda", "notulen"):
            self.fields[nama].widget.attrs.update(
                {
                    "data-draf": f"kegiatan-{kegiatan_pk}-{nama}",
                    "data-draf-pulih": _("Your unsaved text was restored."),
                    "data-draf-buang": _("Back to the saved text"),
                }
            )


class MateriForm(forms.Form):
    judul = forms.CharField(label=_("Title"), max_length=200, required=False)
    berkas = forms.FileField(label=_("File (PDF, PPTX, DOCX, XLSX, PNG, JPEG; at most 20 MB)"))


class KeputusanForm(forms.Form):
    uraian = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    pemilik = forms.IntegerField(label=_("Owner organization"))
    tenggat = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SiaranPersForm(forms.Form):
    siaran_pers = forms.CharField(
        label=_("Press release"), widget=forms.Textarea(attrs={"rows": 16})
    )
