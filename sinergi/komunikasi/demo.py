"""East Java demo: KPU Provinsi Jawa Timur announces PKPU 15/2023 (campaign) to every KPU and
Bawaslu kabupaten/kota in Jawa Timur; most have read it, many acknowledged; and a thread on
the campaign stage. Idempotent: a second run finds the announcement and stops."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

JUDUL = "Berlakunya PKPU 15/2023 tentang Kampanye Pemilihan Umum"
ISI = (
    "Yth. Ketua dan Anggota KPU serta Bawaslu Kabupaten/Kota se-Jawa Timur,\n\n"
    "Bersama ini kami sampaikan bahwa PKPU Nomor 15 Tahun 2023 tentang Kampanye Pemilihan "
    "Umum telah berlaku dan menjadi pedoman pelaksanaan tahapan kampanye yang dimulai "
    "28 November 2023. Mohon dipelajari, disosialisasikan kepada peserta pemilu dan "
    "pemangku kepentingan di wilayah masing-masing, dan berikan tanda terima.\n\n"
    "Pertanyaan dapat disampaikan di ruang diskusi tahapan kampanye."
)
JUDUL_UTAS = "Tanya jawab PKPU 15/2023: alat peraga kampanye"


def load(*, stdout) -> None:
    from sinergi.akses.models import User
    from sinergi.komunikasi.models import Pengumuman
    from sinergi.pemangku.demo import DOMAIN

    penulis = User.objects.filter(email=f"koordinator.kpu.jatim@{DOMAIN}").first()
    if penulis is None:
        stdout.write("komunikasi demo: the pemangku demo users are missing; skipped")
        return
    if Pengumuman.objects.filter(judul=JUDUL).exists():
        stdout.write("komunikasi demo: announcement already loaded")
    else:
        _muat(penulis, DOMAIN, stdout)
    _muat_materi(penulis, DOMAIN, stdout)


@transaction.atomic
def _muat(penulis, domain: str, stdout) -> None:
    from sinergi.akses.models import User
    from sinergi.core import audit
    from sinergi.komunikasi import services, tasks
    from sinergi.komunikasi.models import Penerimaan
    from sinergi.pemangku.models import Lembaga
    from sinergi.regulasi.models import Regulasi
    from sinergi.tahapan.models import Tahapan

    # One operator for every regency KPU and Bawaslu that has no user yet, so that the
    # receipts have someone to count (they cannot log in: no password).
    lembaga = Lembaga.objects.filter(
        jenis_id__in=["kpu", "bawaslu"],
        tingkat="kabupaten_kota",
        wilayah__kode__startswith="35.",
        is_active=True,
    ).select_related("wilayah")
    punya = set(User.objects.filter(is_active=True).values_list("lembaga_id", flat=True))
    baru = []
    for lem in lembaga:
        if lem.pk in punya:
            continue
        u = User(
            email=f"operator.{lem.jenis_id}.{lem.wilayah_id.replace('.', '')}@{domain}",
            nama=f"Operator {lem.nama}",
            lembaga=lem,
            peran="operator",
        )
        u.set_unusable_password()
        baru.append(u)
    User.objects.bulk_create(baru)
    if baru:
        audit.record(
            actor=None,
            action="create",
            object_type="akses.user",
            note=f"komunikasi demo: {len(baru)} regency operators",
        )
    regulasi = Regulasi.objects.filter(jenis="pkpu", nomor="15", tahun=2023).first()
    tahapan = Tahapan.objects.filter(pemilu__slug="pemilu-2024", kode="T09").first()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        p = services.pengumuman_create(
            pelaku=penulis,
            judul=JUDUL,
            isi=ISI,
            audiens_jenis=["kpu", "bawaslu"],
            audiens_tingkat=["kabupaten_kota"],
            audiens_wilayah=["35"],
            audiens_peran=["admin_lembaga", "koordinator", "operator"],
            prioritas="penting",
            perlu_tanda_terima=True,
            regulasi_id=regulasi.pk if regulasi else None,
            tahapan_id=tahapan.pk if tahapan else None,
        )
        tasks.kirim_pengumuman.call(p.pk)  # now, so that the demo shows receipts at once
    # Most regencies have read it, many acknowledged: 31 of the KPU, 30 of the Bawaslu.
    sekarang = timezone.now()
    for jenis, baca, akui in (("kpu", 31, 26), ("bawaslu", 30, 24)):
        ids = list(
            Lembaga.objects.filter(pk__in=lembaga.values("pk"), jenis_id=jenis)
            .order_by("wilayah_id")
            .values_list("pk", flat=True)
        )
        for i, lem_id in enumerate(ids[:baca]):
            t = sekarang - dt.timedelta(hours=30 - i % 24, minutes=7 * i % 60)
            Penerimaan.objects.filter(pengumuman=p, lembaga_id=lem_id).update(
                dibaca_at=t, diakui_at=t + dt.timedelta(minutes=5) if i < akui else None
            )
    # A thread on the campaign stage for the whole province.
    madiun = User.objects.filter(email=f"operator.kpu.madiun@{domain}").first()
    utas = services.utas_create(
        pelaku=penulis,
        judul=JUDUL_UTAS,
        isi="Silakan ajukan pertanyaan tentang pelaksanaan PKPU 15/2023 di utas ini.",
        wilayah_id="35",
        tahapan_id=tahapan.pk if tahapan else None,
        topik="kampanye",
        # Public: a regency user's scope does not reach a provincial RESTRICTED thread, and
        # the regulation under discussion is public anyway.
        kerahasiaan="PUBLIC",
    )
    if madiun:
        services.pos_create(
            pelaku=madiun,
            utas=utas,
            isi="Apakah APK boleh dipasang di jalan protokol dan fasilitas umum? "
            "Mohon arahan untuk koordinasi dengan Pemda.",
        )
        services.pos_create(
            pelaku=penulis,
            utas=utas,
            isi="Tidak boleh. Lokasi pemasangan APK ditetapkan KPU Kabupaten/Kota setelah "
            "berkoordinasi dengan Pemda; tempat ibadah, rumah sakit, gedung pemerintah dan "
            "lembaga pendidikan dilarang.",
            sebut=[madiun.email],
        )
    stdout.write(
        f"komunikasi demo: announcement to {Penerimaan.objects.filter(pengumuman=p).count()} "
        f"recipients ({len(baru)} regency operators added), thread “{utas.judul}”"
    )


# --- Public socialization materials for the Pemilu 2024 stages --------------------------------
MATERI = [
    {
        "judul": "Kampanye Pemilu 2024: yang boleh dan yang dilarang",
        "jenis": "leaflet",
        "tahapan": ["T09"],
        "regulasi": ("pkpu", "15", 2023),
        "penjelasan": (
            "Masa kampanye berlangsung 28 November 2023 sampai 10 Februari 2024. Peserta "
            "pemilu boleh menggelar pertemuan terbatas, tatap muka, menyebarkan bahan "
            "kampanye dan memasang alat peraga kampanye (APK) di lokasi yang ditetapkan KPU "
            "kabupaten/kota. Dilarang: kampanye di tempat ibadah, tempat pendidikan dan "
            "fasilitas pemerintah, politik uang, serta menghina atau menghasut."
        ),
        "baris": [
            "Masa kampanye: 28 November 2023 - 10 Februari 2024.",
            "Boleh: pertemuan terbatas, tatap muka, bahan kampanye, APK di lokasi resmi.",
            "Dilarang: tempat ibadah, sekolah, gedung pemerintah, politik uang.",
            "Laporkan pelanggaran ke Bawaslu kabupaten/kota setempat.",
        ],
    },
    {
        "judul": "Sosialisasi tahapan Pemilu 2024 untuk pemilih pemula",
        "jenis": "salindia",
        "tahapan": ["T09", "T10", "T11"],
        "regulasi": None,
        "penjelasan": (
            "Salindia singkat untuk sekolah dan kampus: apa itu kampanye, masa tenang dan hari "
            "pemungutan suara 14 Februari 2024, serta cara memastikan nama Anda ada di daftar "
            "pemilih tetap (DPT)."
        ),
        "baris": [
            "Kampanye: 28 November 2023 - 10 Februari 2024",
            "Masa tenang: 11 - 13 Februari 2024",
            "Pemungutan suara: Rabu, 14 Februari 2024",
            "Cek DPT: bawa KTP-el dan undangan (formulir C Pemberitahuan)",
        ],
    },
    {
        "judul": "Cara mencoblos di TPS pada 14 Februari 2024",
        "jenis": "infografis",
        "tahapan": ["T11"],
        "regulasi": None,
        "penjelasan": (
            "Datang ke TPS membawa undangan dan KTP-el, isi daftar hadir, terima lima surat "
            "suara, coblos di bilik suara, masukkan ke kotak sesuai warnanya, lalu celupkan "
            "jari ke tinta."
        ),
        "baris": [
            "1. Bawa undangan dan KTP-el",
            "2. Isi daftar hadir",
            "3. Terima 5 surat suara",
            "4. Coblos di bilik suara",
            "5. Masukkan ke kotak sesuai warna",
            "6. Celupkan jari ke tinta",
        ],
    },
    {
        "judul": "Masa tenang 11-13 Februari 2024",
        "jenis": "penjelasan",
        "tahapan": ["T10"],
        "regulasi": None,
        "penjelasan": (
            "Selama masa tenang tidak boleh ada kegiatan kampanye dalam bentuk apa pun. Alat "
            "peraga kampanye dibersihkan oleh peserta pemilu bersama pemerintah daerah. "
            "Pemberian uang atau barang kepada pemilih adalah tindak pidana pemilu."
        ),
        "baris": [],
    },
]


def _pdf(judul: str, baris: list[str], *, salindia: bool = False) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    ukuran = landscape(A4) if salindia else A4
    c = canvas.Canvas(out, pagesize=ukuran)
    c.setTitle(judul)
    _lebar, tinggi = ukuran
    halaman = [[b] for b in baris] if salindia else [baris]
    for isi in halaman:
        c.setFont("Helvetica-Bold", 20)
        c.drawString(40, tinggi - 60, judul[:70])
        c.setFont("Helvetica", 16 if salindia else 12)
        y = tinggi - 110
        for b in isi:
            c.drawString(50, y, b)
            y -= 26
        c.setFont("Helvetica", 9)
        c.drawString(40, 30, "KPU Provinsi Jawa Timur - materi sosialisasi (demo Sinergi)")
        c.showPage()
    c.save()
    return out.getvalue()


def _png(judul: str, baris: list[str]) -> bytes:
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 120 + 60 * len(baris)), (250, 246, 238))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 800, 80), fill=(156, 28, 36))
    d.text((24, 28), judul, fill=(255, 255, 255))
    for i, b in enumerate(baris):
        d.text((40, 110 + 60 * i), b, fill=(30, 30, 30))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


@transaction.atomic
def _muat_materi(penulis, domain: str, stdout) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sinergi.akses.models import User
    from sinergi.komunikasi import services
    from sinergi.komunikasi.models import MateriSosialisasi
    from sinergi.regulasi.models import Regulasi
    from sinergi.tahapan.models import Tahapan

    if MateriSosialisasi.objects.filter(judul=MATERI[0]["judul"]).exists():
        stdout.write("komunikasi demo: materials already loaded")
        return
    madiun = User.objects.filter(email=f"koordinator.kpu.madiun@{domain}").first()
    tahapan = dict(Tahapan.objects.filter(pemilu__slug="pemilu-2024").values_list("kode", "pk"))
    dibuat = []
    for i, d in enumerate(MATERI):
        if not all(k in tahapan for k in d["tahapan"]):
            continue
        berkas = None
        if d["jenis"] in ("leaflet", "salindia"):
            berkas = SimpleUploadedFile(
                f"materi-{i + 1}.pdf",
                _pdf(d["judul"], d["baris"], salindia=d["jenis"] == "salindia"),
            )
        elif d["jenis"] == "infografis":
            berkas = SimpleUploadedFile(f"materi-{i + 1}.png", _png(d["judul"], d["baris"]))
        regulasi = []
        if d["regulasi"]:
            jenis, nomor, tahun = d["regulasi"]
            regulasi = list(
                Regulasi.objects.filter(jenis=jenis, nomor=nomor, tahun=tahun).values_list(
                    "pk", flat=True
                )
            )
        pelaku = madiun if d["jenis"] == "infografis" and madiun else penulis
        dibuat.append(
            services.materi_create(
                pelaku=pelaku,
                judul=d["judul"],
                penjelasan=d["penjelasan"],
                jenis=d["jenis"],
                tahapan_ids=[tahapan[k] for k in d["tahapan"]],
                regulasi_ids=regulasi,
                berkas=berkas,
                terbit=True,
            )
        )
    # Some downloads from East Java regencies, so that the statistics page shows something.
    from sinergi.wilayah.models import Wilayah

    ada = set(
        Wilayah.objects.filter(pk__in=["35.19", "35.77", "35.78"]).values_list("pk", flat=True)
    )
    for j, m in enumerate(dibuat):
        for kode, n in (("35.19", 7 - j), ("35.77", 3 + j), ("35.78", 5), (None, 2)):
            if kode is not None and kode not in ada:
                continue
            for _k in range(max(n, 0)):
                services.materi_unduhan_catat(materi=m, wilayah_id=kode)
    stdout.write(f"komunikasi demo: {len(dibuat)} socialization materials")
