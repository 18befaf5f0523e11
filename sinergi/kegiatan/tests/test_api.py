"""The kegiatan API: scoped reads, writes, idempotent check-in, errors as JSON."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.kegiatan.models import Kegiatan, Kehadiran, Undangan

pytestmark = pytest.mark.django_db


def test_list_is_scoped_and_query_count_pinned(
    client, bearer, pengguna_uji, buat_kegiatan, django_assert_max_num_queries
):
    """A Madiun operator sees Madiun's restricted events, not the province's or Bali's;
    the number of queries does not grow with the rows."""
    buat_kegiatan(judul="Sosialisasi Jatim")
    buat_kegiatan(judul="Rakor Madiun", wilayah_id="35.19")
    buat_kegiatan(
        judul="Rakor Bali",
        wilayah_id="51",
        penyelenggara=pengguna_uji("kpu_bali", "operator").lembaga,
    )
    for i in range(5):
        buat_kegiatan(judul=f"Lain {i}", wilayah_id="35.19")
    headers = bearer(pengguna_uji("kpu_madiun", "operator"))
    with django_assert_max_num_queries(8):
        r = client.get("/api/v1/kegiatan?limit=50", headers=headers)
    judul = {x["judul"] for x in r.json()["items"]}
    assert "Rakor Bali" not in judul and "Sosialisasi Jatim" not in judul
    assert "Rakor Madiun" in judul
    assert r.json()["count"] == 6


def test_anonymous_sees_only_public(client, buat_kegiatan):
    """Anonymous callers see PUBLIC events only."""
    buat_kegiatan(judul="Publik", kerahasiaan="PUBLIC")
    buat_kegiatan(judul="Terbatas")
    r = client.get("/api/v1/kegiatan")
    assert [x["judul"] for x in r.json()["items"]] == ["Publik"]


def test_detail_outside_scope_is_404(client, bearer, pengguna_uji, buat_kegiatan):
    """A restricted Madiun event answers 404 to a Bali user, 200 to a Madiun user."""
    k = buat_kegiatan(wilayah_id="35.19")
    r = client.get(
        f"/api/v1/kegiatan/{k.pk}", headers=bearer(pengguna_uji("kpu_bali", "koordinator"))
    )
    assert r.status_code == 404
    assert r.json()["errors"] == []
    r = client.get(
        f"/api/v1/kegiatan/{k.pk}", headers=bearer(pengguna_uji("kpu_madiun", "pengamat"))
    )
    assert r.status_code == 200
    assert r.json()["mulai_lokal"].endswith("+07:00")


def test_create_local_time_and_end_before_start(client, bearer, operator_jatim, wilayah_mini):
    """Create reads naive times as WIB; end before start answers 422 naming `selesai`
    (in Indonesian, the default language)."""
    data = {
        "jenis": "sosialisasi",
        "judul": "Sosialisasi API",
        "wilayah": "35",
        "tempat": "Aula",
        "mulai": "2030-12-08T09:00:00",
        "selesai": "2030-12-08T08:00:00",
    }
    r = client.post(
        "/api/v1/kegiatan", data, content_type="application/json", headers=bearer(operator_jatim)
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "selesai", "message": "Waktu selesai harus setelah waktu mulai."}
    ]
    assert Kegiatan.objects.count() == 0
    data["selesai"] = "2030-12-08T12:00:00"
    r = client.post(
        "/api/v1/kegiatan", data, content_type="application/json", headers=bearer(operator_jatim)
    )
    assert r.status_code == 201
    assert r.json()["mulai"].startswith("2030-12-08T02:00:00")


def test_bulk_preview_writes_nothing(client, bearer, operator_jatim, buat_kegiatan):
    """`pratinjau` counts the organizations and creates nothing."""
    k = buat_kegiatan()
    url = f"/api/v1/kegiatan/{k.pk}/undangan/massal"
    body = {"jenis": "kpu", "wilayah": "35", "tingkat": "kabupaten_kota", "pratinjau": True}
    r = client.post(url, body, content_type="application/json", headers=bearer(operator_jatim))
    assert r.json() == {"jumlah": 3, "pratinjau": True}
    assert Undangan.objects.count() == 0


def test_check_in_is_idempotent(client, bearer, operator_jatim, buat_kegiatan, lembaga_uji):
    """The same invitation checked in twice: 201 then 200, one record."""
    k = buat_kegiatan(mulai=timezone.now())
    u = Undangan.objects.create(kegiatan=k, lembaga=lembaga_uji["kpu_ngawi"], token="abc123token")
    url = f"/api/v1/kegiatan/{k.pk}/kehadiran"
    h = bearer(operator_jatim)
    r1 = client.post(url, {"token": u.token}, content_type="application/json", headers=h)
    r2 = client.post(url, {"undangan": u.pk}, content_type="application/json", headers=h)
    assert (r1.status_code, r2.status_code) == (201, 200)
    assert r1.json()["id"] == r2.json()["id"]
    assert Kehadiran.objects.count() == 1


def test_rsvp_after_event_api(client, buat_kegiatan, lembaga_uji):
    """RSVP after the event answers 422 with the message, in Indonesian by default."""
    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(days=2))
    Undangan.objects.create(kegiatan=k, lembaga=lembaga_uji["kpu_ngawi"], token="lalu-token")
    r = client.post(
        "/api/v1/kegiatan/rsvp/lalu-token", {"jawaban": "hadir"}, content_type="application/json"
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["message"] == (
        "Kegiatan sudah berlangsung; konfirmasi kehadiran sudah ditutup."
    )


def test_attendance_list_hidden_from_viewer(client, bearer, pengguna_uji, buat_kegiatan):
    """A viewer of the same province may see the event but not its attendance list (404)."""
    k = buat_kegiatan()
    r = client.get(
        f"/api/v1/kegiatan/{k.pk}/kehadiran", headers=bearer(pengguna_uji("kpu_jatim", "pengamat"))
    )
    assert r.status_code == 404
