"""Bulk import of incidents from CSV or XLSX (`sinergi.core.impor`): every row is validated
with the same rules as the form and the API, errors are collected by row and column, and only
a file without errors is written, in one transaction."""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from sinergi.core import waktu
from sinergi.core.impor import BarisError, ImportGagal, baca_csv, batas, batasi, periksa_berkas
from sinergi.kejadian import izin, services
from sinergi.kejadian.models import ImporKejadian

KOLOM_WAJIB = ["kategori", "kode_wilayah", "waktu_kejadian", "uraian"]
KOLOM = [*KOLOM_WAJIB, "judul", "keparahan", "kerahasiaan", "sumber", "kode_tps", "lat", "lng"]
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


def _baris_xlsx(path: Path, nama: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Stream the first sheet (read-only mode: one row in memory at a time); `periksa_berkas`
    has already bounded its size and declared dimension."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise ImportGagal(
            [BarisError(nama, None, None, _("The file is not a valid XLSX."))]
        ) from None
    try:
        ws = wb.worksheets[0]
        first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), None)
        if first is None:
            raise ImportGagal([BarisError(nama, 1, None, _("The file is empty."))])
        header = [str(h or "").strip() for h in first]
        while header and header[-1] == "":
            header.pop()
        missing = [k for k in KOLOM_WAJIB if k not in header]
        if missing:
            raise ImportGagal(
                [
                    BarisError(nama, 1, k, _("Required column is missing from the header."))
                    for k in missing
                ]
            )
        rows = ws.iter_rows(min_row=2, max_col=len(header), values_only=True)
        # Empty rows count too: a sheet padded with a million blank rows is refused, not walked.
        for i, row in enumerate(batasi(rows, nama=nama, maks_baris=batas().maks_baris), start=2):
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
            yield i, data
    finally:
        wb.close()


def baca(path: Path | str, *, nama: str = "") -> list[tuple[int, dict[str, str]]]:
    """Every data row of a CSV or XLSX file, refused before parsing when the file is over the
    limits (`sinergi.core.impor.periksa_berkas`) and while streaming at the row limit + 1."""
    path = Path(path)
    nama = nama or path.name
    periksa_berkas(path, nama=nama)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return list(_baris_xlsx(path, nama))
    return list(baca_csv(path, kolom_wajib=KOLOM_WAJIB, nama=nama))


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
    rows = baca(path, nama=nama)
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


# --- uploads: stored, then run by the task runner ------------------------------------------
EKSTENSI = {".csv", ".xlsx"}


def impor_mulai(*, pelaku, berkas) -> ImporKejadian:
    """Store an uploaded file under MEDIA_ROOT, record the import and queue its task: the
    upload page never parses the file itself (a worker does, within the limits).

    Refused at once (ValidationError, nothing stored) when the file is not .csv/.xlsx or over
    the size limit; every other check happens in the task and lands on the status page."""
    from sinergi.core import audit
    from sinergi.core.impor import pesan_terlalu_besar
    from sinergi.core.tasks import enqueue
    from sinergi.kejadian.tasks import jalankan_impor

    if not izin.dapat_lapor(pelaku):
        raise Http404
    nama_asli = Path(berkas.name or "").name[:200]
    ext = Path(nama_asli).suffix.lower()
    if ext not in EKSTENSI:
        raise ValidationError({"berkas": _("Upload a .csv or .xlsx file.")})
    maks = batas().maks_byte
    if berkas.size is None or berkas.size > maks:
        raise ValidationError({"berkas": pesan_terlalu_besar(berkas.size or 0, maks)})
    folder = Path(settings.MEDIA_ROOT) / "kejadian" / "impor"
    folder.mkdir(parents=True, exist_ok=True)
    tujuan = folder / f"{uuid.uuid4().hex}{ext}"
    with tujuan.open("wb") as fh:
        for chunk in berkas.chunks():
            fh.write(chunk)
    with transaction.atomic():
        job = ImporKejadian.objects.create(berkas=str(tujuan), nama_asli=nama_asli, pengguna=pelaku)
        audit.record(actor=pelaku, action="create", obj=job, after=audit.snapshot(job))
        enqueue(jalankan_impor, job.pk)
    job.refresh_from_db()
    return job


def impor_jalankan(job_id: int) -> str:
    """Run one uploaded import (the task `tasks.jalankan_impor`): check and write it, and
    record the outcome on its row. A job that already ended is left alone (a task run twice
    imports once). The stored file is deleted at the end: its rows now live in the database."""
    job = ImporKejadian.objects.select_related("pengguna").filter(pk=job_id).first()
    if job is None or not job.berlangsung:
        return job.status if job else ""
    ImporKejadian.objects.filter(pk=job_id).update(status=ImporKejadian.Status.BERJALAN)

    def akhiri(status: str, **data) -> str:
        ImporKejadian.objects.filter(pk=job_id).update(status=status, **data)
        Path(job.berkas).unlink(missing_ok=True)
        return status

    try:
        if job.pengguna is None or not job.pengguna.is_active:
            raise Http404
        n = impor_kejadian(pelaku=job.pengguna, path=job.berkas, nama=job.nama_asli)
    except ImportGagal as exc:
        return akhiri(
            ImporKejadian.Status.GAGAL,
            pesan=_("%(n)s problem(s) found; nothing was imported.") % {"n": len(exc.errors)},
            kesalahan=[
                {"baris": e.baris, "kolom": e.kolom or "", "pesan": e.pesan}
                for e in exc.errors[:1000]
            ],
        )
    except Http404:
        return akhiri(ImporKejadian.Status.GAGAL, pesan=_("You may no longer report incidents."))
    except Exception:  # a crash must still end the job visibly
        akhiri(ImporKejadian.Status.GAGAL, pesan=_("Unexpected error; nothing was imported."))
        raise
    return akhiri(
        ImporKejadian.Status.SELESAI,
        jumlah=n,
        pesan=_("%(n)s incident(s) imported.") % {"n": n},
    )


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
