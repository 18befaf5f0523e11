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


def test_pkpu_12_2023_dates_from_its_jdih_page(katalog):
    """JDIH KPU (jdih.kpu.go.id/gorontalo/gorut/detailpkpu-4a65546b5267253344253344): set on
    8 May 2023, promulgated 9 May 2023; the library links that page and is sure of it."""
    r = katalog["pkpu:12/2023"]
    assert (str(r.tanggal_ditetapkan), str(r.tanggal_diundangkan)) == ("2023-05-08", "2023-05-09")
    assert r.tautan.endswith("/gorontalo/gorut/detailpkpu-4a65546b5267253344253344")
    assert (r.jenis_tautan, r.keyakinan) == ("dokumen", "H")


@pytest.mark.parametrize(
    ("kunci", "halaman", "ditetapkan", "diundangkan"),
    [
        # jdih.kpu.go.id/riau/dumai/detailpkpu-4a65546b5241253344253344 (BN 2023 (348))
        (
            "pkpu:10/2023",
            "/riau/dumai/detailpkpu-4a65546b5241253344253344",
            "2023-04-17",
            "2023-04-18",
        ),
        # jdih.kpu.go.id/ntt/nagekeo/detailpkpu-4e65546b5241253344253344 (BN 2023 (820))
        (
            "pkpu:19/2023",
            "/ntt/nagekeo/detailpkpu-4e65546b5241253344253344",
            "2023-10-09",
            "2023-10-13",
        ),
    ],
)
def test_candidacy_pkpus_link_their_jdih_pages(katalog, kunci, halaman, ditetapkan, diundangkan):
    """PKPU 10/2023 and 19/2023 link their JDIH KPU document pages (which also record the
    partial revocation of PKPU 3/2022's annex, angka 6 huruf b and c) with the dates there."""
    r = katalog[kunci]
    assert r.tautan == "https://jdih.kpu.go.id" + halaman and r.jenis_tautan == "dokumen"
    assert (str(r.tanggal_ditetapkan), str(r.tanggal_diundangkan)) == (ditetapkan, diundangkan)


def test_uu_7_2017_links_jdih_bpk(katalog):
    """UU 7/2017 links JDIH BPK's page peraturan.bpk.go.id/Details/37644 (seen in
    thirafidide/pemimpinkita's coalition card and another repository's data for UU:7:2017), set
    on 15 August 2017 (kompaspedia.kompas.id)."""
    r = katalog["uu:7/2017"]
    assert r.tautan == "https://peraturan.bpk.go.id/Details/37644/uu-no-7-tahun-2017"
    assert r.jenis_tautan == "dokumen" and str(r.tanggal_ditetapkan) == "2017-08-15"


def test_pkpu_3_2022_no_longer_claims_it_was_never_amended(katalog):
    """Its summary used to say "Tidak ditemukan bukti perubahan" beside the JDIH record of the
    partial revocation; it now names what was revoked, and links JDIH KPU's own PDF."""
    r = katalog["pkpu:3/2022"]
    assert "Tidak ditemukan bukti perubahan" not in r.ringkasan
    assert "angka 6 huruf b oleh PKPU 10/2023" in r.ringkasan
    assert r.tautan == "https://jdih.kpu.go.id/data/data_pkpu/2022pkpu003.pdf"
    assert r.jenis_tautan == "dokumen"


def test_dpr_seat_decisions_of_25_august_2024_are_in_the_library(katalog):
    """Keputusan KPU 1204/2024 (parties over the threshold; tempo.co 25 Aug 2024) and 1205/2024
    (seats per district; okezone 25 Aug 2024, beritaborneo) were set on 25 August 2024 and
    govern stage T13.3; their links are news and say so."""
    for kunci in ("keputusan_kpu:1204/2024", "keputusan_kpu:1205/2024"):
        r = katalog[kunci]
        assert str(r.tanggal_ditetapkan) == "2024-08-25"
        assert ("pemilu-2024", "T13.3") in {(t.pemilu.slug, t.kode) for t in r.tahapan.all()}
        assert (r.jenis_tautan, r.keyakinan) == ("berita", "M")


def test_pkpu_1_2025_is_the_basis_of_continuous_voter_list_updating(katalog):
    """PKPU 1/2025 tentang Pemutakhiran Data Pemilih Berkelanjutan (kab-karanganyar.kpu.go.id
    20 May 2025, kab-pamekasan.kpu.go.id, kota-sibolga.kpu.go.id) governs the PDPB that runs
    today; it links a KPU site, not a JDIH page, and is labelled so."""
    r = katalog["pkpu:1/2025"]
    assert r.judul == "Pemutakhiran Data Pemilih Berkelanjutan"
    assert {(t.pemilu.slug, t.kode) for t in r.tahapan.all()} == {
        ("antar-pemilu", "B01"),
        ("antar-pemilu", "B01.2025"),
        ("antar-pemilu", "B01.2026"),
        ("antar-pemilu", "B01.2027"),
    }
    assert r.jenis_tautan == "situs_resmi"


def test_pkpu_8_2019_names_its_fifth_amendment(katalog):
    """PKPU 8/2019's summary no longer stops at the fourth amendment as the last one: PKPU
    12/2023 (8 May 2023, JDIH KPU) is the fifth."""
    assert "PKPU 12/2023 (perubahan kelima" in katalog["pkpu:8/2019"].ringkasan


def test_mk_62_links_the_newspaper_not_an_aggregator(katalog):
    """MK 62/PUU-XXII/2024 links Media Indonesia's report (read Thursday 2 January 2025)
    instead of a site that republished kompas.com."""
    r = katalog["putusan_mk:62/PUU-XXII/2024"]
    assert r.tautan == "https://epaper.mediaindonesia.com/detail/setelah-30-kali-ditolak-mk"
    assert r.jenis_tautan == "berita"


def test_every_document_link_says_where_it_was_seen(katalog):
    """A link shown as the official document page names its address in the row's source, so
    a reader can tell it was seen for that regulation, not built from a pattern."""
    for r in katalog.values():
        if r.jenis_tautan == "dokumen":
            assert r.tautan.split("://", 1)[1] in r.sumber, r.kunci


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
        ("https://jdih.kpu.go.id/data/data_pkpu/2022pkpu003.pdf", "dokumen"),
        ("https://jdih.kpu.go.id/peraturan-kpu/detail/88ExD6E_OvOX", "dokumen"),
        ("https://peraturan.bpk.go.id/Details/37644/uu-no-7-tahun-2017", "dokumen"),
        ("https://peraturan.go.id/id/uu-no-7-tahun-2017", "dokumen"),
        ("https://peraturan.go.id/eng/peraturan-kpu-no-28-tahun-2018", "dokumen"),
        ("https://peraturan.go.id/perlpnk?page=13&pemrakarsa=53", "situs_resmi"),
        ("https://badungkabppid.kpu.go.id/regulasi/22327/pkpu-7-2022", "situs_resmi"),
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


@pytest.mark.parametrize(
    ("kunci", "label", "peringatan"),
    [
        ("uu:7/2017", "Halaman dokumen resmi (JDIH)", False),
        ("pkpu:7/2022", "Situs resmi, bukan halaman dokumen", True),
        ("pkpu:9/2022", "Salinan pihak ketiga", True),
        ("keputusan_kpu:1205/2024", "Berita", True),
    ],
)
def test_detail_page_label_follows_the_kind_of_link(client, katalog, kunci, label, peringatan):
    """The regulation page names each link by its kind (document page, official site, copy,
    news) and warns unless it is the official document page."""
    html = client.get(f"/regulasi/{katalog[kunci].pk}/").content.decode()
    assert f"{label} ↗" in html
    assert ("Bukan halaman dokumen resmi" in html) is peringatan


def test_api_names_the_link_kind(client, katalog):
    """The API says what each link is."""
    r = client.get(f"/api/v1/regulasi/{katalog['pkpu:4/2022'].pk}").json()
    assert (r["jenis_tautan"], r["label_tautan"]) == ("salinan", "Salinan pihak ketiga")
