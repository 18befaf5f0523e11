"""Compressed pages and JSON (core.middleware.KompresiMiddleware), and what is left alone."""

import gzip
import io
import json

import pytest
from django.http import FileResponse, HttpResponse
from django.test import RequestFactory

from sinergi.core.middleware import KompresiMiddleware, tanpa_kompresi
from sinergi.wilayah.batas import TUJUAN

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def kategori(db):
    from sinergi.kejadian.referensi import load_kategori

    load_kategori()


def test_halaman_publik_dikirim_gzip_dan_lebih_kecil(client, kategori, wilayah_mini):
    """The public report form comes back gzipped when the browser accepts it, far smaller,
    and is the same page once unpacked; without Accept-Encoding it comes back plain."""
    polos = client.get("/kejadian/publik/lapor/")
    assert polos.status_code == 200 and "Content-Encoding" not in polos
    r = client.get("/kejadian/publik/lapor/", **GZIP)
    assert r.status_code == 200 and r["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in r["Vary"]
    halaman = gzip.decompress(r.content)
    assert halaman.startswith(b"<!doctype html>") and b"</html>" in halaman
    assert len(r.content) * 2 < len(polos.content)
    assert abs(len(halaman) - len(polos.content)) < 200  # only the CSRF token differs


def test_json_api_dikirim_gzip(client):
    """API JSON is compressed too (here the OpenAPI document)."""
    r = client.get("/api/v1/openapi.json", **GZIP)
    assert r["Content-Encoding"] == "gzip"
    assert "paths" in json.loads(gzip.decompress(r.content))


def test_berkas_statis_tidak_dikompresi_dua_kali(client):
    """Static files are WhiteNoise's: the middleware never gzips them again (in production
    WhiteNoise sends the .gz collectstatic made; the test server has none)."""
    r = client.get("/static/wilayah/batas/provinsi.json", **GZIP)
    assert r.status_code == 200 and "Content-Encoding" not in r
    assert b"".join(r.streaming_content) == (TUJUAN / "provinsi.json").read_bytes()


def test_unduhan_dan_format_terkompresi_dibiarkan():
    """A streamed file download keeps its Content-Length and is not gzipped; neither is an
    XLSX (a zip already) nor a view marked `tanpa_kompresi`."""
    request = RequestFactory().get("/", **GZIP)
    isi = b"%PDF-1.4 " + b"x" * 5000
    mw = KompresiMiddleware(lambda r: None)

    berkas = mw.process_response(request, FileResponse(io.BytesIO(isi), filename="a.pdf"))
    assert "Content-Encoding" not in berkas and berkas["Content-Length"] == str(len(isi))
    xlsx = HttpResponse(
        b"x" * 5000,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    assert "Content-Encoding" not in mw.process_response(request, xlsx)
    halaman = tanpa_kompresi(lambda r: HttpResponse(b"<p>rahasia</p>" * 500))(request)
    assert "Content-Encoding" not in mw.process_response(request, halaman)
    biasa = HttpResponse(b"<p>biasa</p>" * 500)
    assert mw.process_response(request, biasa)["Content-Encoding"] == "gzip"


def test_halaman_token_api_tidak_dikompresi(client, pengguna_uji):
    """The API token page shows a new secret next to the name the user typed: never gzipped
    (BREACH), while another signed-in page is."""
    client.force_login(pengguna_uji("kpu_jatim", "operator"))
    r = client.get("/akun/token/", **GZIP)
    assert r.status_code == 200 and "Content-Encoding" not in r
    assert client.get("/akun/saya/", **GZIP)["Content-Encoding"] == "gzip"


def test_statis_belum_dikumpulkan_tetap_punya_url(tmp_path):
    """Before collectstatic a file gets its plain URL (served by WhiteNoise's finders), not an
    error; once collected, its hashed name (served compressed, cached for good)."""
    from sinergi.core.statis import StatisSinergi

    storage = StatisSinergi(location=tmp_path, base_url="/static/")
    assert storage.url("portal/sinergi.css") == "/static/portal/sinergi.css"
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"portal/sinergi.css": "portal/sinergi.1a2b.css"}})
    )
    storage = StatisSinergi(location=tmp_path, base_url="/static/")
    assert storage.url("portal/sinergi.css") == "/static/portal/sinergi.1a2b.css"
