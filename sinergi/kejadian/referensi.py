"""Reference data of incidents: the category taxonomy, the incident duty matrix and the default
early-warning rules, loaded idempotently by `sinergi up` (files in `data/`)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

DATA = Path(__file__).resolve().parent / "data"


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
    return n


def load(*, stdout) -> None:
    n = load_kategori()
    stdout.write(f"kejadian: {n} kategori\n")
