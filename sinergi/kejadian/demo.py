"""The East Java demo for incidents: about thirty reports over the Pemilu 2024 campaign and
voting day in several regencies, in every status, the verified ones routed by the duty matrix
(follow-ups for Bawaslu, the Polres, KPU, ...). Written through the services with the demo users
of `sinergi.pemangku.demo` (a field officer of Bawaslu Jawa Timur reports, its coordinator
verifies, the Polres Madiun operator handles).

Idempotent: each demo report carries an idempotency key `demo-<n>`; a second run writes nothing.
Regions or users that are missing are skipped quietly.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sinergi.core.models import Kerahasiaan

DOMAIN = "demo.sinergi.local"
PENGAJU = "demo"
WIB = dt.timezone(dt.timedelta(hours=7))

R = Kerahasiaan.RESTRICTED
P = Kerahasiaan.PUBLIC
C = Kerahasiaan.CONFIDENTIAL

# (category, region, local time (WIB), title, description, severity, confidentiality, source,
#  final status: dilaporkan | terverifikasi | ditangani | selesai | ditolak | digabung:<n>)
RENCANA = [
    (
        "politik_uang",
        "35.19",
        "2024-02-13 21:40",
        "Amplop menjelang pencoblosan",
        "Warga melaporkan pembagian amplop berisi uang Rp50.000 disertai stiker calon di Desa "
        "Balerejo, Kecamatan Kebonsari.",
        "tinggi",
        R,
        "petugas",
        "ditangani",
    ),
    (
        "politik_uang",
        "35.19",
        "2024-02-13 22:15",
        "Serangan fajar di Kebonsari",
        "Laporan kedua tentang pembagian uang di Kebonsari pada malam yang sama.",
        "tinggi",
        R,
        "pemangku",
        "digabung:1",
    ),
    (
        "politik_uang",
        "35.07",
        "2024-02-12 19:00",
        "Pembagian sembako bergambar calon",
        "Paket sembako bergambar calon anggota DPRD dibagikan di balai dusun.",
        "sedang",
        P,
        "publik",
        "terverifikasi",
    ),
    (
        "politik_uang",
        "35.78",
        "2024-02-10 16:30",
        "Janji uang transport",
        "Peserta kampanye dijanjikan uang transport Rp100.000 di luar ketentuan.",
        "sedang",
        R,
        "media",
        "dilaporkan",
    ),
    (
        "hoaks_disinformasi",
        "35.78",
        "2024-02-11 08:00",
        "Hoaks jadwal pemungutan suara",
        "Pesan berantai menyebut pemungutan suara di Surabaya diundur ke 15 Februari.",
        "tinggi",
        P,
        "media",
        "selesai",
    ),
    (
        "hoaks_disinformasi",
        "35.73",
        "2024-01-20 10:00",
        "Hoaks surat suara tercoblos",
        "Video lama dari pemilu sebelumnya disebar sebagai surat suara tercoblos di gudang KPU.",
        "sedang",
        P,
        "publik",
        "ditangani",
    ),
    (
        "hoaks_disinformasi",
        "35.10",
        "2024-02-05 14:00",
        "Kabar bohong DPT",
        "Unggahan media sosial menyebut ribuan pemilih fiktif tanpa bukti.",
        "rendah",
        P,
        "publik",
        "ditolak",
    ),
    (
        "kekerasan_intimidasi",
        "35.19",
        "2024-02-14 11:20",
        "Intimidasi KPPS",
        "Sekelompok orang membentak anggota KPPS TPS 005 dan menuntut penghitungan dihentikan.",
        "kritis",
        C,
        "petugas",
        "ditangani",
    ),
    (
        "kekerasan_intimidasi",
        "35.21",
        "2024-01-15 21:00",
        "Perusakan posko relawan",
        "Posko relawan dirusak orang tak dikenal pada malam hari.",
        "tinggi",
        R,
        "pemangku",
        "terverifikasi",
    ),
    (
        "netralitas",
        "35.19",
        "2024-01-08 09:00",
        "Kepala desa ikut kampanye",
        "Kepala desa hadir dan berpidato dalam kampanye tatap muka salah satu calon.",
        "sedang",
        R,
        "petugas",
        "ditangani",
    ),
    (
        "netralitas",
        "35.77",
        "2023-12-18 13:00",
        "ASN unggah dukungan",
        "Seorang ASN di lingkungan Pemerintah Kota Madiun mengunggah dukungan kepada calon.",
        "rendah",
        R,
        "petugas",
        "selesai",
    ),
    (
        "netralitas",
        "35.07",
        "2024-01-25 10:30",
        "Fasilitas desa untuk kampanye",
        "Balai desa dipakai untuk pertemuan kampanye tanpa izin.",
        "sedang",
        R,
        "pemangku",
        "dilaporkan",
    ),
    (
        "pelanggaran_kampanye",
        "35.78",
        "2023-12-02 07:00",
        "APK di jalan protokol",
        "Alat peraga kampanye dipasang di median jalan protokol yang dilarang.",
        "rendah",
        P,
        "petugas",
        "selesai",
    ),
    (
        "pelanggaran_kampanye",
        "35.73",
        "2024-02-11 09:00",
        "Kampanye di masa tenang",
        "Pembagian selebaran kampanye di pasar pada hari pertama masa tenang.",
        "sedang",
        P,
        "publik",
        "terverifikasi",
    ),
    (
        "pelanggaran_kampanye",
        "35.19",
        "2023-12-10 15:00",
        "Kampanye di tempat ibadah",
        "Ceramah bermuatan ajakan memilih calon tertentu di tempat ibadah.",
        "sedang",
        R,
        "pemangku",
        "dilaporkan",
    ),
    (
        "pelanggaran_kampanye",
        "35.10",
        "2024-01-30 19:30",
        "Konvoi tanpa pemberitahuan",
        "Konvoi kendaraan peserta kampanye tanpa surat pemberitahuan ke kepolisian.",
        "rendah",
        R,
        "petugas",
        "ditolak",
    ),
    (
        "sara_ujaran_kebencian",
        "35.78",
        "2024-01-12 20:00",
        "Ujaran kebencian di grup warga",
        "Pesan bernada SARA terhadap salah satu calon beredar di grup percakapan warga.",
        "tinggi",
        R,
        "media",
        "ditangani",
    ),
    (
        "sara_ujaran_kebencian",
        "35.21",
        "2024-02-02 10:00",
        "Spanduk provokatif",
        "Spanduk bernada provokatif terhadap kelompok agama terpasang di perempatan.",
        "tinggi",
        C,
        "petugas",
        "terverifikasi",
    ),
    (
        "hak_pilih",
        "35.19",
        "2024-02-14 09:10",
        "Pemilih tidak terdaftar",
        "Tiga warga yang memiliki KTP setempat tidak tercantum di DPT TPS 003.",
        "sedang",
        P,
        "petugas",
        "selesai",
    ),
    (
        "hak_pilih",
        "35.77",
        "2024-02-14 12:45",
        "Surat suara DPK habis",
        "Pemilih DPK ditolak karena surat suara cadangan di TPS habis.",
        "tinggi",
        P,
        "hotline",
        "ditangani",
    ),
    (
        "hak_pilih",
        "35.07",
        "2024-02-14 10:00",
        "Pemilih disabilitas tanpa pendamping",
        "Pemilih tunanetra tidak mendapat alat bantu coblos.",
        "sedang",
        P,
        "publik",
        "dilaporkan",
    ),
    (
        "logistik",
        "35.19",
        "2024-02-13 16:00",
        "Kotak suara rusak",
        "Dua kotak suara karton di gudang PPK rusak terkena air hujan.",
        "sedang",
        R,
        "petugas",
        "selesai",
    ),
    (
        "logistik",
        "35.10",
        "2024-02-14 06:30",
        "Surat suara tertukar dapil",
        "Surat suara DPRD kabupaten untuk dapil lain diterima di TPS.",
        "tinggi",
        R,
        "petugas",
        "ditangani",
    ),
    (
        "logistik",
        "35.78",
        "2024-02-14 07:15",
        "Logistik TPS terlambat",
        "Logistik belum tiba di TPS pukul 07.15 sehingga pembukaan tertunda.",
        "tinggi",
        P,
        "hotline",
        "terverifikasi",
    ),
    (
        "logistik",
        "35.21",
        "2024-02-12 13:00",
        "Formulir C hasil kurang",
        "Formulir C hasil kurang untuk beberapa TPS di satu kecamatan.",
        "sedang",
        R,
        "petugas",
        "dilaporkan",
    ),
    (
        "gangguan_keamanan_bencana",
        "35.10",
        "2024-02-14 05:00",
        "Banjir di lokasi TPS",
        "Banjir setinggi 50 cm menggenangi dua TPS; lokasi dipindahkan.",
        "kritis",
        P,
        "petugas",
        "ditangani",
    ),
    (
        "gangguan_keamanan_bencana",
        "35.07",
        "2024-02-13 15:00",
        "Longsor akses TPS",
        "Tanah longsor menutup akses ke dusun; distribusi logistik memutar.",
        "tinggi",
        R,
        "pemangku",
        "terverifikasi",
    ),
    (
        "gangguan_keamanan_bencana",
        "35.19",
        "2024-02-14 16:00",
        "Pemadaman listrik",
        "Listrik padam saat penghitungan suara di beberapa TPS.",
        "sedang",
        R,
        "petugas",
        "dilaporkan",
    ),
    (
        "lainnya",
        "35.77",
        "2024-01-05 11:00",
        "Pertanyaan warga soal pindah memilih",
        "Banyak warga bertanya prosedur pindah memilih; perlu sosialisasi tambahan.",
        "rendah",
        P,
        "hotline",
        "selesai",
    ),
    (
        "kekerasan_intimidasi",
        "35.73",
        "2024-02-14 14:00",
        "Keributan saat penghitungan",
        "Adu mulut antarsaksi saat penghitungan suara; diamankan aparat.",
        "tinggi",
        R,
        "media",
        "dilaporkan",
    ),
]

ALUR = {
    "dilaporkan": [],
    "terverifikasi": ["terverifikasi"],
    "ditangani": ["terverifikasi", "ditangani"],
    "selesai": ["terverifikasi", "ditangani", "selesai"],
    "ditolak": ["ditolak"],
}
ALASAN = {
    "terverifikasi": "Diverifikasi dengan konfirmasi Panwaslu Kecamatan (demo).",
    "ditangani": "Tim sudah turun ke lokasi (demo).",
    "selesai": "Penanganan selesai dan dilaporkan (demo).",
    "ditolak": "Tidak ditemukan bukti setelah klarifikasi (demo).",
}


def _user(nama: str):
    from sinergi.akses.models import User

    return (
        User.objects.select_related("lembaga", "lembaga__jenis")
        .filter(email=f"{nama}@{DOMAIN}", is_active=True)
        .first()
    )


def load(*, stdout) -> None:
    from sinergi.kejadian import services
    from sinergi.kejadian.models import Kejadian
    from sinergi.wilayah.models import Wilayah

    pelapor = _user("operator.bawaslu.jatim")
    verifikator = _user("koordinator.bawaslu.jatim")
    if pelapor is None or verifikator is None:
        return
    ada = set(Kejadian.objects.filter(pengaju=PENGAJU).values_list("kunci_idempotensi", flat=True))
    wilayah = set(Wilayah.objects.filter(kode__startswith="35.").values_list("kode", flat=True))
    dibuat: dict[int, Kejadian] = {}
    with transaction.atomic():
        for n, (kat, kode, jam, judul, uraian, keparahan, rahasia, sumber, akhir) in enumerate(
            RENCANA, start=1
        ):
            kunci = f"demo-{n}"
            if kunci in ada or kode not in wilayah:
                continue
            waktu = dt.datetime.strptime(jam, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)
            publik = sumber == "publik"
            k = services.siapkan_kejadian(
                pelaku=None if publik else pelapor,
                publik=publik,
                kategori=kat,
                kode_wilayah=kode,
                waktu_kejadian=waktu,
                uraian=uraian,
                judul=judul,
                keparahan=keparahan,
                kerahasiaan=P if publik else rahasia,
                sumber=sumber,
                nama_pelapor="Contoh Warga" if publik else "",
                kontak_pelapor="0800-0000-0000" if publik else "",
            )
            k.kunci_idempotensi, k.pengaju = kunci, PENGAJU
            k = services.simpan_kejadian(
                k, pelaku=None if publik else pelapor, note="demo"
            ).kejadian
            dibuat[n] = k
            if akhir.startswith("digabung:"):
                induk = dibuat.get(int(akhir.split(":")[1]))
                if induk is not None:
                    services.kejadian_gabung(
                        pelaku=verifikator, induk=induk, duplikat=[k], alasan="Laporan sama (demo)."
                    )
                continue
            for status in ALUR[akhir]:
                services.kejadian_transisi(
                    pelaku=verifikator, kejadian=k, status=status, alasan=ALASAN[status]
                )
    if dibuat:
        stdout.write(f"kejadian: {len(dibuat)} demo incidents created\n")
