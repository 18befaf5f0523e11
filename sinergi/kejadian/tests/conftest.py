"""Fixtures for incident tests: categories, the duty matrix, a stage calendar, reporters."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.core.models import Kerahasiaan


@pytest.fixture(autouse=True)
def bahasa_inggris():
    """Messages are asserted in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def cache_bersih():
    """Categories and stages are cached; every test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def kategori(db):
    from sinergi.kejadian.referensi import load_kategori

    load_kategori()


@pytest.fixture
def rute(kategori, lembaga_uji):
    """The shipped duty matrix (organization types from pemangku's data)."""
    from sinergi.kejadian.referensi import load_rute
    from sinergi.pemangku.services import jenis_lembaga_load

    jenis_lembaga_load()
    load_rute()


@pytest.fixture
def tahapan(db):
    """Pemilu 2024 (test copy) with the campaign and a voting-day sub-stage."""
    from sinergi.tahapan.models import Pemilu, Tahapan

    p = Pemilu.objects.create(
        slug="pemilu-uji", jenis="pemilu", nama="Pemilu Uji", hari_pemungutan=dt.date(2024, 2, 14)
    )

    def t(kode, nama, mulai, selesai, induk=None):
        return Tahapan.objects.create(
            pemilu=p,
            kode=kode,
            nama=nama,
            induk=induk,
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
            mulai_efektif=mulai,
            selesai_efektif=selesai,
        )

    kampanye = t("T7", "Masa Kampanye", dt.date(2023, 11, 28), dt.date(2024, 2, 10))
    suara = t("T9", "Pemungutan dan Penghitungan Suara", dt.date(2024, 2, 14), dt.date(2024, 2, 15))
    hari = t("T9.1", "Pemungutan suara", dt.date(2024, 2, 14), dt.date(2024, 2, 14), induk=suara)
    return {"T7": kampanye, "T9": suara, "T9.1": hari}


@pytest.fixture
def pelapor(pengguna_uji, kategori):
    """A Bawaslu Kabupaten Madiun operator (a field officer's account)."""
    return pengguna_uji("bawaslu_madiun", "operator")


@pytest.fixture
def verifikator(pengguna_uji):
    return pengguna_uji("bawaslu_madiun", "koordinator")


def lalu(jam: float = 1) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=jam)


@pytest.fixture
def lapor(pelapor):
    """`lapor(**fields)`: an incident reported through the service (politik uang, 35.19)."""
    from sinergi.kejadian.services import kejadian_create

    def make(pelaku=None, **fields):
        data = {
            "kategori": "politik_uang",
            "kode_wilayah": "35.19",
            "waktu_kejadian": lalu(),
            "uraian": "Pembagian amplop di dekat TPS 003 Balerejo.",
            "kerahasiaan": Kerahasiaan.RESTRICTED,
        }
        data.update(fields)
        return kejadian_create(pelaku=pelaku or pelapor, **data)

    return make
