"""The coverage map on a phone: only the province's boundaries, outlines drawn."""

import pytest

from sinergi.wilayah.testing import ANGGARAN_BATAS, PemantauBatas, tunggu_peta


@pytest.fixture(autouse=True)
def _async_guard(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_peta_cakupan_memuat_batas_provinsi_saja(halaman, masuk_sebagai, pengguna_uji, pemilu):
    """KPU Jatim's coverage of Jawa Timur: the table is on the page, the map downloads only
    Jawa Timur's regency boundaries (under 150 KB) and outlines the three regencies in the
    table (the test regions: Kabupaten Madiun, Kota Madiun, Kabupaten Ngawi); then htmx is
    loaded for the rest of the page."""
    user = pengguna_uji("kpu_jatim", "operator")
    user.set_password("rahasia-uji-123")
    user.save()
    masuk_sebagai(user, "rahasia-uji-123")
    pantau = PemantauBatas(halaman)
    halaman.goto(f"/kegiatan/cakupan/?pemilu={pemilu.slug}&wilayah=35")
    assert halaman.locator("#cakupan-wilayah tbody tr").count() == 3
    assert tunggu_peta(halaman, 3) == 3
    assert list(pantau.berkas) and all(u.endswith("/kabupaten_kota/35.json") for u in pantau.berkas)
    assert 0 < pantau.total < ANGGARAN_BATAS, pantau.berkas
    # htmx, held back while the map loads, comes once it is drawn: the inbox badge works
    halaman.wait_for_function("() => !!window.htmx")
    halaman.locator("#lencana-notifikasi[hx-trigger='every 45s']").wait_for(state="attached")
