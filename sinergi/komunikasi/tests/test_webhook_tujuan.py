"""Where a webhook call may go, checked at each call: a host name resolving to a non-public
address is never called (the address was only checked as typed when saved), and redirects are
not followed."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

import pytest

from sinergi.komunikasi import services, webhook
from sinergi.komunikasi.models import PengirimanWebhook

pytestmark = pytest.mark.django_db
URL = "https://gateway.polres-madiun.example.org/sinergi"


def _resolusi(*alamat):
    """A stand-in for socket.getaddrinfo answering the given addresses."""

    def getaddrinfo(host, port, *args, **kwargs):
        hasil = []
        for a in alamat:
            keluarga = socket.AF_INET6 if ":" in a else socket.AF_INET
            sockaddr = (a, port, 0, 0) if keluarga == socket.AF_INET6 else (a, port)
            hasil.append((keluarga, socket.SOCK_STREAM, 6, "", sockaddr))
        return hasil

    return getaddrinfo


@pytest.mark.parametrize(
    "alamat",
    [
        ("10.1.2.3",),
        ("192.168.1.5",),
        ("127.0.0.1",),
        ("169.254.169.254",),  # cloud metadata
        ("100.64.0.1",),  # carrier-grade NAT
        ("::1",),
        ("::ffff:127.0.0.1",),  # IPv4 inside IPv6
        ("fd00::1",),
        ("8.8.8.8", "10.0.0.1"),  # one private answer among public ones is enough
    ],
)
def test_a_name_resolving_to_a_non_public_address_is_refused(alamat):
    with (
        mock.patch("socket.getaddrinfo", _resolusi(*alamat)),
        pytest.raises(OSError, match=r"non-public|bukan alamat publik"),
    ):
        webhook.periksa_tujuan(URL)


def test_a_name_resolving_to_public_addresses_passes():
    with mock.patch("socket.getaddrinfo", _resolusi("8.8.8.8", "2001:4860:4860::8888")):
        webhook.periksa_tujuan(URL)  # no exception


def test_an_unresolvable_name_is_a_failed_call():
    def gagal(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    with mock.patch("socket.getaddrinfo", gagal), pytest.raises(OSError):
        webhook.periksa_tujuan(URL)


def test_the_delivery_to_a_private_address_fails_without_any_connection(pengguna_uji):
    """Through the real task: the call is refused before any connection is opened, and the
    delivery log says why."""
    from sinergi.komunikasi import tasks

    admin = pengguna_uji("polres_madiun", "admin_lembaga")
    w, _rahasia = services.webhook_create(pelaku=admin, url=URL)
    log = PengirimanWebhook.objects.create(webhook=w, peristiwa="ping", payload={"id": 1})
    with (
        mock.patch("socket.getaddrinfo", _resolusi("10.20.30.40")),
        mock.patch("socket.create_connection") as sambung,
    ):
        tasks.kirim_webhook.call(log.pk)
    sambung.assert_not_called()
    log.refresh_from_db()
    assert log.status == PengirimanWebhook.Status.GAGAL
    assert "10.20.30.40" in log.galat and log.kode_http is None


def test_a_redirect_is_not_followed():
    """A receiver answering 302 to elsewhere gets exactly one request; the call's result is
    the 302 (a failure), not whatever the redirect target says."""
    hits = []

    class Penerima(BaseHTTPRequestHandler):
        def do_POST(self):
            hits.append(self.path)
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(302)
            self.send_header("Location", "/rahasia-internal")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Penerima)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        # The address check is what refuses 127.0.0.1; skip it to reach the redirect.
        with mock.patch.object(webhook, "periksa_tujuan", return_value="127.0.0.1"):
            kode = webhook.kirim(url, "r" * 40, "ping", {"id": 1})
    finally:
        server.shutdown()
        server.server_close()
    assert kode == 302
    assert hits == ["/hook"]
