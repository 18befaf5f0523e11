"""Fixtures of the vulnerability app: the shipped frameworks, a few organizations and users."""

import pytest
from django.utils import translation

from sinergi.kerawanan import services
from sinergi.kerawanan.models import Kerangka


@pytest.fixture(autouse=True)
def _bahasa_inggris():
    """Messages are asserted in English (the source language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def ikp(db):
    services.muat_referensi()
    return Kerangka.objects.get(slug="ikp-2024")


@pytest.fixture
def cek_tps(ikp):
    return Kerangka.objects.get(slug="tps-pemilu-2024")


@pytest.fixture
def kw_lembaga(wilayah_mini):
    from sinergi.pemangku.models import JenisLembaga, Lembaga

    jenis = {
        kode: JenisLembaga.objects.get_or_create(
            kode=kode, defaults={"nama": kode.upper(), "kelompok": kelompok}
        )[0]
        for kode, kelompok in [("bawaslu", "pengawas"), ("polri", "keamanan")]
    }

    def lem(nama, jenis_kode, tingkat, wilayah):
        return Lembaga.objects.create(
            nama=nama, jenis=jenis[jenis_kode], tingkat=tingkat, wilayah_id=wilayah
        )

    return {
        "bawaslu_jatim": lem("Bawaslu Jatim (uji)", "bawaslu", "provinsi", "35"),
        "bawaslu_madiun": lem("Bawaslu Madiun (uji)", "bawaslu", "kabupaten_kota", "35.19"),
        "bawaslu_bali": lem("Bawaslu Bali (uji)", "bawaslu", "provinsi", "51"),
        "polres_madiun": lem("Polres Madiun (uji)", "polri", "kabupaten_kota", "35.19"),
    }


@pytest.fixture
def kw_user(kw_lembaga):
    from sinergi.akses.models import User

    cache = {}

    def make(key, peran="operator"):
        if (key, peran) not in cache:
            cache[(key, peran)] = User.objects.create_user(
                email=f"{peran}.{key}@kw.test".replace("_", "-"),
                lembaga=kw_lembaga[key] if key else None,
                peran=peran,
            )
        return cache[(key, peran)]

    return make


@pytest.fixture
def tps_mini(wilayah_mini):
    """Three TPS in Balerejo (35.19.01.2001)."""
    from sinergi.wilayah.models import TPS

    return [
        TPS.objects.create(desa_id="35.19.01.2001", nomor=n, jumlah_pemilih=200) for n in (1, 2, 3)
    ]


def tulis(tmp_path, nama, baris):
    import csv

    p = tmp_path / nama
    with p.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(baris)
    return p
