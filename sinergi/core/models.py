"""The shared kernel: base fields, confidentiality levels and the audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kerahasiaan(models.TextChoices):
    """Confidentiality level of an incident, assessment note, event or minute (DESIGN.md)."""

    PUBLIC = "PUBLIC", _("Public")
    RESTRICTED = "RESTRICTED", _("Restricted")
    CONFIDENTIAL = "CONFIDENTIAL", _("Confidential")


class NamaDuaBahasa:
    """Reference data with an Indonesian `nama` and an optional English `nama_en` (shipped in
    the app's `data/`): `label` is the name in the reader's language, and `str()` is `label`,
    so forms, selects and templates show English in English mode. Code and search keep using
    `nama`, the official Indonesian name. A model using it still defines `__str__` (returning
    `self.label`), to say so where the model is read."""

    nama: str
    nama_en: str

    @property
    def label(self) -> str:
        from sinergi.core.pesan import pilih_nama

        return pilih_nama(self.nama, self.nama_en)

    def __str__(self) -> str:
        return self.label


class TimestampedModel(models.Model):
    """Creation and last-change times, stored in UTC."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One write: who did what to which object, with the state before and after.

    Rows are only ever added (see `sinergi.core.audit.record`); nothing updates or deletes them.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Create")
        UPDATE = "update", _("Update")
        DELETE = "delete", _("Delete")
        LOGIN = "login", _("Log in")
        OTHER = "other", _("Other")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"
