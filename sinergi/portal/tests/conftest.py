"""Fixtures for the portal's tests: a day of work for KPU Kabupaten Madiun."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.core.models import Kerahasiaan

SANDI = "kata-sandi-panjang-1"


@pytest.fixture(autouse=True)
def cache_bersih():
    """Categories and stages are cached; every test starts from an empty cache (a browser
    test's database is emptied between tests, the cache is not)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hari(db):
    """A stage running today and one starting in ten days."""
    from sinergi.tahapan.models import Pemilu, Tahapan

    today = timezone.localdate()
    p = Pemilu.objects.create(
        slug="pemilu-uji",
        jenis="pemilu",
        nama="Pemilu Uji",
        hari_pemungutan=today.replace(year=today.year + 2),
    )

    def t(kode, nama, mulai, selesai):
        return Tahapan.objects.create(
            pemilu=p, kode=kode, nama=nama, urutan=int(kode[1:]),
            tanggal_mulai=mulai, tanggal_selesai=selesai,
            mulai_efektif=mulai, selesai_efektif=selesai,
        )  # fmt: skip

    t("T1", "Pemutakhiran data pemilih berkelanjutan", today - dt.timedelta(days=30), today)
    t("T2", "Penyusunan peraturan", today + dt.timedelta(days=10), today + dt.timedelta(days=40))
    return p


@pytest.fixture
def isi(hari, lembaga_uji, pengguna_uji):
    """KPU Kabupaten Madiun's day: follow-ups due and overdue, an announcement to acknowledge,
    an invitation to answer, an incident and an alert in 35.19 — and the same things for
    Kabupaten Ngawi (35.21), which Madiun must not see."""
    from sinergi.kegiatan.models import Kegiatan, Undangan
    from sinergi.kejadian.models import AturanPeringatan, Peringatan
    from sinergi.kejadian.peringatan import load_aturan
    from sinergi.kejadian.referensi import load_kategori
    from sinergi.kejadian.services import kejadian_create
    from sinergi.komunikasi import services as komunikasi
    from sinergi.tindak_lanjut.models import TindakLanjut

    now = timezone.now()
    madiun, ngawi = lembaga_uji["kpu_madiun"], lembaga_uji["kpu_ngawi"]
    user = pengguna_uji("kpu_madiun", "operator")
    user.set_password(SANDI)
    user.save()

    def tl(lembaga, judul, hari_lagi):
        return TindakLanjut.objects.create(
            judul=judul, lembaga=lembaga, lembaga_pembuat=lembaga_uji["kpu_jatim"],
            wilayah_id=lembaga.wilayah_id, tenggat=now + dt.timedelta(days=hari_lagi),
            kerahasiaan=Kerahasiaan.RESTRICTED,
        )  # fmt: skip

    tl(madiun, "Rekap DPB bulan lalu", -2)
    tl(madiun, "Undang partai ke sosialisasi", 3)
    tl(madiun, "Laporan akhir tahun", 60)  # beyond the two weeks the dashboard looks at
    tl(ngawi, "Tugas KPU Ngawi", 1)

    komunikasi.pengumuman_create(
        pelaku=pengguna_uji("kpu_jatim", "operator"),
        judul="PKPU baru tentang pemutakhiran",
        isi="Mohon dipelajari.",
        audiens_jenis=["kpu"],
        audiens_tingkat=["kabupaten_kota"],
        audiens_wilayah=["35"],
        perlu_tanda_terima=True,
    )

    def kegiatan(penyelenggara, judul, wilayah):
        return Kegiatan.objects.create(
            jenis="rakor", judul=judul, penyelenggara=penyelenggara, wilayah_id=wilayah,
            mulai=now + dt.timedelta(days=2), selesai=now + dt.timedelta(days=2, hours=3),
            kode_hadir=judul[-6:].upper(), kerahasiaan=Kerahasiaan.RESTRICTED,
        )  # fmt: skip

    rakor = kegiatan(lembaga_uji["kpu_jatim"], "Rakor pemutakhiran Jawa Timur", "35")
    Undangan.objects.create(kegiatan=rakor, lembaga=madiun, token="t-madiun")
    kegiatan(madiun, "Sosialisasi DPB di Kebonsari", "35.19")
    kegiatan(ngawi, "Rakor internal Ngawi", "35.21")

    load_kategori()
    data = {"kategori": "politik_uang", "waktu_kejadian": now - dt.timedelta(hours=2)}
    kejadian_create(
        pelaku=pengguna_uji("bawaslu_madiun", "operator"),
        kode_wilayah="35.19",
        judul="Pembagian sembako di Balerejo",
        uraian="Dilaporkan warga.",
        kerahasiaan=Kerahasiaan.RESTRICTED,
        **data,
    )
    kejadian_create(
        pelaku=pengguna_uji("kpu_ngawi", "operator"),
        kode_wilayah="35.21",
        judul="Kejadian di Ngawi",
        uraian="Hanya untuk Ngawi.",
        kerahasiaan=Kerahasiaan.CONFIDENTIAL,
        **data,
    )
    load_aturan()
    aturan = AturanPeringatan.objects.first()
    Peringatan.objects.create(
        aturan=aturan, wilayah_id="35.19", judul="Lonjakan di Madiun", kunci="a"
    )
    Peringatan.objects.create(
        aturan=aturan, wilayah_id="51.71", judul="Lonjakan di Denpasar", kunci="b"
    )
    return user
