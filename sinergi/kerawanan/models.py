"""Vulnerability frameworks as data, assessments per region and period, and TPS surveys.

A framework (Kerangka) holds dimensions → sub-dimensions → indicators with weights, a scoring
rule and category thresholds per region level. Frameworks that have results are locked: the next
version is a copy with its own slug, so old results stay explainable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import Kerahasiaan, NamaDuaBahasa, TimestampedModel


class AturanSkor(models.TextChoices):
    """How indicator values become a score."""

    RATA_TERTIMBANG = "rata_tertimbang", _("Weighted mean (weights sum to 1 at every level)")
    JUMLAH_POIN = "jumlah_poin", _("Sum of points of the indicators found (TPS checklist)")


class JenisKerangka(models.TextChoices):
    WILAYAH = "wilayah", _("Regional index")
    TPS = "tps", _("TPS checklist")


class TingkatPenilaian(models.TextChoices):
    """The level a threshold applies to: a region level, or a single TPS."""

    PROVINSI = "provinsi", _("Province")
    KABUPATEN_KOTA = "kabupaten_kota", _("Regency/city")
    KECAMATAN = "kecamatan", _("District")
    DESA = "desa", _("Village")
    TPS = "tps", _("TPS")


class Kategori(models.TextChoices):
    RENDAH = "rendah", _("Low")
    SEDANG = "sedang", _("Medium")
    TINGGI = "tinggi", _("High")
    KURANG_RAWAN = "kurang_rawan", _("Less vulnerable (kurang rawan)")
    RAWAN = "rawan", _("Vulnerable (rawan)")
    SANGAT_RAWAN = "sangat_rawan", _("Highly vulnerable (sangat rawan)")


class Kerangka(NamaDuaBahasa, TimestampedModel):
    """A vulnerability framework, e.g. IKP 2024 or the Pemilu 2024 TPS checklist."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    nama = models.CharField(_("name"), max_length=200)
    nama_en = models.CharField(_("English name"), max_length=200, blank=True)
    jenis = models.CharField(
        _("kind"), max_length=10, choices=JenisKerangka.choices, default=JenisKerangka.WILAYAH
    )
    pemilu = models.CharField(_("election"), max_length=100, blank=True)
    versi = models.PositiveSmallIntegerField(_("version"), default=1)
    sebelumnya = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versi_berikut",
    )
    tingkat = models.JSONField(
        _("levels"), default=list, help_text=_("The region levels the framework applies to.")
    )
    aturan = models.CharField(
        _("scoring rule"),
        max_length=20,
        choices=AturanSkor.choices,
        default=AturanSkor.RATA_TERTIMBANG,
    )
    presisi = models.PositiveSmallIntegerField(
        _("decimals"), default=2, help_text=_("Scores are rounded to this many decimals.")
    )
    skor_maks = models.DecimalField(_("maximum score"), max_digits=9, decimal_places=2, default=100)
    publik = models.BooleanField(_("public"), default=False)
    terkunci = models.BooleanField(
        _("locked"), default=False, help_text=_("Set once results exist; change a new version.")
    )
    sumber = models.TextField(_("source"), blank=True)
    catatan = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("vulnerability framework")
        verbose_name_plural = _("vulnerability frameworks")
        ordering = ["-created_at", "slug"]

    def __str__(self) -> str:
        return self.label


class Dimensi(NamaDuaBahasa, models.Model):
    """A dimension of a framework (for the TPS checklist: a variable)."""

    kerangka = models.ForeignKey(
        Kerangka, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="dimensi"
    )
    kode = models.CharField(_("code"), max_length=20)
    nama = models.CharField(_("name"), max_length=200)
    nama_en = models.CharField(_("English name"), max_length=200, blank=True)
    bobot = models.DecimalField(_("weight"), max_digits=7, decimal_places=4, default=0)
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["kerangka", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "kode"], name="dimensi_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.label}"


class SubDimensi(NamaDuaBahasa, models.Model):
    dimensi = models.ForeignKey(
        Dimensi, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="subdimensi"
    )
    kode = models.CharField(_("code"), max_length=20)
    nama = models.CharField(_("name"), max_length=200)
    nama_en = models.CharField(_("English name"), max_length=200, blank=True)
    bobot = models.DecimalField(_("weight"), max_digits=7, decimal_places=4, default=0)
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sub-dimension")
        verbose_name_plural = _("sub-dimensions")
        ordering = ["dimensi", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["dimensi", "kode"], name="subdimensi_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.label}"


class Indikator(NamaDuaBahasa, models.Model):
    """An indicator; its code is the column name in import templates."""

    subdimensi = models.ForeignKey(
        SubDimensi,
        verbose_name=_("sub-dimension"),
        on_delete=models.CASCADE,
        related_name="indikator",
    )
    kerangka = models.ForeignKey(
        Kerangka, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="indikator"
    )
    kode = models.CharField(_("code"), max_length=40)
    nama = models.CharField(_("name"), max_length=300)
    nama_en = models.CharField(_("English name"), max_length=300, blank=True)
    bobot = models.DecimalField(_("weight"), max_digits=7, decimal_places=4, default=0)
    nilai_min = models.DecimalField(_("minimum value"), max_digits=9, decimal_places=2, default=0)
    nilai_maks = models.DecimalField(
        _("maximum value"), max_digits=9, decimal_places=2, default=100
    )
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    catatan = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["kerangka", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "kode"], name="indikator_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.label}"


class Ambang(models.Model):
    """A category band for one level: scores from `batas_bawah` to `batas_atas` (rounded)."""

    kerangka = models.ForeignKey(
        Kerangka, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="ambang"
    )
    tingkat = models.CharField(_("level"), max_length=20, choices=TingkatPenilaian.choices)
    kategori = models.CharField(_("category"), max_length=20, choices=Kategori.choices)
    batas_bawah = models.DecimalField(_("lower bound"), max_digits=9, decimal_places=2)
    batas_atas = models.DecimalField(_("upper bound"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("category threshold")
        verbose_name_plural = _("category thresholds")
        ordering = ["kerangka", "tingkat", "batas_bawah"]
        constraints = [
            models.UniqueConstraint(
                fields=["kerangka", "tingkat", "kategori"], name="ambang_unik_per_tingkat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tingkat} {self.kategori}: {self.batas_bawah}-{self.batas_atas}"


# The demo writes this at the start of `sumber`; anything so marked is an invented value.
PENANDA_DEMO = "DATA DEMO"


def sintetis(sumber: str | None) -> bool:
    """True for a synthetic (demo) value, never to be read as Bawaslu's published data."""
    return bool(sumber) and sumber.startswith(PENANDA_DEMO)


class Penilaian(TimestampedModel):
    """An assessment: one region's indicator values for one period, with its computed score."""

    kerangka = models.ForeignKey(
        Kerangka, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="penilaian"
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="penilaian_kerawanan",
    )
    periode = models.CharField(_("period"), max_length=20)
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.RESTRICTED,
    )
    sumber = models.CharField(_("source"), max_length=300, blank=True)
    catatan = models.TextField(_("notes"), blank=True)
    skor = models.DecimalField(_("score"), max_digits=9, decimal_places=2, null=True)
    kategori = models.CharField(_("category"), max_length=20, choices=Kategori.choices, blank=True)
    rincian = models.JSONField(
        _("breakdown"), default=dict, help_text=_("Dimension and sub-dimension scores.")
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["kerangka", "periode", "-skor"]
        constraints = [
            models.UniqueConstraint(
                fields=["kerangka", "wilayah", "periode"], name="penilaian_unik"
            ),
        ]
        indexes = [models.Index(fields=["kerangka", "periode", "skor"], name="penilaian_skor_idx")]

    @property
    def sintetis(self) -> bool:
        """A demo value (see `PENANDA_DEMO`)."""
        return sintetis(self.sumber)

    def __str__(self) -> str:
        return f"{self.kerangka.slug} {self.wilayah_id} {self.periode}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        url = reverse("kerawanan:wilayah", args=[self.kerangka.slug, self.wilayah_id])
        return f"{url}?periode={self.periode}"


class NilaiIndikator(models.Model):
    penilaian = models.ForeignKey(
        Penilaian, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="nilai"
    )
    indikator = models.ForeignKey(
        Indikator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    nilai = models.DecimalField(_("value"), max_digits=9, decimal_places=2)
    sumber = models.CharField(_("source"), max_length=300, blank=True)
    catatan = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "indikator"], name="nilai_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id}={self.nilai}"


class SurveiTPS(TimestampedModel):
    """One TPS vulnerability survey (e.g. Bawaslu's 3-8 Feb 2024 mapping) for a region."""

    kerangka = models.ForeignKey(
        Kerangka, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="survei"
    )
    nama = models.CharField(_("name"), max_length=200)
    periode = models.CharField(_("period"), max_length=20)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for a national survey."),
    )
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.RESTRICTED,
    )
    jumlah_tps = models.PositiveIntegerField(_("TPS surveyed"), default=0)

    class Meta:
        verbose_name = _("TPS survey")
        verbose_name_plural = _("TPS surveys")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kerangka", "periode", "wilayah"], name="survei_tps_unik"
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class TemuanTPS(models.Model):
    """One surveyed TPS: the indicators found as a bit set (bit n-1 = indicator with urutan n)."""

    # No database-level foreign keys or single-column indexes here: a national survey writes
    # 820k rows at once and per-row FK checks cost more than the insert itself. The import
    # resolves every row against the registry (so the references are valid), Django cascades
    # deletes, and the unique (survei, tps) index serves lookups by survey. No (survei, kode_desa)
    # index either: region lists filter by code prefix (LIKE, which a btree under the database's
    # C.UTF-8 collation cannot serve) within the survey's range of the unique index, and
    # maintaining a text index over 820k inserted rows cost about as much as the insert.
    survei = models.ForeignKey(
        SurveiTPS,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="temuan",
        db_constraint=False,
        db_index=False,
    )
    tps = models.ForeignKey(
        "wilayah.TPS",
        verbose_name=_("TPS"),
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    kode_desa = models.CharField(_("village code"), max_length=13)
    indikator_bits = models.BigIntegerField(_("indicators found"), default=0)
    skor = models.DecimalField(_("points"), max_digits=9, decimal_places=2, default=0)
    kategori = models.CharField(_("category"), max_length=20, choices=Kategori.choices)

    class Meta:
        verbose_name = _("TPS finding")
        verbose_name_plural = _("TPS findings")
        constraints = [
            models.UniqueConstraint(fields=["survei", "tps"], name="temuan_tps_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.survei_id}/{self.tps_id}"


class RekapTPS(models.Model):
    """Per-indicator TPS counts for one region (district level and above, and the nation)."""

    survei = models.ForeignKey(
        SurveiTPS, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="rekap"
    )
    kode_wilayah = models.CharField(
        _("region code"), max_length=13, help_text=_("Empty for the nation.")
    )
    tingkat = models.CharField(_("level"), max_length=20)
    jumlah_tps = models.PositiveIntegerField(_("TPS"), default=0)
    jumlah = models.JSONField(_("counts per indicator"), default=list)
    kategori = models.JSONField(_("counts per category"), default=dict)

    class Meta:
        verbose_name = _("TPS summary")
        verbose_name_plural = _("TPS summaries")
        constraints = [
            models.UniqueConstraint(fields=["survei", "kode_wilayah"], name="rekap_tps_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.survei_id} {self.kode_wilayah or 'nasional'}"


class ImporBerkas(TimestampedModel):
    """An uploaded import file and the progress of its import (polled by the upload page)."""

    class Jenis(models.TextChoices):
        PENILAIAN = "penilaian", _("Assessments")
        TPS = "tps", _("TPS registry")
        SURVEI = "survei", _("TPS survey")

    class Status(models.TextChoices):
        ANTRI = "antri", _("Queued")
        BERJALAN = "berjalan", _("Running")
        SELESAI = "selesai", _("Done")
        GAGAL = "gagal", _("Failed")

    jenis = models.CharField(_("kind"), max_length=12, choices=Jenis.choices)
    berkas = models.CharField(_("file"), max_length=300)
    nama_asli = models.CharField(_("original name"), max_length=200)
    parameter = models.JSONField(_("parameters"), default=dict)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ANTRI
    )
    progres = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    tahap = models.CharField(_("stage"), max_length=100, blank=True)
    pesan = models.TextField(_("message"), blank=True)
    kesalahan = models.JSONField(_("errors"), default=list)

    class Meta:
        verbose_name = _("import file")
        verbose_name_plural = _("import files")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.nama_asli


class SorotanTPS(models.Model):
    """One TPS indicator in one region of a survey ("TPS with violence history in Kebonsari"):
    the object a follow-up opened from the TPS list points back to."""

    survei = models.ForeignKey(
        SurveiTPS, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sorotan"
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the whole nation."),
    )
    indikator = models.ForeignKey(
        Indikator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("TPS indicator in a region")
        verbose_name_plural = _("TPS indicators in a region")
        constraints = [
            models.UniqueConstraint(
                fields=["survei", "wilayah", "indikator"],
                name="sorotan_tps_unik",
            ),
        ]

    def __str__(self) -> str:
        tempat = self.wilayah.nama if self.wilayah_id else _("Indonesia")
        return f"{self.indikator.nama} · {tempat} · {self.survei.nama}"

    def get_absolute_url(self) -> str:
        from urllib.parse import urlencode

        from django.urls import reverse

        q = urlencode({"kode": self.wilayah_id or "", "indikator": self.indikator.kode})
        return f"{reverse('kerawanan:survei', args=[self.survei_id])}?{q}"
