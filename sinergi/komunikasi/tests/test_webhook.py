"""Signed outgoing webhooks: only configured organizations, HMAC-SHA256, retries, log."""

import hashlib
import hmac
import json

import pytest
from django.core.exceptions import ValidationError

from sinergi.komunikasi.models import PengirimanWebhook, Webhook

pytestmark = pytest.mark.django_db
RAHASIA = "r" * 40


class Jawaban:
    def __init__(self, status):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


@pytest.fixture
def panggilan(monkeypatch):
    """Record outgoing requests instead of making them; `status` sets the answer."""
    calls = []
    state = {"status": 200}

    def urlopen(req, timeout):
        calls.append(req)
        if state["status"] is None:
            raise OSError("connection refused")
        return Jawaban(state["status"])

    monkeypatch.setattr("sinergi.komunikasi.webhook._buka", urlopen)
    return calls, state


def test_only_organizations_with_a_webhook_get_a_call(umumkan, lembaga_uji, penerima, panggilan):
    """No webhook, no call: content leaves Sinergi only for configured organizations."""
    calls, _ = panggilan
    umumkan()
    assert calls == []
    Webhook.objects.create(
        lembaga=lembaga_uji["kpu_madiun"], url="https://wa.example/hook", rahasia=RAHASIA
    )
    umumkan(judul="Kedua")
    assert len(calls) == 1
    log = PengirimanWebhook.objects.get()
    assert log.status == "berhasil" and log.percobaan == 1 and log.kode_http == 200


def test_signature_is_hmac_sha256_of_timestamp_and_body(umumkan, lembaga_uji, penerima, panggilan):
    """The receiver can verify `X-Sinergi-Signature` with the shared secret."""
    calls, _ = panggilan
    Webhook.objects.create(
        lembaga=lembaga_uji["kpu_ngawi"], url="https://wa.example/hook", rahasia=RAHASIA
    )
    umumkan()
    req = calls[0]
    sig = req.get_header("X-sinergi-signature")
    t, v1 = (x.split("=", 1)[1] for x in sig.split(","))
    harap = hmac.new(RAHASIA.encode(), f"{t}.".encode() + req.data, hashlib.sha256).hexdigest()
    assert v1 == harap
    body = json.loads(req.data)
    assert body["peristiwa"] == "pengumuman.dikirim" and body["judul"].startswith("PKPU")


def test_confidential_body_is_not_sent(umumkan, lembaga_uji, penerima, panggilan):
    """A confidential announcement's text never goes out, only its title and link."""
    calls, _ = panggilan
    Webhook.objects.create(
        lembaga=lembaga_uji["kpu_ngawi"], url="https://wa.example/hook", rahasia=RAHASIA
    )
    umumkan(kerahasiaan="CONFIDENTIAL", isi="Rencana pengamanan rahasia")
    body = json.loads(calls[0].data)
    assert body["isi"] == "" and body["whatsapp"] is None


def test_failures_are_retried_and_logged(umumkan, lembaga_uji, penerima, panggilan):
    """A failing gateway is retried up to 5 times; the log keeps the last error."""
    calls, state = panggilan
    state["status"] = None
    Webhook.objects.create(
        lembaga=lembaga_uji["kpu_ngawi"], url="https://wa.example/hook", rahasia=RAHASIA
    )
    umumkan()
    log = PengirimanWebhook.objects.get()
    assert len(calls) == 5
    assert (log.status, log.percobaan, log.galat) == ("gagal", 5, "connection refused")


def test_webhook_needs_https_and_a_long_secret(lembaga_uji):
    """A plain-http address and a short secret are refused."""
    w = Webhook(lembaga=lembaga_uji["kpu_ngawi"], url="http://wa.example/hook", rahasia="pendek")
    with pytest.raises(ValidationError) as exc:
        w.full_clean()
    assert exc.value.message_dict["url"] == ["The webhook address must start with https://."]
    w.url = "https://wa.example/hook"
    with pytest.raises(ValidationError) as exc:
        w.full_clean()
    assert exc.value.message_dict["rahasia"] == [
        "The signing secret must be at least 32 characters."
    ]
