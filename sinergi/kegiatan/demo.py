"""The seed scene as demo data, plus a handful of regency events so that coverage shows gaps.

KPU Provinsi Jawa Timur's "Sosialisasi Regulasi Tahapan Penyelenggaraan Pemilu Tahun 2024",
JW Marriott Hotel Surabaya, 8-9 December 2022 (sources: /work/shared/reference
tahapan-pemilu-2024.md section 6: kempalan.com 9 Dec 2022, jatim.antaranews.com 663135). The
invited organizations are those the reports name; people other than the KPU Jatim chair are
fictional or named by position only (the outside speakers are unverified in the sources).
Attendance is made up but realistic, and fixed (a seeded random generator).

Idempotent: an event is found by its title and organizer and left alone.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.db import transaction

from sinergi.core import audit, waktu
from sinergi.kegiatan.choices import CaraHadir, PeranUndangan, StatusKegiatan
from sinergi.kegiatan.models import Kegiatan, Kehadiran, Pernyataan, Undangan

JUDUL_SEED = "Sosialisasi Regulasi Tahapan Penyelenggaraan Pemilu Tahun 2024"
# Marks the invented events (every one but the documented 8-9 Dec 2022 socialization).
PENANDA_DEMO = "[DEMO]"


def _lokal(y, m, d, h, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=waktu.tzinfo("WIB"))


def _kode() -> str:
    from sinergi.kegiatan.services import _kode_hadir

    kode = _kode_hadir()
    while Kegiatan.objects.filter(kode_hadir=kode).exists():
        kode = _kode_hadir()
    return kode


def _undang(k, lembaga, peran=PeranUndangan.PESERTA, kontak=None):
    return Undangan(
        kegiatan=k,
        lembaga=lembaga,
        kontak=kontak,
        peran=peran,
        nama=kontak.nama if kontak else "",
        jabatan=kontak.jabatan if kontak else "",
        unit=kontak.unit if kontak else "",
        token=secrets.token_urlsafe(24),
        rsvp="hadir",
    )


def _hadir(k, undangan_list, rng, peluang, absen=()):
    rows = []
    for u in undangan_list:
        if u.lembaga.nama in absen or rng.random() > peluang:
            continue
        jam = k.mulai - dt.timedelta(minutes=rng.randint(5, 50))
        rows.append(
            Kehadiran(
                kegiatan=k,
                undangan=u,
                kunci=f"u{u.pk}",
                lembaga=u.lembaga,
                nama=u.nama or u.jabatan or u.lembaga.nama,
                instansi=u.lembaga.nama,
                jabatan=u.jabatan,
                cara=rng.choice([CaraHadir.QR, CaraHadir.QR, CaraHadir.MANUAL]),
                waktu=jam,
            )
        )
    Kehadiran.objects.bulk_create(rows)
    return rows


def _kontak(lembaga, *kata):
    qs = lembaga.kontak.filter(is_active=True).order_by("pk")
    for kt in kata:
        found = qs.filter(unit__icontains=kt).first() or qs.filter(jabatan__icontains=kt).first()
        if found:
            return found
    return qs.first()


def _tahapan(pemilu, *kode):
    return list(pemilu.tahapan.filter(kode__in=kode)) if pemilu else []


def _regulasi(*kunci):
    from sinergi.regulasi.models import Regulasi

    hasil = []
    for jenis, nomor, tahun in kunci:
        r = Regulasi.objects.filter(jenis=jenis, nomor=nomor, tahun=tahun).first()
        if r:
            hasil.append(r)
    return hasil


def _buat(**data) -> Kegiatan:
    tahapan = data.pop("tahapan", [])
    regulasi = data.pop("regulasi", [])
    k = Kegiatan.objects.create(kode_hadir=_kode(), zona_waktu="WIB", **data)
    k.tahapan.set(tahapan)
    k.regulasi.set(regulasi)
    audit.record(actor=None, action="create", obj=k, note="demo")
    return k


def _seed(lembaga_by_nama, pemilu, stdout):
    from sinergi.pemangku.models import Lembaga

    kpu_jatim = lembaga_by_nama["KPU Provinsi Jawa Timur"]
    if Kegiatan.objects.filter(judul=JUDUL_SEED, penyelenggara=kpu_jatim).exists():
        return None
    k = _buat(
        jenis="sosialisasi",
        judul=JUDUL_SEED,
        penyelenggara=kpu_jatim,
        wilayah_id="35",
        tempat="JW Marriott Hotel Surabaya",
        alamat="Jl. Embong Malang No. 85-89, Surabaya",
        lintang="-7.262700",
        bujur="112.736700",
        mulai=_lokal(2022, 12, 8, 9),
        selesai=_lokal(2022, 12, 9, 16),
        sasaran="pemangku",
        kerahasiaan="PUBLIC",
        status=StatusKegiatan.TERLAKSANA,
        deskripsi=(
            "Sosialisasi regulasi tahapan Pemilu 2024 kepada pemangku kepentingan di Jawa Timur: "
            "divisi hukum dan pengawasan KPU kabupaten/kota, Bawaslu, Bakesbangpol, Kasat "
            "Intelkam Polres se-Jawa Timur, Polda Jawa Timur, Kodam V/Brawijaya, Komisi "
            "Informasi, KPID, organisasi kepemudaan dan kemasyarakatan, OPD terkait, dan media."
        ),
        agenda=(
            "Hari 1 (Kamis, 8 Desember 2022)\n"
            "09.00 Pembukaan dan sambutan Ketua KPU Provinsi Jawa Timur\n"
            "10.00 Paparan tahapan dan jadwal Pemilu 2024 (PKPU 3/2022)\n"
            "13.00 Paparan regulasi tahapan yang sedang berjalan\n"
            "15.00 Diskusi\n"
            "Hari 2 (Jumat, 9 Desember 2022)\n"
            "09.00 Peran pemangku kepentingan dan mitigasi kerawanan\n"
            "13.00 Rumusan tindak lanjut dan penutupan"
        ),
        notulen=(
            "1. Ketua KPU Provinsi Jawa Timur menegaskan bahwa Pemilu adalah tanggung jawab "
            "bersama dan perlu sinergi penyelenggara dengan pemangku kepentingan.\n"
            "2. Tahapan dimulai 14 Juni 2022; pemungutan suara 14 Februari 2024.\n"
            "3. Kegiatan yang sedang berjalan: verifikasi partai politik, rekrutmen badan ad hoc, "
            "penataan dapil kabupaten/kota, pencalonan anggota DPD, pemutakhiran data pemilih.\n"
            "4. Peserta sepakat memperbanyak koordinasi dan duduk bersama; komunikasi adalah "
            "kunci Pemilu yang aman; tiap lembaga menjalankan tupoksinya dalam sosialisasi "
            "tahapan dan mitigasi kerawanan."
        ),
        tahapan=_tahapan(pemilu, "T01", "T02", "T03", "T05", "T06"),
        regulasi=_regulasi(
            ("pkpu", "3", 2022),
            ("pkpu", "4", 2022),
            ("pkpu", "6", 2022),
            ("pkpu", "7", 2022),
            ("pkpu", "8", 2022),
            ("pkpu", "10", 2022),
        ),
    )
    semua = Lembaga.objects.filter(is_active=True).select_related("jenis")
    jatim = semua.filter(wilayah_id="35")
    kabkota = semua.filter(wilayah__induk_id="35", tingkat="kabupaten_kota")
    undangan = []
    for lem in kabkota.filter(jenis_id="kpu"):
        undangan.append(_undang(k, lem, kontak=_kontak(lem, "Hukum dan Pengawasan")))
    for lem in kabkota.filter(jenis_id__in=["bawaslu", "kesbangpol"]):
        undangan.append(_undang(k, lem, kontak=_kontak(lem)))
    for lem in kabkota.filter(jenis_id="polri"):
        undangan.append(_undang(k, lem, kontak=_kontak(lem, "Sat Intelkam")))
    for lem in jatim.exclude(pk=kpu_jatim.pk):
        peran = PeranUndangan.PERS if lem.jenis_id == "media" else PeranUndangan.PESERTA
        if lem.jenis_id in {"kesbangpol", "polri"}:
            peran = PeranUndangan.NARASUMBER
        undangan.append(_undang(k, lem, peran=peran, kontak=_kontak(lem)))
    Undangan.objects.bulk_create(undangan)
    undangan = list(k.undangan.select_related("lembaga"))
    rng = random.Random(20221208)  # noqa: S311 - fixed demo data, not security
    absen = {"Polres Ngawi", "Polres Sampang", "Bakesbangpol Kabupaten Sumenep"}
    hadir = _hadir(k, undangan, rng, 0.9, absen)
    Pernyataan.objects.bulk_create(
        [
            Pernyataan(
                kegiatan=k,
                urutan=1,
                pembicara="Choirul Anam",
                jabatan="Ketua KPU Provinsi Jawa Timur",
                lembaga=kpu_jatim,
                isi=(
                    "Pemilu adalah tanggung jawab bersama. Sinergi antara penyelenggara dan "
                    "pemangku kepentingan menjadi kunci agar setiap tahapan berjalan lancar."
                ),
            ),
            Pernyataan(
                kegiatan=k,
                urutan=2,
                pembicara="Choirul Anam",
                jabatan="Ketua KPU Provinsi Jawa Timur",
                lembaga=kpu_jatim,
                isi=(
                    "Saat ini ada lima kegiatan yang berjalan: verifikasi partai politik, "
                    "rekrutmen badan ad hoc, penataan dapil kabupaten/kota, pencalonan anggota "
                    "DPD, dan pemutakhiran data pemilih."
                ),
            ),
            Pernyataan(
                kegiatan=k,
                urutan=3,
                pembicara="Perwakilan Bakesbangpol Provinsi Jawa Timur",
                jabatan="Narasumber",
                isi="Komunikasi yang baik antarlembaga adalah kunci Pemilu yang aman dan damai.",
            ),
            Pernyataan(
                kegiatan=k,
                urutan=4,
                pembicara="Perwakilan Polda Jawa Timur",
                jabatan="Narasumber (Dit Intelkam)",
                isi=(
                    "Setiap satuan wilayah memetakan kerawanan sejak dini dan berkoordinasi "
                    "dengan penyelenggara di daerahnya."
                ),
            ),
        ]
    )
    stdout.write(
        f"kegiatan demo: seed event with {len(undangan)} invitations, {len(hadir)} present"
    )
    return k


def _keputusan(k, lembaga_by_nama, stdout):
    from sinergi.akses.models import User
    from sinergi.kegiatan.services import keputusan_create

    pelaku = User.objects.filter(peran="admin_sistem", is_active=True).order_by("pk").first()
    if pelaku is None or k.keputusan.exists():
        return
    rencana = [
        (
            "Menyusun jadwal sosialisasi tahapan kepada masyarakat di tiap kabupaten/kota "
            "(sosialisasi berjenjang).",
            "KPU Provinsi Jawa Timur",
        ),
        (
            "Memetakan kerawanan wilayah menjelang masa kampanye dan menyampaikannya ke forum "
            "koordinasi.",
            "Bawaslu Provinsi Jawa Timur",
        ),
        (
            "Menyampaikan hasil pemetaan keamanan tiap Polres kepada KPU provinsi.",
            "Polda Jawa Timur",
        ),
    ]
    for uraian, nama in rencana:
        pemilik = lembaga_by_nama.get(nama)
        if pemilik is not None:
            keputusan_create(pelaku=pelaku, kegiatan=k, uraian=uraian, pemilik=pemilik)
    stdout.write(f"kegiatan demo: {k.keputusan.count()} decisions with follow-ups")


def _kabupaten(lembaga_by_nama, pemilu, stdout):
    """Regency-level cascades: some reach everyone, some leave gaps."""
    from sinergi.pemangku.models import Lembaga

    rencana = [
        # (organizer, region, title, start, stages, attend share, absent, public)
        (
            "KPU Kabupaten Madiun",
            "35.19",
            "Sosialisasi Regulasi Kampanye Pemilu 2024",
            _lokal(2023, 11, 20, 9),
            ("T09",),
            1.0,
            (),
            False,
        ),
        (
            "KPU Kabupaten Ngawi",
            "35.21",
            "Rapat Koordinasi Persiapan Masa Kampanye",
            _lokal(2023, 11, 22, 9),
            ("T09",),
            1.0,
            ("Polres Ngawi",),
            False,
        ),
        (
            "KPU Kota Surabaya",
            "35.78",
            "Sosialisasi Pemutakhiran Data Pemilih",
            _lokal(2023, 2, 14, 9),
            ("T02",),
            0.8,
            (),
            True,
        ),
        (
            "KPU Kabupaten Sidoarjo",
            "35.15",
            "Bimbingan Teknis Pencalonan Anggota DPRD",
            _lokal(2023, 5, 3, 9),
            ("T07",),
            0.7,
            (),
            False,
        ),
        (
            "KPU Kabupaten Malang",
            "35.07",
            "Sosialisasi Tahapan Pemungutan dan Penghitungan Suara",
            _lokal(2024, 1, 25, 9),
            ("T11",),
            0.9,
            (),
            True,
        ),
    ]
    rng = random.Random(2023)  # noqa: S311 - fixed demo data, not security
    n = 0
    for nama, wilayah, judul, mulai, tahap, peluang, absen, publik in rencana:
        # invented events held by real offices: the title says so wherever it is shown
        judul = f"{PENANDA_DEMO} {judul}"
        org = lembaga_by_nama.get(nama)
        if org is None or Kegiatan.objects.filter(judul=judul, penyelenggara=org).exists():
            continue
        k = _buat(
            jenis="rakor"
            if "Rapat" in judul
            else "bimtek"
            if "Bimbingan" in judul
            else "sosialisasi",
            judul=judul,
            penyelenggara=org,
            wilayah_id=wilayah,
            tempat=f"Aula {org.nama}",
            mulai=mulai,
            selesai=mulai + dt.timedelta(hours=6),
            sasaran="publik" if publik else "pemangku",
            kerahasiaan="PUBLIC" if publik else "RESTRICTED",
            status=StatusKegiatan.TERLAKSANA,
            tahapan=_tahapan(pemilu, *tahap),
        )
        lokal = Lembaga.objects.filter(wilayah_id=wilayah, is_active=True).exclude(pk=org.pk)
        Undangan.objects.bulk_create(
            [_undang(k, lem, kontak=_kontak(lem, "Intelkam", "Hukum")) for lem in lokal]
        )
        _hadir(k, list(k.undangan.select_related("lembaga")), rng, peluang, set(absen))
        n += 1
    # One upcoming public event for the public schedule.
    org = lembaga_by_nama.get("KPU Provinsi Jawa Timur")
    judul = f"{PENANDA_DEMO} Sosialisasi Pemilu untuk Pemilih Pemula"
    if org and not Kegiatan.objects.filter(judul=judul, penyelenggara=org).exists():
        hari = waktu.hari_ini() + dt.timedelta(days=21)
        _buat(
            jenis="sosialisasi",
            judul=judul,
            penyelenggara=org,
            wilayah_id="35",
            tempat="Gedung KPU Provinsi Jawa Timur",
            alamat="Jl. Tenggilis Raya No. 1-3, Surabaya",
            mulai=_lokal(hari.year, hari.month, hari.day, 9),
            selesai=_lokal(hari.year, hari.month, hari.day, 12),
            sasaran="publik",
            kerahasiaan="PUBLIC",
            tahapan=[],
        )
        n += 1
    stdout.write(f"kegiatan demo: {n} regency and public events created")


def demo_load(*, stdout) -> None:
    """Load the seed scene and the regency events (idempotent)."""
    from sinergi.pemangku.models import Lembaga
    from sinergi.tahapan.models import Pemilu

    lembaga_by_nama = {
        lem.nama: lem
        for lem in Lembaga.objects.filter(is_active=True).filter(
            wilayah__isnull=False, wilayah__kode__startswith="35"
        )
    }
    if "KPU Provinsi Jawa Timur" not in lembaga_by_nama:
        stdout.write("kegiatan demo: the East Java organizations are not loaded; nothing to do.")
        return
    pemilu = Pemilu.objects.filter(slug="pemilu-2024").first()
    with transaction.atomic():
        k = _seed(lembaga_by_nama, pemilu, stdout)
        _kabupaten(lembaga_by_nama, pemilu, stdout)
    seed = k or Kegiatan.objects.filter(judul=JUDUL_SEED).first()
    if seed is not None:
        with transaction.atomic():
            _keputusan(seed, lembaga_by_nama, stdout)
