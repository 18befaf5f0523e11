"""Browser test: a person who switches to English sees the incident list, the inbox and the
example-date chips in English (categories, system messages and dates were Indonesian)."""

import datetime as dt

import pytest

from sinergi.portal.tests.conftest import SANDI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def undangan(isi, lembaga_uji):
    """An invitation in KPU Kabupaten Madiun's inbox, written by the system (in Indonesian, the
    default language, as a background task would)."""
    from sinergi.kegiatan.models import Kegiatan
    from sinergi.komunikasi.services import notifikasi_undangan

    rakor = Kegiatan.objects.get(judul="Rakor pemutakhiran Jawa Timur")
    rakor.mulai = dt.datetime(2027, 12, 8, 2, 0, tzinfo=dt.UTC)
    rakor.selesai = rakor.mulai + dt.timedelta(hours=3)
    rakor.save(update_fields=["mulai", "selesai"])
    notifikasi_undangan(rakor.pk, [lembaga_uji["kpu_madiun"].pk])
    return isi


def test_english_mode_shows_categories_inbox_and_date_chips_in_english(
    halaman, masuk_sebagai, undangan
):
    """After choosing English in the header, the incident list shows the English category,
    the inbox shows the invitation (title and date) in English, and the stage page's date
    chips read "February 14, 2024" (English conventions, sinergi.core.format)."""
    masuk_sebagai(undangan, SANDI)
    halaman.get_by_role("button", name="Menu").click()
    halaman.select_option("#bahasa", "en")
    halaman.wait_for_selector("html[lang=en]")

    halaman.goto("/kejadian/")
    baris = halaman.locator("#hasil tbody tr").first
    assert baris.get_by_role("link").inner_text().startswith("Vote buying (money politics)")
    assert "Politik uang" not in halaman.locator("#hasil").inner_text()

    halaman.goto("/komunikasi/")
    kotak = halaman.locator("main").inner_text()
    assert "Invitation: Rakor pemutakhiran Jawa Timur" in kotak
    assert "invites your organization; December 8, 2027" in kotak
    assert "Undangan" not in kotak and "Desember" not in kotak

    halaman.goto("/tahapan/")
    chips = halaman.locator("ul.chips li").all_inner_texts()
    assert "February 14, 2024" in chips
    assert not any("Februari" in c or "Desember" in c for c in chips)
