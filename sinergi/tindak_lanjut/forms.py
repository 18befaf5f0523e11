"""Forms of the follow-up pages (the API validates with its schemas and the same services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import Kerahasiaan
from sinergi.tindak_lanjut.choices import Prioritas, StatusTindakLanjut


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=StatusTindakLanjut.choices)
    alasan = forms.CharField(
        label=_("Reason (required to cancel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PembaruanForm(forms.Form):
    teks = forms.CharField(
        label=_("What was done"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    persentase = forms.IntegerField(
        label=_("Progress (%)"), required=False, min_value=0, max_value=100
    )
    berkas = forms.FileField(
        label=_("Evidence (PDF, image or Office file, up to 10 MB)"), required=False
    )


class TindakLanjutForm(forms.Form):
    judul = forms.CharField(label=_("Title"), max_length=200)
    uraian = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lembaga = forms.IntegerField(label=_("Owner organization"), widget=forms.Select)
    tenggat_tanggal = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    tenggat_jam = forms.TimeField(
        label=_("Due time (optional, local time)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    prioritas = forms.ChoiceField(
        label=_("Priority"), choices=Prioritas.choices, initial=Prioritas.SEDANG
    )
    kerahasiaan = forms.ChoiceField(
        label=_("Confidentiality"), choices=Kerahasiaan.choices, initial=Kerahasiaan.RESTRICTED
    )
