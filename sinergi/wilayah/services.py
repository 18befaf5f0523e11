"""Writes to the region tables: the reference-data loader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.core import audit
from sinergi.core.impor import BATAS_REFERENSI, BarisError, ImportGagal, baca_csv
from sinergi.wilayah.choices import ZONA_PROVINSI, Jenis, Tingkat
from sinergi.wilayah.models import KodeLama, Wilayah

DATA_DIR = Path(__file__).resolve().parent / "data"

KODE_POLA = {
    Tingkat.PROVINSI: re.compile(r"^\d{2}$"),
    Tingkat.KABUPATEN_KOTA: re.compile(r"^\d{2}\.\d{2}$"),
    Tingkat.KECAMATAN: re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    Tingkat.DESA: re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}

# (file, level, parent column)
BERKAS = [
    ("provinsi.csv", Tingkat.PROVINSI, None),
    ("kabupaten_kota.csv", Tingkat.KABUPATEN_KOTA, "kode_provinsi"),
    ("kecamatan.csv", Tingkat.KECAMATAN, "kode_kabupaten_kota"),
    ("desa.csv", Tingkat.DESA, "kode_kecamatan"),
]
JENIS_DESA = {"1": Jenis.KELURAHAN, "2": Jenis.DESA, "3": Jenis.DESA_ADAT}
FIELDS = ["nama", "tingkat", "jenis", "induk_id", "zona_waktu", "lat", "lng"]


@dataclass
class HasilMuat:
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    usang: int = 0

    def __str__(self) -> str:
        return _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(obsolete)s in the database but not in the files"
        ) % {
            "created": self.dibuat,
            "updated": self.diubah,
            "unchanged": self.tetap,
            "obsolete": self.usang,
        }


def _jenis(tingkat: str, kode: str, row: dict[str, str]) -> str | None:
    if tingkat == Tingkat.PROVINSI:
        return Jenis.PROVINSI
    if tingkat == Tingkat.KECAMATAN:
        return Jenis.KECAMATAN
    if tingkat == Tingkat.KABUPATEN_KOTA:
        return {"KABUPATEN": Jenis.KABUPATEN, "KOTA": Jenis.KOTA}.get(row.get("jenis", ""))
    return JENIS_DESA.get(kode[-4])


def _baca(data_dir: Path) -> dict[str, tuple]:
    """Read and validate every file; return {kode: field tuple} or raise with every error."""
    errors: list[BarisError] = []
    rows: dict[str, tuple] = {}
    pusat: dict[str, tuple[float, float]] = {}
    pusat_path = data_dir / "titik_pusat.csv"
    if pusat_path.exists():
        for line, row in baca_csv(pusat_path, kolom_wajib=["kode", "lat", "lng"]):
            try:
                pusat[row["kode"]] = (float(row["lat"]), float(row["lng"]))
            except ValueError:
                errors.append(BarisError(pusat_path.name, line, "lat", _("Not a number.")))
    for nama_berkas, tingkat, kolom_induk in BERKAS:
        wajib = ["kode", "nama"] + ([kolom_induk] if kolom_induk else [])
        if tingkat == Tingkat.KABUPATEN_KOTA:
            wajib.append("jenis")
        for line, row in baca_csv(
            data_dir / nama_berkas, kolom_wajib=wajib, batas_=BATAS_REFERENSI
        ):
            kode = row["kode"].strip()
            nama = row["nama"].strip()

            def err(kolom: str, pesan: str, line: int = line, berkas: str = nama_berkas) -> None:
                errors.append(BarisError(berkas, line, kolom, pesan))

            if not KODE_POLA[tingkat].match(kode):
                err("kode", _("“%(code)s” is not a valid code for this level.") % {"code": kode})
                continue
            if kode in rows:
                err("kode", _("Code %(code)s appears more than once.") % {"code": kode})
                continue
            if not nama:
                err("nama", _("The name is empty."))
            induk = row[kolom_induk].strip() if kolom_induk else None
            if induk is not None and (induk not in rows or not kode.startswith(induk + ".")):
                err(kolom_induk, _("Parent code %(code)s is unknown.") % {"code": induk})
            jenis = _jenis(tingkat, kode, row)
            if jenis is None:
                err("jenis", _("Unknown region type."))
            zona = ZONA_PROVINSI.get(kode[:2])
            if zona is None:
                err("kode", _("Province %(code)s has no time zone.") % {"code": kode[:2]})
            lat, lng = pusat.get(kode, (None, None))
            rows[kode] = (nama, tingkat.value, jenis, induk, zona, lat, lng)
            if len(errors) >= 200:
                raise ImportGagal(errors)
    if errors:
        raise ImportGagal(errors)
    return rows


def _baca_kode_lama(data_dir: Path, rows: dict[str, tuple]) -> dict[str, tuple[str, str]]:
    path = data_dir / "kode_lama.csv"
    if not path.exists():
        return {}
    errors: list[BarisError] = []
    hasil: dict[str, tuple[str, str]] = {}
    for line, row in baca_csv(path, kolom_wajib=["kode_lama", "kode_baru", "sumber"]):
        if row["kode_baru"] not in rows:
            errors.append(BarisError(path.name, line, "kode_baru", _("Unknown region code.")))
        hasil[row["kode_lama"]] = (row["kode_baru"], row["sumber"])
    if errors:
        raise ImportGagal(errors)
    return hasil


def wilayah_load(*, data_dir: Path | None = None, dry_run: bool = False) -> HasilMuat:
    """Load (or refresh) every region from the shipped Kemendagri files. Idempotent.

    Every file is validated before anything is written; the write is one transaction, so a
    corrupt file leaves the database as it was.
    """
    data_dir = Path(data_dir or DATA_DIR)
    rows = _baca(data_dir)
    kode_lama = _baca_kode_lama(data_dir, rows)
    hasil = HasilMuat()
    existing = {
        kode: tuple(rest)
        for kode, *rest in Wilayah.objects.values_list("kode", *FIELDS).iterator(chunk_size=5000)
    }
    baru: list[Wilayah] = []
    ubah: list[Wilayah] = []
    for kode, values in rows.items():  # files are read parents first, so inserts keep FK order
        lama = existing.get(kode)
        if lama is None:
            baru.append(Wilayah(kode, *values))
        elif lama != values:
            ubah.append(Wilayah(kode, *values))
        else:
            hasil.tetap += 1
    hasil.dibuat, hasil.diubah = len(baru), len(ubah)
    hasil.usang = len(set(existing) - set(rows))
    if dry_run:
        return hasil
    with transaction.atomic():
        Wilayah.objects.bulk_create(baru, batch_size=2000)
        if ubah:
            Wilayah.objects.bulk_update(ubah, FIELDS, batch_size=1000)
        known = dict(KodeLama.objects.values_list("kode_lama", "wilayah_id"))
        for lama, (kode_baru, sumber) in kode_lama.items():
            if known.get(lama) != kode_baru:
                KodeLama.objects.update_or_create(
                    kode_lama=lama, defaults={"wilayah_id": kode_baru, "sumber": sumber}
                )
        if baru or ubah:
            audit.record(
                actor=None,
                action="other",
                object_type="wilayah.wilayah",
                note=f"load_wilayah: {hasil}",
            )
    return hasil
