"""Fixtures for the pemangku tests: the shipped types, a few organizations, users, stages."""

import datetime as dt

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Assert on the English source messages (the Indonesian ones are tested on their own)."""
    with translation.override("en"):
        yield


@pytest.fixture
def jenis(db):
    from sinergi.pemangku.models import JenisLembaga
    from sinergi.pemangku.services import jenis_lembaga_load

    jenis_lembaga_load()
    return {j.kode: j for j in JenisLembaga.objects.all()}


ORG = [
    # key, nama, jenis, tingkat, wilayah, induk
    ("kpu_ri", "KPU Republik Indonesia", "kpu", "nasional", None, None),
    ("kpu_jatim", "KPU Provinsi Jawa Timur", "kpu", "provinsi", "35", "kpu_ri"),
    ("polda", "Polda Jawa Timur", "polri", "provinsi", "35", None),
    ("kpu_madiun", "KPU Kabupaten Madiun", "kpu", "kabupaten_kota", "35.19", "kpu_jatim"),
    ("polres_madiun", "Polres Madiun", "polri", "kabupaten_kota", "35.19", "polda"),
    ("kpu_ngawi", "KPU Kabupaten Ngawi", "kpu", "kabupaten_kota", "35.21", "kpu_jatim"),
    ("kpu_bali", "KPU Provinsi Bali", "kpu", "provinsi", "51", "kpu_ri"),
]


@pytest.fixture
def org(wilayah_mini, jenis):
    from sinergi.pemangku.models import Lembaga

    data = {}
    for key, nama, j, tingkat, wilayah, induk in ORG:
        data[key] = Lembaga.objects.create(
            nama=nama,
            jenis=jenis[j],
            tingkat=tingkat,
            wilayah_id=wilayah,
            induk=data[induk] if induk else None,
        )
    return data


@pytest.fixture
def user(org):
    """A factory: `user("kpu_madiun", "koordinator")`, made once per test."""
    from sinergi.akses.models import User

    cache = {}

    def make(key, peran):
        if (key, peran) not in cache:
            u = User(email=f"{peran}.{key}@test.local", lembaga=org.get(key), peran=peran)
            u.set_unusable_password()
            u.save()
            cache[(key, peran)] = u
        return cache[(key, peran)]

    return make


@pytest.fixture
def kontak(org):
    """One contact person at Polres Madiun (35.19) and one at KPU Provinsi Bali (51)."""
    from sinergi.pemangku.models import Kontak

    return {
        "madiun": Kontak.objects.create(
            lembaga=org["polres_madiun"],
            nama="Contoh Nama 01",
            jabatan="Kasat Intelkam",
            unit="Sat Intelkam",
            telepon="+628000000001",
        ),
        "bali": Kontak.objects.create(
            lembaga=org["kpu_bali"],
            nama="Contoh Nama 02",
            jabatan="Ketua Divisi Hukum",
            telepon="+628000000002",
        ),
    }


@pytest.fixture
def pemilu(db):
    """Pemilu 2024 with T09 (campaign), its sub-stage T09.1, and T11 (voting)."""
    from sinergi.tahapan.models import Pemilu, Tahapan

    p = Pemilu.objects.create(
        slug="pemilu-2024", jenis="pemilu", nama="Pemilu 2024", hari_pemungutan=dt.date(2024, 2, 14)
    )
    t09 = Tahapan.objects.create(
        pemilu=p, kode="T09", nama="Masa Kampanye Pemilu", urutan=9,
        tanggal_mulai=dt.date(2023, 11, 28), tanggal_selesai=dt.date(2024, 2, 10),
    )  # fmt: skip
    t091 = Tahapan.objects.create(
        pemilu=p, induk=t09, kode="T09.1", nama="Pertemuan terbatas", urutan=10,
        tanggal_mulai=dt.date(2023, 11, 28), tanggal_selesai=dt.date(2024, 2, 10),
    )  # fmt: skip
    t11 = Tahapan.objects.create(
        pemilu=p, kode="T11", nama="Pemungutan dan penghitungan suara", urutan=11,
        tanggal_mulai=dt.date(2024, 2, 14), tanggal_selesai=dt.date(2024, 2, 15),
    )  # fmt: skip
    return {"pemilu": p, "T09": t09, "T09.1": t091, "T11": t11}


@pytest.fixture
def tupoksi(jenis, pemilu):
    from sinergi.pemangku.models import Tupoksi

    p = pemilu["pemilu"]
    return {
        "umum": Tupoksi.objects.create(
            kode="kpu-umum", jenis=jenis["kpu"], pemilu=p, uraian="Menyelenggarakan tahapan",
            dasar_hukum="UU 7/2017", pasal="Pasal 12", keyakinan="M", catatan="inferensi",
        ),
        "kampanye": Tupoksi.objects.create(
            kode="media-kampanye", jenis=jenis["media"], pemilu=p, tahapan=pemilu["T09"],
            uraian="Memberitakan kampanye secara adil", dasar_hukum="UU 7/2017",
            pasal="Pasal 287 ayat (4)", keyakinan="H",
        ),
        "pungut": Tupoksi.objects.create(
            kode="polri-tps", jenis=jenis["polri"], pemilu=p, tahapan=pemilu["T11"],
            uraian="Mengamankan TPS", dasar_hukum="UU 2/2002", pasal="Pasal 13",
            keyakinan="M", catatan="inferensi",
        ),
    }  # fmt: skip
