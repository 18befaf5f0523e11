"""Follow-ups (tindak lanjut): one mechanism for actions from meeting decisions, incidents and
risks. Each has an owner organization, a due time, a status, progress updates and escalation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.core.berkas import nama_acak
from sinergi.core.format import tanggal
from sinergi.core.models import Kerahasiaan, TimestampedModel
from sinergi.core.waktu import ZONA_CHOICES, format_lokal, ke_lokal
from sinergi.tindak_lanjut.choices import (
    STATUS_AKTIF,
    AlasanEskalasi,
    Prioritas,
    StatusTindakLanjut,
)


class TindakLanjut(TimestampedModel):
    """An action an organization must take by a due time, e.g. "Polres Madiun maps the
    vulnerable TPS before the campaign starts", with where it came from (`sumber`)."""

    judul = models.CharField(_("title"), max_length=200)
    uraian = models.TextField(_("description"), blank=True)
    # Where it came from: an event decision, an incident, a vulnerability score… (any model).
    sumber_jenis = models.ForeignKey(
        ContentType,
        verbose_name=_("source type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sumber_id = models.CharField(_("source id"), max_length=64, blank=True)
    sumber = GenericForeignKey("sumber_jenis", "sumber_id")
    sumber_label = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("How the source reads, kept even if the source is removed."),
    )
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("owner organization"),
        on_delete=models.PROTECT,
        related_name="tindak_lanjut",
    )
    lembaga_pembuat = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tindak_lanjut_dibuat",
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tindak_lanjut",
        help_text=_("Empty for national follow-ups."),
    )
    zona_waktu = models.CharField(_("time zone"), max_length=4, choices=ZONA_CHOICES, default="WIB")
    tenggat = models.DateTimeField(_("due"), db_index=True)
    tenggat_ada_jam = models.BooleanField(
        _("due at a set time"),
        default=False,
        help_text=_("Otherwise due at the end of the day in the region's time zone."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatusTindakLanjut.choices,
        default=StatusTindakLanjut.TERBUKA,
    )
    alasan_batal = models.TextField(_("reason for cancellation"), blank=True)
    selesai_pada = models.DateTimeField(_("closed at"), null=True, blank=True)
    prioritas = models.CharField(
        _("priority"), max_length=10, choices=Prioritas.choices, default=Prioritas.SEDANG
    )
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.RESTRICTED,
    )
    persentase = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    diakui_pada = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    diakui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dieskalasi_ke = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tindak_lanjut_eskalasi",
    )
    dieskalasi_pada = models.DateTimeField(_("escalated at"), null=True, blank=True)
    alasan_eskalasi = models.CharField(
        _("reason for escalation"), max_length=16, choices=AlasanEskalasi.choices, blank=True
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["tenggat", "id"]
        indexes = [
            models.Index(fields=["lembaga", "status", "tenggat"], name="tl_lembaga_status_idx"),
            models.Index(fields=["wilayah", "status"], name="tl_wilayah_status_idx"),
            models.Index(fields=["sumber_jenis", "sumber_id"], name="tl_sumber_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=StatusTindakLanjut.DIBATALKAN)
                | ~models.Q(alasan_batal=""),
                name="tl_batal_beralasan",
            ),
            models.CheckConstraint(
                condition=models.Q(persentase__lte=100), name="tl_persentase_maks_100"
            ),
        ]

    def __str__(self) -> str:
        return self.judul

    @property
    def is_aktif(self) -> bool:
        return self.status in STATUS_AKTIF

    @property
    def is_terlambat(self) -> bool:
        """Overdue: still open or in progress after its due time (derived, never stored)."""
        annotated = getattr(self, "terlambat", None)
        if annotated is not None:
            return bool(annotated)
        return self.is_aktif and self.tenggat < timezone.now()

    @property
    def tenggat_lokal(self):
        return ke_lokal(self.tenggat, self.zona_waktu)

    @property
    def tenggat_tampil(self) -> str:
        """The due date (and time, if one was set) in the region's zone, for people."""
        if self.tenggat_ada_jam:
            return format_lokal(self.tenggat, self.zona_waktu)
        return tanggal(self.tenggat_lokal)


def _path_bukti(instance: PembaruanTindakLanjut, filename: str) -> str:
    # The stored name never comes from the user; the original name is kept in `nama_berkas`.
    return nama_acak(f"tindak_lanjut/{timezone.now():%Y/%m}", filename)


class PembaruanTindakLanjut(models.Model):
    """A progress update on a follow-up: what was done, how far along, and optional evidence."""

    tindak_lanjut = models.ForeignKey(
        TindakLanjut,
        verbose_name=_("follow-up"),
        on_delete=models.CASCADE,
        related_name="pembaruan",
    )
    teks = models.TextField(_("update"))
    persentase = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    berkas = models.FileField(_("evidence"), upload_to=_path_bukti, blank=True, max_length=200)
    nama_berkas = models.CharField(_("file name"), max_length=200, blank=True)
    tipe_berkas = models.CharField(_("file type"), max_length=100, blank=True)
    ukuran_berkas = models.PositiveIntegerField(_("file size"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up update")
        verbose_name_plural = _("follow-up updates")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(persentase__isnull=True) | models.Q(persentase__lte=100),
                name="tl_pembaruan_persentase_maks_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tindak_lanjut_id}: {self.teks[:60]}"
