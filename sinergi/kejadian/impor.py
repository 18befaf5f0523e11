"""Bulk import of incidents from CSV or XLSX (`sinergi.core.impor`): every row is validated
with the same rules as the form and the API, errors are collected by row and column, and only
a file without errors is written, in one transaction."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from sinergi.core import waktu
from sinergi.core.impor import BarisError, ImportGagal, baca_csv
from sinergi.kejadian import izin, services

KOLOM_WAJIB = ["kategori", "kode_wilayah", "waktu_kejadian", "uraian"]
KOLOM = [*KOLOM_WAJIB, "judul", "keparahan", "kerahasiaan", "sumber", "kode_tps", "lat", "lng"]
MAKS_BARIS = 5000
CONTOH = [
    "politik_uang",
    "35.19",
    "2024-02-13 21:30",
    "Pembagian amplop kepada warga menjelang pemungutan suara",
    "Amplop di Balerejo",
    "tinggi",
    "RESTRICTED",
    "petugas",
    "",
    "",
    "",
]


def _baris_xlsx(path: Path) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    nama = path.name
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise ImportGagal(
            [BarisError(nama, None, None, _("The file is not a valid XLSX."))]
        ) from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        header = [str(h or "").strip() for h in next(rows)]
    except StopIteration:
        raise ImportGagal([BarisError(nama, 1, None, _("The file is empty."))]) from None
    missing = [k for k in KOLOM_WAJIB if k not in header]
    if missing:
        raise ImportGagal(
            [
                BarisError(nama, 1, k, _("Required column is missing from the header."))
                for k in missing
            ]
        )
    out = []
    for i, row in enumerate(rows, start=2):
        values = ["" if v is None else v for v in row]
        if not any(str(v).strip() for v in values):
            continue
        data = {}
        for k, v in zip(header, values, strict=False):
            if isinstance(v, datetime.datetime):
                v = v.strftime("%Y-%m-%d %H:%M")
            elif isinstance(v, float) and v.is_integer():
                v = str(int(v))
            data[k] = str(v).strip()
        out.append((i, data))
    wb.close()
    return out


def baca(path: Path | str) -> list[tuple[int, dict[str, str]]]:
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _baris_xlsx(path)
    return list(baca_csv(path, kolom_wajib=KOLOM_WAJIB))


def _waktu(teks: str, zona: str) -> datetime.datetime | None:
    """ISO 8601 with an offset, or a local "YYYY-MM-DD HH:MM" in the region's zone."""
    teks = teks.strip().replace("Z", "+00:00")
    try:
        value = datetime.datetime.fromisoformat(teks)
    except ValueError:
        return None
    return waktu.dari_lokal(value, zona)


def _angka(teks: str) -> float | None:
    teks = (teks or "").strip().replace(",", ".")
    return float(teks) if teks else None


def impor_kejadian(*, pelaku, path: Path | str, nama: str = "", dry_run: bool = False) -> int:
    """Validate every row, then write all incidents in one transaction (or none). Returns the
    number of rows; raises ImportGagal with every error (row, column, message)."""
    from sinergi.wilayah.selectors import wilayah_get

    if not izin.dapat_lapor(pelaku):
        raise Http404
    nama = nama or Path(path).name
    rows = baca(path)
    if len(rows) > MAKS_BARIS:
        raise ImportGagal(
            [BarisError(nama, None, None, _("At most %(n)s rows per file.") % {"n": MAKS_BARIS})]
        )
    errors: list[BarisError] = []
    siap = []
    zona_cache: dict[str, str] = {}
    for line, row in rows:
        kode = row.get("kode_wilayah", "").strip()
        if kode not in zona_cache:
            w = wilayah_get(kode) if kode else None
            zona_cache[kode] = w.zona_waktu if w else "WIB"
        data = {
            "kategori": row.get("kategori", ""),
            "kode_wilayah": kode,
            "waktu_kejadian": _waktu(row.get("waktu_kejadian", ""), zona_cache[kode]),
            "uraian": row.get("uraian", ""),
            "judul": row.get("judul", ""),
            "kode_tps": row.get("kode_tps", ""),
        }
        for k in ("keparahan", "kerahasiaan", "sumber"):
            if row.get(k, "").strip():
                data[k] = row[k].strip()
        try:
            data["lat"], data["lng"] = _angka(row.get("lat", "")), _angka(row.get("lng", ""))
        except ValueError:
            errors.append(BarisError(nama, line, "lat", _("Must be a number.")))
            continue
        if data["waktu_kejadian"] is None and row.get("waktu_kejadian", "").strip():
            errors.append(
                BarisError(
                    nama,
                    line,
                    "waktu_kejadian",
                    _("Not a valid date and time; use YYYY-MM-DD HH:MM or ISO 8601."),
                )
            )
            continue
        try:
            siap.append(services.siapkan_kejadian(pelaku=pelaku, **data))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for m in messages:
                    errors.append(BarisError(nama, line, field, m))
    if errors:
        raise ImportGagal(errors)
    if not dry_run:
        with transaction.atomic():
            for k in siap:
                services.simpan_kejadian(k, pelaku=pelaku, note="import")
    return len(siap)


def templat_csv() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(KOLOM)
    w.writerow(CONTOH)
    return buf.getvalue().encode("utf-8-sig")


def templat_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "kejadian"
    ws.append(KOLOM)
    ws.append(CONTOH)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
