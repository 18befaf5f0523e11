"""Elections (Pemilu, Pemilihan) and their stages (tahapan) with dates and legal basis."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import NamaDuaBahasa, TimestampedModel
from sinergi.tahapan.choices import JenisPemilu, KategoriTahapan, Keyakinan, StatusPemilu


class Pemilu(NamaDuaBahasa, TimestampedModel):
    """One election: a general election (Pemilu) or a regional head election (Pemilihan)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    jenis = models.CharField(_("kind"), max_length=20, choices=JenisPemilu.choices)
    nama = models.CharField(_("name"), max_length=200)
    nama_en = models.CharField(_("English name"), max_length=200, blank=True)
    hari_pemungutan = models.DateField(_("voting day"), null=True, blank=True)
    dasar_hukum = models.CharField(_("legal basis"), max_length=300, blank=True)
    keterangan = models.TextField(_("description"), blank=True)
    tahapan_uu = models.JSONField(
        _("statutory list of stages"),
        default=list,
        blank=True,
        help_text=_('The stages as the statute lists them: [{"butir": "a", "teks": "..."}].'),
    )
    sumber_tahapan_uu = models.CharField(
        _("source of the statutory list"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusPemilu.choices,
        default=StatusPemilu.RESMI,
        help_text=_("A draft is shown only labelled as not yet official."),
    )
    pkpu_jadwal = models.CharField(
        _("KPU regulation setting the schedule"),
        max_length=200,
        blank=True,
        help_text=_("For example PKPU 3/2022; required to publish a draft."),
    )
    sumber = models.TextField(_("source"), blank=True)
    keyakinan = models.CharField(
        _("confidence"), max_length=1, choices=Keyakinan.choices, default=Keyakinan.TINGGI
    )

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-hari_pemungutan", "slug"]

    def __str__(self) -> str:
        return self.label

    @property
    def rancangan(self) -> bool:
        """True while the schedule is a draft that no KPU regulation has set yet."""
        return self.status == StatusPemilu.RANCANGAN


class Tahapan(NamaDuaBahasa, TimestampedModel):
    """A stage or sub-stage of an election, with inclusive start and end dates.

    Some stages have no calendar date, only a rule ("at the latest 3 days after the
    Constitutional Court ruling"): they keep the rule in `aturan_waktu` and, once known, the
    real date in `tanggal_aktual`. Dates are never invented.
    """

    pemilu = models.ForeignKey(
        Pemilu, verbose_name=_("election"), on_delete=models.CASCADE, related_name="tahapan"
    )
    induk = models.ForeignKey(
        "self",
        verbose_name=_("parent stage"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="anak",
    )
    kode = models.CharField(_("code"), max_length=20)
    nama = models.CharField(_("name"), max_length=300)
    nama_en = models.CharField(_("English name"), max_length=300, blank=True)
    urutan = models.PositiveIntegerField(_("order"), default=0)
    tanggal_mulai = models.DateField(_("start date"), null=True, blank=True)
    tanggal_selesai = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Inclusive: the last day of the stage.")
    )
    aturan_waktu = models.TextField(
        _("timing rule"),
        blank=True,
        help_text=_("For stages without a calendar date, the rule that sets their timing."),
    )
    tanggal_aktual = models.DateField(
        _("actual date"),
        null=True,
        blank=True,
        help_text=_("When a rule-based stage actually happened, once known."),
    )
    deskripsi = models.TextField(_("description"), blank=True)
    dasar_hukum = models.CharField(_("legal basis"), max_length=300, blank=True)
    alasan_di_luar_induk = models.TextField(
        _("reason for lying outside the parent stage"),
        blank=True,
        help_text=_("Required when this sub-stage starts before or ends after its parent."),
    )
    sumber = models.TextField(_("source"), blank=True)
    catatan = models.TextField(_("notes"), blank=True)
    keyakinan = models.CharField(
        _("confidence"), max_length=1, choices=Keyakinan.choices, default=Keyakinan.TINGGI
    )
    kategori = models.CharField(
        _("category"),
        max_length=12,
        choices=KategoriTahapan.choices,
        default=KategoriTahapan.TAHAPAN,
    )
    butir_uu = models.CharField(
        _("statutory item"),
        max_length=20,
        blank=True,
        help_text=_("The item of the statutory list this stage implements, e.g. a or f."),
    )
    mulai_efektif = models.DateField(
        _("effective start"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Computed: the scheduled start, else the actual date, else the sub-stages."),
    )
    selesai_efektif = models.DateField(
        _("effective end"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Computed: the scheduled end, else the latest of the sub-stages."),
    )
    indeks_cari = models.TextField(_("search index"), blank=True, editable=False)
    penanggung_jawab = models.JSONField(
        _("responsible organization types"),
        default=list,
        blank=True,
        help_text=_('Codes of organization types, e.g. ["kpu", "bawaslu"].'),
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["pemilu", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["pemilu", "kode"], name="tahapan_kode_unik_per_pemilu"),
            models.CheckConstraint(
                condition=models.Q(tanggal_mulai__isnull=True)
                | models.Q(tanggal_selesai__isnull=True)
                | models.Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                name="tahapan_selesai_setelah_mulai",
            ),
        ]
        indexes = [
            models.Index(
                fields=["pemilu", "tanggal_mulai", "tanggal_selesai"],
                name="tahapan_pemilu_tanggal_idx",
            ),
            models.Index(
                fields=["pemilu", "mulai_efektif", "selesai_efektif"],
                name="tahapan_pemilu_efektif_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.label}"

    @property
    def tanpa_tanggal(self) -> bool:
        """True for stages that only have a rule and no known date yet."""
        return self.mulai_efektif is None and self.selesai_efektif is None

    @property
    def tenggat(self) -> bool:
        """True for a stage that only has a deadline ("paling lambat"): an end and no start.

        It is never "running" on a day; it is listed among the deadlines instead.
        """
        return self.mulai_efektif is None and self.selesai_efektif is not None

    @property
    def jenis_waktu(self) -> str:
        """ "rentang" (a span of days), "tenggat" (a deadline only) or "aturan" (a rule only)."""
        if self.tenggat:
            return "tenggat"
        return "aturan" if self.tanpa_tanggal else "rentang"

    def sisa_hari(self, tanggal: dt.date) -> int | None:
        """Days left after `tanggal` until the (inclusive) end; 0 on the last day."""
        if self.selesai_efektif is None:
            return None
        return (self.selesai_efektif - tanggal).days

    def progres(self, tanggal: dt.date) -> int | None:
        """Percentage of the stage's days elapsed on `tanggal` (counting `tanggal`)."""
        if self.mulai_efektif is None or self.selesai_efektif is None:
            return None
        total = (self.selesai_efektif - self.mulai_efektif).days + 1
        done = (tanggal - self.mulai_efektif).days + 1
        return max(0, min(100, round(100 * done / total)))
