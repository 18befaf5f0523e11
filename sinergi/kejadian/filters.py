"""One filter form for incident lists, used by the triage page and the API alike."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.kejadian.models import Keparahan, StatusKejadian, SumberLaporan
from sinergi.wilayah.forms import WilayahField

PILIHAN_STATUS = [("", _("All")), ("terbuka", _("Open (not resolved)")), *StatusKejadian.choices]


class FilterKejadian(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kategori = forms.CharField(label=_("Category"), required=False, max_length=40)
    status = forms.ChoiceField(label=_("Status"), choices=PILIHAN_STATUS, required=False)
    wilayah = WilayahField(required=False, help_text="")
    sumber = forms.ChoiceField(
        label=_("Source"), choices=[("", _("All")), *SumberLaporan.choices], required=False
    )
    keparahan = forms.ChoiceField(
        label=_("Severity"), choices=[("", _("All")), *Keparahan.choices], required=False
    )
    dari = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()
