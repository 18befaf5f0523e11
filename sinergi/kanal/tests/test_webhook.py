"""Each channel's webhook through its real HTTP shape: raw body, signature or secret, replay."""

from __future__ import annotations

import base64
import json

import pytest

from sinergi.core.models import AuditEntry
from sinergi.kanal.models import LampiranPesan, PesanMasuk, StatusPesan
from sinergi.kanal.tests.conftest import (
    DATA,
    EMAIL_SECRET,
    NOMOR_ID,
    PENGIRIM,
    SMS_SECRET,
    WA_VERIFY,
    tanda_tangan,
    wa_payload,
)

pytestmark = pytest.mark.django_db


# --- WhatsApp ---------------------------------------------------------------------------------
def test_wa_handshake_echoes_challenge(client):
    """Meta's subscription check with the right verify token gets the challenge back."""
    r = client.get(
        "/kanal/whatsapp/webhook",
        {"hub.mode": "subscribe", "hub.verify_token": WA_VERIFY, "hub.challenge": "1158201444"},
    )
    assert r.status_code == 200
    assert r.content == b"1158201444"


def test_wa_handshake_wrong_token_refused(client):
    """A wrong verify token is refused (403) and the challenge is not echoed."""
    r = client.get(
        "/kanal/whatsapp/webhook",
        {"hub.mode": "subscribe", "hub.verify_token": "salah", "hub.challenge": "1158201444"},
    )
    assert r.status_code == 403
    assert b"1158201444" not in r.content


def test_wa_text_message_lands_in_office_inbox(kirim_wa, saluran):
    """A signed text message is stored once, in the inbox of the office owning the number."""
    body = (DATA / "wa_teks.json").read_bytes()
    r = kirim_wa(body)
    assert r.status_code == 200
    p = PesanMasuk.objects.get()
    assert p.lembaga == saluran["whatsapp"].lembaga
    assert (p.jenis, p.alamat_pengirim, p.nama_pengirim) == ("whatsapp", PENGIRIM, "Siti Rahayu")
    assert p.isi == "Ada pembagian amplop di dekat TPS 5 Balerejo"
    assert p.status == StatusPesan.BARU
    assert p.diterima_at.timestamp() == 1707890000
    assert AuditEntry.objects.filter(object_type="kanal.pesanmasuk", action="create").count() == 1


def test_wa_location_message_keeps_coordinates(kirim_wa, saluran):
    """A location message keeps latitude/longitude and the place's name as text."""
    r = kirim_wa((DATA / "wa_lokasi.json").read_bytes())
    assert r.status_code == 200
    p = PesanMasuk.objects.get()
    assert (p.lat, p.lng) == (-7.6298, 111.5239)
    assert "Balai Desa Balerejo" in p.isi


@pytest.mark.parametrize(
    "signature", ["", "sha256=", "sha256=" + "0" * 64, tanda_tangan(b"other body")]
)
def test_wa_bad_signature_refused_nothing_stored(kirim_wa, saluran, signature):
    """A missing, empty or wrong X-Hub-Signature-256 answers 403 and stores nothing."""
    r = kirim_wa((DATA / "wa_teks.json").read_bytes(), signature=signature)
    assert r.status_code == 403
    assert PesanMasuk.objects.count() == 0


def test_wa_signature_with_other_secret_refused(kirim_wa, saluran):
    """A body signed with another app's secret is refused."""
    body = (DATA / "wa_teks.json").read_bytes()
    r = kirim_wa(body, signature=tanda_tangan(body, secret="rahasia-lain"))
    assert r.status_code == 403
    assert PesanMasuk.objects.count() == 0


def test_wa_replay_stores_no_second_row(kirim_wa, saluran):
    """The same signed webhook sent twice (Meta retries) makes one message."""
    body = (DATA / "wa_teks.json").read_bytes()
    assert kirim_wa(body).json() == {"diterima": 1}
    assert kirim_wa(body).json() == {"diterima": 0}
    assert PesanMasuk.objects.count() == 1


def test_wa_status_update_stores_nothing(kirim_wa, saluran):
    """Delivery receipts (statuses) are acknowledged and not stored as messages."""
    r = kirim_wa((DATA / "wa_status.json").read_bytes())
    assert r.status_code == 200
    assert PesanMasuk.objects.count() == 0


def test_wa_malformed_body_is_400(kirim_wa, saluran):
    """A signed body that is not a WhatsApp webhook answers 400."""
    assert kirim_wa(b'{"object": "page"}').status_code == 400
    assert kirim_wa(b"not json").status_code == 400


def test_wa_disabled_is_404(kirim_wa, client, settings, saluran):
    """With the channel switched off the webhook does not exist."""
    settings.SINERGI_WA_ENABLED = False
    assert kirim_wa((DATA / "wa_teks.json").read_bytes()).status_code == 404
    assert client.get("/kanal/whatsapp/webhook").status_code == 404


def test_wa_unknown_number_is_for_system_admins_only(kirim_wa, lembaga_uji):
    """A message to a number no office registered is stored without an owner."""
    kirim_wa((DATA / "wa_teks.json").read_bytes())
    assert PesanMasuk.objects.get().lembaga is None


def test_wa_image_fetched_through_graph_api_exif_removed(
    kirim_wa, saluran, graph, django_capture_on_commit_callbacks
):
    """An image message's photo is fetched from the (fake) Graph API with the token, stored
    as evidence, and its EXIF (GPS position) removed."""
    from PIL import Image

    body = json.dumps(wa_payload("wa_gambar.json")).encode()
    with django_capture_on_commit_callbacks(execute=True):
        assert kirim_wa(body).status_code == 200
    p = PesanMasuk.objects.get()
    assert p.isi == "Foto amplop"
    lamp = LampiranPesan.objects.get(pesan=p)
    assert lamp.jenis_mime == "image/jpeg"
    with lamp.berkas.open("rb") as f, Image.open(f) as img:
        assert not img.getexif()


# --- SMS --------------------------------------------------------------------------------------
def _sms(client, **ubah):
    data = {
        "from": "081234567890",
        "message": "Kotak suara TPS 3 rusak",
        "message_id": "sms-uuid-1",
        "sent_timestamp": "1707890000000",
        "sent_to": "081100000002",
        "secret": SMS_SECRET,
        "device_id": "1",
    }
    data.update(ubah)
    return client.post("/kanal/sms/webhook", data)


def test_sms_stored_and_answered_in_smssync_shape(client, saluran):
    """An SMSSync POST is stored in the gateway owner's inbox; the answer is SMSSync's JSON."""
    r = _sms(client)
    assert r.status_code == 200
    assert r.json()["payload"]["success"] is True
    p = PesanMasuk.objects.get()
    assert (p.jenis, p.alamat_pengirim, p.lembaga) == ("sms", PENGIRIM, saluran["sms"].lembaga)
    assert p.isi == "Kotak suara TPS 3 rusak"


@pytest.mark.parametrize("secret", ["", "salah"])
def test_sms_wrong_secret_refused(client, saluran, secret):
    """A wrong or missing secret answers 403 in SMSSync's shape and stores nothing."""
    r = _sms(client, secret=secret)
    assert r.status_code == 403
    assert r.json()["payload"]["success"] is False
    assert PesanMasuk.objects.count() == 0


def test_sms_replay_stores_no_second_row(client, saluran):
    """The gateway resending the same message id makes one message."""
    _sms(client)
    _sms(client)
    assert PesanMasuk.objects.count() == 1


def test_sms_disabled_is_404(client, settings, saluran):
    settings.SINERGI_SMS_ENABLED = False
    assert _sms(client).status_code == 404


# --- e-mail webhook ---------------------------------------------------------------------------
def _eml() -> bytes:
    from sinergi.core.testing.gambar import png_kecil

    raw = (DATA / "email_lampiran.eml").read_text()
    return raw.replace("@@PNG@@", base64.encodebytes(png_kecil()).decode()).encode()


def test_email_raw_message_with_attachment(client, saluran):
    """A raw RFC 822 message is stored with its subject, text and the photo as evidence."""
    r = client.post(
        "/kanal/email/webhook",
        _eml(),
        content_type="message/rfc822",
        headers={"X-Sinergi-Secret": EMAIL_SECRET},
    )
    assert r.status_code == 200
    p = PesanMasuk.objects.get()
    assert (p.alamat_pengirim, p.nama_pengirim) == ("budi@contoh.id", "Budi Santoso")
    assert p.subjek == "Laporan baliho di jembatan"
    assert "masa tenang" in p.isi
    assert p.lembaga == saluran["email"].lembaga
    assert list(p.lampiran.values_list("nama", flat=True)) == ["baliho.png"]


def test_email_json_webhook(client, saluran):
    """The JSON shape of a mail relay is accepted too, attachments in base64."""
    from sinergi.core.testing.gambar import png_kecil

    body = {
        "from": "Budi <budi@contoh.id>",
        "to": "lapor@kpu-madiun.go.id",
        "subject": "Baliho",
        "text": "Baliho di jembatan",
        "message_id": "<abc@contoh.id>",
        "attachments": [
            {
                "filename": "baliho.png",
                "content_type": "image/png",
                "content_base64": base64.b64encode(png_kecil()).decode(),
            }
        ],
    }
    r = client.post(
        "/kanal/email/webhook",
        json.dumps(body),
        content_type="application/json",
        headers={"X-Sinergi-Secret": EMAIL_SECRET},
    )
    assert r.status_code == 200
    p = PesanMasuk.objects.get()
    assert p.id_eksternal == "abc@contoh.id"
    assert p.lampiran.count() == 1


def test_email_attachment_failing_checks_is_left_out(client, saluran):
    """A file whose content does not match its extension is not kept; the message is."""
    body = {
        "from": "budi@contoh.id",
        "to": "lapor@kpu-madiun.go.id",
        "text": "lihat lampiran",
        "message_id": "x1@contoh.id",
        "attachments": [
            {"filename": "foto.jpg", "content_base64": base64.b64encode(b"MZ\x90\x00").decode()}
        ],
    }
    client.post(
        "/kanal/email/webhook",
        json.dumps(body),
        content_type="application/json",
        headers={"X-Sinergi-Secret": EMAIL_SECRET},
    )
    p = PesanMasuk.objects.get()
    assert p.lampiran.count() == 0
    assert "foto.jpg" in p.catatan


def test_email_wrong_secret_refused(client, saluran):
    """Without the shared secret nothing is stored (403)."""
    r = client.post("/kanal/email/webhook", _eml(), content_type="message/rfc822")
    assert r.status_code == 403
    assert PesanMasuk.objects.count() == 0


def test_email_replay_stores_no_second_row(client, saluran):
    """The same Message-ID posted twice makes one message."""
    for _ in range(2):
        client.post(
            "/kanal/email/webhook",
            _eml(),
            content_type="message/rfc822",
            headers={"X-Sinergi-Secret": EMAIL_SECRET},
        )
    assert PesanMasuk.objects.count() == 1


def test_email_webhook_has_no_get(client):
    assert client.get("/kanal/email/webhook").status_code == 405


def test_sample_number_id_matches_payload():
    """The endpoint id used by the fixtures is the one in Meta's sample payloads."""
    value = wa_payload()["entry"][0]["changes"][0]["value"]
    assert value["metadata"]["phone_number_id"] == NOMOR_ID
