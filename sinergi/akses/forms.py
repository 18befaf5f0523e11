"""Forms for the account pages; they parse input and leave every decision to services."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sinergi.akses import services
from sinergi.akses.backends import client_ip
from sinergi.akses.models import Peran
from sinergi.core.models import AuditEntry


class FormMasuk(AuthenticationForm):
    """The login form, with a clear message while sign-in is locked after failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The email address or password is wrong."),
        "terkunci": _(
            "Too many failed sign-in attempts. For your security, signing in is locked for "
            "15 minutes; try again later or reset your password."
        ),
    }

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        if services.masuk_terkunci(email=email, ip=client_ip(self.request)):
            raise ValidationError(self.error_messages["terkunci"], code="terkunci")
        return super().clean()


class FormToken(forms.Form):
    nama = forms.CharField(label=_("Name"), max_length=100)
    hari = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=services.TOKEN_HARI_MAKS, initial=90
    )
    read_only = forms.BooleanField(
        label=_("Read-only (cannot change anything)"), required=False, initial=True
    )


class FormUndang(forms.Form):
    email = forms.CharField(label=_("Email address"), max_length=254)
    nama = forms.CharField(label=_("Full name"), max_length=150, required=False)
    lembaga = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    peran = forms.ChoiceField(label=_("Role"), choices=Peran.choices, initial=Peran.PENGAMAT)

    def __init__(self, *args, lembaga_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lembaga"].queryset = lembaga_qs
        self.fields["lembaga"].error_messages["invalid_choice"] = _("Choose an organization.")
        self.fields["peran"].error_messages["invalid_choice"] = _("Choose a valid role.")


class FormAnggota(forms.Form):
    peran = forms.ChoiceField(label=_("Role"), choices=Peran.choices, required=False)
    aktif = forms.ChoiceField(
        label=_("Status"),
        choices=[("", "—"), ("1", _("Active")), ("0", _("Deactivated"))],
        required=False,
    )


class FormAudit(forms.Form):
    actor = forms.CharField(label=_("Actor (email)"), max_length=254, required=False)
    object_type = forms.CharField(label=_("Object type"), max_length=100, required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", "—"), *AuditEntry.Action.choices], required=False
    )
    sejak = forms.DateField(label=_("From"), required=False)
    sampai = forms.DateField(label=_("Until"), required=False)
