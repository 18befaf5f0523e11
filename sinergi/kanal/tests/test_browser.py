"""The inbox flow in a real Chromium on a phone-sized page: a WhatsApp message arrives, an
operator opens it from the inbox and makes it an incident in one step."""

import pytest

from sinergi.kanal.tests.conftest import wa_teks

SANDI = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def async_aman(monkeypatch):
    """Playwright's event loop shares this thread: lift Django's async guard for this test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_message_to_incident_on_a_phone(halaman, masuk_sebagai, kirim_wa, saluran, petugas):
    """From the inbox card to the incident page: category and place typed, time and text
    prefilled from the message; exactly one incident, and the message leaves the new list."""
    from sinergi.kanal.models import PesanMasuk
    from sinergi.kejadian.models import Kejadian

    kirim_wa(wa_teks("Ada amplop dibagikan di Balerejo", id_pesan="wamid.browser-1"))
    petugas.set_password(SANDI)
    petugas.save()
    masuk_sebagai(petugas, SANDI)
    halaman.goto("/kanal/")
    halaman.get_by_text("Ada amplop dibagikan di Balerejo").wait_for()
    halaman.click("table.kartu a.button")
    halaman.wait_for_url("**/kanal/*/")
    assert halaman.input_value("#id_uraian") == "Ada amplop dibagikan di Balerejo"
    halaman.select_option("#id_kategori", "politik_uang")
    halaman.fill("#id_tempat", "Balerejo")
    halaman.click("form[action$='/kejadian/'] button[type=submit]:not([formaction])")
    halaman.wait_for_url("**/kejadian/*/")
    k = Kejadian.objects.get()
    assert k.wilayah_id == "35.19.01.2001"
    assert PesanMasuk.objects.get().kejadian == k
    halaman.goto("/kanal/")
    assert "Ada amplop dibagikan" not in halaman.content()
