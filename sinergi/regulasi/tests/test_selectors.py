from sinergi.regulasi import selectors


def test_kampanye_finds_pkpu_15_2023_first(katalog):
    """A search for "kampanye" ranks PKPU 15/2023 tentang Kampanye first."""
    hasil = selectors.cari_regulasi("kampanye")
    assert hasil[0].obj.sebutan == "PKPU 15/2023"


def test_berkampanye_also_finds_pkpu_15_2023(katalog):
    """Indonesian affixes are handled: "berkampanye" finds PKPU 15/2023 too."""
    sebutan = [h.obj.sebutan for h in selectors.cari_regulasi("berkampanye")]
    assert "PKPU 15/2023" in sebutan
    assert sebutan[0] == "PKPU 15/2023"


def test_results_ranked_and_filtered(katalog):
    """Filters apply to search results: Perbawaslu only."""
    hasil = selectors.cari_regulasi("pengawasan", jenis="perbawaslu")
    assert hasil
    assert {h.obj.jenis for h in hasil} == {"perbawaslu"}
    assert [h.skor for h in hasil] == sorted((h.skor for h in hasil), reverse=True)


def test_snippet_highlights_and_escapes(db):
    """Snippets mark the matches and escape the stored text (no HTML injection).

    PostgreSQL's ts_headline drops the tags, SQLite's snippet escapes them; neither
    lets a tag through."""
    from sinergi.regulasi.tests.factories import buat_regulasi

    buat_regulasi(ringkasan='Kampanye <script>alert("x")</script> di media massa.')
    h = selectors.cari_regulasi("berkampanye")[0]
    html = str(h.cuplikan)
    assert "<mark>" in html
    assert "<script>" not in html
    assert "alert(&quot;x&quot;)" in html


def test_no_match(katalog):
    """A word in no regulation gives no result."""
    assert selectors.cari_regulasi("zzzzqx") == []


def test_stage_search(katalog):
    """Stages are searched too: "pemungutan" finds the voting-day stages."""
    kode = [h.obj.kode for h in selectors.cari_tahapan("pemungutan suara")]
    assert "T11.1" in kode


def test_amendment_chain_oldest_first(katalog):
    """UU 7/2017's chain: UU 7/2017, Perppu 1/2022 (amends), UU 7/2023 (enacts)."""
    rantai = selectors.rantai_perubahan(katalog["uu:7/2017"])
    assert [lk.regulasi.sebutan for lk in rantai] == ["UU 7/2017", "Perppu 1/2022", "UU 7/2023"]
    assert rantai[1].relasi == [("mengubah", katalog["uu:7/2017"])]
    assert rantai[2].relasi == [("menetapkan", katalog["perppu:1/2022"])]
