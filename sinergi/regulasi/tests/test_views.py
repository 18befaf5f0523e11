def test_search_page_in_indonesian(client, katalog):
    """The search page answers in Indonesian with the regulation and matching stages."""
    html = client.get("/regulasi/", {"q": "berkampanye"}).content.decode()
    assert "Regulasi kepemiluan" in html
    assert "PKPU 15/2023" in html
    assert "<mark>" in html
    assert "Tahapan yang cocok" in html


def test_search_page_htmx_fragment(client, katalog):
    """An HTMX request gets only the results fragment."""
    html = client.get("/regulasi/", {"q": "kampanye"}, HTTP_HX_REQUEST="true").content.decode()
    assert "PKPU 15/2023" in html
    assert "<html" not in html


def test_detail_page_shows_chain(client, katalog):
    """The detail page shows the amendment chain and the governed stages."""
    html = client.get(f"/regulasi/{katalog['uu:7/2017'].pk}/").content.decode()
    assert "Rangkaian perubahan" in html
    assert "Perppu 1/2022" in html
    assert "menetapkan menjadi undang-undang" in html


def test_unknown_detail_404(client, katalog):
    """An unknown regulation page is 404."""
    assert client.get("/regulasi/999999/").status_code == 404
