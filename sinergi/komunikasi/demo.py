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

    if Pengumuman.objects.filter(judul=JUDUL).exists():
        stdout.write("komunikasi demo: already loaded")
        return
    from sinergi.pemangku.demo import DOMAIN

    penulis = User.objects.filter(email=f"koordinator.kpu.jatim@{DOMAIN}").first()
    if penulis is None:
        stdout.write("komunikasi demo: the pemangku demo users are missing; skipped")
        return
    _muat(penulis, DOMAIN, stdout)


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
