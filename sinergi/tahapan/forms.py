"""Forms of the draft-election pages (system administrators only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.tahapan.choices import JenisPemilu
from sinergi.tahapan.models import Pemilu


class PemiluBaruForm(forms.Form):
    """A new draft election: a copy of an earlier one shifted to a new voting day, or the
    statute's periods relative to voting day."""

    CARA = [
        ("salin", _("Copy an earlier election, shifted to the new voting day")),
        ("uu", _("Periods the law sets relative to voting day (UU 7/2017)")),
    ]
    cara = forms.ChoiceField(label=_("How"), choices=CARA, initial="salin")
    sumber = forms.ModelChoiceField(
        label=_("Election to copy"),
        queryset=Pemilu.objects.order_by("-hari_pemungutan"),
        to_field_name="slug",
        required=False,
    )
    jenis = forms.ChoiceField(
        label=_("Kind"),
        choices=[(JenisPemilu.PEMILU, JenisPemilu.PEMILU.label)],
        initial=JenisPemilu.PEMILU,
        required=False,
    )
    slug = forms.SlugField(label=_("Slug"), max_length=60, initial="pemilu-2029")
    nama = forms.CharField(label=_("Name"), max_length=200)
    nama_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    hari_pemungutan = forms.DateField(
        label=_("Voting day"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("cara") == "salin" and not data.get("sumber"):
            self.add_error("sumber", _("Choose the election to copy."))
        return data


class TerbitkanForm(forms.Form):
    pkpu_jadwal = forms.CharField(label=_("KPU regulation setting the schedule"), max_length=200)
