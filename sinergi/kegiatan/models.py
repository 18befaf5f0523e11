"""Socialization and coordination events: invitations, attendance, and what was said and decided."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core import waktu
from sinergi.core.models import Kerahasiaan, TimestampedModel
from sinergi.kegiatan.choices import (
    CaraHadir,
    JenisKegiatan,
    PeranUndangan,
    Sasaran,
    StatusKegiatan,
    StatusRSVP,
)


class Kegiatan(TimestampedModel):
    """One event, e.g. the KPU Jatim Sosialisasi Regulasi Tahapan Pemilu 2024 (8-9 Dec 2022).

    `mulai`/`selesai` are stored in UTC; they are entered and shown in the region's zone
    (`zona_waktu`, copied from the region when the event is saved by the services).
    """

    jenis = models.CharField(_("kind"), max_length=20, choices=JenisKegiatan.choices)
    judul = models.CharField(_("title"), max_length=300)
    penyelenggara = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        related_name="kegiatan_diselenggarakan",
    )
    penyelenggara_bersama = models.ManyToManyField(
        "pemangku.Lembaga",
        verbose_name=_("co-organizers"),
        blank=True,
        related_name="kegiatan_bersama",
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="kegiatan",
    )
    tempat = models.CharField(_("venue"), max_length=200, blank=True)
    alamat = models.CharField(_("address"), max_length=300, blank=True)
    lintang = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    bujur = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    tautan_daring = models.URLField(_("online link"), max_length=500, blank=True)
    mulai = models.DateTimeField(_("start"))
    selesai = models.DateTimeField(_("end"))
    zona_waktu = models.CharField(
        _("time zone"), max_length=4, choices=waktu.ZONA_CHOICES, default="WIB"
    )
    tahapan = models.ManyToManyField(
        "tahapan.Tahapan", verbose_name=_("stages covered"), blank=True, related_name="kegiatan"
    )
    regulasi = models.ManyToManyField(
        "regulasi.Regulasi",
        verbose_name=_("regulations covered"),
        blank=True,
        related_name="kegiatan",
    )
    sasaran = models.CharField(
        _("audience"), max_length=10, choices=Sasaran.choices, default=Sasaran.PEMANGKU
    )
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.RESTRICTED,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatusKegiatan.choices,
        default=StatusKegiatan.DIRENCANAKAN,
    )
    alasan_batal = models.TextField(_("reason for cancelling"), blank=True)
    deskripsi = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    notulen = models.TextField(_("minutes (notulen)"), blank=True)
    siaran_pers = models.TextField(
        _("press release draft"),
        blank=True,
        help_text=_("Empty: a draft is written from the record of the event."),
    )
    kode_hadir = models.CharField(
        _("check-in code"),
        max_length=12,
        unique=True,
        help_text=_("Walk-in participants type it on the self check-in form."),
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-mulai", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(selesai__gt=models.F("mulai")),
                name="kegiatan_selesai_setelah_mulai",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=StatusKegiatan.DIBATALKAN) | ~models.Q(alasan_batal=""),
                name="kegiatan_batal_beralasan",
            ),
        ]
        indexes = [
            models.Index(fields=["wilayah", "mulai"], name="kegiatan_wilayah_mulai_idx"),
            models.Index(fields=["kerahasiaan", "mulai"], name="kegiatan_rahasia_mulai_idx"),
        ]

    def __str__(self) -> str:
        return self.judul

    @property
    def mulai_lokal(self):
        return waktu.ke_lokal(self.mulai, self.zona_waktu)

    @property
    def selesai_lokal(self):
        return waktu.ke_lokal(self.selesai, self.zona_waktu)

    @property
    def dibatalkan(self) -> bool:
        return self.status == StatusKegiatan.DIBATALKAN


class Undangan(TimestampedModel):
    """An invitation of an organization (and, when known, a contact person) to an event.

    `token` is the personal, unguessable key of the RSVP link and the QR code.
    """

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("event"), on_delete=models.CASCADE, related_name="undangan"
    )
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="undangan_kegiatan",
    )
    kontak = models.ForeignKey(
        "pemangku.Kontak",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="undangan_kegiatan",
    )
    nama = models.CharField(_("name"), max_length=150, blank=True)
    jabatan = models.CharField(_("position"), max_length=150, blank=True)
    unit = models.CharField(_("unit"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    peran = models.CharField(
        _("role"), max_length=12, choices=PeranUndangan.choices, default=PeranUndangan.PESERTA
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    rsvp = models.CharField(
        _("RSVP"), max_length=8, choices=StatusRSVP.choices, default=StatusRSVP.BELUM
    )
    rsvp_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    catatan_rsvp = models.CharField(_("RSVP note"), max_length=300, blank=True)
    pengingat_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["kegiatan", "lembaga__jenis__urutan", "lembaga__wilayah_id", "lembaga__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["kegiatan", "lembaga", "kontak"],
                condition=models.Q(kontak__isnull=False),
                name="undangan_kontak_unik",
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "lembaga"],
                condition=models.Q(kontak__isnull=True),
                name="undangan_lembaga_unik",
            ),
        ]

    def __str__(self) -> str:
        siapa = self.nama or self.jabatan
        return f"{self.lembaga} — {siapa}" if siapa else str(self.lembaga)


class Kehadiran(models.Model):
    """One person checked in at an event: by QR code, by the event's code, or by the operator.

    `kunci` makes check-in idempotent: "u<invitation id>" for invitees, a normalized
    "name|organization" for walk-ins; it is unique per event.
    """

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("event"), on_delete=models.CASCADE, related_name="kehadiran"
    )
    undangan = models.OneToOneField(
        Undangan,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kehadiran",
    )
    kunci = models.CharField(_("key"), max_length=400, editable=False)
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kehadiran_kegiatan",
    )
    nama = models.CharField(_("name"), max_length=150)
    instansi = models.CharField(_("organization (as written)"), max_length=200)
    jabatan = models.CharField(_("position"), max_length=150, blank=True)
    cara = models.CharField(_("how"), max_length=8, choices=CaraHadir.choices)
    waktu = models.DateTimeField(_("checked in at"))
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance records")
        ordering = ["kegiatan", "instansi", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "kunci"], name="kehadiran_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.instansi})"


class Pernyataan(models.Model):
    """Who said what at the event (opening remarks, a speaker's key message)."""

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("event"), on_delete=models.CASCADE, related_name="pernyataan"
    )
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    pembicara = models.CharField(_("speaker"), max_length=150)
    jabatan = models.CharField(_("position"), max_length=200, blank=True)
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    isi = models.TextField(_("statement"))

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["kegiatan", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.pembicara}: {self.isi[:60]}"


def _lokasi_materi(instance, filename: str) -> str:
    # The stored name never reuses the uploaded one; the original is kept in `nama_berkas`.
    return f"kegiatan/materi/{instance.kegiatan_id}/{instance.berkas_id}"


class Materi(models.Model):
    """A file shown or handed out at the event, kept outside the web root.

    Only ever sent as a download (attachment) through an access-checked view.
    """

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materi"
    )
    judul = models.CharField(_("title"), max_length=200)
    berkas = models.FileField(_("file"), upload_to=_lokasi_materi, max_length=300)
    berkas_id = models.CharField(_("file id"), max_length=64, editable=False)
    nama_berkas = models.CharField(_("file name"), max_length=200)
    jenis_berkas = models.CharField(_("file type"), max_length=10)
    ukuran = models.PositiveIntegerField(_("size (bytes)"))
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["kegiatan", "created_at", "id"]

    def __str__(self) -> str:
        return self.judul


class Keputusan(models.Model):
    """A decision or agreement of the meeting; it becomes a follow-up (tindak_lanjut)."""

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("event"), on_delete=models.CASCADE, related_name="keputusan"
    )
    uraian = models.TextField(_("decision"))
    pemilik = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("owner organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tenggat = models.DateField(_("due date"), null=True, blank=True)
    tindak_lanjut_id = models.PositiveBigIntegerField(
        _("follow-up"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["kegiatan", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]
