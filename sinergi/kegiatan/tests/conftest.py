"""Fixtures of the kegiatan tests: an election with two stages and an event factory."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.core import waktu


@pytest.fixture(autouse=True)
def bahasa_inggris():
    """Service-level messages in English (the source strings); pages and the API answer in
    the request's language, Indonesian by default, and those tests say so."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def pemilu(db):
    from sinergi.tahapan.models import Pemilu, Tahapan

    p = Pemilu.objects.create(slug="pemilu-uji", jenis="pemilu", nama="Pemilu Uji")
    Tahapan.objects.create(
        pemilu=p,
        kode="T6",
        nama="Pencalonan anggota DPD",
        urutan=6,
        tanggal_mulai=dt.date(2022, 12, 6),
        tanggal_selesai=dt.date(2023, 11, 25),
    )
    Tahapan.objects.create(
        pemilu=p,
        kode="T7",
        nama="Masa Kampanye Pemilu",
        urutan=7,
        tanggal_mulai=dt.date(2023, 11, 28),
        tanggal_selesai=dt.date(2024, 2, 10),
    )
    return p


@pytest.fixture
def tahapan(pemilu):
    return {t.kode: t for t in pemilu.tahapan.all()}


@pytest.fixture
def operator_jatim(pengguna_uji):
    return pengguna_uji("kpu_jatim", "operator")


@pytest.fixture
def buat_kegiatan(lembaga_uji):
    """`buat_kegiatan(**fields)`: an event by KPU Jatim in 35 tomorrow, saved directly."""
    from sinergi.kegiatan.models import Kegiatan

    nomor = iter(range(1, 10_000))

    def make(**fields):
        n = next(nomor)
        mulai = fields.pop("mulai", timezone.now() + dt.timedelta(days=1))
        data = {
            "jenis": "sosialisasi",
            "judul": f"Sosialisasi uji {n}",
            "penyelenggara": lembaga_uji["kpu_jatim"],
            "wilayah_id": "35",
            "tempat": "Hotel Uji",
            "mulai": mulai,
            "selesai": fields.pop("selesai", mulai + dt.timedelta(hours=8)),
            "kode_hadir": f"UJI{n:03d}",
            "kerahasiaan": "RESTRICTED",
        }
        data.update(fields)
        return Kegiatan.objects.create(**data)

    return make


def lokal(y, m, d, h=9, mi=0, zona="WIB"):
    return waktu.dari_lokal(dt.datetime(y, m, d, h, mi), zona)
