"""Fixtures of the komunikasi tests: an author at KPU Jawa Timur, recipients in regencies."""

import pytest


@pytest.fixture(autouse=True)
def bahasa_inggris():
    """Messages are asserted in English (the msgids); one test checks the Indonesian ones."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    """The test client with English chosen (the language switch's cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def penulis(pengguna_uji):
    """An operator of KPU Provinsi Jawa Timur: the author of announcements."""
    return pengguna_uji("kpu_jatim", "operator")


@pytest.fixture
def penerima(pengguna_uji):
    """Users of the regency KPUs and Bawaslu Madiun (the audience of the tests)."""
    return {
        "kpu_madiun": pengguna_uji("kpu_madiun", "operator"),
        "kpu_madiun_k": pengguna_uji("kpu_madiun", "koordinator"),
        "kpu_kota_madiun": pengguna_uji("kpu_kota_madiun", "operator"),
        "kpu_ngawi": pengguna_uji("kpu_ngawi", "operator"),
        "bawaslu_madiun": pengguna_uji("bawaslu_madiun", "operator"),
        "kpu_denpasar": pengguna_uji("kpu_denpasar", "operator"),
    }


@pytest.fixture
def umumkan(penulis, penerima):
    """`umumkan(**fields)`: KPU Jatim announces to every KPU and Bawaslu regency in 35."""
    from sinergi.komunikasi import services

    def make(**fields):
        data = {
            "pelaku": penulis,
            "judul": "PKPU 15/2023 tentang Kampanye",
            "isi": "Mohon dipelajari.\nTerima kasih.",
            "audiens_jenis": ["kpu", "bawaslu"],
            "audiens_tingkat": ["kabupaten_kota"],
            "audiens_wilayah": ["35"],
        }
        data.update(fields)
        return services.pengumuman_create(**data)

    return make


@pytest.fixture
def utas(pengguna_uji):
    """A restricted thread of KPU Kabupaten Madiun in 35.19 with its first post."""
    from sinergi.komunikasi import services

    return services.utas_create(
        pelaku=pengguna_uji("kpu_madiun", "operator"),
        judul="Pertanyaan tentang alat peraga kampanye",
        isi="Bagaimana aturan APK di jalan protokol?",
        topik="kampanye",
    )
