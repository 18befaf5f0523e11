"""The inbox in the API: list scoped to the office, make incident, bulk noise."""

from __future__ import annotations

import pytest

from sinergi.kanal.models import PesanMasuk, StatusPesan
from sinergi.kanal.tests.conftest import wa_teks
from sinergi.kejadian.models import Kejadian

pytestmark = pytest.mark.django_db


@pytest.fixture
def pesan(kirim_wa, saluran):
    kirim_wa(wa_teks("Ada amplop dibagikan di Balerejo", id_pesan="wamid.a-1"))
    return PesanMasuk.objects.get()


def test_list_own_office(client, pesan, petugas, bearer, django_assert_max_num_queries):
    headers = bearer(petugas)
    with django_assert_max_num_queries(8):
        r = client.get("/api/v1/kanal/pesan?status=baru", headers=headers)
    assert r.status_code == 200
    assert r.json()["count"] == 1
    assert r.json()["items"][0]["isi"] == "Ada amplop dibagikan di Balerejo"


def test_list_other_office_empty(client, pesan, petugas_lain, bearer):
    r = client.get("/api/v1/kanal/pesan", headers=bearer(petugas_lain))
    assert r.json()["count"] == 0


def test_make_incident(client, pesan, petugas, bearer):
    r = client.post(
        f"/api/v1/kanal/pesan/{pesan.pk}/kejadian",
        {"kategori": "politik_uang", "tempat": "35.19.01.2001"},
        content_type="application/json",
        headers=bearer(petugas),
    )
    assert r.status_code == 201
    k = Kejadian.objects.get()
    assert r.json()["ref"] == str(k.ref)
    assert r.json()["pesan"]["status"] == "dijadikan_kejadian"


def test_make_incident_other_office_404(client, pesan, petugas_lain, bearer):
    r = client.post(
        f"/api/v1/kanal/pesan/{pesan.pk}/kejadian",
        {"kategori": "politik_uang", "tempat": "35.19.01.2001"},
        content_type="application/json",
        headers=bearer(petugas_lain),
    )
    assert r.status_code == 404
    assert Kejadian.objects.count() == 0


def test_make_incident_bad_category_422(client, pesan, petugas, bearer):
    r = client.post(
        f"/api/v1/kanal/pesan/{pesan.pk}/kejadian",
        {"kategori": "tidak_ada", "tempat": "35.19.01.2001"},
        content_type="application/json",
        headers=bearer(petugas),
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "kategori"


def test_bulk_noise(client, pesan, petugas, bearer):
    r = client.post(
        "/api/v1/kanal/pesan/derau",
        {"pesan": [pesan.pk]},
        content_type="application/json",
        headers=bearer(petugas),
    )
    assert r.json() == {"diubah": [pesan.pk], "gagal": []}
    pesan.refresh_from_db()
    assert pesan.status == StatusPesan.DERAU


def test_bulk_noise_other_office_404(client, pesan, petugas_lain, bearer):
    r = client.post(
        "/api/v1/kanal/pesan/derau",
        {"pesan": [pesan.pk]},
        content_type="application/json",
        headers=bearer(petugas_lain),
    )
    assert r.status_code == 404
    pesan.refresh_from_db()
    assert pesan.status == StatusPesan.BARU


def test_read_only_token_cannot_write(client, pesan, petugas, bearer):
    r = client.post(
        "/api/v1/kanal/pesan/derau",
        {"pesan": [pesan.pk]},
        content_type="application/json",
        headers=bearer(petugas, read_only=True),
    )
    assert r.status_code in (401, 403)
    pesan.refresh_from_db()
    assert pesan.status == StatusPesan.BARU


def test_make_incident_naive_time_422(client, pesan, petugas, bearer):
    """A time without its offset is refused with the intake's own message; nothing saved."""
    r = client.post(
        f"/api/v1/kanal/pesan/{pesan.pk}/kejadian",
        {"kategori": "politik_uang", "tempat": "35.19", "waktu_kejadian": "2024-02-14T09:30"},
        content_type="application/json",
        headers=bearer(petugas),
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "waktu_kejadian"
    assert Kejadian.objects.count() == 0
