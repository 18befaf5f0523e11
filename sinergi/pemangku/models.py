"""Stakeholder organizations, their contact people, and the duty matrix (tupoksi)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import TimestampedModel
from sinergi.pemangku.choices import KelompokLembaga, TingkatLembaga


class JenisLembaga(models.Model):
    """An organization type (KPU, Bawaslu, Polri, …), kept as data so that more can be added."""

    kode = models.SlugField(_("code"), max_length=40, primary_key=True)
    nama = models.CharField(_("name"), max_length=120)
    nama_en = models.CharField(_("English name"), max_length=120, blank=True)
    kelompok = models.CharField(
        _("group"), max_length=20, choices=KelompokLembaga.choices, default=KelompokLembaga.LAINNYA
    )
    urutan = models.PositiveSmallIntegerField(_("order"), default=100)
    keterangan = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organization type")
        verbose_name_plural = _("organization types")
        ordering = ["urutan", "nama"]

    def __str__(self) -> str:
        return self.nama


class Lembaga(TimestampedModel):
    """An organization at a level and in a region, e.g. Bawaslu Kabupaten Madiun."""

    nama = models.CharField(_("name"), max_length=200)
    singkatan = models.CharField(_("abbreviation"), max_length=40, blank=True)
    jenis = models.ForeignKey(
        JenisLembaga, verbose_name=_("type"), on_delete=models.PROTECT, related_name="lembaga"
    )
    tingkat = models.CharField(_("level"), max_length=20, choices=TingkatLembaga.choices)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lembaga",
        help_text=_("Empty for national organizations."),
    )
    induk = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anak",
    )
    alamat = models.CharField(_("address"), max_length=300, blank=True)
    telepon = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    situs = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["jenis__urutan", "wilayah_id", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["jenis", "wilayah", "nama"], name="lembaga_unik_per_wilayah"
            ),
            models.UniqueConstraint(
                fields=["jenis", "nama"],
                condition=models.Q(wilayah__isnull=True),
                name="lembaga_nasional_unik",
            ),
        ]
        indexes = [models.Index(fields=["jenis", "tingkat"], name="lembaga_jenis_tingkat_idx")]

    def __str__(self) -> str:
        return self.nama


class Kontak(TimestampedModel):
    """A contact person at an organization (visible to signed-in stakeholders of its region)."""

    lembaga = models.ForeignKey(
        Lembaga, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="kontak"
    )
    nama = models.CharField(_("name"), max_length=150)
    jabatan = models.CharField(
        _("position"), max_length=150, help_text=_("For example Kasat Intelkam.")
    )
    unit = models.CharField(
        _("unit"),
        max_length=150,
        blank=True,
        help_text=_("For example Sat Intelkam, or Divisi Hukum dan Pengawasan."),
    )
    telepon = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["lembaga", "nama"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"
