"""Reading import files (CSV or XLSX) as rows of text, with the checks every importer needs.

Rows come back as lists of strings in the order of the header, with the row number a person
sees in Excel (the header is row 1). Problems that make the whole file unreadable (too big,
wrong sheet, merged header cells, missing columns, truncated CSV) raise `ImportGagal` at once.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from sinergi.core.impor import BarisError, Batas, ImportGagal, batasi, periksa_berkas

MAKS_BYTE_BAWAAN = 100 * 1024 * 1024
MAKS_BARIS_BAWAAN = 1_000_000
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def maks_byte() -> int:
    return int(getattr(settings, "SINERGI_KERAWANAN_MAKS_BYTE", MAKS_BYTE_BAWAAN))


def batas() -> Batas:
    """The vulnerability imports' limits (the national TPS registry is ~820,000 rows), set by
    `SINERGI_KERAWANAN_MAKS_BYTE` and `SINERGI_KERAWANAN_MAKS_BARIS`."""
    return Batas(
        maks_byte=maks_byte(),
        maks_baris=int(getattr(settings, "SINERGI_KERAWANAN_MAKS_BARIS", MAKS_BARIS_BAWAAN)),
    )


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, Decimal):
        return str(v)
    return str(v).strip()


class Tabel:
    """An opened import file: `header` (list of column names) and `baris()` (row iterator)."""

    def __init__(self, path: Path | str, *, sheet: str, kolom_wajib: list[str], nama: str = ""):
        self.path = Path(path)
        self.nama = nama or self.path.name
        self.sheet = sheet
        # Size, unpacked zip size and declared dimension, before any parser opens the file.
        self.batas = batas()
        periksa_berkas(self.path, nama=self.nama, batas_=self.batas)
        self.xlsx = self.path.suffix.lower() in {".xlsx", ".xlsm"}
        if self.xlsx:
            self._buka_xlsx()
        else:
            self._buka_csv()
        missing = [k for k in kolom_wajib if k not in self.header]
        if missing:
            raise ImportGagal(
                [
                    BarisError(self.nama, 1, k, _("Required column is missing from the header."))
                    for k in missing
                ]
            )
        seen: set[str] = set()
        for k in self.header:
            if k and k in seen:
                raise ImportGagal(
                    [BarisError(self.nama, 1, k, _("This column appears twice in the header."))]
                )
            seen.add(k)

    # --- CSV -----------------------------------------------------------------------------
    def _buka_csv(self) -> None:
        self._fh = self.path.open(encoding="utf-8-sig", newline="")
        self._reader = csv.reader(self._fh, strict=True)
        try:
            self.header = [h.strip() for h in next(self._reader)]
        except StopIteration:
            self._fh.close()
            raise ImportGagal([BarisError(self.nama, 1, None, _("The file is empty."))]) from None
        except (csv.Error, UnicodeDecodeError):
            self._fh.close()
            raise ImportGagal(
                [BarisError(self.nama, 1, None, _("The file is not valid UTF-8 CSV text."))]
            ) from None

    def _baris_csv(self) -> Iterator[tuple[int, list[str]]]:
        n = len(self.header)
        reader = self._reader
        line = 1
        try:
            for row in reader:
                line = reader.line_num
                if len(row) != n:
                    if not row or row == [""]:
                        continue
                    raise ImportGagal(
                        [
                            BarisError(
                                self.nama,
                                line,
                                None,
                                _(
                                    "Expected %(expected)s fields but found %(found)s "
                                    "(is the file truncated?)."
                                )
                                % {"expected": n, "found": len(row)},
                            )
                        ]
                    )
                yield line, row
        except csv.Error as exc:
            raise ImportGagal(
                [
                    BarisError(
                        self.nama,
                        reader.line_num,
                        None,
                        _("Malformed CSV (is the file truncated?): %s") % exc,
                    )
                ]
            ) from None
        except UnicodeDecodeError:
            raise ImportGagal(
                [BarisError(self.nama, line + 1, None, _("The file is not valid UTF-8 text."))]
            ) from None
        finally:
            self._fh.close()

    # --- XLSX ----------------------------------------------------------------------------
    def _buka_xlsx(self) -> None:
        import openpyxl

        try:
            self._wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            raise ImportGagal(
                [BarisError(self.nama, None, None, _("The file is not a readable XLSX workbook."))]
            ) from None
        if self.sheet not in self._wb.sheetnames:
            names = ", ".join(self._wb.sheetnames)
            self._wb.close()
            raise ImportGagal(
                [
                    BarisError(
                        self.nama,
                        None,
                        None,
                        _("The workbook has no sheet named “%(sheet)s” (it has: %(names)s).")
                        % {"sheet": self.sheet, "names": names},
                    )
                ]
            )
        ws = self._wb[self.sheet]
        merged = self._merged_header(ws)
        if merged:
            self._wb.close()
            raise ImportGagal(
                [
                    BarisError(
                        self.nama,
                        1,
                        None,
                        _(
                            "Header cells %(cells)s are merged; unmerge them so that every column "
                            "has its own name."
                        )
                        % {"cells": ", ".join(merged)},
                    )
                ]
            )
        first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), None)
        if first is None:
            self._wb.close()
            raise ImportGagal([BarisError(self.nama, 1, None, _("The file is empty."))])
        header = [_teks(v) for v in first]
        while header and header[-1] == "":
            header.pop()
        self.header = header
        # Only the header's columns: read-only mode pads every row to the declared width.
        # Empty rows count toward the limit: a sheet padded with blank rows is not walked.
        self._rows = batasi(
            ws.iter_rows(min_row=2, max_col=max(1, len(header)), values_only=True),
            nama=self.nama,
            maks_baris=self.batas.maks_baris,
        )

    def _merged_header(self, ws) -> list[str]:
        """Merged ranges that touch row 1, read from the sheet XML (read-only mode hides them)."""
        path = getattr(ws, "_worksheet_path", None)
        archive = getattr(self._wb, "_archive", None)
        if not path or archive is None:
            return []
        found: list[str] = []
        with archive.open(path.lstrip("/")) as fh:
            tail = b""
            while chunk := fh.read(1 << 20):
                data = tail + chunk
                for m in _MERGE.finditer(data):
                    if m.group(2) == b"1":
                        found.append(
                            f"{m.group(1).decode()}1:{m.group(3).decode()}{m.group(4).decode()}"
                        )
                tail = data[-200:]
        return sorted(set(found))

    def _baris_xlsx(self) -> Iterator[tuple[int, list[str]]]:
        n = len(self.header)
        try:
            for line, row in enumerate(self._rows, start=2):
                vals = [_teks(v) for v in row[:n]]
                if len(vals) < n:
                    vals.extend([""] * (n - len(vals)))
                if not any(vals):
                    continue
                yield line, vals
        finally:
            self._wb.close()

    def tutup(self) -> None:
        """Close the file without reading the rows (the header has been checked)."""
        if self.xlsx:
            self._wb.close()
        else:
            self._fh.close()

    def baris(self) -> Iterator[tuple[int, list[str]]]:
        """The data rows; reading stops with ImportGagal at the first row over the limit."""
        if self.xlsx:
            return self._baris_xlsx()
        return batasi(self._baris_csv(), nama=self.nama, maks_baris=self.batas.maks_baris)
