"""Background work of early warning: evaluate the rules every 5 minutes, deliver each new alert
to the subscribed organizations (inbox, e-mail, signed webhook), and a daily digest.

Every delivery is one `PengirimanPeringatan` row per (alert, organization, channel), so a task
that runs twice never delivers twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sinergi.core.pesan import Pesan
from sinergi.core.tasks import enqueue, periodic, task

logger = logging.getLogger("sinergi.kejadian")
EMAIL_PERCOBAAN_MAKS = 3
EMAIL_JEDA = dt.timedelta(minutes=10)


@periodic(minutes=5)
@task()
def evaluasi_peringatan() -> dict[str, list[int]]:
    """Evaluate every active early-warning rule; new alerts are delivered by `kirim_peringatan`."""
    from sinergi.kejadian.peringatan import evaluasi_semua

    return evaluasi_semua()


def tautan_peringatan(p) -> str:
    from django.urls import reverse

    return reverse("kejadian:peringatan_detail", args=[p.pk])


def _rahasia(p) -> bool:
    from sinergi.core.models import Kerahasiaan

    return p.kerahasiaan == Kerahasiaan.CONFIDENTIAL


def payload_peringatan(p) -> dict:
    """The JSON body of the `peringatan.baru` webhook (no details of a confidential alert)."""
    from sinergi.kejadian.models import PERISTIWA_WEBHOOK
    from sinergi.komunikasi.selectors import url_penuh

    rahasia = _rahasia(p)
    return {
        "peristiwa": PERISTIWA_WEBHOOK,
        "id": p.pk,
        "aturan": p.aturan.kode,
        "jenis": p.aturan.jenis,
        "kode_wilayah": p.wilayah_id,
        "kategori": p.kategori_id,
        "judul": _("Confidential alert") if rahasia else p.judul,
        "data": {} if rahasia else p.data,
        "keparahan": p.keparahan,
        "kerahasiaan": p.kerahasiaan,
        "dibuat": p.created_at.isoformat(),
        "tautan": url_penuh(tautan_peringatan(p)),
    }


def _cocok(langganan, p) -> bool:
    """A subscription covers the alert: its rule (or all), and its region subtree (default the
    organization's own region; a national organization: everything)."""
    from sinergi.akses.rules import SEMUA, kode_dalam

    if langganan.aturan_id and langganan.aturan_id != p.aturan_id:
        return False
    lembaga = langganan.lembaga
    root_lembaga = lembaga.wilayah_id or SEMUA
    root = langganan.wilayah_id or root_lembaga
    # Never beyond the organization's own scope, whatever the subscription says.
    if p.wilayah_id is None:
        return root_lembaga == SEMUA and root == SEMUA
    return kode_dalam(root_lembaga, p.wilayah_id) and kode_dalam(root, p.wilayah_id)


def _boleh_rahasia(lembaga) -> bool:
    from sinergi.akses.rules import KELOMPOK_PIMPINAN

    return lembaga.jenis.kelompok in KELOMPOK_PIMPINAN


def penerima_lembaga(p) -> dict[int, dict[str, bool]]:
    """The organizations subscribed to this alert and their channels (several subscriptions
    of one organization are merged). A CONFIDENTIAL alert only goes to organizers and
    supervisors (KPU, Bawaslu)."""
    from sinergi.kejadian.models import Langganan

    hasil: dict[int, dict[str, bool]] = {}
    for langganan in Langganan.objects.filter(lembaga__is_active=True).select_related(
        "lembaga__jenis"
    ):
        if not _cocok(langganan, p):
            continue
        if _rahasia(p) and not _boleh_rahasia(langganan.lembaga):
            continue
        saluran = hasil.setdefault(
            langganan.lembaga_id, {"email": False, "webhook": False, "ringkasan": False}
        )
        saluran["email"] |= langganan.email
        saluran["webhook"] |= langganan.webhook
        saluran["ringkasan"] |= langganan.ringkasan_harian
    return hasil


def _catat(p, lembaga_id: int, saluran: str, **kw):
    """The delivery row for (alert, organization, channel); None if it already exists."""
    from sinergi.kejadian.models import PengirimanPeringatan

    try:
        with transaction.atomic():
            return PengirimanPeringatan.objects.create(
                peringatan=p, lembaga_id=lembaga_id, saluran=saluran, **kw
            )
    except IntegrityError:
        return None


def _anggota(lembaga_id: int, *, rahasia: bool) -> list[int]:
    from sinergi.akses.models import User
    from sinergi.akses.rules import PERAN_PIMPINAN

    qs = User.objects.filter(lembaga_id=lembaga_id, is_active=True)
    if rahasia:
        qs = qs.filter(peran__in=PERAN_PIMPINAN)
    return list(qs.values_list("pk", flat=True))


@task()
def kirim_peringatan(peringatan_id: int) -> dict:
    """Deliver a new alert to each subscribed organization: an inbox item for its members
    (`komunikasi.notifikasi_kirim`, kind "peringatan"), an e-mail to the organization, and its
    signed webhook (`peringatan.baru`)."""
    from sinergi.kejadian.models import PERISTIWA_WEBHOOK, PengirimanPeringatan, Peringatan
    from sinergi.komunikasi.choices import JenisNotifikasi
    from sinergi.komunikasi.models import PengirimanWebhook, Webhook
    from sinergi.komunikasi.services import notifikasi_kirim
    from sinergi.komunikasi.tasks import kirim_webhook

    p = Peringatan.objects.select_related("aturan", "wilayah").filter(pk=peringatan_id).first()
    if p is None:
        return {}
    Saluran, Status = PengirimanPeringatan.Saluran, PengirimanPeringatan.Status
    hitung: dict[str, int] = defaultdict(int)
    rahasia = _rahasia(p)
    with translation.override(settings.LANGUAGE_CODE):
        if rahasia:
            judul = Pesan(gettext_noop("Confidential alert"))
        else:
            judul = Pesan.dari(p.judul_pesan) if p.judul_pesan else p.judul
        for lembaga_id, saluran in penerima_lembaga(p).items():
            log = _catat(p, lembaga_id, Saluran.APLIKASI)
            if log is not None:
                n = notifikasi_kirim(
                    penerima=_anggota(lembaga_id, rahasia=rahasia),
                    jenis=JenisNotifikasi.PERINGATAN,
                    judul=judul,
                    isi="" if rahasia else p.uraian,
                    tautan=tautan_peringatan(p),
                )
                log.status, log.percobaan, log.terkirim_at = Status.BERHASIL, 1, timezone.now()
                log.save(update_fields=["status", "percobaan", "terkirim_at"])
                hitung["aplikasi"] += n
            if saluran["email"]:
                log = _catat(p, lembaga_id, Saluran.EMAIL)
                if log is not None:
                    enqueue(kirim_email_peringatan, log.pk)
                    hitung["email"] += 1
            if saluran["webhook"]:
                hook = (
                    Webhook.objects.filter(lembaga_id=lembaga_id, is_active=True)
                    .order_by("pk")
                    .first()
                )
                if hook is None:
                    _catat(
                        p,
                        lembaga_id,
                        Saluran.WEBHOOK,
                        status=Status.GAGAL,
                        galat="No active webhook is configured for this organization.",
                    )
                    continue
                log = _catat(p, lembaga_id, Saluran.WEBHOOK)
                if log is not None:
                    panggilan = PengirimanWebhook.objects.create(
                        webhook=hook, peristiwa=PERISTIWA_WEBHOOK, payload=payload_peringatan(p)
                    )
                    log.pengiriman_webhook = panggilan
                    log.save(update_fields=["pengiriman_webhook"])
                    enqueue(kirim_webhook, panggilan.pk)
                    hitung["webhook"] += 1
    return dict(hitung)


def status_dari_webhook(panggilan) -> str:
    """The alert delivery status for the state of its komunikasi webhook call: delivered,
    failed once every attempt is spent, else still waiting (a failed attempt with retries
    left is waiting, with its error)."""
    from sinergi.kejadian.models import PengirimanPeringatan
    from sinergi.komunikasi.models import PengirimanWebhook
    from sinergi.komunikasi.tasks import WEBHOOK_PERCOBAAN_MAKS

    Status = PengirimanPeringatan.Status
    if panggilan.status == PengirimanWebhook.Status.BERHASIL:
        return Status.BERHASIL
    if (
        panggilan.status == PengirimanWebhook.Status.GAGAL
        and panggilan.percobaan >= WEBHOOK_PERCOBAAN_MAKS
    ):
        return Status.GAGAL
    return Status.MENUNGGU


def sinkron_webhook(panggilan) -> int:
    """Mirror a `peringatan.baru` webhook call's outcome (status, attempts, last error,
    delivery time) on the alert delivery row that links it. komunikasi's `kirim_webhook`
    saves the call after every attempt; `signals.py` calls this then. Returns the rows
    updated (0 for other events: no query)."""
    from sinergi.kejadian.models import PERISTIWA_WEBHOOK, PengirimanPeringatan

    if panggilan.peristiwa != PERISTIWA_WEBHOOK or panggilan.pk is None:
        return 0
    return PengirimanPeringatan.objects.filter(pengiriman_webhook_id=panggilan.pk).update(
        status=status_dari_webhook(panggilan),
        percobaan=panggilan.percobaan,
        galat=(panggilan.galat or "")[:300],
        terkirim_at=panggilan.terkirim_at,
    )


def webhook_dihapus(panggilan) -> int:
    """A webhook call deleted before it was delivered (its webhook was removed): the alert
    delivery can no longer succeed, so it is failed, not left waiting."""
    from sinergi.kejadian.models import PERISTIWA_WEBHOOK, PengirimanPeringatan

    if panggilan.peristiwa != PERISTIWA_WEBHOOK:
        return 0
    return PengirimanPeringatan.objects.filter(
        pengiriman_webhook_id=panggilan.pk, status=PengirimanPeringatan.Status.MENUNGGU
    ).update(
        status=PengirimanPeringatan.Status.GAGAL,
        galat="The webhook was removed before the alert was delivered.",
    )


def alamat_lembaga(lembaga) -> list[str]:
    """Where an organization's alert e-mail goes: its official address, else the addresses of
    its leadership (organization admins, coordinators)."""
    from sinergi.akses.models import User
    from sinergi.akses.rules import PERAN_PIMPINAN

    if lembaga.email:
        return [lembaga.email]
    return sorted(
        User.objects.filter(lembaga=lembaga, is_active=True, peran__in=PERAN_PIMPINAN)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _email_peringatan(p, ke: list[str]) -> EmailMessage:
    from sinergi.komunikasi.selectors import url_penuh

    rahasia = _rahasia(p)
    baris = [_("Sinergi early warning"), ""]
    if rahasia:
        baris.append(_("A confidential alert was raised; read it in Sinergi."))
    else:
        baris += [p.judul, "", p.uraian] if p.uraian else [p.judul]
    baris += ["", _("Open it in Sinergi: %(url)s") % {"url": url_penuh(tautan_peringatan(p))}]
    subjek = _("Alert: %(judul)s") % {"judul": _("Confidential alert") if rahasia else p.judul}
    return EmailMessage(
        subject=subjek[:200],
        body="\n".join(baris),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=ke,
    )


@task()
def kirim_email_peringatan(pengiriman_id: int) -> str:
    """Send one alert e-mail to one organization; on failure retry later (3 attempts)."""
    from sinergi.kejadian.models import PengirimanPeringatan

    log = (
        PengirimanPeringatan.objects.select_related("peringatan__aturan", "lembaga")
        .filter(pk=pengiriman_id)
        .first()
    )
    if log is None or log.status == PengirimanPeringatan.Status.BERHASIL:
        return "skip"
    log.percobaan += 1
    ke = alamat_lembaga(log.lembaga)
    if not ke:
        log.status, log.galat = PengirimanPeringatan.Status.GAGAL, "No e-mail address."
        log.save(update_fields=["status", "galat", "percobaan"])
        return log.status
    try:
        with translation.override(settings.LANGUAGE_CODE):
            _email_peringatan(log.peringatan, ke).send(fail_silently=False)
        log.status, log.galat = PengirimanPeringatan.Status.BERHASIL, ""
        log.terkirim_at = timezone.now()
    except Exception as exc:  # any mail failure is recorded and retried
        log.status = PengirimanPeringatan.Status.GAGAL
        log.galat = (str(exc) or exc.__class__.__name__)[:300]
    log.save(update_fields=["status", "galat", "percobaan", "terkirim_at"])
    if log.status == PengirimanPeringatan.Status.GAGAL and log.percobaan < EMAIL_PERCOBAAN_MAKS:
        enqueue(kirim_email_peringatan, log.pk, run_after=timezone.now() + EMAIL_JEDA)
    return log.status


@periodic(hours=24)
@task()
def kirim_ringkasan_peringatan(now_iso: str = "") -> int:
    """Once a day, one e-mail per subscribed organization listing the alerts of the last
    24 hours it has not had in a digest yet. Returns how many digests were sent."""
    from sinergi.kejadian.models import PengirimanPeringatan, Peringatan
    from sinergi.komunikasi.selectors import url_penuh

    now = dt.datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    sudah = PengirimanPeringatan.objects.filter(
        saluran=PengirimanPeringatan.Saluran.RINGKASAN
    ).values("peringatan_id", "lembaga_id")
    sudah_set = {(r["peringatan_id"], r["lembaga_id"]) for r in sudah}
    per_lembaga: dict[int, list] = defaultdict(list)
    for p in Peringatan.objects.filter(
        created_at__gte=now - dt.timedelta(hours=24), created_at__lte=now
    ).select_related("aturan"):
        for lembaga_id, saluran in penerima_lembaga(p).items():
            if saluran["ringkasan"] and (p.pk, lembaga_id) not in sudah_set:
                per_lembaga[lembaga_id].append(p)
    from sinergi.pemangku.models import Lembaga

    lembaga = Lembaga.objects.in_bulk(list(per_lembaga))
    terkirim = 0
    with translation.override(settings.LANGUAGE_CODE):
        for lembaga_id, daftar in per_lembaga.items():
            ke = alamat_lembaga(lembaga[lembaga_id])
            baris = [
                _("Sinergi early warning: %(n)s alerts in the last 24 hours.") % {"n": len(daftar)}
            ]
            for p in daftar:
                judul = _("Confidential alert") if _rahasia(p) else p.judul
                baris += ["", f"- {judul}", url_penuh(tautan_peringatan(p))]
            status, galat = PengirimanPeringatan.Status.BERHASIL, ""
            try:
                if not ke:
                    raise ValueError("No e-mail address.")
                EmailMessage(
                    subject=_("Sinergi early warning: daily digest"),
                    body="\n".join(baris),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=ke,
                ).send(fail_silently=False)
                terkirim += 1
            except Exception as exc:  # recorded per alert, retried by the next day's run
                status, galat = (
                    PengirimanPeringatan.Status.GAGAL,
                    (str(exc) or exc.__class__.__name__)[:300],
                )
            if status == PengirimanPeringatan.Status.GAGAL:
                continue  # no row: the next digest tries again
            for p in daftar:
                _catat(
                    p,
                    lembaga_id,
                    PengirimanPeringatan.Saluran.RINGKASAN,
                    status=status,
                    percobaan=1,
                    terkirim_at=timezone.now(),
                    galat=galat,
                )
    return terkirim


@task()
def jalankan_impor(job_id: int) -> str:
    """Run one uploaded bulk import of incidents (`impor.impor_jalankan`); returns its status.
    The messages kept for the status page are in the site's language, as in a worker."""
    from sinergi.kejadian.impor import impor_jalankan

    with translation.override(settings.LANGUAGE_CODE):
        return impor_jalankan(job_id)
