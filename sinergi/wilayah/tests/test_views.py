import pytest

pytestmark = pytest.mark.django_db


def test_browser_lists_provinces(client, wilayah_mini):
    """The region browser opens on the provinces."""
    r = client.get("/wilayah/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Jawa Timur" in html and "Bali" in html
    assert "Kabupaten Madiun" not in html


def test_region_page_shows_breadcrumbs_and_children(client, wilayah_mini):
    """A regency page shows its province in the breadcrumb and its districts."""
    html = client.get("/wilayah/35.19/").content.decode()
    assert 'href="/wilayah/35/"' in html
    assert "Kebonsari" in html
    assert "WIB (UTC+7)" in html


def test_search_returns_a_fragment_to_htmx(client, wilayah_mini):
    """htmx gets only the result rows; a plain request gets the whole page."""
    fragment = client.get("/wilayah/cari/", {"q": "madiun"}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert "Kota Madiun" in fragment.content.decode()
    page = client.get("/wilayah/cari/", {"q": "madiun"})
    assert "<html" in page.content.decode() and "Kota Madiun" in page.content.decode()


def test_search_text_is_escaped(client, wilayah_mini):
    """A search for markup is shown as text, never executed."""
    html = client.get("/wilayah/cari/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_unknown_region_page_is_404(client, wilayah_mini):
    """An unknown code answers 404."""
    assert client.get("/wilayah/99.99/").status_code == 404


def test_old_code_redirects_to_todays_page(client, wilayah_mini):
    """An old code redirects permanently to the region's page under today's code."""
    r = client.get("/wilayah/92.01/")
    assert r.status_code == 301
    assert r["Location"] == "/wilayah/96.01/"
