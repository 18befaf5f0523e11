"""A Bawaslu analyst explains a score and opens a follow-up from it, in a real Chromium on a
phone-sized page."""

import datetime
from decimal import Decimal

import pytest


@pytest.fixture(autouse=True)
def _async_guard(monkeypatch):
    """Playwright's event loop shares this thread: lift Django's async guard for this test only."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_analis_membuka_tindak_lanjut_dari_skor(halaman, masuk_sebagai, pengguna_uji, lembaga_uji):
    """Bawaslu Jatim's analyst (operator role: follow-ups may be created by admin_lembaga,
    koordinator and operator) opens Madiun's score, follows "Open a follow-up", keeps the
    prefilled title, assigns Polres Madiun, and lands on the follow-up, which links back."""
    from django.utils import timezone

    from sinergi.kerawanan import services
    from sinergi.kerawanan.models import Kerangka, Penilaian
    from sinergi.tindak_lanjut.models import TindakLanjut

    services.muat_referensi()
    p = Penilaian.objects.create(
        kerangka=Kerangka.objects.get(slug="ikp-2024"),
        wilayah_id="35.19",
        periode="2024",
        lembaga=lembaga_uji["bawaslu_jatim"],
        kerahasiaan="RESTRICTED",
        skor=Decimal("55.10"),
        kategori="tinggi",
    )
    user = pengguna_uji("bawaslu_jatim", "operator")
    user.set_password("rahasia-uji-123")
    user.save()
    masuk_sebagai(user, "rahasia-uji-123")

    halaman.goto("/kerawanan/ikp-2024/wilayah/35.19/")
    assert "Kabupaten Madiun" in halaman.locator("h1").inner_text()
    halaman.click("#tindak-lanjut a.button")
    halaman.wait_for_url("**/wilayah/35.19/tindak-lanjut/?periode=2024")
    assert "Kabupaten Madiun" in halaman.input_value("#id_judul")
    halaman.select_option("#id_lembaga", str(lembaga_uji["polres_madiun"].pk))
    tenggat = timezone.localdate() + datetime.timedelta(days=10)
    halaman.fill("#id_tenggat_tanggal", tenggat.isoformat())
    halaman.click("form.kw-form button[type=submit]")
    halaman.wait_for_url("**/tindak-lanjut/*/")
    tl = TindakLanjut.objects.get()
    assert tl.sumber == p and tl.lembaga == lembaga_uji["polres_madiun"]
    assert tl.judul == halaman.locator("h1").inner_text()

    halaman.goto("/kerawanan/ikp-2024/wilayah/35.19/")
    halaman.locator(f"#tindak-lanjut a[href='/tindak-lanjut/{tl.pk}/']").wait_for()
