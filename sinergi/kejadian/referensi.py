"""Reference data of incidents: the category taxonomy and the incident duty matrix (which
organization type handles which category), loaded idempotently by `sinergi up` (files in
`data/`). The duty matrix is validated in full before anything is written; errors name the
row and column."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.core.impor import BarisError, ImportGagal, baca_csv

DATA = Path(__file__).resolve().parent / "data"
KOLOM_RUTE = ["kategori", "jenis_lembaga", "tahapan", "peran", "tenggat_jam"]


@transaction.atomic
def load_kategori() -> int:
    from sinergi.kejadian.models import KategoriKejadian

    n = 0
    with open(DATA / "kategori.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            KategoriKejadian.objects.update_or_create(
                kode=row["kode"],
                defaults={
                    "nama": row["nama"],
                    "nama_en": row["nama_en"],
                    "urutan": int(row["urutan"]),
                    "uraian": row["uraian"],
                },
            )
            n += 1
    from sinergi.kejadian.services import lupakan_kategori

    lupakan_kategori()
    transaction.on_commit(lupakan_kategori)
    return n


def _tahapan(teks: str):
    """`pemilu-2024:kode` → the stage, or None when the reference is unknown."""
    from sinergi.tahapan.models import Tahapan

    slug, _sep, kode = teks.partition(":")
    return Tahapan.objects.filter(pemilu__slug=slug, kode=kode).first()


def baca_rute(path: Path | str) -> list[dict]:
    """Every row of a duty-matrix CSV, validated; raises ImportGagal with all errors."""
    from sinergi.kejadian.models import KategoriKejadian, PeranRute
    from sinergi.pemangku.models import JenisLembaga

    nama = Path(path).name
    kategori = set(KategoriKejadian.objects.values_list("kode", flat=True))
    jenis = set(JenisLembaga.objects.values_list("kode", flat=True))
    errors: list[BarisError] = []
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    for line, row in baca_csv(path, kolom_wajib=KOLOM_RUTE):
        bad = len(errors)
        kode = row["kategori"].strip()
        if kode not in kategori:
            errors.append(BarisError(nama, line, "kategori", _("Unknown incident category.")))
        jl = row["jenis_lembaga"].strip()
        if jl not in jenis:
            errors.append(BarisError(nama, line, "jenis_lembaga", _("Unknown organization type.")))
        tahapan = None
        if row["tahapan"].strip():
            tahapan = _tahapan(row["tahapan"].strip())
            if tahapan is None:
                errors.append(
                    BarisError(
                        nama, line, "tahapan", _("Unknown stage; write it as pemilu-slug:code.")
                    )
                )
        peran = row["peran"].strip()
        if peran not in PeranRute.values:
            errors.append(
                BarisError(
                    nama,
                    line,
                    "peran",
                    _("Must be one of: %(choices)s.") % {"choices": ", ".join(PeranRute.values)},
                )
            )
        try:
            jam = int(row["tenggat_jam"])
            if jam <= 0:
                raise ValueError
        except ValueError:
            errors.append(
                BarisError(nama, line, "tenggat_jam", _("Must be a whole number of hours above 0."))
            )
            jam = 0
        key = (kode, jl, tahapan.pk if tahapan else None)
        if len(errors) == bad and key in seen:
            errors.append(
                BarisError(
                    nama,
                    line,
                    "jenis_lembaga",
                    _("Duplicate of row %(row)s.") % {"row": seen[key]},
                )
            )
        seen.setdefault(key, line)
        if len(errors) == bad:
            rows.append(
                {
                    "kategori_id": kode,
                    "jenis_lembaga_id": jl,
                    "tahapan": tahapan,
                    "peran": peran,
                    "tenggat_jam": jam,
                    "uraian_tugas": row.get("uraian_tugas", "").strip()[:300],
                    "dasar_hukum": row.get("dasar_hukum", "").strip()[:200],
                }
            )
    if errors:
        raise ImportGagal(errors)
    return rows


@transaction.atomic
def load_rute(path: Path | str | None = None) -> int:
    """Load the duty matrix (default `data/rute_kategori.csv`); idempotent."""
    from sinergi.kejadian.models import RuteKategori

    rows = baca_rute(path or DATA / "rute_kategori.csv")
    for row in rows:
        RuteKategori.objects.update_or_create(
            kategori_id=row["kategori_id"],
            jenis_lembaga_id=row["jenis_lembaga_id"],
            tahapan=row["tahapan"],
            defaults={
                "peran": row["peran"],
                "tenggat_jam": row["tenggat_jam"],
                "uraian_tugas": row["uraian_tugas"],
                "dasar_hukum": row["dasar_hukum"],
            },
        )
    return len(rows)


def load(*, stdout) -> None:
    n = load_kategori()
    stdout.write(f"kejadian: {n} kategori\n")
    m = load_rute()
    stdout.write(f"kejadian: {m} rute kategori\n")
    from sinergi.kejadian.peringatan import load_referensi  # early warning (default rules)

    load_referensi(stdout=stdout)
