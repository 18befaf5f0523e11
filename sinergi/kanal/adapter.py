"""Inbound adapters: one per channel, behind one interface.

    adapter = ADAPTER["whatsapp"]
    adapter.aktif()          # the channel is enabled in the settings (else its webhook is 404)
    adapter.verify(request)  # the request proves it came from the provider (constant time)
    adapter.parse(request)   # -> list[PesanNormal]; ValueError for a body it cannot read

Each adapter only reads the provider's shape; storing, deduplicating, routing to an office
and coded messages are the services' job (`services.pesan_terima`).
"""

from __future__ import annotations

import base64
import datetime
import email
import email.policy
import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from django.conf import settings
from django.utils import timezone

from sinergi.kanal.models import JenisKanal


@dataclass
class BerkasMasuk:
    """A file that came with a message (its bytes), or a WhatsApp media id to fetch later."""

    nama: str
    tipe: str = ""
    isi: bytes = b""
    media_id: str = ""


@dataclass
class PesanNormal:
    """One message as every channel reads it."""

    jenis: str
    id_eksternal: str
    alamat_tujuan: str  # the office's endpoint: WA phone number id, SMS number, e-mail address
    alamat_pengirim: str
    isi: str = ""
    nama_pengirim: str = ""
    subjek: str = ""
    lat: float | None = None
    lng: float | None = None
    diterima_at: datetime.datetime = field(default_factory=timezone.now)
    lampiran: list[BerkasMasuk] = field(default_factory=list)


def sama(a: str, b: str) -> bool:
    """Constant-time comparison of two secrets (an empty expected secret never matches)."""
    return bool(b) and hmac.compare_digest(a.encode(), b.encode())


def nomor_normal(nomor: str) -> str:
    """An Indonesian phone number as +62…: `0812…`, `62812…` and `+62 812-…` are the same."""
    digits = re.sub(r"\D", "", nomor or "")
    if not digits:
        return (nomor or "").strip()[:254]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return "+" + digits


def _dari_epoch(detik: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(detik, tz=datetime.UTC)


class Adapter:
    jenis: str = ""

    def aktif(self) -> bool:  # pragma: no cover - each adapter answers
        raise NotImplementedError

    def verify(self, request) -> bool:  # pragma: no cover
        raise NotImplementedError

    def parse(self, request) -> list[PesanNormal]:  # pragma: no cover
        raise NotImplementedError


# --- WhatsApp Business Cloud API --------------------------------------------------------------
class WhatsApp(Adapter):
    """Meta's webhook: `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body with the app
    secret>`; text, location and image messages (the image is fetched later by its media id)."""

    jenis = JenisKanal.WHATSAPP

    def aktif(self) -> bool:
        return settings.SINERGI_WA_ENABLED

    def verify_handshake(self, params) -> str | None:
        """The challenge to echo when Meta subscribes the webhook with our verify token."""
        if params.get("hub.mode") != "subscribe":
            return None
        if not sama(params.get("hub.verify_token", ""), settings.SINERGI_WA_VERIFY_TOKEN):
            return None
        return params.get("hub.challenge", "")

    def verify(self, request) -> bool:
        secret = settings.SINERGI_WA_APP_SECRET
        header = request.headers.get("X-Hub-Signature-256", "")
        if not secret or not header.startswith("sha256="):
            return False
        expected = hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(header[7:].strip().lower().encode(), expected.encode())

    def parse(self, request) -> list[PesanNormal]:
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValueError("not JSON") from exc
        if not isinstance(data, dict) or data.get("object") != "whatsapp_business_account":
            raise ValueError("not a WhatsApp Business webhook")
        hasil = []
        for entry in data.get("entry") or []:
            for change in entry.get("changes") or []:
                value = change.get("value") or {}
                nomor_id = str((value.get("metadata") or {}).get("phone_number_id", ""))
                nama = {
                    c.get("wa_id"): (c.get("profile") or {}).get("name", "")
                    for c in value.get("contacts") or []
                }
                for m in value.get("messages") or []:
                    pesan = self._pesan(m, nomor_id, nama)
                    if pesan is not None:
                        hasil.append(pesan)
        return hasil

    def _pesan(self, m: dict, nomor_id: str, nama: dict) -> PesanNormal | None:
        jenis = m.get("type")
        if not m.get("id") or not m.get("from"):
            return None
        try:
            diterima = _dari_epoch(int(m.get("timestamp")))
        except (TypeError, ValueError):
            diterima = timezone.now()
        p = PesanNormal(
            jenis=self.jenis,
            id_eksternal=str(m["id"])[:200],
            alamat_tujuan=nomor_id,
            alamat_pengirim=nomor_normal(str(m["from"])),
            nama_pengirim=str(nama.get(m["from"], ""))[:150],
            diterima_at=diterima,
        )
        if jenis == "text":
            p.isi = str((m.get("text") or {}).get("body", ""))
        elif jenis == "location":
            loc = m.get("location") or {}
            try:
                p.lat, p.lng = float(loc["latitude"]), float(loc["longitude"])
            except (KeyError, TypeError, ValueError):
                p.lat = p.lng = None
            p.isi = " ".join(str(loc.get(k, "")) for k in ("name", "address") if loc.get(k))
        elif jenis in ("image", "document"):
            media = m.get(jenis) or {}
            p.isi = str(media.get("caption", ""))
            ext = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(
                media.get("mime_type", ""), "pdf" if jenis == "document" else "jpg"
            )
            nama_berkas = media.get("filename") or f"whatsapp-{media.get('id', 'media')}.{ext}"
            if media.get("id"):
                p.lampiran.append(
                    BerkasMasuk(
                        nama=str(nama_berkas)[:200],
                        tipe=str(media.get("mime_type", "")),
                        media_id=str(media["id"]),
                    )
                )
        else:
            return None  # stickers, reactions, audio…: not reports
        return p


# --- SMS gateway (SMSSync-style Android apps) -------------------------------------------------
class Sms(Adapter):
    """A form POST with `from`, `message`, `message_id`, `sent_timestamp` (ms), `sent_to` and
    the shared `secret` the gateway phone is configured with."""

    jenis = JenisKanal.SMS

    def aktif(self) -> bool:
        return settings.SINERGI_SMS_ENABLED

    def verify(self, request) -> bool:
        secret = request.POST.get("secret") or request.GET.get("secret") or ""
        return sama(secret, settings.SINERGI_SMS_SECRET)

    def parse(self, request) -> list[PesanNormal]:
        data = request.POST
        pengirim, isi = data.get("from", "").strip(), data.get("message", "")
        if not pengirim:
            raise ValueError("from is required")
        try:
            diterima = _dari_epoch(int(data.get("sent_timestamp", "")) / 1000)
        except (TypeError, ValueError, OverflowError, OSError):
            diterima = timezone.now()
        id_eksternal = data.get("message_id", "").strip()
        if not id_eksternal:  # old gateways send none: the content identifies the message
            id_eksternal = (
                "h:"
                + hashlib.sha256(
                    f"{pengirim}|{data.get('sent_timestamp', '')}|{isi}".encode()
                ).hexdigest()[:40]
            )
        return [
            PesanNormal(
                jenis=self.jenis,
                id_eksternal=id_eksternal[:200],
                alamat_tujuan=nomor_normal(data.get("sent_to", "")),
                alamat_pengirim=nomor_normal(pengirim),
                isi=isi,
                diterima_at=diterima,
            )
        ]


# --- E-mail -----------------------------------------------------------------------------------
def pesan_dari_email(raw: bytes, *, alamat_tujuan: str = "") -> PesanNormal:
    """An RFC 822 message: sender, subject, the plain text (or the HTML stripped of tags when
    there is no text part), and every attached file."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    nama, alamat = parseaddr(str(msg.get("From", "")))
    if not alamat:
        raise ValueError("From is required")
    tujuan = alamat_tujuan or next(
        (a for _n, a in getaddresses([str(msg.get("To", "")), str(msg.get("Delivered-To", ""))])),
        "",
    )
    try:
        diterima = parsedate_to_datetime(str(msg.get("Date", "")))
        if timezone.is_naive(diterima):
            diterima = timezone.make_aware(diterima, datetime.UTC)
    except (TypeError, ValueError):
        diterima = timezone.now()
    body = msg.get_body(preferencelist=("plain", "html"))
    teks = body.get_content() if body is not None else ""
    if body is not None and body.get_content_type() == "text/html":
        teks = re.sub(r"<[^>]+>", " ", teks)
    lampiran = []
    for part in msg.iter_attachments():
        isi = part.get_payload(decode=True) or b""
        lampiran.append(
            BerkasMasuk(
                nama=(part.get_filename() or "lampiran")[:200],
                tipe=part.get_content_type(),
                isi=isi,
            )
        )
    id_eksternal = str(msg.get("Message-ID", "")).strip().strip("<>")
    if not id_eksternal:
        id_eksternal = "h:" + hashlib.sha256(raw).hexdigest()[:40]
    return PesanNormal(
        jenis=JenisKanal.EMAIL,
        id_eksternal=id_eksternal[:200],
        alamat_tujuan=tujuan.lower(),
        alamat_pengirim=alamat.lower()[:254],
        nama_pengirim=nama[:150],
        subjek=str(msg.get("Subject", ""))[:255],
        isi=teks.strip(),
        diterima_at=diterima,
        lampiran=lampiran,
    )


class Email(Adapter):
    """An inbound-mail webhook (a mail relay posting each message): the raw RFC 822 message
    (`Content-Type: message/rfc822`) or JSON `{from, to, subject, text, message_id,
    attachments: [{filename, content_type, content_base64}]}`, with the shared secret in the
    `X-Sinergi-Secret` header."""

    jenis = JenisKanal.EMAIL

    def aktif(self) -> bool:
        return settings.SINERGI_EMAIL_INTAKE_ENABLED

    def verify(self, request) -> bool:
        return sama(
            request.headers.get("X-Sinergi-Secret", ""), settings.SINERGI_EMAIL_INTAKE_SECRET
        )

    def parse(self, request) -> list[PesanNormal]:
        tipe = request.content_type or ""
        if tipe in ("message/rfc822", "text/plain"):
            return [pesan_dari_email(request.body)]
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValueError("not JSON") from exc
        if not isinstance(data, dict):
            raise ValueError("not an object")
        nama, alamat = parseaddr(str(data.get("from", "")))
        if not alamat:
            raise ValueError("from is required")
        lampiran = []
        for a in data.get("attachments") or []:
            try:
                isi = base64.b64decode(str(a.get("content_base64", "")), validate=True)
            except ValueError as exc:
                raise ValueError("attachment is not base64") from exc
            lampiran.append(
                BerkasMasuk(
                    nama=str(a.get("filename") or "lampiran")[:200],
                    tipe=str(a.get("content_type", "")),
                    isi=isi,
                )
            )
        teks = str(data.get("text", ""))
        id_eksternal = str(data.get("message_id", "")).strip().strip("<>") or (
            "h:" + hashlib.sha256(request.body).hexdigest()[:40]
        )
        return [
            PesanNormal(
                jenis=self.jenis,
                id_eksternal=id_eksternal[:200],
                alamat_tujuan=parseaddr(str(data.get("to", "")))[1].lower(),
                alamat_pengirim=alamat.lower()[:254],
                nama_pengirim=nama[:150],
                subjek=str(data.get("subject", ""))[:255],
                isi=teks.strip(),
                lampiran=lampiran,
            )
        ]


ADAPTER: dict[str, Adapter] = {a.jenis: a for a in (WhatsApp(), Sms(), Email())}
