"""The import framework: read every row, validate everything, then write in one transaction.

Importers collect `BarisError`s (file, row, column, message) instead of stopping at the first
problem, and raise `ImportGagal` with all of them before writing anything. Row numbers are the
line numbers a person sees in a spreadsheet or text editor (the header is row 1).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _


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
    path: Path | str, *, kolom_wajib: list[str], maks_error: int = 200
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, row) from a UTF-8 CSV, checking the header and the field count.

    A truncated file (a row with fewer fields than the header, or a quote left open) raises
    `ImportGagal` naming the file and line.
    """
    path = Path(path)
    name = path.name
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
                yield line, dict(zip(header, row, strict=True))
        except csv.Error as exc:
            raise ImportGagal(
                [BarisError(name, reader.line_num, None, _("Malformed CSV: %s") % exc)]
            ) from None
        except UnicodeDecodeError:
            raise ImportGagal(
                [BarisError(name, line + 1, None, _("The file is not valid UTF-8 text."))]
            ) from None
