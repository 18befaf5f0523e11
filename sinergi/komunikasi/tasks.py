"""Background work of komunikasi: delivering announcements (receipt rows, inbox items,
e-mails), reminders, e-mails of other notifications, and the daily digest."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sinergi.core import audit
from sinergi.core.pesan import Pesan
from sinergi.core.tasks import enqueue, periodic, task

logger = logging.getLogger("sinergi.komunikasi")
PERCOBAAN_MAKS = 3
JEDA_ULANG = dt.timedelta(minutes=10)


def jadwalkan(task_, *args, run_after: dt.datetime | None = None):
    return enqueue(task_, *args, run_after=run_after)


def _kirim_email(pesan: list[tuple[object, EmailMessage]]) -> dict[object, str]:
    """Send each message on one connection; returns the failures by key with the reason."""
    gagal: dict[object, str] = {}
    if not pesan:
        return gagal
    koneksi = get_connection(fail_silently=False)
    try:
        koneksi.open()
    except Exception as exc:
        return {k: str(exc)[:300] or exc.__class__.__name__ for k, _m in pesan}
    try:
        for key, msg in pesan:
            try:
                msg.connection = koneksi
                msg.send(fail_silently=False)
            except Exception as exc:
                gagal[key] = str(exc)[:300] or exc.__class__.__name__
    finally:
        koneksi.close()
    return gagal


def _email_pengumuman(p, email: str, *, pengingat: bool = False) -> EmailMessage:
    from sinergi.komunikasi.selectors import tautan_pengumuman, url_penuh

    subjek = (_("Reminder: %(judul)s") if pengingat else "%(judul)s") % {"judul": p.judul}
    baris = [p.lembaga.nama, "", p.judul, ""]
    if p.kerahasiaan == "CONFIDENTIAL":
        baris.append(_("This announcement is confidential; read it in Sinergi."))
    else:
        baris.append(p.isi)
    baris += ["", _("Open it in Sinergi: %(url)s") % {"url": url_penuh(tautan_pengumuman(p))}]
    if p.perlu_tanda_terima:
        baris.append(_("Please acknowledge that you have received it."))
    return EmailMessage(
        subject=subjek[:200],
        body="\n".join(baris),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )


@task()
def kirim_pengumuman(pengumuman_id: int) -> dict:
    """Deliver an announcement: one receipt and one inbox item per recipient (set-based),
    then e-mail those who want e-mail now. Failed e-mails are recorded per receipt and
    retried later; the announcement says "some deliveries failed" until they pass."""
    from sinergi.komunikasi.choices import JenisNotifikasi, ModeNotifikasi, StatusPengumuman
    from sinergi.komunikasi.models import Penerimaan, Pengumuman
    from sinergi.komunikasi.selectors import tautan_pengumuman
    from sinergi.komunikasi.services import _notifikasi_buat, audiens_pengguna, mode_notifikasi

    p = Pengumuman.objects.select_related("lembaga").filter(pk=pengumuman_id).first()
    if p is None:
        return {"penerima": 0}
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        qs = audiens_pengguna(
            jenis=p.audiens_jenis,
            tingkat=p.audiens_tingkat,
            wilayah=p.audiens_wilayah,
            peran=p.audiens_peran,
        )
        ada = Penerimaan.objects.filter(pengumuman=p).values("pengguna_id")
        baru = list(qs.exclude(pk__in=ada).values_list("pk", "lembaga_id"))
        Penerimaan.objects.bulk_create(
            [
                Penerimaan(pengumuman=p, pengguna_id=u, lembaga_id=lem, dikirim_at=now)
                for u, lem in baru
            ],
            batch_size=1000,
        )
        if baru:
            _notifikasi_buat(
                pengguna_ids=[u for u, _l in baru],
                jenis=JenisNotifikasi.PENGUMUMAN,
                judul=p.judul,
                isi=p.isi[:500],
                tautan=tautan_pengumuman(p),
            )
        if baru:
            antre_webhook_pengumuman(p, {lem for _u, lem in baru})
        jumlah = Penerimaan.objects.filter(pengumuman=p).count()
        Pengumuman.objects.filter(pk=p.pk).update(
            jumlah_penerima=jumlah, dikirim_at=p.dikirim_at or now
        )
    # E-mail outside the delivery transaction: a slow mail server never holds it open.
    with translation.override(settings.LANGUAGE_CODE):
        tunggu = list(
            Penerimaan.objects.filter(pengumuman=p, email_at__isnull=True)
            .exclude(pengguna__email="")
            .values_list("pk", "pengguna_id", "pengguna__email")
        )
        mode = mode_notifikasi([u for _pk, u, _e in tunggu], JenisNotifikasi.PENGUMUMAN)
        pesan = [
            (pk, _email_pengumuman(p, email))
            for pk, u, email in tunggu
            if mode[u] == ModeNotifikasi.EMAIL
        ]
        gagal = _kirim_email(pesan)
    terkirim = [pk for pk, _m in pesan if pk not in gagal]
    sekarang = timezone.now()
    # In slices: SQLite limits the parameters of one statement (32,766).
    for i in range(0, len(terkirim), 5000):
        Penerimaan.objects.filter(pk__in=terkirim[i : i + 5000]).update(
            email_at=sekarang, email_gagal=""
        )
    for pk, alasan in gagal.items():
        Penerimaan.objects.filter(pk=pk).update(email_gagal=alasan)
    percobaan = p.percobaan_email + 1
    status = StatusPengumuman.SEBAGIAN if gagal else StatusPengumuman.TERKIRIM
    Pengumuman.objects.filter(pk=p.pk).update(status=status, percobaan_email=percobaan)
    audit.record(
        actor=None,
        action="other",
        obj=p,
        after={"penerima": jumlah, "baru": len(baru), "email": len(terkirim), "gagal": len(gagal)},
        note="announcement delivered",
    )
    if gagal and percobaan < PERCOBAAN_MAKS:
        jadwalkan(kirim_pengumuman, p.pk, run_after=timezone.now() + JEDA_ULANG)
    return {"penerima": jumlah, "baru": len(baru), "email": len(terkirim), "gagal": len(gagal)}


@task()
def kirim_pengingat_pengumuman(pengumuman_id: int, pengguna_ids: list[int]) -> int:
    """Remind these recipients: an inbox item, and an e-mail for those who want it now."""
    from sinergi.akses.models import User
    from sinergi.komunikasi.choices import JenisNotifikasi, ModeNotifikasi
    from sinergi.komunikasi.models import Pengumuman
    from sinergi.komunikasi.selectors import tautan_pengumuman
    from sinergi.komunikasi.services import _notifikasi_buat, mode_notifikasi

    p = Pengumuman.objects.select_related("lembaga").filter(pk=pengumuman_id).first()
    if p is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        _notifikasi_buat(
            pengguna_ids=pengguna_ids,
            jenis=JenisNotifikasi.PENGINGAT,
            judul=Pesan(gettext_noop("Reminder: %(judul)s"), judul=p.judul),
            isi="",
            tautan=tautan_pengumuman(p),
        )
        mode = mode_notifikasi(pengguna_ids, JenisNotifikasi.PENGINGAT)
        email = dict(
            User.objects.filter(pk__in=pengguna_ids).exclude(email="").values_list("pk", "email")
        )
        pesan = [
            (u, _email_pengumuman(p, email[u], pengingat=True))
            for u in pengguna_ids
            if u in email and mode[u] == ModeNotifikasi.EMAIL
        ]
        gagal = _kirim_email(pesan)
    if gagal:
        logger.warning("Reminder e-mails failed for %s users of announcement %s", len(gagal), p.pk)
    return len(pengguna_ids)


@task()
def kirim_email_notifikasi(jenis: str, pengguna_ids: list[int], tautan: str) -> int:
    """E-mail the newest unsent notification of this kind and link to each user."""
    from sinergi.komunikasi.models import Notifikasi
    from sinergi.komunikasi.selectors import url_penuh

    daftar = list(
        Notifikasi.objects.filter(
            pengguna_id__in=pengguna_ids, jenis=jenis, tautan=tautan, email_at__isnull=True
        )
        .exclude(pengguna__email="")
        .select_related("pengguna")
    )
    with translation.override(settings.LANGUAGE_CODE):
        pesan = [
            (
                n.pk,
                EmailMessage(
                    subject=n.judul[:200],
                    body="\n".join(
                        x for x in [n.judul, "", n.isi, "", url_penuh(n.tautan) if n.tautan else ""]
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[n.pengguna.email],
                ),
            )
            for n in daftar
        ]
        gagal = _kirim_email(pesan)
    Notifikasi.objects.filter(pk__in=[k for k, _m in pesan if k not in gagal]).update(
        email_at=timezone.now()
    )
    return len(pesan) - len(gagal)


@periodic(hours=24)
@task()
def kirim_ringkasan_harian() -> int:
    """One digest e-mail per user of the unread notifications of the kinds they want as a
    daily digest. Returns how many e-mails were sent."""
    from sinergi.komunikasi.choices import ModeNotifikasi
    from sinergi.komunikasi.models import Notifikasi, PreferensiNotifikasi
    from sinergi.komunikasi.selectors import url_penuh

    ingin = set(
        PreferensiNotifikasi.objects.filter(mode=ModeNotifikasi.RINGKASAN).values_list(
            "pengguna_id", "jenis"
        )
    )
    if not ingin:
        return 0
    pengguna_ids = {u for u, _j in ingin}
    per_orang: dict[int, list] = defaultdict(list)
    for n in (
        Notifikasi.objects.filter(
            pengguna_id__in=pengguna_ids, email_at__isnull=True, dibaca_at__isnull=True
        )
        .exclude(pengguna__email="")
        .select_related("pengguna")
        .order_by("created_at")
    ):
        if (n.pengguna_id, n.jenis) in ingin:
            per_orang[n.pengguna_id].append(n)
    with translation.override(settings.LANGUAGE_CODE):
        pesan = []
        for uid, daftar in per_orang.items():
            baris = [_("Your Sinergi digest: %(n)s unread notifications.") % {"n": len(daftar)}]
            for n in daftar:
                baris += ["", f"- {n.judul}", url_penuh(n.tautan) if n.tautan else ""]
            pesan.append(
                (
                    uid,
                    EmailMessage(
                        subject=_("Sinergi daily digest"),
                        body="\n".join(baris),
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        to=[daftar[0].pengguna.email],
                    ),
                )
            )
        gagal = _kirim_email(pesan)
    ok = [n.pk for uid, d in per_orang.items() if uid not in gagal for n in d]
    Notifikasi.objects.filter(pk__in=ok).update(email_at=timezone.now())
    return len(pesan) - len(gagal)


WEBHOOK_PERCOBAAN_MAKS = 5


def antre_webhook_pengumuman(p, lembaga_ids: set[int]) -> int:
    """Queue one signed call per active webhook of the recipient organizations."""
    from sinergi.komunikasi.models import PengirimanWebhook, Webhook
    from sinergi.komunikasi.webhook import payload_pengumuman

    hooks = list(Webhook.objects.filter(is_active=True, lembaga_id__in=lembaga_ids))
    for h in hooks:
        log = PengirimanWebhook.objects.create(
            webhook=h,
            peristiwa="pengumuman.dikirim",
            payload=payload_pengumuman(p, {h.lembaga_id}),
        )
        jadwalkan(kirim_webhook, log.pk)
    return len(hooks)


@task()
def kirim_webhook(pengiriman_id: int) -> str:
    """Make one webhook call; on failure retry with a growing delay, up to 5 attempts."""
    from sinergi.komunikasi import webhook
    from sinergi.komunikasi.models import PengirimanWebhook

    log = PengirimanWebhook.objects.select_related("webhook").filter(pk=pengiriman_id).first()
    if log is None or log.status == PengirimanWebhook.Status.BERHASIL:
        return "skip"
    h = log.webhook
    log.percobaan += 1
    try:
        kode = webhook.kirim(h.url, h.rahasia, log.peristiwa, log.payload)
        galat = "" if 200 <= kode < 300 else f"HTTP {kode}"
    except OSError as exc:
        kode, galat = None, (str(exc) or exc.__class__.__name__)[:300]
    log.kode_http, log.galat = kode, galat
    if not galat:
        log.status, log.terkirim_at = PengirimanWebhook.Status.BERHASIL, timezone.now()
    else:
        log.status = PengirimanWebhook.Status.GAGAL
    log.save(update_fields=["percobaan", "kode_http", "galat", "status", "terkirim_at"])
    if galat and log.percobaan < WEBHOOK_PERCOBAAN_MAKS:
        jeda = dt.timedelta(minutes=2**log.percobaan)
        jadwalkan(kirim_webhook, log.pk, run_after=timezone.now() + jeda)
    return log.status
