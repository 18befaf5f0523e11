"""Forms of the channel inbox (the filter form serves the page and the API alike)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sinergi.core.models import Kerahasiaan
from sinergi.kanal.models import JenisKanal, StatusPesan
from sinergi.kejadian.models import Keparahan


class FilterPesan(forms.Form):
    jenis = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All")), *JenisKanal.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *StatusPesan.choices], required=False
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    saya = forms.BooleanField(label=_("Assigned to me"), required=False)

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()


class JadikanKejadianForm(forms.Form):
    kategori = forms.ChoiceField(label=_("Category"), choices=[])
    tempat = forms.CharField(
        label=pgettext_lazy("where an incident happened", "Place"),
        max_length=200,
        help_text=_("Village, district or regency name, or its code, e.g. Kebonsari or 35.19.01."),
    )
    nomor_tps = forms.IntegerField(
        label=_("TPS number"), required=False, min_value=1, max_value=999
    )
    waktu = forms.DateTimeField(
        label=_("Time of the incident"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In your office's time zone; the message's time is filled in."),
    )
    uraian = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    keparahan = forms.ChoiceField(
        label=_("Severity"), choices=Keparahan.choices, initial=Keparahan.SEDANG
    )
    kerahasiaan = forms.ChoiceField(
        label=_("Confidentiality"), choices=Kerahasiaan.choices, initial=Kerahasiaan.RESTRICTED
    )

    def __init__(self, *args, kategori=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].choices = [("", "—"), *kategori]


class MassalPesanForm(forms.Form):
    aksi = forms.ChoiceField(
        label=_("Action"),
        choices=[("derau", _("Mark as noise")), ("tugaskan", _("Assign to"))],
    )
    pengguna = forms.IntegerField(label=_("Colleague"), required=False)
