"""Signed outgoing webhooks: payloads for the organizations that configured one, HMAC-SHA256
signatures, and the call itself (run by `tasks.kirim_webhook`, with retries).

Headers of each POST (JSON body):
    X-Sinergi-Event: pengumuman.dikirim
    X-Sinergi-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>
A receiver recomputes the HMAC and rejects old timestamps (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

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
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:  # noqa: S310
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
