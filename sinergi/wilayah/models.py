"""Indonesia's administrative regions with Kemendagri codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.wilayah.choices import Jenis, Tingkat, ZonaWaktu


class Wilayah(models.Model):
    """A province, regency/city, district or village, keyed by its dotted Kemendagri code."""

    kode = models.CharField(_("code"), max_length=13, primary_key=True)
    nama = models.CharField(_("name"), max_length=100, db_index=True)
    tingkat = models.CharField(_("level"), max_length=16, choices=Tingkat.choices)
    jenis = models.CharField(_("type"), max_length=16, choices=Jenis.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
    )
    zona_waktu = models.CharField(_("time zone"), max_length=4, choices=ZonaWaktu.choices)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lng = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kode"]
        indexes = [
            models.Index(fields=["tingkat", "induk"], name="wilayah_tingkat_induk_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(induk__isnull=True) | ~models.Q(tingkat="provinsi"),
                name="wilayah_provinsi_tanpa_induk",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def kode_leluhur(self) -> list[str]:
        """Codes of the ancestors, from the province down (not including this region)."""
        parts = self.kode.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]

    @property
    def kode_provinsi(self) -> str:
        return self.kode.split(".")[0]

    def mencakup(self, kode: str) -> bool:
        """Whether the region with `kode` is this region or lies below it."""
        return kode == self.kode or kode.startswith(self.kode + ".")


class KodeLama(models.Model):
    """An old code (e.g. Papua Barat Daya's 92.xx before 2025) and the region it now names."""

    kode_lama = models.CharField(_("old code"), max_length=13, primary_key=True)
    wilayah = models.ForeignKey(
        Wilayah, verbose_name=_("region"), on_delete=models.CASCADE, related_name="kode_lama"
    )
    sumber = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("old region code")
        verbose_name_plural = _("old region codes")
        ordering = ["kode_lama"]

    def __str__(self) -> str:
        return f"{self.kode_lama} → {self.wilayah_id}"


class TPS(models.Model):
    """A polling station (tempat pemungutan suara) in a village, numbered within that village."""

    desa = models.ForeignKey(
        Wilayah,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="tps",
        limit_choices_to={"tingkat": Tingkat.DESA},
    )
    nomor = models.PositiveIntegerField(_("number"))
    jumlah_pemilih = models.PositiveIntegerField(_("registered voters"), default=0)

    class Meta:
        verbose_name = _("polling station (TPS)")
        verbose_name_plural = _("polling stations (TPS)")
        ordering = ["desa", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["desa", "nomor"], name="tps_unik_per_desa"),
        ]

    def __str__(self) -> str:
        return f"TPS {self.nomor:03d} {self.desa_id}"
