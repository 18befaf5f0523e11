"""One way to show each kind of value to a person, in the active language's conventions.

The patterns live in the language's format module (`sinergi/formats/<lang>/formats.py`, Django's
FORMAT_MODULE_PATH), so Indonesian pages, PDFs and spreadsheets read "3 Desember 2026",
"04.58 WIB", "23,06", "1.234", "45,2%" and "1–3 Des 2026", and English mode reads
"December 3, 2026", "04:58 WIB", "23.06", "1,234", "45.2%" and "Dec 1–3, 2026".

    from sinergi.core import format as fmt
    fmt.tanggal(d)                      # 3 Desember 2026
    fmt.tanggal(d, pendek=True)         # 3 Des 2026
    fmt.jam(aware_dt, "WITA")           # 05.58 WITA
    fmt.waktu(aware_dt, "WIT")          # 3 Desember 2026 06.58 WIT
    fmt.angka(Decimal("23.06"), 2)      # 23,06
    fmt.persen(45.23, 1)                # 45,2%
    fmt.rentang(d1, d2)                 # 1–3 Des 2026

Templates use the filters of `sinergi_tags` (`|tanggal`, `|waktu_lokal:zona`, `|angka:2`, ...).
Machine values stay machine values: JSON and CSV carry ISO dates and dot decimals, URLs and
`<input type="date">` carry `Y-m-d`, CSS carries dot decimals (`|css_angka`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import get_language

from sinergi.core.waktu import ke_lokal

Tanggal = datetime.date | datetime.datetime | str


def _sebagai_tanggal(value: Tanggal) -> datetime.date:
    if isinstance(value, str):  # ISO dates from JSON-shaped data (charts, alert payloads)
        return datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):  # the calendar day where the server's zone is
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def tanggal(value: Tanggal | None, *, pendek: bool = False, hari: bool = False) -> str:
    """A calendar date: long "3 Desember 2026", short "3 Des 2026", or with the weekday
    "Kamis, 3 Desember 2026". An aware datetime should be converted to its zone first
    (`waktu.ke_lokal`); use `waktu()` when the time matters."""
    if value is None or value == "":
        return ""
    nama = "WEEKDAY_DATE_FORMAT" if hari else "SHORT_DATE_FORMAT" if pendek else "DATE_FORMAT"
    return formats.date_format(_sebagai_tanggal(value), nama)


def bulan(value: Tanggal | None) -> str:
    """A month of a year: "Desember 2026"."""
    if value is None or value == "":
        return ""
    return formats.date_format(_sebagai_tanggal(value), "YEAR_MONTH_FORMAT")


def jam(value: datetime.datetime | None, zona: str = "WIB") -> str:
    """The time of an aware datetime in an Indonesian zone: "04.58 WIB" (English "04:58 WIB")."""
    if value is None:
        return ""
    return f"{formats.time_format(ke_lokal(value, zona), 'TIME_FORMAT')} {zona}"


def waktu(value: datetime.datetime | None, zona: str = "WIB", *, pendek: bool = False) -> str:
    """Date and time of an aware datetime in an Indonesian zone: "3 Desember 2026 04.58 WIB",
    short "3 Des 2026 04.58 WIB"."""
    if value is None:
        return ""
    nama = "SHORT_DATETIME_FORMAT" if pendek else "DATETIME_FORMAT"
    return f"{formats.date_format(ke_lokal(value, zona), nama)} {zona}"


def angka(value: int | float | Decimal | str | None, desimal: int | None = None) -> str:
    """A number with the language's separators, thousands grouped: "1.234", "23,06".
    `desimal` fixes the digits after the decimal sign (rounded half up); None keeps them."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = Decimal(value)
    if desimal is not None:
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-desimal), rounding="ROUND_HALF_UP")
    return formats.number_format(value, decimal_pos=desimal, use_l10n=True, force_grouping=True)


def persen(value: int | float | Decimal | str | None, desimal: int | None = 0) -> str:
    """A share already in percent (0–100): "45,2%" (English "45.2%")."""
    if value is None or value == "":
        return ""
    return f"{angka(value, desimal)}%"


def koordinat(lat: float | Decimal | None, lng: float | Decimal | None, desimal: int = 5) -> str:
    """A point as "-7.25000, 112.75000": dot decimals in every language, as GPS apps and maps
    expect to read and paste it (a comma decimal would be ambiguous next to the comma)."""
    if lat is None or lng is None:
        return ""
    return f"{float(lat):.{desimal}f}, {float(lng):.{desimal}f}"


def rentang(mulai: Tanggal | None, selesai: Tanggal | None, *, panjang: bool = False) -> str:
    """A date range for stage periods and chart axes: "1–3 Des 2026", "28 Nov – 3 Des 2026",
    "28 Des 2026 – 3 Jan 2027"; `panjang` spells the month out. One side missing: "… – 3 Des"."""
    if not mulai and not selesai:
        return ""
    if not mulai or not selesai:
        a, b = tanggal(mulai, pendek=not panjang), tanggal(selesai, pendek=not panjang)
        return f"{a or '…'} – {b or '…'}"
    a, b = _sebagai_tanggal(mulai), _sebagai_tanggal(selesai)
    if a == b:
        return tanggal(a, pendek=not panjang)
    akhiran = "_LONG" if panjang else ""
    if (a.year, a.month) == (b.year, b.month):
        pola_a, pola_b = formats.get_format("RANGE_SAME_MONTH" + akhiran)
        return f"{formats.date_format(a, pola_a)}–{formats.date_format(b, pola_b)}"
    if a.year == b.year:
        pola_a, pola_b = formats.get_format("RANGE_SAME_YEAR" + akhiran)
        return f"{formats.date_format(a, pola_a)} – {formats.date_format(b, pola_b)}"
    return f"{tanggal(a, pendek=not panjang)} – {tanggal(b, pendek=not panjang)}"


def css_angka(value: int | float | Decimal | None, desimal: int = 3) -> str:
    """A number for a style attribute (`left: 12.5%`): always a dot, never grouped."""
    if value is None:
        return "0"
    return f"{float(value):.{desimal}f}"


def bahasa() -> str:
    """The active language code ("id" or "en")."""
    return (get_language() or "id").split("-")[0]


# Spreadsheet number formats: a real number cell shows with the reader's own separators in
# Excel/LibreOffice (the format code's "." and "," mean decimal and group), so an Indonesian
# Excel shows 23,06 and an English one 23.06 from the same file.
XLSX_DESIMAL = {0: "#,##0", 1: "#,##0.0", 2: "#,##0.00", 3: "#,##0.000"}
XLSX_PERSEN = {0: "0%", 1: "0.0%", 2: "0.00%"}


def xlsx_waktu() -> str:
    """The cell format of a local date-time (the zone goes in the column header):
    3 Des 2026 04.58, or Dec 3, 2026 04:58 in English."""
    return "[$-409]mmm d, yyyy hh:mm" if bahasa() == "en" else '[$-421]d mmm yyyy hh"."mm'
