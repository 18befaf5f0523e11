"""The vulnerability map on a phone: compact boundaries, outlines drawn, tables first."""

import pytest

from sinergi.wilayah.testing import ANGGARAN_BATAS, PemantauBatas, tunggu_peta


@pytest.fixture(autouse=True)
def _async_guard(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_peta_ikp_memuat_batas_ringkas_dan_menggambar_wilayah(halaman, ikp, wilayah_mini):
    """The national map downloads under 150 KB of boundaries and draws all 38 provinces;
    clicking Jawa Timur downloads only that province's regencies and draws its 38."""
    pantau = PemantauBatas(halaman)
    halaman.goto("/kerawanan/ikp-2024/")
    assert tunggu_peta(halaman, 38) >= 38
    assert len(pantau.berkas) == 1 and 0 < pantau.total < ANGGARAN_BATAS, pantau.berkas

    halaman.locator("#peta path.w-35").dispatch_event("click")
    halaman.locator("#kembali").wait_for()
    assert "Jawa Timur" in halaman.locator("#judul-peta").inner_text()
    halaman.wait_for_function("() => document.getElementById('peta').dataset.tergambar == 38")
    assert halaman.locator("#peta path.leaflet-interactive").count() >= 38
    assert len(pantau.berkas) == 2 and pantau.total < ANGGARAN_BATAS, pantau.berkas
    assert any(u.endswith("/kabupaten_kota/35.json") for u in pantau.berkas)
