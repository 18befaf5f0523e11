"""Permission matrix rules for the kerawanan pages and API (docs/akses.md)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from sinergi.akses.testing import KERAHASIAAN, PERAN, Rule, baca, masuk, semua
from sinergi.kerawanan import services
from sinergi.kerawanan.models import ImporBerkas, Kerangka, Penilaian, RekapTPS, SurveiTPS


def kerangka(k):
    services.muat_referensi()
    return Kerangka.objects.get(slug="ikp-2024")


def penilaian(k):
    """An assessment of Kabupaten Madiun by Polres Madiun at the cell's confidentiality."""
    ikp = kerangka(k)
    return Penilaian.objects.create(
        kerangka=ikp,
        wilayah_id=k.wilayah,
        periode="2024",
        lembaga=k.pemilik,
        kerahasiaan=k.kerahasiaan or "PUBLIC",
        skor=Decimal("50"),
        kategori="tinggi",
    )


def survei(k):
    """A TPS survey of Kabupaten Madiun with its summary row."""
    kerangka(k)
    s = SurveiTPS.objects.create(
        kerangka=Kerangka.objects.get(slug="tps-pemilu-2024"),
        nama="uji",
        periode="2024",
        wilayah_id=k.wilayah,
        lembaga=k.pemilik,
        kerahasiaan=k.kerahasiaan or "PUBLIC",
    )
    RekapTPS.objects.create(
        survei=s,
        kode_wilayah=k.wilayah,
        tingkat="kabupaten_kota",
        jumlah_tps=0,
        jumlah=[0] * 22,
        kategori={"kurang_rawan": 0, "rawan": 0, "sangat_rawan": 0},
    )
    return s


def impor_sendiri(k):
    """An import job owned by the actor (nobody else may see it)."""
    return ImporBerkas.objects.create(
        jenis="tps",
        berkas="x",
        nama_asli="x.csv",
        pengguna=None if k.anonim else k.pengguna,
    )


def milik_sendiri(k):
    return 302 if k.anonim else 200


PELAKSANA = {"admin_sistem", "admin_lembaga", "koordinator", "operator", "analis"}


def buka_tindak_lanjut(ok: int):
    """Follow-up creators (admin_lembaga, koordinator, operator, analis; system admins) whose scope
    covers the region, on a result they may read; anonymous: login (pages) or 401 (API)."""

    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        if k.peran not in PELAKSANA or not k.dalam_lingkup:
            return 404
        return baca(ok)(k)

    return f


def data_tindak_lanjut(k, obj=None):
    return {
        "judul": "Patroli di TPS rawan",
        "lembaga": k.pemilik.pk,
        "tenggat_tanggal": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    }


def data_tindak_lanjut_tps(k, obj=None):
    return {**data_tindak_lanjut(k), "kode": k.wilayah, "indikator": "km_kekerasan"}


def jumlah_tindak_lanjut(k, obj):
    from sinergi.tindak_lanjut.models import TindakLanjut

    return TindakLanjut.objects.count()


RULES = [
    Rule("GET /kerawanan/", semua(200)),
    Rule("GET /kerawanan/impor/", masuk(200)),
    Rule(
        "GET /kerawanan/impor/<int:pk>/",
        milik_sendiri,
        setup=impor_sendiri,
        path=lambda k, o: f"/kerawanan/impor/{o.pk}/",
    ),
    Rule(
        "GET /kerawanan/impor/<int:pk>/kesalahan.csv",
        milik_sendiri,
        setup=impor_sendiri,
        path=lambda k, o: f"/kerawanan/impor/{o.pk}/kesalahan.csv",
    ),
    Rule(
        "GET /kerawanan/templat/<str:jenis>.<str:fmt>",
        semua(200),
        path="/kerawanan/templat/tps.csv",
    ),
    Rule(
        "GET /kerawanan/survei/<int:pk>/",
        baca(),
        setup=survei,
        path=lambda k, o: f"/kerawanan/survei/{o.pk}/?kode={k.wilayah}",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule("GET /kerawanan/<slug:slug>/", semua(200), setup=kerangka, path="/kerawanan/ikp-2024/"),
    Rule(
        "GET /kerawanan/<slug:slug>/peta.json",
        semua(200),
        setup=kerangka,
        path="/kerawanan/ikp-2024/peta.json?tingkat=kabupaten_kota",
    ),
    Rule(
        "GET /kerawanan/<slug:slug>/wilayah/<str:kode>/",
        baca(),
        setup=penilaian,
        path=lambda k, o: f"/kerawanan/ikp-2024/wilayah/{k.wilayah}/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /kerawanan/<slug:slug>/wilayah/<str:kode>/tindak-lanjut/",
        buka_tindak_lanjut(200),
        setup=penilaian,
        path=lambda k, o: f"/kerawanan/ikp-2024/wilayah/{k.wilayah}/tindak-lanjut/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /kerawanan/<slug:slug>/wilayah/<str:kode>/tindak-lanjut/",
        buka_tindak_lanjut(302),
        setup=penilaian,
        path=lambda k, o: f"/kerawanan/ikp-2024/wilayah/{k.wilayah}/tindak-lanjut/",
        data=data_tindak_lanjut,
        state=jumlah_tindak_lanjut,
        kerahasiaan=KERAHASIAAN,
        peran=PERAN,
    ),
    Rule(
        "GET /kerawanan/survei/<int:pk>/tindak-lanjut/",
        buka_tindak_lanjut(200),
        setup=survei,
        path=lambda k, o: (
            f"/kerawanan/survei/{o.pk}/tindak-lanjut/?kode={k.wilayah}&indikator=km_kekerasan"
        ),
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /kerawanan/survei/<int:pk>/tindak-lanjut/",
        buka_tindak_lanjut(302),
        setup=survei,
        path=lambda k, o: (
            f"/kerawanan/survei/{o.pk}/tindak-lanjut/?kode={k.wilayah}&indikator=km_kekerasan"
        ),
        data=data_tindak_lanjut,
        state=jumlah_tindak_lanjut,
        kerahasiaan=KERAHASIAAN,
        peran=PERAN,
    ),
    Rule(
        "POST /api/v1/kerawanan/kerangka/{slug}/skor/{kode}/tindak-lanjut",
        buka_tindak_lanjut(201),
        setup=penilaian,
        path=lambda k, o: f"/api/v1/kerawanan/kerangka/ikp-2024/skor/{k.wilayah}/tindak-lanjut",
        data=data_tindak_lanjut,
        state=jumlah_tindak_lanjut,
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/kerawanan/survei/{pk}/tindak-lanjut",
        buka_tindak_lanjut(201),
        setup=survei,
        path=lambda k, o: f"/api/v1/kerawanan/survei/{o.pk}/tindak-lanjut",
        data=data_tindak_lanjut_tps,
        state=jumlah_tindak_lanjut,
        kerahasiaan=KERAHASIAAN,
    ),
    Rule("GET /api/v1/kerawanan/kerangka", semua(200), setup=kerangka),
    Rule(
        "GET /api/v1/kerawanan/kerangka/{slug}",
        semua(200),
        setup=kerangka,
        path="/api/v1/kerawanan/kerangka/ikp-2024",
    ),
    Rule(
        "GET /api/v1/kerawanan/kerangka/{slug}/skor",
        semua(200),
        setup=penilaian,
        path="/api/v1/kerawanan/kerangka/ikp-2024/skor?tingkat=kabupaten_kota",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /api/v1/kerawanan/kerangka/{slug}/provinsi",
        semua(200),
        setup=penilaian,
        path="/api/v1/kerawanan/kerangka/ikp-2024/provinsi",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /api/v1/kerawanan/kerangka/{slug}/skor/{kode}",
        baca(),
        setup=penilaian,
        path=lambda k, o: f"/api/v1/kerawanan/kerangka/ikp-2024/skor/{k.wilayah}",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule("GET /api/v1/kerawanan/survei", semua(200)),
    Rule(
        "GET /api/v1/kerawanan/survei/{pk}/rekap",
        baca(),
        setup=survei,
        path=lambda k, o: f"/api/v1/kerawanan/survei/{o.pk}/rekap?kode={k.wilayah}",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /api/v1/kerawanan/survei/{pk}/tps",
        baca(),
        setup=survei,
        path=lambda k, o: f"/api/v1/kerawanan/survei/{o.pk}/tps?kode={k.wilayah}",
        kerahasiaan=KERAHASIAAN,
    ),
]
