"""Stakeholder organizations, their contact people, and the duty matrix (tupoksi)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import NamaDuaBahasa, TimestampedModel
from sinergi.pemangku.choices import TINGKAT_WILAYAH, KelompokLembaga, TingkatLembaga
from sinergi.pemangku.validators import validate_telepon
from sinergi.tahapan.choices import Keyakinan


class JenisLembaga(NamaDuaBahasa, models.Model):
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
        return self.label


PESAN_TINGKAT = {
    TingkatLembaga.PROVINSI: _("A provincial organization needs a province as its region."),
    TingkatLembaga.KABUPATEN_KOTA: _(
        "A regency/city organization needs a regency or city (kabupaten/kota) as its region."
    ),
    TingkatLembaga.KECAMATAN: _(
        "A district organization needs a district (kecamatan) as its region."
    ),
}


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
    telepon = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_telepon])
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

    def clean(self) -> None:
        """The region must be of the level the organization works at (none when national)."""
        super().clean()
        if not self.tingkat:
            return
        harus = TINGKAT_WILAYAH.get(self.tingkat)
        if harus is None:
            if self.wilayah_id:
                raise ValidationError(
                    {"wilayah": _("A national organization has no region; leave it empty.")}
                )
            return
        if not self.wilayah_id:
            raise ValidationError({"wilayah": PESAN_TINGKAT[self.tingkat]})
        if self.wilayah.tingkat != harus:
            raise ValidationError({"wilayah": PESAN_TINGKAT[self.tingkat]})
        if self.induk_id and self.induk_id == self.pk:
            raise ValidationError({"induk": _("An organization cannot be its own parent.")})


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
    telepon = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_telepon])
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["lembaga", "nama"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"


class Tupoksi(TimestampedModel):
    """One duty (tugas, pokok dan fungsi) of an organization type in a stage, with its legal basis.

    `tahapan` empty means the duty holds in every stage of `pemilu` (or of every election when
    `pemilu` is empty too). `keyakinan` is never higher than the source allows; when the article
    is our own reading rather than a sourced citation, `catatan` says so.
    """

    kode = models.SlugField(_("code"), max_length=60, unique=True)
    jenis = models.ForeignKey(
        JenisLembaga,
        verbose_name=_("organization type"),
        on_delete=models.CASCADE,
        related_name="tupoksi",
    )
    pemilu = models.ForeignKey(
        "tahapan.Pemilu",
        verbose_name=_("election"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tupoksi",
        help_text=_("Empty: the duty holds in every election."),
    )
    tahapan = models.ForeignKey(
        "tahapan.Tahapan",
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tupoksi",
        help_text=_("Empty: the duty holds in every stage."),
    )
    uraian = models.TextField(_("duty"))
    dasar_hukum = models.CharField(
        _("legal basis"), max_length=200, help_text=_("For example UU 7/2017.")
    )
    pasal = models.CharField(
        _("article"), max_length=200, help_text=_("For example Pasal 93 huruf b.")
    )
    keyakinan = models.CharField(
        _("confidence"), max_length=1, choices=Keyakinan.choices, default=Keyakinan.SEDANG
    )
    catatan = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Required unless the confidence is high: why it is not (e.g. our inference)."),
    )
    sumber = models.TextField(_("source"), blank=True)
    urutan = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("duty (tupoksi)")
        verbose_name_plural = _("duties (tupoksi)")
        ordering = ["jenis__urutan", "urutan", "kode"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(keyakinan=Keyakinan.TINGGI) | ~models.Q(catatan=""),
                name="tupoksi_catatan_bila_tidak_pasti",
            ),
        ]
        indexes = [models.Index(fields=["jenis", "tahapan"], name="tupoksi_jenis_tahapan_idx")]

    def __str__(self) -> str:
        return f"{self.jenis_id}: {self.uraian[:60]}"

    def clean(self) -> None:
        super().clean()
        if self.keyakinan != Keyakinan.TINGGI and not self.catatan.strip():
            raise ValidationError(
                {"catatan": _("Say why the confidence is not high (for example: our inference).")}
            )
        if self.tahapan_id and self.pemilu_id and self.tahapan.pemilu_id != self.pemilu_id:
            raise ValidationError({"tahapan": _("The stage belongs to another election.")})
