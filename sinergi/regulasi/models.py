"""The legal catalogue: laws, KPU and Bawaslu regulations, decisions, and the stages they govern."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import TimestampedModel
from sinergi.regulasi.choices import (
    SINGKATAN,
    JenisRegulasi,
    JenisTautan,
    Keyakinan,
    StatusRegulasi,
    jenis_tautan,
)


class Regulasi(TimestampedModel):
    """One legal instrument, e.g. PKPU 15/2023 tentang Kampanye Pemilihan Umum."""

    jenis = models.CharField(_("kind"), max_length=20, choices=JenisRegulasi.choices)
    nomor = models.CharField(_("number"), max_length=40)
    tahun = models.PositiveSmallIntegerField(_("year"))
    judul = models.CharField(_("title"), max_length=500)
    tanggal_ditetapkan = models.DateField(_("date issued"), null=True, blank=True)
    tanggal_diundangkan = models.DateField(_("date promulgated"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusRegulasi.choices, default=StatusRegulasi.BERLAKU
    )
    mengubah = models.ManyToManyField(
        "self",
        verbose_name=_("amends"),
        symmetrical=False,
        blank=True,
        related_name="diubah_oleh",
    )
    mencabut = models.ManyToManyField(
        "self",
        verbose_name=_("revokes"),
        symmetrical=False,
        blank=True,
        related_name="dicabut_oleh",
    )
    mencabut_sebagian = models.ManyToManyField(
        "self",
        verbose_name=_("revokes part of"),
        symmetrical=False,
        blank=True,
        related_name="dicabut_sebagian_oleh",
        help_text=_("For a regulation that revokes some provisions or part of an annex."),
    )
    menetapkan = models.ManyToManyField(
        "self",
        verbose_name=_("enacts into law"),
        symmetrical=False,
        blank=True,
        related_name="ditetapkan_oleh",
        help_text=_("For a law that makes a Perppu into law."),
    )
    ringkasan = models.TextField(_("summary"), blank=True)
    tautan = models.URLField(_("official link"), max_length=500, blank=True)
    sumber = models.TextField(_("source"), blank=True)
    keyakinan = models.CharField(
        _("confidence"), max_length=1, choices=Keyakinan.choices, default=Keyakinan.TINGGI
    )
    tahapan = models.ManyToManyField(
        "tahapan.Tahapan", verbose_name=_("stages"), blank=True, related_name="regulasi"
    )
    indeks_cari = models.TextField(_("search index"), blank=True, editable=False)

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["-tahun", "jenis", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "nomor", "tahun"], name="regulasi_unik"),
        ]
        indexes = [models.Index(fields=["jenis", "tahun"], name="regulasi_jenis_tahun_idx")]

    def __str__(self) -> str:
        return self.sebutan

    @property
    def sebutan(self) -> str:
        """How people cite it: "PKPU 3/2022", "Putusan MK 90/PUU-XXI/2023"."""
        return f"{SINGKATAN.get(self.jenis, '')} {self.nomor}/{self.tahun}".strip()

    @property
    def jenis_tautan(self) -> str:
        """What the link points to: the document page, an official site, a copy, or news."""
        return jenis_tautan(self.tautan)

    @property
    def label_tautan(self) -> str:
        return str(JenisTautan(self.jenis_tautan).label) if self.tautan else ""

    @property
    def kunci(self) -> str:
        """A stable key for data files: "pkpu:3/2022"."""
        return f"{self.jenis}:{self.nomor}/{self.tahun}"
