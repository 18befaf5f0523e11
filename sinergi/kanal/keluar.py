"""Outbound adapters: how a reply (`PesanKeluar`) goes back through its channel.

`settings.SINERGI_KANAL_KELUAR` names the backend class, as Django's EMAIL_BACKEND does:
- `sinergi.kanal.keluar.Asli`: WhatsApp through the Cloud API's send-message endpoint, e-mail
  through Django's mail backend (SMTP in production), SMS left queued for the gateway phone,
  which collects it in its webhook answer or when it polls (`GET …/sms/webhook?task=send`).
- `sinergi.kanal.keluar.Lokal`: nothing leaves the process; every reply is kept in
  `Lokal.kotak` (tests and development).

`kirim(keluar)` returns the provider's message id, None when the reply stays queued, or raises
`GagalKirim`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from sinergi.kanal.models import JenisKanal

BATAS_WAKTU = 10  # seconds for one provider call


class GagalKirim(Exception):
    """The provider refused or could not be reached; the message says why."""


def graph(path: str, *, data: dict | None = None, mentah: bool = False, url: str = ""):
    """One call to Meta's Graph API with the configured access token: JSON in and out, or the
    raw bytes (`mentah`, e.g. a media download from `url`)."""
    token = settings.SINERGI_WA_ACCESS_TOKEN
    if not token:
        raise GagalKirim("SINERGI_WA_ACCESS_TOKEN is not set")
    alamat = url or f"{settings.SINERGI_WA_GRAPH_URL.rstrip('/')}/{path.lstrip('/')}"
    if not alamat.startswith(("https://", "http://")):
        raise GagalKirim("the Graph API URL must be http(s)")
    body = json.dumps(data).encode() if data is not None else None
    req = urllib.request.Request(alamat, data=body, method="POST" if body else "GET")  # noqa: S310
    req.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=BATAS_WAKTU) as resp:  # noqa: S310
            isi = resp.read()
    except urllib.error.HTTPError as exc:
        raise GagalKirim(f"HTTP {exc.code}: {exc.read()[:200]!r}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise GagalKirim(str(exc)[:300]) from exc
    if mentah:
        return isi
    try:
        return json.loads(isi)
    except ValueError as exc:
        raise GagalKirim("the Graph API did not answer JSON") from exc


class Asli:
    """The real providers."""

    def kirim(self, keluar) -> str | None:
        if keluar.jenis == JenisKanal.WHATSAPP:
            if keluar.saluran is None:
                raise GagalKirim("no WhatsApp endpoint for this reply")
            jawab = graph(
                f"{keluar.saluran.alamat}/messages",
                data={
                    "messaging_product": "whatsapp",
                    "recipient_type": "individual",
                    "to": keluar.alamat_tujuan.lstrip("+"),
                    "type": "text",
                    "text": {"preview_url": False, "body": keluar.isi},
                },
            )
            try:
                return str(jawab["messages"][0]["id"])
            except (KeyError, IndexError, TypeError) as exc:
                raise GagalKirim("the Cloud API gave no message id") from exc
        if keluar.jenis == JenisKanal.EMAIL:
            subjek = "Sinergi"
            if keluar.pesan_masuk is not None and keluar.pesan_masuk.subjek:
                subjek = f"Re: {keluar.pesan_masuk.subjek}"[:200]
            pengirim = keluar.saluran.alamat if keluar.saluran else settings.DEFAULT_FROM_EMAIL
            msg = EmailMessage(subjek, keluar.isi, pengirim, [keluar.alamat_tujuan])
            if keluar.pesan_masuk is not None and not keluar.pesan_masuk.id_eksternal.startswith(
                "h:"
            ):
                msg.extra_headers["In-Reply-To"] = f"<{keluar.pesan_masuk.id_eksternal}>"
            try:
                msg.send()
            except OSError as exc:
                raise GagalKirim(str(exc)[:300]) from exc
            return ""
        return None  # SMS: the gateway phone collects it


class Lokal:
    """Keeps every reply in memory: `Lokal.kotak` is a list of (channel, to, text)."""

    kotak: list[tuple[str, str, str]] = []

    def kirim(self, keluar) -> str | None:
        Lokal.kotak.append((keluar.jenis, keluar.alamat_tujuan, keluar.isi))
        return f"lokal-{len(Lokal.kotak)}"


def backend():
    return import_string(settings.SINERGI_KANAL_KELUAR)()
