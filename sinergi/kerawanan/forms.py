"""The small form to open a follow-up from a score or a TPS indicator."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TindakLanjutForm(forms.Form):
    judul = forms.CharField(label=_("Title"), max_length=200)
    lembaga = forms.TypedChoiceField(label=_("Owner organization"), coerce=int)
    tenggat_tanggal = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    uraian = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lembaga"].choices = [("", "—"), *pilihan]
