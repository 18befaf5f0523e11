"""Branded error pages (portal.galat): the base layout, the user's language, nothing revealed."""

import json
import re

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone

from sinergi.portal import galat

pytestmark = pytest.mark.django_db
CSRF = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


@pytest.fixture
def acara_bali(lembaga_uji):
    """A RESTRICTED event of KPU Bali: hidden from anyone outside Bali."""
    from sinergi.kegiatan.models import Kegiatan

    mulai = timezone.now()
    return Kegiatan.objects.create(
        jenis="sosialisasi",
        judul="Rakor tertutup Bali",
        penyelenggara=lembaga_uji["kpu_bali"],
        wilayah_id="51",
        mulai=mulai,
        selesai=mulai + timezone.timedelta(hours=2),
        kode_hadir="BALI01",
        kerahasiaan="RESTRICTED",
    )


def _tanpa_csrf(body: bytes) -> bytes:
    return CSRF.sub(rb"\1-", body)


def test_tersembunyi_dan_tidak_ada_halaman_404_yang_sama(client, pengguna_uji, acara_bali):
    """For a Madiun operator, Bali's hidden event and an event that never existed answer the
    same 404 page, byte for byte but for the CSRF token: the menu, a way home and to the
    dashboard, in Indonesian, without the address or the event's title."""
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    tersembunyi = client.get(f"/kegiatan/{acara_bali.pk}/")
    tidak_ada = client.get(f"/kegiatan/{acara_bali.pk + 1000}/")
    assert tersembunyi.status_code == tidak_ada.status_code == 404
    assert _tanpa_csrf(tersembunyi.content) == _tanpa_csrf(tidak_ada.content)
    body = tersembunyi.content.decode()
    assert '<html lang="id">' in body and "Halaman tidak ditemukan" in body
    assert '<nav id="nav"' in body and 'href="/kegiatan/"' in body
    assert 'href="/">Kembali ke beranda</a>' in body and 'href="/dasbor/">Ke dasbor' in body
    assert "Rakor tertutup Bali" not in body and f"/kegiatan/{acara_bali.pk}/" not in body
    assert "Not Found" not in body


def test_404_bahasa_inggris_bila_dipilih(client, acara_bali):
    """Anonymous, with English chosen: the same page in English, with a login link."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    tersembunyi = client.get(f"/kegiatan/{acara_bali.pk}/")
    tidak_ada = client.get("/halaman-yang-tidak-ada/")
    assert tersembunyi.status_code == tidak_ada.status_code == 404
    assert _tanpa_csrf(tersembunyi.content) == _tanpa_csrf(tidak_ada.content)
    body = tidak_ada.content.decode()
    assert '<html lang="en">' in body and "<h1>Page not found</h1>" in body
    assert 'href="/akun/masuk/">Log in</a>' in body


def test_api_tetap_json(client):
    """An unknown address under /api/ answers the API's JSON error, not a page."""
    r = client.get("/api/v1/tidak-ada")
    assert r.status_code == 404 and r["Content-Type"] == "application/json"
    assert r.json() == {"message": "Tidak ditemukan.", "errors": []}


def test_400_halaman_bermerek(client):
    """A request for a host name the server does not serve (Django answers 400) gets the
    branded page with the menu."""
    r = client.get("/", HTTP_HOST="bukan-sinergi.example")
    assert r.status_code == 400
    body = r.content.decode()
    assert "Permintaan tidak dapat dipahami" in body and '<nav id="nav"' in body


def test_403_halaman_bermerek_dan_json_di_api(rf, admin_sistem):
    """PermissionDenied: the branded page (in the base layout) and JSON under /api/."""
    request = rf.get("/kegiatan/")
    request.user = admin_sistem
    r = galat.dilarang(request)
    assert r.status_code == 403 and "Tidak diizinkan" in r.content.decode()
    assert '<nav id="nav"' in r.content.decode()
    api = galat.dilarang(rf.get("/api/v1/kegiatan"))
    assert api.status_code == 403 and b'"errors": []' in api.content


def test_500_tanpa_database_dan_tanpa_konteks_request(django_assert_num_queries):
    """The 500 page renders from a bare request (no user, no session) with no query at all,
    still branded and in the active language; under /api/ it is JSON."""
    with django_assert_num_queries(0):
        r = galat.galat_server(RequestFactory().get("/kegiatan/"))
        api = galat.galat_server(RequestFactory().get("/api/v1/kejadian"))
    body = r.content.decode()
    assert r.status_code == 500 and "Terjadi kesalahan di server" in body
    assert 'href="/">Kembali ke beranda</a>' in body and "portal/sinergi.css" in body
    assert api.status_code == 500 and json.loads(api.content)["errors"] == []


def test_handler_terpasang():
    """sinergi/urls.py names the four handlers."""
    from sinergi import urls

    assert urls.handler404 == "sinergi.portal.galat.tidak_ditemukan"
    assert urls.handler500 == "sinergi.portal.galat.galat_server"
    assert urls.handler400 == "sinergi.portal.galat.permintaan_buruk"
    assert urls.handler403 == "sinergi.portal.galat.dilarang"


def test_formulir_kedaluwarsa_halaman_bermerek(pengguna_uji):
    """A form sent without a valid CSRF token (a page left open too long) gets the branded
    page telling the user to reload it, in Indonesian, not Django's bare "Forbidden"."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    r = client.post("/akun/masuk/", {"username": "a@b.id", "password": "x"})
    assert r.status_code == 403
    body = r.content.decode()
    assert "Formulir sudah kedaluwarsa" in body and '<nav id="nav"' in body
    assert "CSRF" not in body.replace("X-CSRFToken", "")
