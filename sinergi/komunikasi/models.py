"""Announcements with read receipts, the inbox of notifications, and discussion rooms."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.berkas import nama_acak
from sinergi.core.models import Kerahasiaan, TimestampedModel
from sinergi.core.pesan import tampil
from sinergi.komunikasi.choices import (
    JenisMateri,
    JenisNotifikasi,
    ModeNotifikasi,
    Prioritas,
    StatusPengumuman,
)


class Pengumuman(TimestampedModel):
    """An announcement from one organization to an audience chosen by organization type x
    level x region x role; each recipient gets one `Penerimaan` row (the read receipt)."""

    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("author organization"),
        on_delete=models.PROTECT,
        related_name="pengumuman",
    )
    pembuat = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    judul = models.CharField(_("title"), max_length=200)
    isi = models.TextField(_("body"))
    prioritas = models.CharField(
        _("priority"), max_length=10, choices=Prioritas.choices, default=Prioritas.BIASA
    )
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.RESTRICTED,
    )
    perlu_tanda_terima = models.BooleanField(_("acknowledgement required"), default=False)
    audiens_jenis = models.JSONField(_("audience: organization types"), default=list)
    audiens_tingkat = models.JSONField(_("audience: levels"), default=list, blank=True)
    audiens_wilayah = models.JSONField(_("audience: regions"), default=list)
    audiens_peran = models.JSONField(_("audience: roles"), default=list, blank=True)
    tahapan = models.ForeignKey(
        "tahapan.Tahapan",
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    regulasi = models.ForeignKey(
        "regulasi.Regulasi",
        verbose_name=_("regulation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kegiatan = models.ForeignKey(
        "kegiatan.Kegiatan",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusPengumuman.choices,
        default=StatusPengumuman.MENGIRIM,
    )
    jumlah_penerima = models.PositiveIntegerField(_("recipients"), default=0)
    percobaan_email = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    dikirim_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.judul


class Penerimaan(models.Model):
    """One recipient of an announcement: delivered, read and acknowledged, with times."""

    pengumuman = models.ForeignKey(
        Pengumuman,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="penerimaan",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="penerimaan_pengumuman",
    )
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    dikirim_at = models.DateTimeField(_("delivered at"))
    email_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_gagal = models.CharField(_("e-mail failure"), max_length=300, blank=True)
    dibaca_at = models.DateTimeField(_("read at"), null=True, blank=True)
    diakui_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    diingatkan_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["pengumuman", "pengguna"], name="komunikasi_penerimaan_unik"
            )
        ]
        indexes = [models.Index(fields=["pengumuman", "dibaca_at"], name="komunikasi_baca_idx")]

    def __str__(self) -> str:
        return f"{self.pengumuman_id} → {self.pengguna_id}"


class Notifikasi(models.Model):
    """One item of a user's inbox: an announcement, a mention, an invitation, an alert …"""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifikasi",
    )
    jenis = models.CharField(_("kind"), max_length=20, choices=JenisNotifikasi.choices)
    judul = models.CharField(_("title"), max_length=250)
    isi = models.TextField(_("text"), blank=True)
    # The title and text as messages (sinergi.core.pesan), translated for the reader when shown;
    # `judul`/`isi` keep the Indonesian text (e-mail, search, rows written before).
    judul_pesan = models.JSONField(_("title message"), null=True, blank=True)
    isi_pesan = models.JSONField(_("text message"), null=True, blank=True)
    tautan = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    dibaca_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["pengguna", "dibaca_at"], name="komunikasi_notif_baca_idx")]

    def __str__(self) -> str:
        return self.judul

    @property
    def judul_tampil(self) -> str:
        """The title in the reader's (active) language."""
        return tampil(self.judul, self.judul_pesan)

    @property
    def isi_tampil(self) -> str:
        """The text in the reader's (active) language."""
        return tampil(self.isi, self.isi_pesan)


class PreferensiNotifikasi(models.Model):
    """How a user wants one kind of notification: in the app only, e-mail now, daily digest."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="preferensi_notifikasi",
    )
    jenis = models.CharField(_("kind"), max_length=20, choices=JenisNotifikasi.choices)
    mode = models.CharField(_("delivery"), max_length=10, choices=ModeNotifikasi.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["pengguna", "jenis"], name="komunikasi_pref_unik")
        ]

    def __str__(self) -> str:
        return f"{self.pengguna_id} {self.jenis}={self.mode}"


class Utas(TimestampedModel):
    """A discussion thread (ruang diskusi) attached to a stage, an event, a region or a topic."""

    judul = models.CharField(_("title"), max_length=200)
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    pembuat = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tahapan = models.ForeignKey(
        "tahapan.Tahapan",
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kegiatan = models.ForeignKey(
        "kegiatan.Kegiatan",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topik = models.CharField(_("topic"), max_length=100, blank=True)
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.RESTRICTED,
    )
    selesai = models.BooleanField(_("resolved"), default=False)
    kesimpulan = models.TextField(_("conclusion"), blank=True)
    selesai_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.judul


class Pos(models.Model):
    """One post in a thread; a moderator may hide it with a reason (audited)."""

    utas = models.ForeignKey(
        Utas, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="pos"
    )
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    isi = models.TextField(_("text"))
    disebut = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mentioned"), blank=True, related_name="+"
    )
    lembaga_disebut = models.ManyToManyField(
        "pemangku.Lembaga",
        verbose_name=_("mentioned organizations"),
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    disembunyikan = models.BooleanField(_("hidden"), default=False)
    alasan_sembunyi = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    disembunyikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["penulis", "created_at"], name="komunikasi_pos_flood_idx")]

    def __str__(self) -> str:
        return f"{self.utas_id}#{self.pk}"


class Webhook(models.Model):
    """An organization's outgoing webhook (e.g. its own WhatsApp Business gateway). Only an
    organization that configures one lets announcement content leave Sinergi; each request
    is signed with HMAC-SHA256 over `<timestamp>.<body>` with `rahasia`."""

    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("address"), max_length=500)
    rahasia = models.CharField(_("signing secret"), max_length=128)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return f"{self.lembaga} → {self.url}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.url.startswith("https://"):
            raise ValidationError({"url": _("The webhook address must start with https://.")})
        if len(self.rahasia) < 32:
            raise ValidationError(
                {"rahasia": _("The signing secret must be at least 32 characters.")}
            )


class PengirimanWebhook(models.Model):
    """The delivery log of one webhook call: payload, attempts, last answer."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Waiting")
        BERHASIL = "berhasil", _("Delivered")
        GAGAL = "gagal", _("Failed")

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="pengiriman"
    )
    peristiwa = models.CharField(_("event type"), max_length=40)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU
    )
    percobaan = models.PositiveSmallIntegerField(_("attempts"), default=0)
    kode_http = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    galat = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    terkirim_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.peristiwa} → {self.webhook_id} ({self.status})"


def _lokasi_lampiran(instance, filename: str) -> str:
    return nama_acak("komunikasi/lampiran", filename)


class LampiranDasar(models.Model):
    """What every stored attachment records besides its file and its owner."""

    nama_berkas = models.CharField(_("file name"), max_length=200)
    jenis_berkas = models.CharField(_("file type"), max_length=10)
    ukuran = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return self.nama_berkas


class LampiranPengumuman(LampiranDasar):
    """A file attached to an announcement (same file rules as event materials)."""

    pengumuman = models.ForeignKey(
        Pengumuman,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="lampiran",
    )
    berkas = models.FileField(_("file"), upload_to=_lokasi_lampiran, max_length=300)

    class Meta(LampiranDasar.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


def _lokasi_materi(instance, filename: str) -> str:
    return nama_acak("komunikasi/materi", filename)


class MateriSosialisasi(TimestampedModel):
    """A public socialization material (infographic, leaflet, slide deck, short explanation,
    video link) for one or more stages, which Kesbangpol, media and regency KPUs reuse to
    socialize the election to citizens. Only published PUBLIC materials reach the portal."""

    judul = models.CharField(_("title"), max_length=200)
    penjelasan = models.TextField(_("plain-language explanation"))
    jenis = models.CharField(_("kind"), max_length=12, choices=JenisMateri.choices)
    tahapan = models.ManyToManyField("tahapan.Tahapan", verbose_name=_("stages"), related_name="+")
    regulasi = models.ManyToManyField(
        "regulasi.Regulasi", verbose_name=_("regulations"), blank=True, related_name="+"
    )
    berkas = models.FileField(_("file"), upload_to=_lokasi_materi, max_length=300, blank=True)
    nama_berkas = models.CharField(_("file name"), max_length=200, blank=True)
    jenis_berkas = models.CharField(_("file type"), max_length=10, blank=True)
    ukuran = models.PositiveIntegerField(_("size (bytes)"), default=0)
    tautan_video = models.URLField(_("video link"), max_length=500, blank=True)
    lembaga = models.ForeignKey(
        "pemangku.Lembaga",
        verbose_name=_("author organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    pembuat = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kerahasiaan = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Kerahasiaan.choices,
        default=Kerahasiaan.PUBLIC,
    )
    terbit = models.BooleanField(_("published"), default=False)
    jumlah_unduhan = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("socialization material")
        verbose_name_plural = _("socialization materials")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["terbit", "kerahasiaan"], name="komunikasi_materi_terbit_idx")
        ]

    def __str__(self) -> str:
        return self.judul


class UnduhanMateri(models.Model):
    """Downloads of one material from one region on one day (one aggregate row, incremented
    with F()); `wilayah` empty means the region is unknown (tidak diketahui)."""

    materi = models.ForeignKey(
        MateriSosialisasi,
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="unduhan",
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    tanggal = models.DateField(_("date"))
    jumlah = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("material downloads")
        verbose_name_plural = _("material downloads")
        constraints = [
            models.UniqueConstraint(
                fields=["materi", "wilayah", "tanggal"],
                condition=models.Q(wilayah__isnull=False),
                name="komunikasi_unduhan_unik",
            ),
            models.UniqueConstraint(
                fields=["materi", "tanggal"],
                condition=models.Q(wilayah__isnull=True),
                name="komunikasi_unduhan_unik_tanpa_wilayah",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.materi_id} {self.wilayah_id or '-'} {self.tanggal}: {self.jumlah}"


def _lokasi_lampiran_pos(instance, filename: str) -> str:
    return nama_acak("komunikasi/pos", filename)


class LampiranPos(LampiranDasar):
    """A file attached to a post (same file rules as announcement attachments)."""

    pos = models.ForeignKey(
        Pos, verbose_name=_("post"), on_delete=models.CASCADE, related_name="lampiran"
    )
    berkas = models.FileField(_("file"), upload_to=_lokasi_lampiran_pos, max_length=300)

    class Meta(LampiranDasar.Meta):
        verbose_name = _("post attachment")
        verbose_name_plural = _("post attachments")
