"""Incidents (kejadian): reports of what goes wrong, their verification workflow, the duty
matrix that routes them to the organizations that must act, and early warning (rules, alerts,
subscriptions).

Times are stored in UTC; `zona_waktu` is the zone of the incident's region, in which they are
shown and entered.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.berkas import nama_acak
from sinergi.core.models import Kerahasiaan, NamaDuaBahasa, TimestampedModel
from sinergi.core.pesan import tampil
from sinergi.core.waktu import ZONA_CHOICES


class KategoriKejadian(NamaDuaBahasa, models.Model):
    """A category of the incident taxonomy (shipped in `data/kategori.csv`), e.g. politik uang."""

    kode = models.SlugField(_("code"), max_length=40, primary_key=True)
    nama = models.CharField(_("name"), max_length=120)
    nama_en = models.CharField(_("English name"), max_length=120, blank=True)
    uraian = models.TextField(_("description"), blank=True)
    urutan = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("incident category")
        verbose_name_plural = _("incident categories")
        ordering = ["urutan", "kode"]

    def __str__(self) -> str:
        return self.label


class PeranRute(models.TextChoices):
    UTAMA = "utama", _("Lead")
    PENDUKUNG = "pendukung", _("Support")


class RuteKategori(models.Model):
    """The duty matrix for incidents: which organization type handles a category (in a stage,
    or in every stage when `tahapan` is empty), with the time it has to act and the legal basis.
    Shipped in `data/rute_kategori.csv`; admins may add rows without a deploy."""

    kategori = models.ForeignKey(
        KategoriKejadian,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="rute",
    )
    jenis_lembaga = models.ForeignKey(
        "pemangku.JenisLembaga",
        verbose_name=_("organization type"),
        on_delete=models.CASCADE,
        related_name="rute_kejadian",
    )
    tahapan = models.ForeignKey(
        "tahapan.Tahapan",
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rute_kejadian",
        help_text=_("Empty: in every stage."),
    )
    peran = models.CharField(
        _("role"), max_length=10, choices=PeranRute.choices, default=PeranRute.UTAMA
    )
    tenggat_jam = models.PositiveIntegerField(
        _("hours to act"), default=24, help_text=_("The follow-up is due this many hours later.")
    )
    uraian_tugas = models.CharField(_("duty"), max_length=300, blank=True)
    dasar_hukum = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("incident routing (duty matrix)")
        verbose_name_plural = _("incident routing (duty matrix)")
        ordering = ["kategori__urutan", "peran", "jenis_lembaga__urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["kategori", "jenis_lembaga", "tahapan"],
                name="kejadian_rute_unik",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kategori_id} → {self.jenis_lembaga_id} ({self.peran})"


class StatusKejadian(models.TextChoices):
    DILAPORKAN = "dilaporkan", _("Reported")
    TERVERIFIKASI = "terverifikasi", _("Verified")
    DITOLAK = "ditolak", _("Rejected")
    DITANGANI = "ditangani", _("In handling")
    SELESAI = "selesai", _("Resolved")
    DIGABUNG = "digabung", _("Merged")


class SumberLaporan(models.TextChoices):
    PETUGAS = "petugas", _("Field officer")
    PEMANGKU = "pemangku", _("Stakeholder")
    PUBLIK = "publik", _("Public")
    MEDIA = "media", _("Media")
    HOTLINE = "hotline", _("Hotline")


class Keparahan(models.TextChoices):
    RENDAH = "rendah", _("Low")
    SEDANG = "sedang", _("Medium")
    TINGGI = "tinggi", _("High")
    KRITIS = "kritis", _("Critical")


class Kejadian(TimestampedModel):
    """One incident report. Public reports stay invisible until verified; merged duplicates keep
    their own row (status `digabung`, `induk` set) so no original report is ever lost."""

    ref = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    kategori = models.ForeignKey(
        KategoriKejadian,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        db_index=False,
        related_name="kejadian",
    )
    tahapan = models.ForeignKey(
        "tahapan.Tahapan",
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kejadian",
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        db_index=False,
        related_name="kejadian",
    )
    tps = models.ForeignKey(
        "wilayah.TPS",
        verbose_name=_("polling station (TPS)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
        related_name="kejadian",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lng = models.FloatField(_("longitude"), null=True, blank=True)
    waktu_kejadian = models.DateTimeField(_("time of the incident"))
    zona_waktu = models.CharField(_("time zone"), max_length=4, choices=ZONA_CHOICES)
    judul = models.CharField(_("title"), max_length=200, blank=True)
    uraian = models.TextField(_("description"))
    sumber = models.CharField(
        _("source"), max_length=10, choices=SumberLaporan.choices, default=SumberLaporan.PETUGAS
    )
    lembaga_pelapor = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("reporting organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kejadian_dilaporkan",
    )
    pelapor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A public reporter's name and contact: shown only to the organizations handling it.
    nama_pelapor = models.CharField(_("reporter's name"), max_length=150, blank=True)
    kontak_pelapor = models.CharField(_("reporter's contact"), max_length=150, blank=True)
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.RESTRICTED,
    )
    keparahan = models.CharField(
        _("severity"), max_length=8, choices=Keparahan.choices, default=Keparahan.SEDANG
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=StatusKejadian.choices,
        default=StatusKejadian.DILAPORKAN,
    )
    induk = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
        related_name="duplikat",
    )
    lembaga_verifikator = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
        related_name="kejadian_diverifikasi",
    )
    diverifikasi_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    dirutekan_at = models.DateTimeField(_("routed at"), null=True, blank=True)
    # Idempotent intake: one incident per (submitter, key); the body hash detects a replayed
    # key with a different body (answered 409).
    kunci_idempotensi = models.CharField(_("idempotency key"), max_length=100, blank=True)
    pengaju = models.CharField(
        _("submitter"), max_length=64, blank=True, help_text=_("Who owns the idempotency key.")
    )
    hash_isi = models.CharField(_("body hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-waktu_kejadian", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pengaju", "kunci_idempotensi"],
                condition=~models.Q(kunci_idempotensi=""),
                name="kejadian_idempotensi_unik",
            ),
            # A public report replayed from the phone's offline queue on another connection
            # (another address) is the same report when key and body match: one row, even
            # when both copies arrive at once. Also the index that finds it.
            models.UniqueConstraint(
                fields=["kunci_idempotensi", "hash_isi"],
                condition=models.Q(pengaju__startswith="ip:") & ~models.Q(kunci_idempotensi=""),
                name="kejadian_kunci_publik_unik",
            ),
        ]
        indexes = [
            models.Index(fields=["wilayah", "waktu_kejadian"], name="kejadian_wilayah_waktu_idx"),
            models.Index(fields=["status", "created_at"], name="kejadian_status_idx"),
            models.Index(fields=["kategori", "waktu_kejadian"], name="kejadian_kategori_idx"),
            # Each index costs every report on election day: the category and region keys are
            # served by the two indexes above, and the rarely set keys get partial indexes
            # that a report without them does not touch.
            models.Index(
                fields=["tps"], condition=models.Q(tps__isnull=False), name="kejadian_tps_idx"
            ),
            models.Index(
                fields=["induk"], condition=models.Q(induk__isnull=False), name="kejadian_induk_idx"
            ),
            models.Index(
                fields=["lembaga_verifikator"],
                condition=models.Q(lembaga_verifikator__isnull=False),
                name="kejadian_verifikator_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.judul or f"{self.kategori_id} {self.wilayah_id}"


class RiwayatStatus(models.Model):
    """One status transition of an incident, with the reason (also in the audit trail)."""

    kejadian = models.ForeignKey(
        Kejadian, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="riwayat"
    )
    dari = models.CharField(_("from"), max_length=14, choices=StatusKejadian.choices, blank=True)
    ke = models.CharField(_("to"), max_length=14, choices=StatusKejadian.choices)
    alasan = models.TextField(_("reason"), blank=True)
    pelaku = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kejadian_id}: {self.dari} → {self.ke}"


def _lokasi_lampiran(instance, filename: str) -> str:
    return nama_acak("kejadian/lampiran", filename)


class LampiranKejadian(models.Model):
    """Evidence attached to an incident (photos, documents), checked like event materials."""

    kejadian = models.ForeignKey(
        Kejadian, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="lampiran"
    )
    berkas = models.FileField(_("file"), upload_to=_lokasi_lampiran, max_length=200)
    nama = models.CharField(_("file name"), max_length=200)
    jenis_mime = models.CharField(_("type"), max_length=100, blank=True)
    ukuran = models.PositiveIntegerField(_("size"), default=0)
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
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.nama


class ImporKejadian(TimestampedModel):
    """A bulk import of incidents uploaded on the import page: the stored file, and the state
    the task runner records while it checks and writes it (the status page polls this row).
    Only the user who uploaded it may see it."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Waiting")
        BERJALAN = "berjalan", _("Running")
        SELESAI = "selesai", _("Done")
        GAGAL = "gagal", _("Failed")

    berkas = models.CharField(_("stored file"), max_length=300)
    nama_asli = models.CharField(_("original name"), max_length=200)
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
    jumlah = models.PositiveIntegerField(_("incidents imported"), default=0)
    pesan = models.TextField(_("message"), blank=True)
    kesalahan = models.JSONField(_("errors"), default=list)

    class Meta:
        verbose_name = _("incident import")
        verbose_name_plural = _("incident imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.nama_asli

    @property
    def berlangsung(self) -> bool:
        return self.status in {self.Status.ANTRI, self.Status.BERJALAN}


# --- Early warning ---------------------------------------------------------------------------


class JenisAturan(models.TextChoices):
    LONJAKAN = "lonjakan", _("Spike: at least N incidents in T days")
    DI_ATAS_BASELINE = "di_atas_baseline", _("Rate well above the region's baseline")
    RAWAN_TANPA_KOORDINASI = (
        "rawan_tanpa_koordinasi",
        _("High-vulnerability region, stage starting soon, no recent coordination event"),
    )
    TINDAK_LANJUT_TERLAMBAT = "tindak_lanjut_terlambat", _("Overdue follow-ups")
    TENGGAT_TAHAPAN = "tenggat_tahapan", _("Stage deadline with open follow-ups")


class AturanPeringatan(NamaDuaBahasa, TimestampedModel):
    """An early-warning rule as data: its kind, parameters (JSON, e.g. {"n": 5, "hari": 3}),
    optional category, the region level it is evaluated at and the severity of its alerts."""

    kode = models.SlugField(_("code"), max_length=60, unique=True)
    nama = models.CharField(_("name"), max_length=200)
    nama_en = models.CharField(_("English name"), max_length=200, blank=True)
    jenis = models.CharField(_("kind"), max_length=30, choices=JenisAturan.choices)
    kategori = models.ForeignKey(
        KategoriKejadian,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="aturan",
        help_text=_("Empty: every category."),
    )
    tingkat_wilayah = models.CharField(_("region level"), max_length=16, default="kabupaten_kota")
    parameter = models.JSONField(_("parameters"), default=dict, blank=True)
    keparahan = models.CharField(
        _("severity"), max_length=8, choices=Keparahan.choices, default=Keparahan.TINGGI
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("early-warning rule")
        verbose_name_plural = _("early-warning rules")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.label


class StatusPeringatan(models.TextChoices):
    AKTIF = "aktif", _("Active")
    DITANGANI = "ditangani", _("Acknowledged")
    DITUTUP = "ditutup", _("Closed")


# What the figures of an alert (`Peringatan.data`, written by the rules in peringatan.py) mean.
LABEL_DATA = {
    "jumlah": _("count"),
    "ambang": _("threshold"),
    "hari": _("days"),
    "sejak": _("since"),
    "rata_rata": _("average"),
    "faktor": _("factor"),
    "periode": _("period"),
    "ikp": _("vulnerability index"),
    "kerangka": _("framework"),
    "skor": _("score"),
    "kategori": _("category"),
    "tahapan": _("stage"),
    "tahapan_mulai": _("stage starts"),
    "tahapan_selesai": _("stage ends"),
    "hari_kegiatan": _("days looked back for a coordination event"),
}


class Peringatan(TimestampedModel):
    """An alert raised by a rule for a region. `kunci` makes raising idempotent: the runner
    evaluates the rules again and again, and one situation raises one alert."""

    aturan = models.ForeignKey(
        AturanPeringatan,
        verbose_name=_("rule"),
        on_delete=models.PROTECT,
        related_name="peringatan",
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="peringatan",
    )
    kategori = models.ForeignKey(
        KategoriKejadian,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="peringatan",
    )
    judul = models.CharField(_("title"), max_length=250)
    # The title as a message (sinergi.core.pesan), shown in the reader's language; `judul`
    # keeps the Indonesian text (search, e-mail, webhooks, alerts raised before).
    judul_pesan = models.JSONField(_("title message"), null=True, blank=True)
    uraian = models.TextField(_("description"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    keparahan = models.CharField(
        _("severity"), max_length=8, choices=Keparahan.choices, default=Keparahan.TINGGI
    )
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.RESTRICTED,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusPeringatan.choices, default=StatusPeringatan.AKTIF
    )
    kunci = models.CharField(_("key"), max_length=200, unique=True)
    # The last acknowledge/close: who, when and why (the full history is in the audit trail).
    status_alasan = models.TextField(_("reason"), blank=True)
    status_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_at = models.DateTimeField(_("status changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["wilayah", "status"], name="kejadian_peringatan_wil_idx")]

    def __str__(self) -> str:
        return self.judul

    @property
    def judul_tampil(self) -> str:
        """The title in the reader's (active) language."""
        return tampil(self.judul, self.judul_pesan)

    @property
    def data_tampil(self) -> list[tuple[str, str]]:
        """The situation's figures (`data`) as (label, value) in the reader's language."""

        def nilai(v) -> str:
            if isinstance(v, dict):
                return "; ".join(f"{LABEL_DATA.get(k, k)}: {x}" for k, x in v.items())
            return str(v)

        return [(str(LABEL_DATA.get(k, k)), nilai(v)) for k, v in (self.data or {}).items()]


class Langganan(models.Model):
    """An organization's subscription to alerts (of one rule or all, in a region subtree or
    its own), by email now, by its signed webhook, and/or in a daily digest."""

    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="langganan_peringatan",
    )
    aturan = models.ForeignKey(
        AturanPeringatan,
        verbose_name=_("rule"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="langganan",
        help_text=_("Empty: every rule."),
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the organization's own region."),
    )
    email = models.BooleanField(_("email at once"), default=True)
    webhook = models.BooleanField(_("signed webhook"), default=False)
    ringkasan_harian = models.BooleanField(_("daily digest"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["lembaga", "aturan", "wilayah"],
                name="kejadian_langganan_unik",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lembaga} ← {self.aturan or '*'}"


PERISTIWA_WEBHOOK = "peringatan.baru"  # the event of an alert's webhook call


class PengirimanPeringatan(models.Model):
    """The delivery log of one alert to one subscribed organization by one channel."""

    class Saluran(models.TextChoices):
        EMAIL = "email", _("Email")
        WEBHOOK = "webhook", _("Webhook")
        RINGKASAN = "ringkasan", _("Daily digest")
        APLIKASI = "aplikasi", _("In the app")

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Waiting")
        BERHASIL = "berhasil", _("Delivered")
        GAGAL = "gagal", _("Failed")

    peringatan = models.ForeignKey(
        Peringatan, verbose_name=_("alert"), on_delete=models.CASCADE, related_name="pengiriman"
    )
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    saluran = models.CharField(_("channel"), max_length=10, choices=Saluran.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU
    )
    percobaan = models.PositiveSmallIntegerField(_("attempts"), default=0)
    galat = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    terkirim_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    pengiriman_webhook = models.ForeignKey(
        "komunikasi.PengirimanWebhook",
        verbose_name=_("webhook delivery"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["peringatan", "lembaga", "saluran"], name="kejadian_kirim_peringatan_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.peringatan_id} → {self.lembaga_id} ({self.saluran})"
