"""API: scoped reads, 404 for what a caller may not see, pinned query counts."""

from decimal import Decimal

import pytest

from sinergi.kerawanan import services
from sinergi.kerawanan.tests.conftest import tulis


@pytest.fixture
def skor_jatim(ikp, wilayah_mini):
    """Madiun (public, 60), Ngawi (confidential, authored by Bawaslu Jatim, 10)."""
    nilai = {i.kode: Decimal(60) for i in ikp.indikator.all()}
    services.penilaian_simpan(
        pelaku=None,
        kerangka=ikp,
        wilayah=wilayah_mini["35.19"],
        periode="2024",
        nilai=nilai,
        kerahasiaan="PUBLIC",
    )
    rendah = {k: Decimal(10) for k in nilai}
    return services.penilaian_simpan(
        pelaku=None,
        kerangka=ikp,
        wilayah=wilayah_mini["35.21"],
        periode="2024",
        nilai=rendah,
        kerahasiaan="CONFIDENTIAL",
    )


def test_kerangka_publik_untuk_semua(client, ikp):
    """Anyone lists the public frameworks, including ikp-2024."""
    r = client.get("/api/v1/kerawanan/kerangka")
    assert r.status_code == 200
    assert "ikp-2024" in [k["slug"] for k in r.json()["items"]]


def test_kerangka_tidak_publik_404_untuk_anonim(client, ikp, kw_user):
    """A non-public framework is 404 for the public and visible to a signed-in stakeholder."""
    ikp.publik = False
    ikp.save()
    assert client.get("/api/v1/kerawanan/kerangka/ikp-2024").status_code == 404
    client.force_login(kw_user("polres_madiun"))
    assert client.get("/api/v1/kerawanan/kerangka/ikp-2024").status_code == 200


def test_skor_items(client, skor_jatim, django_assert_max_num_queries):
    """Scores list items with kode_wilayah, skor and kategori in a fixed number of queries;
    the confidential Ngawi assessment is not shown to the public."""
    with django_assert_max_num_queries(6):
        r = client.get("/api/v1/kerawanan/kerangka/ikp-2024/skor?tingkat=kabupaten_kota&induk=35")
    assert r.status_code == 200
    assert r.json()["items"] == [
        {
            "kode_wilayah": "35.19",
            "nama": "Kabupaten Madiun",
            "tingkat": "kabupaten_kota",
            "periode": "2024",
            "skor": "60.00",
            "kategori": "tinggi",
            "peringkat": 1,
            "dimensi": {"1": "60.00", "2": "60.00", "3": "60.00", "4": "60.00"},
            "sumber": "",
            "sintetis": False,
        }
    ]


def test_rahasia_terlihat_oleh_penulis(client, skor_jatim, kw_user):
    """Bawaslu Jatim leadership (in scope) sees the confidential Ngawi explanation."""
    client.force_login(kw_user("bawaslu_jatim", "koordinator"))
    r = client.get("/api/v1/kerawanan/kerangka/ikp-2024/skor/35.21")
    assert r.status_code == 200
    assert r.json()["kategori"] == "rendah"


def test_rahasia_404_di_luar_lingkup(client, skor_jatim, kw_user):
    """Bawaslu Bali leadership gets 404 for the confidential Ngawi assessment."""
    client.force_login(kw_user("bawaslu_bali", "koordinator"))
    assert client.get("/api/v1/kerawanan/kerangka/ikp-2024/skor/35.21").status_code == 404


def test_rahasia_404_untuk_operator_polres(client, skor_jatim, kw_user):
    """A Polres operator in the same province but not of the authoring organization: 404."""
    client.force_login(kw_user("polres_madiun"))
    assert client.get("/api/v1/kerawanan/kerangka/ikp-2024/skor/35.21").status_code == 404


def test_penjelasan_kontribusi(client, skor_jatim):
    """The explanation lists each indicator's share and the trend."""
    r = client.get("/api/v1/kerawanan/kerangka/ikp-2024/skor/35.19").json()
    assert len(r["kontribusi"]) == 12
    assert r["tren"] == [
        {"periode": "2024", "skor": "60.00", "kategori": "tinggi", "perubahan": None}
    ]


def test_induk_tidak_dikenal_422(client, ikp):
    """An unknown parent code answers 422 naming the field (in Indonesian, the default)."""
    r = client.get("/api/v1/kerawanan/kerangka/ikp-2024/skor?induk=77")
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "induk", "message": "Kode wilayah tidak dikenal."}]


@pytest.fixture
def survei_madiun(cek_tps, tps_mini, tmp_path):
    kolom = [
        "kode_desa",
        "nomor_tps",
        *cek_tps.indikator.order_by("urutan").values_list("kode", flat=True),
    ]
    p = tulis(
        tmp_path,
        "s.csv",
        [kolom, ["35.19.01.2001", "1", "1", *["0"] * 21], ["35.19.01.2001", "2", *["0"] * 22]],
    )
    services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="2024")
    from sinergi.kerawanan.models import SurveiTPS

    return SurveiTPS.objects.get()


def test_rekap_tps_dalam_lingkup(client, survei_madiun, kw_user):
    """A Madiun stakeholder sees the restricted survey's counts for Kabupaten Madiun."""
    client.force_login(kw_user("polres_madiun"))
    r = client.get(f"/api/v1/kerawanan/survei/{survei_madiun.pk}/rekap?kode=35.19")
    assert r.status_code == 200
    assert r.json()["indikator"][0] == {
        "kode": "hp_tms",
        "nama": r.json()["indikator"][0]["nama"],
        "jumlah": 1,
    }


def test_rekap_tps_di_luar_lingkup_404(client, survei_madiun, kw_user):
    """Bawaslu Bali gets 404 for Madiun's counts of a restricted survey; the public too."""
    client.force_login(kw_user("bawaslu_bali"))
    assert (
        client.get(f"/api/v1/kerawanan/survei/{survei_madiun.pk}/rekap?kode=35.19").status_code
        == 404
    )
    client.logout()
    assert (
        client.get(f"/api/v1/kerawanan/survei/{survei_madiun.pk}/rekap?kode=35.19").status_code
        == 404
    )


def test_daftar_tps_dengan_indikator(client, survei_madiun, kw_user, django_assert_max_num_queries):
    """The TPS list filtered by an indicator returns only TPS 1, in a fixed number of queries."""
    client.force_login(kw_user("bawaslu_madiun"))
    with django_assert_max_num_queries(8):
        r = client.get(
            f"/api/v1/kerawanan/survei/{survei_madiun.pk}/tps?kode=35.19&indikator=hp_tms"
        )
    assert r.status_code == 200
    items = r.json()["items"]
    assert [(t["nomor"], t["indikator"]) for t in items] == [(1, ["hp_tms"])]
