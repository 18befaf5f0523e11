"""Signed outgoing webhooks: payloads for the organizations that configured one, HMAC-SHA256
signatures, and the call itself (run by `tasks.kirim_webhook`, with retries).

Headers of each POST (JSON body):
    X-Sinergi-Event: pengumuman.dikirim
    X-Sinergi-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>
A receiver recomputes the HMAC and rejects old timestamps (replays).

Where a call may go: the address is checked when the webhook is saved
(`services.webhook_periksa_url`), and again at each call: the host name is resolved once, every
address it resolves to must be public, and the connection goes to exactly the address that was
checked (never a second lookup, which a rebinding DNS server could answer with an internal
address), with the Host header, TLS SNI and certificate check on the host name. So a name
pointing into the office network or at a cloud metadata service is never called. Redirects
are not followed (a 3xx answer is a failed call).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import time
import urllib.request
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

TIMEOUT = 10


def tanda_tangan(rahasia: str, t: int, body: bytes) -> str:
    return hmac.new(rahasia.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()


def payload_pengumuman(p, lembaga_ids: set[int]) -> dict:
    from sinergi.core.models import Kerahasiaan
    from sinergi.komunikasi.selectors import tautan_pengumuman, tautan_whatsapp, url_penuh

    rahasia = p.kerahasiaan == Kerahasiaan.CONFIDENTIAL
    return {
        "peristiwa": "pengumuman.dikirim",
        "id": p.pk,
        "judul": p.judul,
        "isi": "" if rahasia else p.isi,
        "kerahasiaan": p.kerahasiaan,
        "prioritas": p.prioritas,
        "perlu_tanda_terima": p.perlu_tanda_terima,
        "lembaga_pengirim": p.lembaga.nama,
        "tautan": url_penuh(tautan_pengumuman(p)),
        "whatsapp": tautan_whatsapp(p),
        "lembaga_penerima": sorted(lembaga_ids),
    }


def kirim(url: str, rahasia: str, peristiwa: str, payload: dict) -> int:
    """POST the payload; returns the HTTP status (raises OSError on network failure)."""
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    t = int(time.time())
    req = urllib.request.Request(  # noqa: S310 - https only, enforced by Webhook.clean
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Sinergi-Webhook/1",
            "X-Sinergi-Event": peristiwa,
            "X-Sinergi-Signature": f"t={t},v1={tanda_tangan(rahasia, t, body)}",
        },
    )
    with _buka(req, TIMEOUT) as resp:
        return resp.status


def publik(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether a webhook may call this address: not loopback, private, link-local (cloud
    metadata), carrier-grade NAT, reserved, multicast or unspecified; an IPv4 address inside
    an IPv6 one counts as itself. Used when a webhook is saved and at every call."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def periksa_tujuan(url: str) -> str:
    """Resolve the URL's host once and return the address to connect to; raise OSError
    unless every address it resolves to is public."""
    bagian = urlsplit(url)
    host = (bagian.hostname or "").strip("[]")
    try:
        jawaban = socket.getaddrinfo(host, bagian.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OSError(_("The address %(host)s cannot be resolved.") % {"host": host}) from exc
    alamat = [info[4][0].split("%", 1)[0] for info in jawaban]
    if not alamat:
        raise OSError(_("The address %(host)s cannot be resolved.") % {"host": host})
    for a in sorted(set(alamat)):
        ip = ipaddress.ip_address(a)
        if not publik(ip):
            raise OSError(
                _("%(host)s resolves to a non-public address (%(ip)s); the webhook was not called.")
                % {"host": host, "ip": ip}
            )
    return alamat[0]


def _konteks_tls() -> ssl.SSLContext:
    """The system's trusted authorities, certificate and host name verification on."""
    return ssl.create_default_context()


def _koneksi(url: str, ip: str, timeout: float) -> http.client.HTTPConnection:
    """A connection to the URL's host that dials the already checked address `ip` instead of
    resolving the name again (a second lookup could answer differently: DNS rebinding). The
    Host header, TLS SNI and the certificate check still use the host name."""
    bagian = urlsplit(url)
    host = (bagian.hostname or "").strip("[]")
    if bagian.scheme == "https":
        conn = http.client.HTTPSConnection(
            host, bagian.port or 443, timeout=timeout, context=_konteks_tls()
        )
    else:  # only reachable from tests: Webhook.clean requires https
        conn = http.client.HTTPConnection(host, bagian.port or 80, timeout=timeout)

    def sambung(alamat, *args):
        return socket.create_connection((ip, alamat[1]), *args)

    conn._create_connection = sambung
    return conn


@contextlib.contextmanager
def _buka(req: urllib.request.Request, timeout: float):
    """Send the request to the address that was checked (tests replace this one seam).
    Redirects are not followed: the answer's status is the call's result."""
    ip = periksa_tujuan(req.full_url)
    bagian = urlsplit(req.full_url)
    path = bagian.path or "/"
    if bagian.query:
        path += "?" + bagian.query
    conn = _koneksi(req.full_url, ip, timeout)
    try:
        conn.request(req.get_method(), path, body=req.data, headers=dict(req.header_items()))
        with conn.getresponse() as resp:
            yield resp
    finally:
        conn.close()
