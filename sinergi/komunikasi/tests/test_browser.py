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
    # The region box suggests by name as one types (htmx fills its datalist); picking the
    # suggestion puts it in the box.
    kotak = halaman.locator("#id_audiens_wilayah")
    kotak.press_sequentially("Jawa Tim")
    opsi = halaman.locator("#id_audiens_wilayah-saran option").first
    opsi.wait_for(state="attached")
    assert opsi.get_attribute("value") == "35 — Jawa Timur"
    kotak.fill(opsi.get_attribute("value"))
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_library_choose_regency_filter_and_download(
    halaman, pengguna_uji, settings, tmp_path
):
    """An anonymous visitor on a phone chooses "Kabupaten Ngawi", filters the library by the
    campaign stage, opens the leaflet and downloads it; the download counts for Ngawi."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sinergi.komunikasi import services
    from sinergi.komunikasi.models import UnduhanMateri
    from sinergi.tahapan.models import Pemilu, Tahapan

    settings.MEDIA_ROOT = tmp_path
    pemilu = Pemilu.objects.create(slug="pemilu-2024", jenis="pemilu", nama="Pemilu 2024")
    kampanye = Tahapan.objects.create(pemilu=pemilu, kode="T09", nama="Masa Kampanye", urutan=9)
    tenang = Tahapan.objects.create(pemilu=pemilu, kode="T10", nama="Masa Tenang", urutan=10)
    penulis = pengguna_uji("kpu_jatim", "operator")
    leaflet = services.materi_create(
        pelaku=penulis,
        judul="Kampanye: yang boleh dan dilarang",
        penjelasan="Masa kampanye 28 November 2023 - 10 Februari 2024.",
        jenis="leaflet",
        tahapan_ids=[kampanye.pk],
        berkas=SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4\n%%EOF\n"),
        terbit=True,
    )
    services.materi_create(
        pelaku=penulis,
        judul="Masa tenang",
        penjelasan="Tidak ada kampanye.",
        jenis="penjelasan",
        tahapan_ids=[tenang.pk],
        terbit=True,
    )
    halaman.goto("/komunikasi/materi/")
    halaman.select_option("#id_wilayah_saya", "35.21")
    halaman.click("form[action$='/materi/wilayah/'] button")
    halaman.wait_for_load_state()
    halaman.select_option("#id_tahapan", str(kampanye.pk))
    halaman.click("form[method=get] button")
    halaman.wait_for_load_state()
    assert "Masa tenang" not in halaman.locator("main").inner_text()
    halaman.screenshot(path=str(tmp_path / "materi.png"), full_page=True)
    halaman.click("text=Kampanye: yang boleh dan dilarang")
    halaman.wait_for_url(f"**/komunikasi/materi/{leaflet.pk}/")
    with halaman.expect_download() as unduh:
        halaman.click("text=Unduh")
    assert unduh.value.suggested_filename == "leaflet.pdf"
    rows = list(UnduhanMateri.objects.values_list("wilayah_id", "jumlah"))
    assert rows == [("35.21", 1)]
