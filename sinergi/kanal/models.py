"""Message channels: reports that arrive by WhatsApp, SMS or e-mail, and the replies sent back.

Scope: every office (`pemangku.Lembaga`) that takes reports by message registers its
endpoints as `Saluran` rows (its WhatsApp Business phone number id, its SMS gateway phone's
number, its intake e-mail address). A message is owned by the organization of the endpoint it
was sent to, and only that organization's staff see it in their inbox (system admins see all;
a message to an endpoint nobody registered is theirs alone). The secrets that prove a webhook
came from Meta, the SMS gateway or the mail relay are deployment settings (`SINERGI_WA_*`,
`SINERGI_SMS_*`, `SINERGI_EMAIL_INTAKE_*`), not rows: one Meta app and one gateway secret per
deployment, many numbers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.berkas import nama_acak
from sinergi.core.models import TimestampedModel


class JenisKanal(models.TextChoices):
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class StatusPesan(models.TextChoices):
    BARU = "baru", _("New")
    DIJADIKAN_KEJADIAN = "dijadikan_kejadian", _("Made into an incident")
    DERAU = "derau", _("Noise")


class StatusKirim(models.TextChoices):
    ANTRI = "antri", _("Queued")
    TERKIRIM = "terkirim", _("Sent")
    GAGAL = "gagal", _("Failed")


class Saluran(TimestampedModel):
    """One office's endpoint on a channel. `alamat` is what the provider names it by: the
    WhatsApp Cloud API phone number id, the SMS gateway phone's number (+62…), or the intake
    e-mail address (lower case). Messages sent to it belong to `lembaga`."""

    jenis = models.CharField(_("channel"), max_length=10, choices=JenisKanal.choices)
    alamat = models.CharField(
        _("address"),
        max_length=254,
        help_text=_(
            "WhatsApp: the phone number ID from Meta's settings; SMS: the gateway phone's "
            "number (+62…); e-mail: the intake address."
        ),
    )
    nama = models.CharField(_("label"), max_length=150, blank=True)
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="saluran_pesan",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("channel endpoint")
        verbose_name_plural = _("channel endpoints")
        ordering = ["jenis", "alamat"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "alamat"], name="kanal_saluran_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nama or self.alamat}"


class PengirimTepercaya(TimestampedModel):
    """A sender address registered to a contact person: coded messages from it create the
    incident directly, acting as `pengguna` (a user of the contact's organization, whose
    role and region scope decide what the message may report)."""

    jenis = models.CharField(_("channel"), max_length=10, choices=JenisKanal.choices)
    alamat = models.CharField(
        _("sender address"),
        max_length=254,
        help_text=_("The phone number (+62…) or e-mail address the contact sends from."),
    )
    kontak = models.ForeignKey(
        "pemangku.Kontak",
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="pengirim_tepercaya",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acts as user"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The account of the contact's organization that reports for this sender."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("trusted sender")
        verbose_name_plural = _("trusted senders")
        ordering = ["jenis", "alamat"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "alamat"], name="kanal_pengirim_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.alamat} ({self.kontak_id})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.kontak_id
            and self.pengguna_id
            and self.pengguna.lembaga_id != self.kontak.lembaga_id
        ):
            raise ValidationError(
                {"pengguna": _("The user must belong to the contact's organization.")}
            )


class PesanMasuk(TimestampedModel):
    """One inbound message. (`jenis`, `id_eksternal`) is unique: a provider's retry or a
    replayed webhook never makes a second row."""

    jenis = models.CharField(_("channel"), max_length=10, choices=JenisKanal.choices)
    id_eksternal = models.CharField(_("message ID"), max_length=200)
    saluran = models.ForeignKey(
        Saluran,
        verbose_name=_("endpoint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pesan",
    )
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pesan_masuk",
        help_text=_("The office whose inbox holds it (that of the endpoint)."),
    )
    alamat_pengirim = models.CharField(_("sender"), max_length=254)
    nama_pengirim = models.CharField(_("sender's name"), max_length=150, blank=True)
    subjek = models.CharField(_("subject"), max_length=255, blank=True)
    isi = models.TextField(_("text"), blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lng = models.FloatField(_("longitude"), null=True, blank=True)
    diterima_at = models.DateTimeField(_("received at"))
    status = models.CharField(
        _("status"), max_length=20, choices=StatusPesan.choices, default=StatusPesan.BARU
    )
    pengirim_tepercaya = models.ForeignKey(
        PengirimTepercaya,
        verbose_name=_("trusted sender"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pesan",
    )
    kejadian = models.ForeignKey(
        "kejadian.Kejadian",
        verbose_name=_("incident"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pesan_kanal",
    )
    ditangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ditangani_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    ditugaskan_ke = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    catatan = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")
        ordering = ["-diterima_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "id_eksternal"], name="kanal_pesan_unik"),
        ]
        indexes = [
            models.Index(fields=["lembaga", "status", "-diterima_at"], name="kanal_pesan_kotak"),
        ]

    def __str__(self) -> str:
        # No sender or text here: this string lands in the audit trail (personal data).
        return f"{self.get_jenis_display()} #{self.pk}"


def _lokasi_lampiran(instance, filename: str) -> str:
    return nama_acak("kanal/lampiran", filename)


class LampiranPesan(models.Model):
    """An evidence file that came with a message (checked and cleaned like incident
    attachments: content matches the extension, image metadata such as EXIF removed)."""

    pesan = models.ForeignKey(
        PesanMasuk, verbose_name=_("message"), on_delete=models.CASCADE, related_name="lampiran"
    )
    berkas = models.FileField(_("file"), upload_to=_lokasi_lampiran, max_length=200)
    nama = models.CharField(_("file name"), max_length=200)
    jenis_mime = models.CharField(_("type"), max_length=100, blank=True)
    ukuran = models.PositiveIntegerField(_("size"), default=0)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message attachment")
        verbose_name_plural = _("message attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.nama


class PesanKeluar(TimestampedModel):
    """One reply sent back through a channel (the log: what, to whom, and whether it went)."""

    jenis = models.CharField(_("channel"), max_length=10, choices=JenisKanal.choices)
    alamat_tujuan = models.CharField(_("recipient"), max_length=254)
    isi = models.TextField(_("text"))
    pesan_masuk = models.ForeignKey(
        PesanMasuk,
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="balasan",
    )
    saluran = models.ForeignKey(
        Saluran,
        verbose_name=_("endpoint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusKirim.choices, default=StatusKirim.ANTRI
    )
    id_eksternal = models.CharField(_("message ID"), max_length=200, blank=True)
    galat = models.CharField(_("error"), max_length=500, blank=True)
    terkirim_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} → {self.alamat_tujuan}"
