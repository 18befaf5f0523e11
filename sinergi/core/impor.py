"""The import framework: read every row, validate everything, then write in one transaction.

Importers collect `BarisError`s (file, row, column, message) instead of stopping at the first
problem, and raise `ImportGagal` with all of them before writing anything. Row numbers are the
line numbers a person sees in a spreadsheet or text editor (the header is row 1).

Files from people are bounded before anything parses them (`periksa_berkas`): the file size,
and for XLSX the unpacked size of the zip members (a 1 MB zip bomb can unpack to gigabytes) and
the dimension each sheet declares (openpyxl pads every row to the declared width). Rows are
then streamed and the reading stops at the row limit + 1 (`batasi`), so a file that lies about
its dimension is still refused without being read to the end. The limits are the settings
`SINERGI_IMPOR_MAKS_MB` and `SINERGI_IMPOR_MAKS_BARIS` (`batas`); an importer with bigger
files (the national TPS registry) passes its own.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

T = TypeVar("T")
MB = 1024 * 1024
# Unpacked XLSX members may be this many times the file limit (sheet XML compresses ~5-20x).
RASIO_UNPACK = 10
# Columns a sheet may declare: openpyxl's read-only mode pads every row to this width.
MAKS_KOLOM = 1000
_BARIS = re.compile(rb"<(?:\w+:)?row[\s>/]")
_DIMENSI = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]*)(\d*)(?::([A-Z]+)(\d+))?\"")


@dataclass(frozen=True)
class BarisError:
    """One problem in an input file, located so that a person can fix it in Excel."""

    berkas: str
    baris: int | None
    kolom: str | None
    pesan: str

    def __str__(self) -> str:
        where = self.berkas
        if self.baris is not None:
            where += _(", row %(row)s") % {"row": self.baris}
        if self.kolom:
            where += _(", column %(column)s") % {"column": self.kolom}
        return f"{where}: {self.pesan}"


class ImportGagal(Exception):
    """Raised with every error found; nothing has been written."""

    def __init__(self, errors: list[BarisError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors[:50]))


def baca_csv(
    path: Path | str, *, kolom_wajib: list[str], nama: str = "", batas_: Batas | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, row) from a UTF-8 CSV, checking the header and the field count.

    A truncated file (a row with fewer fields than the header, or a quote left open) raises
    `ImportGagal` naming the file and line; so does a file over the size or row limit
    (`batas_`, default the settings), before the rows past the limit are read.
    """
    path = Path(path)
    name = nama or path.name
    b = batas_ or batas()
    periksa_berkas(path, nama=name, batas_=b)
    data = 0
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise ImportGagal([BarisError(name, None, None, _("File not found."))]) from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise ImportGagal([BarisError(name, 1, None, _("The file is empty."))]) from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportGagal([BarisError(name, 1, None, str(exc))]) from None
        header = [h.strip() for h in header]
        missing = [k for k in kolom_wajib if k not in header]
        if missing:
            raise ImportGagal(
                [
                    BarisError(name, 1, k, _("Required column is missing from the header."))
                    for k in missing
                ]
            )
        line = 1
        try:
            for row in reader:
                line = reader.line_num
                if not row or row == [""]:
                    continue
                if len(row) != len(header):
                    raise ImportGagal(
                        [
                            BarisError(
                                name,
                                line,
                                None,
                                _(
                                    "Expected %(expected)s fields but found %(found)s "
                                    "(is the file truncated?)."
                                )
                                % {"expected": len(header), "found": len(row)},
                            )
                        ]
                    )
                data += 1
                if data > b.maks_baris:
                    raise _gagal(name, pesan_terlalu_banyak(b.maks_baris))
                yield line, dict(zip(header, row, strict=True))
        except csv.Error as exc:
            raise ImportGagal(
                [BarisError(name, reader.line_num, None, _("Malformed CSV: %s") % exc)]
            ) from None
        except UnicodeDecodeError:
            raise ImportGagal(
                [BarisError(name, line + 1, None, _("The file is not valid UTF-8 text."))]
            ) from None


@dataclass(frozen=True)
class Batas:
    """How big an import file may be: bytes on disk and data rows (the header not counted)."""

    maks_byte: int
    maks_baris: int


# Reference data Sinergi ships and an administrator loads from the command line (the ~84,000
# villages of wilayah/data/desa.csv): trusted, but still bounded.
BATAS_REFERENSI = Batas(maks_byte=100 * MB, maks_baris=500_000)


def batas() -> Batas:
    """The limits of every import from the settings `SINERGI_IMPOR_MAKS_MB` and
    `SINERGI_IMPOR_MAKS_BARIS`."""
    return Batas(
        maks_byte=int(settings.SINERGI_IMPOR_MAKS_MB) * MB,
        maks_baris=int(settings.SINERGI_IMPOR_MAKS_BARIS),
    )


def _gagal(nama: str, pesan: str, baris: int | None = None) -> ImportGagal:
    return ImportGagal([BarisError(nama, baris, None, pesan)])


def pesan_terlalu_besar(ukuran: int, maks_byte: int) -> str:
    """The refusal of a file over the size limit (also used before the upload is stored)."""
    from django.utils.formats import number_format

    mb = round(ukuran / MB, 1)
    return _("The file is %(size)s MB; the limit is %(limit)s MB.") % {
        "size": number_format(mb, 0 if mb.is_integer() else 1),
        "limit": maks_byte // MB,
    }


def pesan_terlalu_banyak(maks_baris: int) -> str:
    return _(
        "The file has more than %(n)s data rows, the limit per import; split it into smaller files."
    ) % {"n": f"{maks_baris:,}".replace(",", ".")}


def _kolom_angka(huruf: bytes) -> int:
    n = 0
    for c in huruf:
        n = n * 26 + (c - 64)
    return n


def periksa_berkas(path: Path | str, *, nama: str = "", batas_: Batas | None = None) -> None:
    """Refuse a file over the limits before any parser opens it: its size, and for XLSX the
    unpacked size of its members and the rows/columns every sheet declares. Raises ImportGagal
    with the reason (nothing has been read)."""
    path = Path(path)
    nama = nama or path.name
    b = batas_ or batas()
    try:
        ukuran = path.stat().st_size
    except FileNotFoundError:
        raise _gagal(nama, _("File not found.")) from None
    if ukuran > b.maks_byte:
        raise _gagal(nama, pesan_terlalu_besar(ukuran, b.maks_byte))
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            unpacked = sum(i.file_size for i in infos)
            if unpacked > b.maks_byte * RASIO_UNPACK:
                raise _gagal(
                    nama,
                    _(
                        "The XLSX file unpacks to %(size)s MB, more than %(limit)s MB; it is "
                        "damaged or deliberately inflated and was not opened."
                    )
                    % {"size": round(unpacked / MB), "limit": b.maks_byte * RASIO_UNPACK // MB},
                )
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with z.open(info) as fh:
                        _periksa_dimensi(fh.read(64 * 1024), nama=nama, b=b)
                    _hitung_baris(z, info, nama=nama, b=b)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _gagal(nama, _("The file is not a readable XLSX workbook.")) from None


def _hitung_baris(z: zipfile.ZipFile, info: zipfile.ZipInfo, *, nama: str, b: Batas) -> None:
    """Count the `<row` elements of a sheet in its raw bytes (a sheet without `<dimension>`
    makes openpyxl parse all of it while opening the workbook, and a dimension may lie); stops
    at the first row over the limit. Bounded by the unpacked-size check above."""
    n, tail = 0, b""
    with z.open(info) as fh:
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            # A tag split across chunks is counted once: only matches ending in the new bytes.
            n += sum(1 for m in _BARIS.finditer(data) if m.end() > len(tail))
            if n > b.maks_baris + 1:
                raise _gagal(nama, pesan_terlalu_banyak(b.maks_baris))
            tail = data[-16:]


def _periksa_dimensi(awal: bytes, *, nama: str, b: Batas) -> None:
    """The `<dimension ref="A1:K5000">` a sheet declares at its start (absent: nothing to say;
    the streamed reading still stops at the row limit)."""
    m = _DIMENSI.search(awal)
    if m is None:
        return
    kolom, baris = (m.group(3), m.group(4)) if m.group(4) else (m.group(1), m.group(2))
    if baris and int(baris) > b.maks_baris + 1:
        raise ImportGagal(
            [
                BarisError(
                    nama,
                    None,
                    None,
                    _(
                        "The sheet declares %(declared)s rows; the limit is %(n)s data rows per "
                        "import. Split it into smaller files (or delete the empty rows)."
                    )
                    % {
                        "declared": f"{int(baris):,}".replace(",", "."),
                        "n": f"{b.maks_baris:,}".replace(",", "."),
                    },
                )
            ]
        )
    if kolom and _kolom_angka(kolom) > MAKS_KOLOM:
        raise _gagal(
            nama,
            _(
                "The sheet declares %(declared)s columns; at most %(n)s are read. Delete the "
                "empty columns on the right."
            )
            % {"declared": _kolom_angka(kolom), "n": MAKS_KOLOM},
        )


def batasi(rows: Iterable[T], *, nama: str, maks_baris: int) -> Iterator[T]:
    """Pass rows through, raising ImportGagal (naming the limit) when there are more than
    `maks_baris`: the reading stops at the first row over the limit."""
    for i, row in enumerate(rows, start=1):
        if i > maks_baris:
            if hasattr(rows, "close"):
                rows.close()
            raise _gagal(nama, pesan_terlalu_banyak(maks_baris))
        yield row
