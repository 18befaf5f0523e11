"""A webhook call connects to exactly the address that was checked: the host name is resolved
once, so a DNS server answering a public address to the check and an internal one to a second
lookup (DNS rebinding) cannot steer the call into the office network. TLS still verifies the
certificate against the host name (SNI), never against the address."""

import ipaddress
import json
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

import pytest

from sinergi.komunikasi import webhook

HOST = "gateway.polres-madiun.example.org"


class _Penerima(BaseHTTPRequestHandler):
    def do_POST(self):
        self.server.hits.append(
            (self.path, self.headers["Host"], self.rfile.read(int(self.headers["Content-Length"])))
        )
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _server(alamat: str, port: int = 0, tls: ssl.SSLContext | None = None) -> HTTPServer:
    server = HTTPServer((alamat, port), _Penerima)
    server.hits = []
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _tutup(*servers):
    for s in servers:
        s.shutdown()
        s.server_close()


def _resolver_berganti(*jawaban):
    """getaddrinfo answering the next address of `jawaban` at each lookup of a name (the
    last one after); an address literal answers itself, as the real resolver does."""
    calls = []

    def getaddrinfo(host, port, *args, **kwargs):
        try:
            a = str(ipaddress.ip_address(host))
        except ValueError:
            a = jawaban[min(len(calls), len(jawaban) - 1)]
            calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))]

    return getaddrinfo, calls


def _bukan_127_0_0_1(ip) -> bool:
    """Stand-in for webhook.publik: 127.0.0.2 plays the public receiver, 127.0.0.1 the
    internal service a rebinding attacker aims at."""
    return str(ip) != "127.0.0.1"


def test_the_call_goes_to_the_address_that_was_checked():
    """First lookup: 'public' 127.0.0.2; any later lookup: internal 127.0.0.1. The request
    reaches the first receiver, with the original Host header; the internal one gets nothing,
    and the name is looked up once."""
    publik = _server("127.0.0.2")
    port = publik.server_port
    internal = _server("127.0.0.1", port)
    getaddrinfo, calls = _resolver_berganti("127.0.0.2", "127.0.0.1")
    try:
        with (
            mock.patch("socket.getaddrinfo", getaddrinfo),
            mock.patch.object(webhook, "publik", _bukan_127_0_0_1),
        ):
            kode = webhook.kirim(f"http://{HOST}:{port}/hook?a=1", "r" * 40, "ping", {"id": 7})
    finally:
        _tutup(publik, internal)
    assert kode == 204
    assert internal.hits == []
    [(path, host, body)] = publik.hits
    assert (path, host, json.loads(body)) == ("/hook?a=1", f"{HOST}:{port}", {"id": 7})
    assert calls == [HOST]


@pytest.fixture(scope="module")
def sertifikat(tmp_path_factory):
    """A throwaway CA and a server certificate for HOST only (no IP address in it)."""
    d = tmp_path_factory.mktemp("tls")

    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)  # noqa: S603,S607

    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "1",
        "-subj",
        "/CN=Sinergi Uji CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=keyCertSign",
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "srv.key",
        "-out",
        "srv.csr",
        "-subj",
        f"/CN={HOST}",
    )
    (d / "ext.cnf").write_text(f"subjectAltName=DNS:{HOST}\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "srv.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "srv.pem",
        "-days",
        "1",
        "-extfile",
        "ext.cnf",
    )
    return d


def _konteks_klien(sertifikat):
    return lambda: ssl.create_default_context(cafile=str(sertifikat / "ca.pem"))


def _tls_server(sertifikat) -> HTTPServer:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sertifikat / "srv.pem", sertifikat / "srv.key")
    return _server("127.0.0.2", tls=ctx)


def test_https_verifies_the_certificate_against_the_host_name(sertifikat):
    """Connecting to the checked address still does TLS for the host name: a certificate
    for HOST (and not for 127.0.0.2) is accepted."""
    server = _tls_server(sertifikat)
    getaddrinfo, _calls = _resolver_berganti("127.0.0.2")
    try:
        with (
            mock.patch("socket.getaddrinfo", getaddrinfo),
            mock.patch.object(webhook, "publik", _bukan_127_0_0_1),
            mock.patch.object(webhook, "_konteks_tls", _konteks_klien(sertifikat)),
        ):
            kode = webhook.kirim(
                f"https://{HOST}:{server.server_port}/hook", "r" * 40, "ping", {"id": 1}
            )
    finally:
        _tutup(server)
    assert kode == 204
    assert len(server.hits) == 1


def test_https_refuses_a_certificate_for_another_name(sertifikat):
    """Verification is not switched off: the same server reached under another name fails
    the certificate check, and nothing is delivered."""
    server = _tls_server(sertifikat)
    getaddrinfo, _calls = _resolver_berganti("127.0.0.2")
    try:
        with (
            mock.patch("socket.getaddrinfo", getaddrinfo),
            mock.patch.object(webhook, "publik", _bukan_127_0_0_1),
            mock.patch.object(webhook, "_konteks_tls", _konteks_klien(sertifikat)),
            pytest.raises(ssl.SSLCertVerificationError),
        ):
            webhook.kirim(
                f"https://lain.example.org:{server.server_port}/hook", "r" * 40, "ping", {}
            )
    finally:
        _tutup(server)
    assert server.hits == []


def test_the_default_tls_context_verifies():
    ctx = webhook._konteks_tls()
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
