"""Background work of the message channels: fetch WhatsApp photos, send replies, and poll the
intake mailbox over IMAP (every 2 minutes, when `SINERGI_EMAIL_INTAKE_IMAP_URL` is set)."""

from __future__ import annotations

import imaplib
import logging
import ssl
from urllib.parse import unquote, urlsplit

from django.conf import settings

from sinergi.core.tasks import periodic, task

logger = logging.getLogger("sinergi.kanal")
MAKS_PER_PUTARAN = 50


@task()
def ambil_media_wa(pesan_id: int, media_id: str, nama: str, tipe: str) -> bool:
    """Download a WhatsApp photo through the Graph API (its media URL needs the token)."""
    from sinergi.kanal import keluar, services
    from sinergi.kanal.adapter import BerkasMasuk

    try:
        info = keluar.graph(media_id)
        isi = keluar.graph("", url=str(info.get("url", "")), mentah=True)
    except keluar.GagalKirim as exc:
        logger.warning("WhatsApp media %s of message %s not fetched: %s", media_id, pesan_id, exc)
        return False
    berkas = BerkasMasuk(nama=nama, tipe=info.get("mime_type", tipe), isi=isi)
    return services.lampiran_pesan_tambah(pesan_id=pesan_id, berkas=berkas) is not None


@task()
def kirim_pesan_keluar(keluar_id: int) -> str:
    """Send one queued reply."""
    from sinergi.kanal.services import kirim_keluar

    return kirim_keluar(keluar_id=keluar_id)


# Seconds one IMAP call may wait: a mail server that stops answering must not hold the worker.
BATAS_WAKTU_IMAP = 30


def _imap(url: str) -> imaplib.IMAP4:
    bagian = urlsplit(url)
    if bagian.scheme not in ("imap", "imaps"):
        raise ValueError("SINERGI_EMAIL_INTAKE_IMAP_URL must start with imap:// or imaps://")
    if bagian.scheme == "imaps":
        conn = imaplib.IMAP4_SSL(
            bagian.hostname,
            bagian.port or 993,
            ssl_context=ssl.create_default_context(),
            timeout=BATAS_WAKTU_IMAP,
        )
    else:
        conn = imaplib.IMAP4(bagian.hostname, bagian.port or 143, timeout=BATAS_WAKTU_IMAP)
    conn.login(unquote(bagian.username or ""), unquote(bagian.password or ""))
    return conn


def ambil_email(url: str, folder: str = "INBOX") -> dict[str, int]:
    """Read the unseen messages of the mailbox, store each (`pesan_terima`), mark it seen.
    A message that cannot be read is marked seen too (and logged), so it never blocks the
    others."""
    from sinergi.kanal.adapter import pesan_dari_email
    from sinergi.kanal.services import pesan_terima

    hasil = {"baru": 0, "ulang": 0, "gagal": 0}
    conn = _imap(url)
    try:
        conn.select(folder)
        _typ, data = conn.search(None, "UNSEEN")
        for nomor in (data[0] or b"").split()[:MAKS_PER_PUTARAN]:
            _typ, bagian = conn.fetch(nomor, "(RFC822)")
            raw = next((b[1] for b in bagian if isinstance(b, tuple)), b"")
            try:
                _pesan, baru = pesan_terima(pesan=pesan_dari_email(raw))
                hasil["baru" if baru else "ulang"] += 1
            except ValueError as exc:
                logger.warning("IMAP message %s not read: %s", nomor, exc)
                hasil["gagal"] += 1
            conn.store(nomor, "+FLAGS", "\\Seen")
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    return hasil


@periodic(minutes=2)
@task()
def ambil_email_imap() -> dict[str, int]:
    """Poll the intake mailbox (does nothing unless e-mail intake and IMAP are configured)."""
    if not (settings.SINERGI_EMAIL_INTAKE_ENABLED and settings.SINERGI_EMAIL_INTAKE_IMAP_URL):
        return {}
    return ambil_email(
        settings.SINERGI_EMAIL_INTAKE_IMAP_URL, settings.SINERGI_EMAIL_INTAKE_IMAP_FOLDER
    )
