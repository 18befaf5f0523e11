"""Background work of events: reminder e-mails before an event and the stored event report.

Run by the task runner (`sinergi.core.tasks`): inside `sinergi up`, or `sinergi worker`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sinergi.core import audit, waktu
from sinergi.core.tasks import enqueue, periodic, task


def jadwalkan(task_, *args, run_after: dt.datetime | None = None):
    """Queue a task of this module (kept as one function so that services stay simple)."""
    return enqueue(task_, *args, run_after=run_after)


def _pesan_pengingat(undangan) -> tuple[str, str, str, list[str]]:
    k = undangan.kegiatan
    tautan = f"{settings.SINERGI_BASE_URL.rstrip('/')}/kegiatan/undangan/{undangan.token}/"
    subjek = _("Reminder: %(judul)s") % {"judul": k.judul}
    tempat = ", ".join(x for x in [k.tempat, k.alamat] if x) or k.tautan_daring
    isi = "\n".join(
        [
            _("Dear %(nama)s,") % {"nama": undangan.nama or undangan.lembaga.nama},
            "",
            _("This is a reminder of the event you are invited to:"),
            k.judul,
            _("When: %(waktu)s") % {"waktu": waktu.format_lokal(k.mulai, k.zona_waktu)},
            _("Where: %(tempat)s") % {"tempat": tempat},
            "",
            _("Your invitation, RSVP and QR code for check-in: %(tautan)s") % {"tautan": tautan},
            "",
            k.penyelenggara.nama,
        ]
    )
    return subjek, isi, settings.DEFAULT_FROM_EMAIL, [undangan.email]


def kirim_pengingat_kegiatan(kegiatan_id: int, *, sekarang: dt.datetime | None = None) -> int:
    """Send the reminder to every invitee with an e-mail address who has not declined and has
    not had one yet, once the event is less than a day away. Returns how many were sent."""
    from sinergi.kegiatan.choices import StatusKegiatan, StatusRSVP
    from sinergi.kegiatan.models import Kegiatan, Undangan
    from sinergi.kegiatan.services import PENGINGAT_SEBELUM

    sekarang = sekarang or timezone.now()
    k = Kegiatan.objects.filter(pk=kegiatan_id).select_related("penyelenggara").first()
    if k is None or k.status == StatusKegiatan.DIBATALKAN:
        return 0
    if not (k.mulai - PENGINGAT_SEBELUM <= sekarang < k.mulai):
        return 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        daftar = list(
            Undangan.objects.select_for_update()
            .filter(kegiatan=k, pengingat_at__isnull=True)
            .exclude(email="")
            .exclude(rsvp=StatusRSVP.TIDAK)
            .select_related("kegiatan", "kegiatan__penyelenggara", "lembaga")
        )
        if not daftar:
            return 0
        send_mass_mail([_pesan_pengingat(u) for u in daftar], fail_silently=False)
        Undangan.objects.filter(pk__in=[u.pk for u in daftar]).update(pengingat_at=sekarang)
        audit.record(
            actor=None,
            action="other",
            obj=k,
            after={"pengingat": len(daftar)},
            note="reminders sent",
        )
    return len(daftar)


@task()
def kirim_pengingat(kegiatan_id: int) -> int:
    """Reminders of one event (queued for a day before its start)."""
    return kirim_pengingat_kegiatan(kegiatan_id)


@periodic(minutes=30)
@task()
def pengingat_jatuh_tempo() -> int:
    """Catch-up: reminders of every event starting within a day (invitations added late)."""
    from sinergi.kegiatan.choices import StatusKegiatan
    from sinergi.kegiatan.models import Kegiatan
    from sinergi.kegiatan.services import PENGINGAT_SEBELUM

    now = timezone.now()
    ids = (
        Kegiatan.objects.filter(
            mulai__gt=now, mulai__lte=now + PENGINGAT_SEBELUM, undangan__pengingat_at__isnull=True
        )
        .exclude(status=StatusKegiatan.DIBATALKAN)
        .values_list("pk", flat=True)
        .distinct()
    )
    return sum(kirim_pengingat_kegiatan(pk, sekarang=now) for pk in ids)


@task()
def buat_laporan(kegiatan_id: int) -> str:
    """Write the event report PDF of the current record (queued when the event is marked held)
    and keep it for download; older reports of the event are removed."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from sinergi.kegiatan.laporan import laporan_pdf, nama_laporan
    from sinergi.kegiatan.models import Kegiatan

    k = Kegiatan.objects.filter(pk=kegiatan_id).first()
    if k is None:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        nama = nama_laporan(k)
        data = laporan_pdf(k)
    folder = "kegiatan/laporan"
    if default_storage.exists(folder):
        for lama in default_storage.listdir(folder)[1]:
            if lama.startswith(f"{k.pk}-") and f"{folder}/{lama}" != nama:
                default_storage.delete(f"{folder}/{lama}")
    if not default_storage.exists(nama):
        default_storage.save(nama, ContentFile(data))
    audit.record(actor=None, action="other", obj=k, note="report generated")
    return nama
