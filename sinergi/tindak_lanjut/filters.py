"""One filter form for follow-up lists, used by the pages and the API alike."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.angka import AngkaField
from sinergi.tindak_lanjut.choices import StatusTindakLanjut
from sinergi.wilayah.forms import WilayahField

PILIHAN_STATUS = [("", _("Open and in progress")), ("semua", _("All")), *StatusTindakLanjut.choices]


class FilterTindakLanjut(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PILIHAN_STATUS, required=False)
    lembaga = AngkaField(label=_("Organization"), required=False)
    wilayah = WilayahField(required=False, help_text="")
    terlambat = forms.NullBooleanField(
        label=_("Overdue"),
        required=False,
        widget=forms.Select(choices=[("", "—"), ("true", _("Yes")), ("false", _("No"))]),
    )
    tenggat_sampai = forms.DateField(label=_("Due by"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
