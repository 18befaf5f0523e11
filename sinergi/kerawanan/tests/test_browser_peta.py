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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_peringkat_tampil_tanpa_menunggu_peta(halaman, ikp, wilayah_mini, lembaga_uji):
    """The ranking is in the page as sent: with the boundary files unreachable the map never
    draws, yet the province table and the regency ranking are there to read."""
    from decimal import Decimal

    from sinergi.kerawanan.models import Penilaian

    Penilaian.objects.create(
        kerangka=ikp,
        wilayah_id="35.19",
        periode="2024",
        lembaga=lembaga_uji["bawaslu_jatim"],
        kerahasiaan="PUBLIC",
        skor=Decimal("55.10"),
        kategori="tinggi",
    )
    halaman.route("**/static/wilayah/batas/**", lambda route: route.abort())
    halaman.goto("/kerawanan/ikp-2024/")
    baris = halaman.locator("table").last.locator("tbody tr")
    assert baris.count() == 1 and "Kabupaten Madiun" in baris.first.inner_text()
    assert "55" in baris.first.inner_text()
    assert halaman.locator("#peta").get_attribute("data-tergambar") is None
