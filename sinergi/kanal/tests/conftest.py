"""Fixtures for channel tests: the channels switched on with test secrets, an office's
endpoints, a trusted sender, signed WhatsApp requests, and a local fake of Meta's Graph API."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
WA_SECRET = "rahasia-aplikasi-meta"
WA_VERIFY = "token-verifikasi"
SMS_SECRET = "rahasia-gateway"
EMAIL_SECRET = "rahasia-surel"
NOMOR_ID = "106540352242922"  # phone_number_id in the sample payloads
PENGIRIM = "+6281234567890"  # the sender in the sample payloads


@pytest.fixture(autouse=True)
def bahasa_inggris():
    """Messages are asserted in English (the msgids), replies in Indonesian are not."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def cache_bersih():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def kanal_aktif(settings, tmp_path):
    settings.SINERGI_WA_ENABLED = True
    settings.SINERGI_WA_APP_SECRET = WA_SECRET
    settings.SINERGI_WA_VERIFY_TOKEN = WA_VERIFY
    settings.SINERGI_WA_ACCESS_TOKEN = ""
    settings.SINERGI_SMS_ENABLED = True
    settings.SINERGI_SMS_SECRET = SMS_SECRET
    settings.SINERGI_EMAIL_INTAKE_ENABLED = True
    settings.SINERGI_EMAIL_INTAKE_SECRET = EMAIL_SECRET
    settings.SINERGI_KANAL_KELUAR = "sinergi.kanal.keluar.Lokal"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from sinergi.kanal.keluar import Lokal

    Lokal.kotak.clear()
    return settings


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def kategori(db):
    from sinergi.kejadian.referensi import load_kategori

    load_kategori()


@pytest.fixture
def saluran(lembaga_uji, kategori):
    """Bawaslu Kabupaten Madiun's WhatsApp number, SMS gateway phone and intake address."""
    from sinergi.kanal.models import Saluran

    lem = lembaga_uji["bawaslu_madiun"]
    return {
        "whatsapp": Saluran.objects.create(jenis="whatsapp", alamat=NOMOR_ID, lembaga=lem),
        "sms": Saluran.objects.create(jenis="sms", alamat="+6281100000002", lembaga=lem),
        "email": Saluran.objects.create(
            jenis="email", alamat="lapor@kpu-madiun.go.id", lembaga=lem
        ),
    }


@pytest.fixture
def petugas(pengguna_uji):
    """An operator of Bawaslu Kabupaten Madiun: holds that office's inbox."""
    return pengguna_uji("bawaslu_madiun", "operator")


@pytest.fixture
def petugas_lain(pengguna_uji):
    """An operator of KPU Kabupaten Madiun: same region, another office's inbox."""
    return pengguna_uji("kpu_madiun", "operator")


@pytest.fixture
def tepercaya(saluran, lembaga_uji, pengguna_uji):
    """The sender of the sample payloads, registered to a Panwascam contact who reports as a
    Bawaslu Kabupaten Madiun operator account, on WhatsApp and SMS."""
    from sinergi.kanal.models import PengirimTepercaya
    from sinergi.pemangku.models import Kontak

    kontak = Kontak.objects.create(
        lembaga=lembaga_uji["bawaslu_madiun"], nama="Siti Rahayu", jabatan="Panwascam Kebonsari"
    )
    akun = pengguna_uji("bawaslu_madiun", "koordinator")
    for jenis in ("whatsapp", "sms"):
        PengirimTepercaya.objects.create(jenis=jenis, alamat=PENGIRIM, kontak=kontak, pengguna=akun)
    return akun


def wa_payload(nama: str = "wa_teks.json", **ubah) -> dict:
    data = json.loads((DATA / nama).read_text())
    pesan = data["entry"][0]["changes"][0]["value"].get("messages")
    if pesan:
        pesan[0].update(ubah.pop("pesan", {}))
    return data


def wa_teks(teks: str, id_pesan: str = "wamid.uji-1") -> bytes:
    data = wa_payload(pesan={"id": id_pesan, "text": {"body": teks}})
    return json.dumps(data).encode()


def tanda_tangan(body: bytes, secret: str = WA_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture
def kirim_wa(client):
    """`kirim_wa(body)` posts a signed WhatsApp webhook, like Meta does."""

    def post(body: bytes, signature: str | None = None):
        headers = {"X-Hub-Signature-256": tanda_tangan(body) if signature is None else signature}
        return client.post(
            "/kanal/whatsapp/webhook", body, content_type="application/json", headers=headers
        )

    return post


class _Graph(BaseHTTPRequestHandler):
    token = "token-akses"
    gambar = b""
    terkirim: list = []

    def log_message(self, *args):  # quiet
        pass

    def _json(self, data, status=200):
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _izin(self) -> bool:
        if self.headers.get("Authorization") != f"Bearer {self.token}":
            self._json({"error": {"message": "bad token"}}, 401)
            return False
        return True

    def do_GET(self):
        if not self._izin():
            return
        host = f"http://127.0.0.1:{self.server.server_port}"
        if self.path.startswith("/berkas/"):
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(self.gambar)))
            self.end_headers()
            self.wfile.write(self.gambar)
            return
        media_id = self.path.strip("/")
        self._json({"url": f"{host}/berkas/{media_id}", "mime_type": "image/jpeg", "id": media_id})

    def do_POST(self):
        if not self._izin():
            return
        panjang = int(self.headers.get("Content-Length", "0"))
        _Graph.terkirim.append((self.path, json.loads(self.rfile.read(panjang))))
        self._json({"messages": [{"id": f"wamid.keluar-{len(_Graph.terkirim)}"}]})


@pytest.fixture
def graph(settings):
    """A local stand-in for Meta's Graph API (media lookup and download, send message)."""
    from sinergi.core.testing.gambar import foto_gps

    _Graph.gambar = foto_gps("JPEG")
    _Graph.terkirim = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Graph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SINERGI_WA_GRAPH_URL = f"http://127.0.0.1:{server.server_port}"
    settings.SINERGI_WA_ACCESS_TOKEN = _Graph.token
    yield _Graph
    server.shutdown()
    server.server_close()
