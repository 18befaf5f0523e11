"""The staff dashboard of a region (`/kejadian/peringatan/dasbor/` and
`GET /api/v1/peringatan/dasbor`): the numbers, their scope and confidentiality, the region
filter that cannot escape scope (404), and the page and the API agreeing."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.kejadian import dasbor
from sinergi.kejadian.models import AturanPeringatan, KategoriKejadian, Kejadian, Peringatan


@pytest.fixture(autouse=True)
def bahasa_inggris():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def data(wilayah_mini, lembaga_uji):
    """Incidents in East Java (Madiun regency and city), Bali; follow-ups and an alert."""
    from sinergi.tindak_lanjut.models import TindakLanjut

    Kategori = KategoriKejadian.objects
    Kategori.create(kode="politik_uang", nama="Politik uang", urutan=1)
    Kategori.create(kode="logistik", nama="Logistik", urutan=2)
    from sinergi.wilayah.models import Wilayah

    Wilayah.objects.filter(kode="35.19").update(lat=-7.6, lng=111.6)
    now = timezone.now()

    def k(kode, kategori="politik_uang", hari=1, **kw):
        return Kejadian.objects.create(
            kategori_id=kategori,
            wilayah_id=kode,
            waktu_kejadian=now - dt.timedelta(days=hari),
            zona_waktu="WIB",
            uraian="uji",
            **kw,
        )

    k("35.19.01.2001", lat=-7.7, lng=111.5)
    k("35.19.01.2001", "logistik", status="terverifikasi")
    k("35.19", hari=3, status="terverifikasi")
    k("35.77", lat=-7.63, lng=111.52)
    k("35.77", status="ditolak")  # not counted
    k("35.19", hari=60, status="selesai")  # outside 30 days, counted with hari=90
    k("35.19", kerahasiaan="CONFIDENTIAL", lembaga_pelapor=lembaga_uji["polres_madiun"])
    k("51.71")
    polres = lembaga_uji["polres_madiun"]
    TindakLanjut.objects.create(
        judul="a", lembaga=polres, wilayah_id="35.19", tenggat=now - dt.timedelta(days=1)
    )
    TindakLanjut.objects.create(
        judul="b", lembaga=polres, wilayah_id="35.19", tenggat=now + dt.timedelta(days=1)
    )
    TindakLanjut.objects.create(
        judul="c",
        lembaga=lembaga_uji["kpu_denpasar"],
        wilayah_id="51.71",
        tenggat=now - dt.timedelta(days=1),
    )
    aturan = AturanPeringatan.objects.create(kode="x", nama="X", jenis="lonjakan")
    Peringatan.objects.create(aturan=aturan, wilayah_id="35.19", judul="Lonjakan", kunci="a")
    Peringatan.objects.create(aturan=aturan, wilayah_id="51.71", judul="Bali", kunci="b")


def test_province_numbers_for_provincial_kpu(data, pengguna_uji):
    """KPU Jatim (operator, not leadership): East Java only, confidential and rejected left
    out, one marker per regency, triage queue = reported incidents."""
    user = pengguna_uji("kpu_jatim", "operator")
    d = dasbor.dasbor_data(pengguna=user, kode="35", hari=30)
    assert d["wilayah"]["nama"] == "Jawa Timur"
    assert d["jumlah_kejadian"] == 4
    assert d["antrean_triase"] == 2  # 35.19.01.2001 politik_uang + 35.77
    assert d["status"] == {"dilaporkan": 2, "terverifikasi": 2}
    peta = {p["kode"]: (p["jumlah"], p["lat"], p["lng"]) for p in d["peta"]}
    # Madiun regency uses its centroid; Kota Madiun has none: the mean of its incidents.
    assert peta == {"35.19": (3, -7.6, 111.6), "35.77": (1, -7.63, 111.52)}
    assert {k["kode"]: k["jumlah"] for k in d["deret"]["kategori"]} == {
        "politik_uang": 3,
        "logistik": 1,
    }
    assert len(d["deret"]["hari"]) == 30 and sum(h["jumlah"] for h in d["deret"]["hari"]) == 4
    assert d["tindak_lanjut"] == {"terbuka": 2, "terlambat": 1}
    assert d["peringatan_aktif"] == 1 and d["peringatan"][0].judul == "Lonjakan"


def test_window_and_confidential_for_leadership(data, pengguna_uji):
    """A KPU Madiun coordinator (leadership) also counts the confidential incident; 90 days
    include the older one."""
    user = pengguna_uji("kpu_madiun", "koordinator")
    assert dasbor.dasbor_data(pengguna=user, kode="35.19", hari=30)["jumlah_kejadian"] == 4
    assert dasbor.dasbor_data(pengguna=user, kode="35.19", hari=90)["jumlah_kejadian"] == 5


def test_default_region_is_own_scope_and_regency_clusters_by_district(data, pengguna_uji):
    user = pengguna_uji("kpu_madiun", "operator")
    d = dasbor.dasbor_data(pengguna=user)
    assert d["wilayah"]["kode"] == "35.19"
    # Villages group into their district; incidents placed at the regency itself keep a
    # marker of their own at the regency's centroid.
    assert [(p["kode"], p["jumlah"]) for p in d["peta"]] == [("35.19.01", 2), ("35.19", 1)]


@pytest.mark.parametrize("kode", ["35", "35.77", "51", "99"])
def test_region_outside_scope_is_404(client, data, pengguna_uji, bearer, kode):
    user = pengguna_uji("kpu_madiun", "admin_lembaga")
    client.force_login(user)
    assert client.get(f"/kejadian/peringatan/dasbor/?wilayah={kode}").status_code == 404
    r = client.get(f"/api/v1/peringatan/dasbor?wilayah={kode}", headers=bearer(user))
    assert r.status_code == 404


def test_page_and_api_show_the_same_numbers(
    client, data, pengguna_uji, bearer, django_assert_max_num_queries
):
    user = pengguna_uji("kpu_jatim", "pengamat")
    client.force_login(user)
    with django_assert_max_num_queries(16):
        page = client.get("/kejadian/peringatan/dasbor/?wilayah=35").content.decode()
    api = client.get("/api/v1/peringatan/dasbor?wilayah=35", headers=bearer(user)).json()
    for key, value in [
        ("jumlah-kejadian", api["jumlah_kejadian"]),
        ("antrean-triase", api["antrean_triase"]),
        ("tl-terbuka", api["tindak_lanjut"]["terbuka"]),
        ("tl-terlambat", api["tindak_lanjut"]["terlambat"]),
        ("peringatan-aktif", api["peringatan_aktif"]),
    ]:
        assert f'id="{key}">{value}<' in page
    assert api["peta"][0] == {
        "kode": "35.19",
        "nama": "Kabupaten Madiun",
        "jumlah": 3,
        "lat": -7.6,
        "lng": 111.6,
    }
    assert "leaflet/leaflet.js" in page


def test_national_user_sees_every_province(data, pengguna_uji):
    d = dasbor.dasbor_data(pengguna=pengguna_uji("kpu_ri", "pengamat"))
    assert {p["kode"]: p["jumlah"] for p in d["peta"]} == {"35": 4, "51": 1}


def test_api_bad_window(client, data, pengguna_uji, bearer):
    user = pengguna_uji("kpu_jatim", "pengamat")
    r = client.get("/api/v1/peringatan/dasbor?hari=0", headers=bearer(user))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "hari"


def test_html_in_alert_title_is_escaped(client, data, pengguna_uji):
    Peringatan.objects.filter(kunci="a").update(judul="<script>alert(1)</script>")
    client.force_login(pengguna_uji("kpu_jatim", "pengamat"))
    page = client.get("/kejadian/peringatan/dasbor/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
