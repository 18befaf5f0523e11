"""Follow-ups opened from a region's score or from a TPS indicator (issue part 6)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from sinergi.kerawanan import services
from sinergi.kerawanan.models import Kerangka, Penilaian, RekapTPS, SorotanTPS, SurveiTPS
from sinergi.tindak_lanjut.models import TindakLanjut

pytestmark = pytest.mark.django_db


@pytest.fixture
def skor_madiun(ikp, lembaga_uji):
    return Penilaian.objects.create(
        kerangka=ikp,
        wilayah_id="35.19",
        periode="2024",
        lembaga=lembaga_uji["bawaslu_madiun"],
        kerahasiaan="RESTRICTED",
        skor=Decimal("55.10"),
        kategori="tinggi",
    )


@pytest.fixture
def survei_madiun(cek_tps, lembaga_uji):
    s = SurveiTPS.objects.create(
        kerangka=cek_tps,
        nama="Pemetaan TPS Madiun",
        periode="2024",
        wilayah_id="35.19",
        lembaga=lembaga_uji["bawaslu_madiun"],
        kerahasiaan="RESTRICTED",
    )
    RekapTPS.objects.create(
        survei=s,
        kode_wilayah="35.19",
        tingkat="kabupaten_kota",
        jumlah_tps=0,
        jumlah=[0] * 22,
        kategori={"kurang_rawan": 0, "rawan": 0, "sangat_rawan": 0},
    )
    return s


def _tenggat(hari=7):
    return (timezone.localdate() + datetime.timedelta(days=hari)).isoformat()


def test_dari_skor_mengarah_balik(client, pengguna_uji, lembaga_uji, skor_madiun):
    """A Bawaslu Jatim member opens a follow-up on Madiun's score: prefilled title, owner among
    the organizations in scope; the follow-up points back and is listed on the score page."""
    user = pengguna_uji("bawaslu_jatim", "operator")
    client.force_login(user)
    url = "/kerawanan/ikp-2024/wilayah/35.19/tindak-lanjut/"
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kabupaten Madiun" in body and "Polres Madiun" in body
    assert "KPU Provinsi Bali" not in body  # outside the user's scope
    # nothing half-saved on an error, and what was typed is kept
    bad = client.post(url, {"judul": "Patroli TPS", "lembaga": "", "tenggat_tanggal": ""})
    assert bad.status_code == 422 and TindakLanjut.objects.count() == 0
    assert 'value="Patroli TPS"' in bad.content.decode()
    ok = client.post(
        url,
        {
            "judul": "Patroli TPS rawan",
            "lembaga": lembaga_uji["polres_madiun"].pk,
            "tenggat_tanggal": _tenggat(),
        },
    )
    tl = TindakLanjut.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/tindak-lanjut/{tl.pk}/"
    assert tl.sumber == skor_madiun and tl.lembaga == lembaga_uji["polres_madiun"]
    assert tl.kerahasiaan == "RESTRICTED" and tl.wilayah_id == "35.19"
    assert "Kabupaten Madiun" in tl.sumber_label and "55.10" in tl.sumber_label
    skor_page = client.get("/kerawanan/ikp-2024/wilayah/35.19/").content.decode()
    assert f"/tindak-lanjut/{tl.pk}/" in skor_page and "Patroli TPS rawan" in skor_page


def test_tanggal_lampau_ditolak(client, pengguna_uji, lembaga_uji, skor_madiun):
    client.force_login(pengguna_uji("bawaslu_jatim", "operator"))
    r = client.post(
        "/kerawanan/ikp-2024/wilayah/35.19/tindak-lanjut/",
        {
            "judul": "x",
            "lembaga": lembaga_uji["polres_madiun"].pk,
            "tenggat_tanggal": _tenggat(-3),
        },
    )
    assert r.status_code == 422 and TindakLanjut.objects.count() == 0


@pytest.mark.parametrize(
    ("lembaga", "peran", "status"),
    [
        ("bawaslu_jatim", "analis", 200),  # a Bawaslu analyst may open one (issue #6)
        ("bawaslu_jatim", "pengamat", 404),
        ("kpu_bali", "operator", 404),
    ],
)
def test_siapa_boleh_membuka(client, pengguna_uji, skor_madiun, lembaga, peran, status):
    """Roles that may not create follow-ups, and users outside the region, get 404."""
    client.force_login(pengguna_uji(lembaga, peran))
    r = client.get("/kerawanan/ikp-2024/wilayah/35.19/tindak-lanjut/")
    assert r.status_code == status


def test_layanan_menolak_lembaga_di_luar_lingkup(pengguna_uji, lembaga_uji, skor_madiun):
    from django.core.exceptions import ValidationError

    user = pengguna_uji("bawaslu_madiun", "operator")
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_dari_skor(
            pelaku=user,
            penilaian=skor_madiun,
            lembaga=lembaga_uji["kpu_jatim"],  # the province is above a regency user's scope
            judul="x",
            tenggat_tanggal=timezone.localdate(),
        )
    assert "lembaga" in exc.value.message_dict
    assert TindakLanjut.objects.count() == 0


def test_dari_indikator_tps(client, pengguna_uji, lembaga_uji, survei_madiun, cek_tps):
    """From the list of TPS with an indicator in a region: the follow-up points to that
    region-indicator, which links back to the list."""
    user = pengguna_uji("bawaslu_madiun", "koordinator")
    client.force_login(user)
    lst = client.get(f"/kerawanan/survei/{survei_madiun.pk}/?kode=35.19&indikator=km_kekerasan")
    assert "/tindak-lanjut/?kode=35.19&amp;indikator=km_kekerasan" in lst.content.decode()
    url = f"/kerawanan/survei/{survei_madiun.pk}/tindak-lanjut/?kode=35.19&indikator=km_kekerasan"
    form = client.get(url)
    assert form.status_code == 200 and "Kabupaten Madiun" in form.content.decode()
    r = client.post(
        url,
        {
            "judul": "Pengamanan TPS riwayat kekerasan",
            "lembaga": lembaga_uji["polres_madiun"].pk,
            "tenggat_tanggal": _tenggat(),
        },
    )
    assert r.status_code == 302
    tl = TindakLanjut.objects.get()
    sorotan = SorotanTPS.objects.get()
    assert tl.sumber == sorotan and sorotan.indikator.kode == "km_kekerasan"
    assert sorotan.get_absolute_url() == (
        f"/kerawanan/survei/{survei_madiun.pk}/?kode=35.19&indikator=km_kekerasan"
    )
    assert client.get(url.replace("km_kekerasan", "tidak_ada")).status_code == 404


def test_api(client, pengguna_uji, lembaga_uji, skor_madiun, survei_madiun, bearer):
    user = pengguna_uji("bawaslu_jatim", "operator")
    h = {"headers": bearer(user)}
    data = {
        "judul": "Patroli",
        "lembaga": lembaga_uji["polres_madiun"].pk,
        "tenggat_tanggal": _tenggat(),
    }
    r = client.post(
        "/api/v1/kerawanan/kerangka/ikp-2024/skor/35.19/tindak-lanjut",
        data,
        content_type="application/json",
        **h,
    )
    assert r.status_code == 201, r.content
    assert r.json()["lembaga"] == lembaga_uji["polres_madiun"].pk
    assert TindakLanjut.objects.get(pk=r.json()["id"]).sumber == skor_madiun
    salah = client.post(
        "/api/v1/kerawanan/kerangka/ikp-2024/skor/35.19/tindak-lanjut",
        {**data, "lembaga": lembaga_uji["kpu_bali"].pk},
        content_type="application/json",
        **h,
    )
    assert salah.status_code == 422 and salah.json()["errors"][0]["field"] == "lembaga"
    r2 = client.post(
        f"/api/v1/kerawanan/survei/{survei_madiun.pk}/tindak-lanjut",
        {**data, "kode": "35.19", "indikator": "km_kekerasan"},
        content_type="application/json",
        **h,
    )
    assert r2.status_code == 201 and "Kabupaten Madiun" in r2.json()["sumber_label"]
    assert TindakLanjut.objects.count() == 2
    ikp = Kerangka.objects.get(slug="ikp-2024")
    assert ikp.penilaian.count() == 1
