"""The incident flow in a real Chromium on a phone-sized page: a field officer reports (with two
evidence files picked at once), a Bawaslu operator verifies (the incident is routed), the
regency's police handle and resolve."""

import pytest

from sinergi.core.testing.gambar import png_kecil

SANDI = "rahasia-uji-123"
PNG = png_kecil()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def async_aman(monkeypatch):
    """Playwright's event loop shares this thread: lift Django's async guard for this test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _masuk(halaman, masuk_sebagai, user):
    halaman.context.clear_cookies()
    user.set_password(SANDI)
    user.save()
    masuk_sebagai(user, SANDI)


def _ubah_status(halaman, ref, status, alasan):
    halaman.goto(f"/kejadian/{ref}/")
    halaman.select_option("#id_status", status)
    halaman.fill("#id_alasan", alasan)
    halaman.click("#status-kejadian form button[type=submit]")
    halaman.wait_for_url(f"**/kejadian/{ref}/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_verify_route_resolve(
    halaman, masuk_sebagai, pengguna_uji, rute, settings, tmp_path
):
    from sinergi.kejadian.models import Kejadian
    from sinergi.tindak_lanjut.models import TindakLanjut

    petugas = pengguna_uji("kpu_madiun", "operator")
    _masuk(halaman, masuk_sebagai, petugas)
    halaman.goto("/kejadian/lapor/")
    halaman.select_option("#id_kategori", "politik_uang")
    halaman.fill("#id_kode_wilayah", "35.19")
    halaman.fill("#id_waktu", "2024-02-14T09:30")
    halaman.fill("#id_uraian", "Pembagian amplop di dekat TPS 003 Balerejo <b>malam ini</b>")
    settings.MEDIA_ROOT = tmp_path
    halaman.set_input_files(  # two pieces of evidence in one picker
        "#id_lampiran",
        [
            {"name": "amplop.png", "mimeType": "image/png", "buffer": PNG},
            {"name": "saksi.pdf", "mimeType": "application/pdf", "buffer": PDF},
        ],
    )
    halaman.click("form.kj-form button[type=submit]")
    halaman.wait_for_url("**/kejadian/*/")
    k = Kejadian.objects.get()
    assert k.status == "dilaporkan" and k.lembaga_pelapor == petugas.lembaga
    assert "<b>malam ini</b>" in halaman.locator(".kj-uraian").first.inner_text()
    assert sorted(k.lampiran.values_list("nama", flat=True)) == ["amplop.png", "saksi.pdf"]

    _masuk(halaman, masuk_sebagai, pengguna_uji("bawaslu_madiun", "operator"))
    _ubah_status(halaman, k.ref, "terverifikasi", "Dikonfirmasi Panwaslu Kecamatan")
    k.refresh_from_db()
    assert k.status == "terverifikasi"
    polres = TindakLanjut.objects.get(sumber_id=str(k.pk), lembaga__nama="Polres Madiun")
    link = halaman.locator(f"#rute a[href='/tindak-lanjut/{polres.pk}/']")
    assert link.inner_text() == "Polres Madiun"

    _masuk(halaman, masuk_sebagai, pengguna_uji("polres_madiun", "operator"))
    halaman.goto(f"/kejadian/{k.ref}/")
    halaman.click(f"#rute a[href='/tindak-lanjut/{polres.pk}/']")
    halaman.wait_for_url(f"**/tindak-lanjut/{polres.pk}/")
    _ubah_status(halaman, k.ref, "ditangani", "Tim Sat Intelkam turun ke lokasi")
    _ubah_status(halaman, k.ref, "selesai", "Pelaku diperiksa Sentra Gakkumdu")
    k.refresh_from_db()
    assert k.status == "selesai"
    assert list(k.riwayat.values_list("ke", flat=True)) == ["terverifikasi", "ditangani", "selesai"]
