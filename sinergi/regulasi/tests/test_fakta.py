"""Regulation facts corrected in issue #15 and honest labels for their links."""

import pytest

from sinergi.regulasi.choices import jenis_tautan

pytestmark = pytest.mark.django_db


def test_pkpu_3_2022_is_partly_revoked_by_10_and_19_of_2023(katalog):
    """JDIH KPU records PKPU 10/2023 and 19/2023 revoking parts of PKPU 3/2022's annex: it is
    "in force, amended", and the chain says "revokes part of", not "revokes"."""
    pkpu3 = katalog["pkpu:3/2022"]
    assert pkpu3.status == "diubah"
    assert {r.kunci for r in pkpu3.dicabut_sebagian_oleh.all()} == {"pkpu:10/2023", "pkpu:19/2023"}
    assert not pkpu3.dicabut_oleh.exists()


def test_detail_page_shows_partial_revocation(client, katalog):
    """The chain on PKPU 3/2022's page names the partial revocation in Indonesian."""
    html = client.get(f"/regulasi/{katalog['pkpu:3/2022'].pk}/").content.decode()
    assert "mencabut sebagian PKPU 3/2022" in html


def test_pkpu_12_2023_is_the_fifth_amendment(katalog):
    """PKPU 5/2022 is the fourth amendment of PKPU 8/2019 (kab-florestimur.kpu.go.id), so
    PKPU 12/2023 is "Perubahan Kelima"."""
    assert katalog["pkpu:12/2023"].judul.startswith("Perubahan Kelima atas Peraturan Komisi")


def test_pkpu_11_2023_is_the_second_amendment(katalog):
    """PKPU 11/2023's title is "Perubahan Kedua atas … Nomor 10 Tahun 2022"."""
    assert katalog["pkpu:11/2023"].judul.startswith("Perubahan Kedua atas Peraturan Komisi")


def test_post_election_rulings_are_in_the_library(katalog):
    """MK 135/PUU-XXII/2024 (26 Jun 2025, okezone), 62/PUU-XXII/2024 (2 Jan 2025) and the
    Magetan re-vote ruling 30/PHPU.BUP-XXIII/2025 (24 Feb 2025) are listed with their stages."""
    mk135 = katalog["putusan_mk:135/PUU-XXII/2024"]
    assert {t.pemilu.slug for t in mk135.tahapan.all()} == {"pemilu-2029"}
    assert str(katalog["putusan_mk:62/PUU-XXII/2024"].tanggal_ditetapkan) == "2025-01-02"
    magetan = katalog["putusan_mk:30/PHPU.BUP-XXIII/2025"]
    assert {t.kode for t in magetan.tahapan.all()} == {"P02.13", "P02.13.1"}


def test_pkpu_9_2022_and_10_2024_in_the_library(katalog):
    """PKPU 9/2022 (participation) and PKPU 10/2024 (amending PKPU 8/2024 after MK 60 and 70)."""
    assert katalog["pkpu:9/2022"].judul.startswith("Partisipasi Masyarakat")
    assert {r.kunci for r in katalog["pkpu:10/2024"].mengubah.all()} == {"pkpu:8/2024"}


@pytest.mark.parametrize(
    ("url", "jenis"),
    [
        ("https://jdih.kpu.go.id/jateng/grobogan/detailpkpu-464d546b5277253344253344", "dokumen"),
        ("https://jdih.kpu.go.id/", "beranda_jdih"),
        ("https://jdih.kpu.go.id/jabar/bandung/beritadetail-42", "situs_resmi"),
        ("https://pekanbarukotappid.kpu.go.id/regulasi/21161/x", "situs_resmi"),
        ("https://id.scribd.com/document/619033407/PKPU-8-2022", "salinan"),
        ("https://www.jogloabang.com/politik/pkpu-4-2022", "salinan"),
        ("https://news.okezone.com/read/2024/08/26/337/3054548/x", "berita"),
        ("https://jdih.kpu.go.id.evil.example/detailpkpu-1", "berita"),
    ],
)
def test_link_kinds(url, jenis):
    """Links are classified by address; a look-alike host is not official."""
    assert jenis_tautan(url) == jenis


def test_official_label_only_for_document_pages(client, katalog):
    """ "Dokumen resmi" only on a JDIH document page; a blog copy says so, and the page warns
    that it is not the official document."""
    dok = client.get(f"/regulasi/{katalog['pkpu:6/2023'].pk}/").content.decode()
    assert "Halaman dokumen resmi (JDIH)" in dok
    salinan = client.get(f"/regulasi/{katalog['pkpu:4/2022'].pk}/").content.decode()
    assert "Salinan pihak ketiga" in salinan and "Halaman dokumen resmi" not in salinan
    assert "Bukan halaman dokumen resmi" in salinan
    assert "Sumber resmi" not in salinan


def test_api_names_the_link_kind(client, katalog):
    """The API says what each link is."""
    r = client.get(f"/api/v1/regulasi/{katalog['pkpu:4/2022'].pk}").json()
    assert (r["jenis_tautan"], r["label_tautan"]) == ("salinan", "Salinan pihak ketiga")
