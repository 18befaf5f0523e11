"""The announcement flow in a real Chromium on a phone-sized page:
announce (with the audience preview) → read → acknowledge → remind."""

import pytest

SANDI = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def izinkan_async(monkeypatch):
    """Playwright's event loop shares this thread; lift Django's async guard for this test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield


def _ganti(halaman, masuk_sebagai, user):
    halaman.context.clear_cookies()
    user.set_password(SANDI)
    user.save()
    masuk_sebagai(user, SANDI)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_announce_read_acknowledge_remind(halaman, masuk_sebagai, penulis, penerima):
    """KPU Jatim announces to every regency KPU in Jawa Timur after previewing the count; a
    regency operator opens it from the inbox and acknowledges; the author reminds the rest."""
    from sinergi.komunikasi.models import Penerimaan, Pengumuman

    _ganti(halaman, masuk_sebagai, penulis)
    halaman.goto("/komunikasi/pengumuman/baru/")
    halaman.check("input[name=audiens_jenis][value=kpu]")
    halaman.check("input[name=audiens_tingkat][value=kabupaten_kota]")
    halaman.fill("#id_audiens_wilayah", "35")
    halaman.click("button[hx-post]")
    halaman.locator("#pratinjau").filter(has_text="4 orang di 3 lembaga").wait_for()
    halaman.fill("#id_judul", "PKPU 15/2023 tentang Kampanye")
    halaman.fill("#id_isi", "Mohon dipelajari dan berikan tanda terima.")
    halaman.check("#id_perlu_tanda_terima")
    halaman.click("main form button[type=submit]:not([hx-post])")
    halaman.wait_for_url("**/penerimaan/")
    p = Pengumuman.objects.get()
    assert Penerimaan.objects.filter(pengumuman=p).count() == 4

    madiun = penerima["kpu_madiun"]
    _ganti(halaman, masuk_sebagai, madiun)
    halaman.locator("#lencana-notifikasi .badge").filter(has_text="1").wait_for(state="attached")
    halaman.goto("/komunikasi/")
    halaman.click("text=PKPU 15/2023 tentang Kampanye")
    halaman.wait_for_url(f"**/komunikasi/pengumuman/{p.pk}/")
    assert "wa.me" in halaman.locator("a[href^='https://wa.me/']").get_attribute("href")
    halaman.click("text=Saya sudah menerima")
    halaman.wait_for_load_state()
    r = Penerimaan.objects.get(pengumuman=p, pengguna=madiun)
    assert r.dibaca_at and r.diakui_at

    _ganti(halaman, masuk_sebagai, penulis)
    halaman.goto(f"/komunikasi/pengumuman/{p.pk}/penerimaan/")
    assert "1 dari 3" in halaman.content()
    halaman.click("text=Ingatkan yang belum memberi tanda terima")
    halaman.locator(".messages").filter(has_text="3 orang").wait_for()
    assert Penerimaan.objects.filter(pengumuman=p, diingatkan_at__isnull=False).count() == 3
