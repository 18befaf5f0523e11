"""Demo follow-ups for East Java: decisions of the December 2022 socialization, one overdue.

Organizations come from the pemangku demo (looked up by name); any that are missing are
skipped quietly. Idempotent: a follow-up is found again by its title and owner.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sinergi.core import audit
from sinergi.core.models import Kerahasiaan
from sinergi.core.waktu import dari_lokal
from sinergi.tindak_lanjut.choices import Prioritas, StatusTindakLanjut
from sinergi.tindak_lanjut.models import PembaruanTindakLanjut, TindakLanjut

PEMBUAT = "KPU Provinsi Jawa Timur"
# (title, owner, days from today (negative: overdue), priority, confidentiality, status, progress)
RENCANA = [
    (
        "Sosialisasi PKPU kampanye kepada partai politik tingkat kabupaten",
        "KPU Kabupaten Madiun",
        14,
        Prioritas.TINGGI,
        Kerahasiaan.PUBLIC,
        StatusTindakLanjut.DIKERJAKAN,
        40,
    ),
    (
        "Pemetaan TPS rawan gangguan keamanan menjelang masa kampanye",
        "Polres Madiun",
        -3,
        Prioritas.MENDESAK,
        Kerahasiaan.CONFIDENTIAL,
        StatusTindakLanjut.TERBUKA,
        0,
    ),
    (
        "Pengawasan alat peraga kampanye di jalan protokol",
        "Bawaslu Kabupaten Madiun",
        21,
        Prioritas.SEDANG,
        Kerahasiaan.RESTRICTED,
        StatusTindakLanjut.TERBUKA,
        0,
    ),
    (
        "Rapat koordinasi Forkopimda tentang netralitas ASN",
        "Bakesbangpol Kabupaten Madiun",
        7,
        Prioritas.SEDANG,
        Kerahasiaan.RESTRICTED,
        StatusTindakLanjut.SELESAI,
        100,
    ),
]


def load(*, stdout) -> None:
    from sinergi.pemangku.models import Lembaga

    pembuat = Lembaga.objects.filter(nama=PEMBUAT).first()
    if pembuat is None:
        return
    dibuat = 0
    with transaction.atomic():
        for judul, nama, hari, prioritas, kerahasiaan, status, persen in RENCANA:
            lembaga = Lembaga.objects.filter(nama=nama).select_related("wilayah").first()
            if (
                lembaga is None
                or TindakLanjut.objects.filter(judul=judul, lembaga=lembaga).exists()
            ):
                continue
            zona = lembaga.wilayah.zona_waktu if lembaga.wilayah_id else "WIB"
            tanggal = timezone.localdate() + datetime.timedelta(days=hari)
            tl = TindakLanjut.objects.create(
                judul=judul,
                uraian="Keputusan Sosialisasi Regulasi Tahapan Penyelenggaraan Pemilu Tahun 2024.",
                lembaga=lembaga,
                lembaga_pembuat=pembuat,
                wilayah=lembaga.wilayah,
                zona_waktu=zona,
                tenggat=dari_lokal(
                    datetime.datetime.combine(tanggal, datetime.time(23, 59, 59)), zona
                ),
                prioritas=prioritas,
                kerahasiaan=kerahasiaan,
                status=status,
                persentase=persen,
                diakui_pada=timezone.now() if status != StatusTindakLanjut.TERBUKA else None,
                selesai_pada=timezone.now() if status == StatusTindakLanjut.SELESAI else None,
                sumber_label="Sosialisasi Regulasi Tahapan Pemilu 2024, JW Marriott Surabaya",
            )
            if persen:
                PembaruanTindakLanjut.objects.create(
                    tindak_lanjut=tl,
                    teks="Laporan kemajuan (demo).",
                    persentase=persen,
                    lembaga=lembaga,
                )
            audit.record(actor=None, action="create", obj=tl, after=audit.snapshot(tl), note="demo")
            dibuat += 1
    if dibuat:
        stdout.write(f"tindak_lanjut: {dibuat} demo follow-ups created")
