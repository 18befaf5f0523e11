"""Whole numbers from outside (ids, offsets, years): a value beyond a 64-bit integer or written
in non-ASCII digits ('²', Arabic-Indic '٣') answers 422 in the API and a form error on pages,
never 500 (sinergi/core/angka.py)."""

import re

import pytest
from django.utils import translation

from sinergi.core.angka import ID_MAKS, AngkaField, angka

BESAR = str(2**64)  # above 2**63 - 1: overflows SQLite and PostgreSQL integers
PESAN_MAKS = f"Paling besar {ID_MAKS}."  # the API answers in Indonesian, the default


def _galat(r) -> dict[str, str]:
    assert r.status_code == 422, r.content
    return {e["field"]: e["message"] for e in r.json()["errors"]}


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/api/v1/pemilu?offset={BESAR}", "offset"),
        (f"/api/v1/regulasi?offset={BESAR}", "offset"),
        (f"/api/v1/wilayah?offset={BESAR}", "offset"),
        (f"/api/v1/kegiatan?offset={BESAR}", "offset"),
        (f"/api/v1/kegiatan?tahapan={BESAR}", "tahapan"),
        (f"/api/v1/lembaga?induk={BESAR}", "induk"),
        (f"/api/v1/tindak-lanjut?lembaga={BESAR}", "lembaga"),
        (f"/api/v1/pemilu/pemilu-2024/tahapan?offset={BESAR}", "offset"),
        (f"/api/v1/regulasi/{BESAR}", "regulasi_id"),
        (f"/api/v1/kegiatan/{BESAR}", "kegiatan_id"),
        (f"/api/v1/lembaga/{BESAR}", "lembaga_id"),
    ],
)
def test_api_integer_above_64_bit_is_422(client, admin_sistem, bearer, path, field):
    """Each id, filter and offset beyond 2**63 - 1 names its field with the limit."""
    r = client.get(path, headers=bearer(admin_sistem))
    assert _galat(r) == {field: PESAN_MAKS}


def test_api_id_list_in_body_above_64_bit_is_422(client, admin_sistem, bearer, lembaga_uji):
    """An id list in a body (an event's stages) is bounded per element; nothing is created."""
    from sinergi.kegiatan.models import Kegiatan

    r = client.post(
        "/api/v1/kegiatan",
        {"judul": "Uji", "tahapan": [int(BESAR)]},
        content_type="application/json",
        headers=bearer(admin_sistem),
    )
    assert _galat(r)["data.tahapan.0"] == PESAN_MAKS
    assert not Kegiatan.objects.exists()


@pytest.mark.parametrize("digit", ["²", "٣"])
def test_api_unicode_digits_are_422(client, digit, wilayah_mini):
    """Superscript and Arabic-Indic digits are not ids: 422 naming the field, on the event list
    and on the duty matrix whose stage is an id or a code."""
    assert _galat(client.get(f"/api/v1/kegiatan?tahapan={digit}")) == {
        "tahapan": "Harus berupa bilangan bulat."
    }
    assert _galat(client.get(f"/api/v1/tupoksi?tahapan={digit}")) == {
        "tahapan": "Tahapan tidak dikenal; berikan id-nya, atau kodenya beserta pemilu."
    }


@pytest.mark.parametrize("nilai", ["²", "٣", BESAR])
def test_calendar_page_bad_stage_shows_a_form_error(client, nilai, wilayah_mini):
    """The event calendar ignores a bad stage filter and says why (in Indonesian)."""
    r = client.get("/kegiatan/", {"tahapan": nilai, "tahun": nilai, "bulan": nilai})
    assert r.status_code == 200
    teks = r.content.decode()
    assert 'class="errorlist" role="alert"' in teks
    pesan = (
        "Masukkan keseluruhan angka bilangan."
        if nilai != BESAR
        else "Pastikan nilai ini lebih kecil dari atau sama dengan"
    )
    assert f"Tahapan: {pesan}" in teks


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        ("²", "Masukkan keseluruhan angka bilangan."),
        (BESAR, "Pastikan nilai ini lebih kecil dari atau sama dengan 2100."),
    ],
)
def test_regulation_page_bad_year_shows_a_form_error(client, nilai, pesan, db):
    """The regulation catalogue ignores a bad year and says why."""
    r = client.get("/regulasi/", {"tahun": nilai})
    assert r.status_code == 200
    assert f"Tahun: {pesan}" in r.content.decode()


def test_page_path_id_beyond_64_bit_is_404(client, db):
    """`<int:pk>` accepts any ASCII digits; one the database cannot hold is simply not found."""
    assert client.get(f"/regulasi/{BESAR}/").status_code == 404
    assert client.get(f"/kegiatan/{BESAR}/").status_code == 404


def test_angka_accepts_only_ascii_digits_in_range():
    """The shared parser: ASCII digits within the bounds, nothing else."""
    assert angka("42") == 42
    assert angka(" 7 ") == 7
    assert [angka(t) for t in ("²", "٣", "-1", "1e3", "", None, BESAR)] == [None] * 7
    assert angka("1944", minimum=1945) is None
    assert angka(str(ID_MAKS)) == ID_MAKS


def test_angka_field_refuses_what_int_would_accept():
    """`int("٣")` is 3 and `"²".isdigit()` is true; the form field refuses both."""
    translation.activate("en")
    f = AngkaField(required=False)
    assert f.clean("12") == 12
    for teks in ("٣", "²", BESAR, "0"):
        with pytest.raises(Exception, match=r"whole number|less than or equal|greater than"):
            f.clean(teks)


def _int_routes():
    from tests.test_permission_matrix import url_patterns

    for route in url_patterns():
        if "<int:" in route and not route.startswith("/admin/") and "^" not in route:
            yield route


@pytest.mark.parametrize("route", sorted(set(_int_routes())))
def test_page_int_route_beyond_64_bit_is_not_a_server_error(client, admin_sistem, route):
    """Every page route with `<int:…>`, opened by a system administrator with an id the
    database cannot hold: not found (or the login/redirect it answers anyway), never 500."""
    url = re.sub(r"<int:[^>]+>", BESAR, route)
    url = re.sub(r"<uuid:[^>]+>", "00000000-0000-4000-8000-000000000001", url)
    url = re.sub(r"<(?:str|slug|path):[^>]+>", "x", url)
    client.force_login(admin_sistem)
    assert client.get(url).status_code in {404, 302, 405}, url
