"""Browser tests of the foundation: browse and search regions, switch language, log in."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_browse_from_province_to_village(halaman, wilayah_mini):
    """A visitor on a phone drills down Jawa Timur → Kabupaten Madiun → Kebonsari → Balerejo."""
    halaman.goto("/wilayah/")
    halaman.get_by_role("link", name="Jawa Timur").click()
    halaman.get_by_role("link", name="Kabupaten Madiun").click()
    halaman.get_by_role("link", name="Kebonsari").click()
    halaman.get_by_role("link", name="Balerejo").click()
    assert halaman.locator("h1").inner_text() == "Balerejo"
    crumbs = halaman.locator(".breadcrumb li").all_inner_texts()
    assert [c.replace("\u203a", "").strip() for c in crumbs] == [
        "Indonesia", "Jawa Timur", "Kabupaten Madiun", "Kebonsari", "Balerejo",
    ]  # fmt: skip


def test_search_updates_results_as_you_type(halaman, wilayah_mini):
    """Typing in the search box replaces the results through htmx, without a page load."""
    halaman.goto("/wilayah/")
    halaman.evaluate("window.__tanda = 1")
    halaman.fill("#q", "madiun")
    halaman.wait_for_selector("#hasil >> text=Kota Madiun")
    rows = halaman.locator("#hasil tbody tr").all_inner_texts()
    assert len(rows) == 2
    assert halaman.evaluate("window.__tanda") == 1  # same document: no full reload


def test_language_switch_to_english_and_back(halaman, wilayah_mini):
    """Pages open in Indonesian; the switch in the header changes them to English and back."""
    halaman.goto("/wilayah/")
    assert halaman.locator("h1").inner_text() == "Wilayah Indonesia"
    halaman.get_by_role("button", name="Menu").click()
    halaman.select_option("#bahasa", "en")
    halaman.wait_for_selector("h1:has-text('Regions of Indonesia')")
    halaman.get_by_role("button", name="Menu").click()
    halaman.select_option("#bahasa", "id")
    halaman.wait_for_selector("h1:has-text('Wilayah Indonesia')")


def test_login_reaches_the_dashboard(halaman, masuk_sebagai, django_user_model):
    """A user logs in with email and password and lands on the dashboard."""
    user = django_user_model.objects.create_user("operator@contoh.go.id", "kata-sandi-panjang-1")
    masuk_sebagai(user, "kata-sandi-panjang-1")
    assert halaman.url.endswith("/dasbor/")
    assert halaman.locator("h1").inner_text() == "Dasbor"


def test_wrong_password_gets_a_clear_message(halaman, masuk_sebagai, django_user_model):
    """A wrong password keeps the user on the form with a message in Indonesian."""
    user = django_user_model.objects.create_user("operator@contoh.go.id", "kata-sandi-panjang-1")
    masuk_sebagai(user, "salah")
    assert "/akun/masuk/" in halaman.url
    assert halaman.locator(".errorlist").count() == 1


def test_halaman_404_di_ponsel(halaman, wilayah_mini):
    """On a 390 px phone a missing page is Sinergi's own: Indonesian, no sideways scrolling,
    the menu opens from its button, and "Kembali ke beranda" leads home."""
    respons = halaman.goto("/kegiatan/424242/")
    assert respons.status == 404
    assert halaman.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert halaman.evaluate("document.documentElement.scrollWidth") <= 390
    menu = halaman.locator("#nav summary", has_text="Kegiatan")
    assert not menu.is_visible()
    halaman.get_by_role("button", name="Menu").click()
    menu.click()
    assert halaman.get_by_role("link", name="Kalender kegiatan").is_visible()
    halaman.get_by_role("link", name="Kembali ke beranda").click()
    halaman.wait_for_url("**/")
    assert halaman.url.endswith("/") and "Sinergi" in halaman.title()
