"""The one way Sinergi shows dates, times, numbers and ranges, in Indonesian and in English."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from sinergi.core import format as fmt
from sinergi.core import waktu

# 21.58 UTC on 2 December 2026: 04.58 WIB, 05.58 WITA, 06.58 WIT on 3 December
SAAT = dt.datetime(2026, 12, 2, 21, 58, tzinfo=dt.UTC)
HARI = dt.date(2026, 12, 3)


@pytest.fixture(params=["id", "en"])
def bahasa(request):
    with translation.override(request.param):
        yield request.param


def _per_bahasa(bahasa, id_, en):
    return id_ if bahasa == "id" else en


def test_tanggal_panjang(bahasa):
    """A long date spells the month out: 3 Desember 2026 / December 3, 2026."""
    assert fmt.tanggal(HARI) == _per_bahasa(bahasa, "3 Desember 2026", "December 3, 2026")


def test_tanggal_pendek(bahasa):
    """A short date abbreviates the month: 3 Des 2026 / Dec 3, 2026."""
    assert fmt.tanggal(HARI, pendek=True) == _per_bahasa(bahasa, "3 Des 2026", "Dec 3, 2026")


def test_tanggal_dengan_hari(bahasa):
    """A date with its weekday: Kamis, 3 Desember 2026 / Thursday, December 3, 2026."""
    assert fmt.tanggal(HARI, hari=True) == _per_bahasa(
        bahasa, "Kamis, 3 Desember 2026", "Thursday, December 3, 2026"
    )


def test_tanggal_dari_iso():
    """An ISO date string (chart data) shows like a date."""
    with translation.override("id"):
        assert fmt.tanggal("2026-12-03", pendek=True) == "3 Des 2026"


def test_jam_dengan_zona(bahasa):
    """A time is 24-hour with two-digit hours and its zone: 04.58 WIB / 04:58 WIB."""
    assert fmt.jam(SAAT, "WIB") == _per_bahasa(bahasa, "04.58 WIB", "04:58 WIB")


def test_jam_di_zona_wilayah():
    """The same instant reads in the region's own zone."""
    with translation.override("id"):
        assert [fmt.jam(SAAT, z) for z in ("WIB", "WITA", "WIT")] == [
            "04.58 WIB",
            "05.58 WITA",
            "06.58 WIT",
        ]


def test_waktu_lengkap(bahasa):
    """Date, time and zone together, in the zone's calendar day."""
    assert fmt.waktu(SAAT, "WITA") == _per_bahasa(
        bahasa, "3 Desember 2026 05.58 WITA", "December 3, 2026, 05:58 WITA"
    )
    assert fmt.waktu(SAAT, "WIT", pendek=True) == _per_bahasa(
        bahasa, "3 Des 2026 06.58 WIT", "Dec 3, 2026, 06:58 WIT"
    )


def test_format_lokal_sama_dengan_waktu():
    """The older helper `waktu.format_lokal` gives the same text as `format.waktu`."""
    with translation.override("id"):
        assert (
            waktu.format_lokal(SAAT, "WIB") == fmt.waktu(SAAT, "WIB") == "3 Desember 2026 04.58 WIB"
        )


def test_angka_desimal(bahasa):
    """Decimals: comma in Indonesian (23,06), point in English (23.06), rounded half up."""
    assert fmt.angka(Decimal("23.06")) == _per_bahasa(bahasa, "23,06", "23.06")
    assert fmt.angka(23.065, 2) == _per_bahasa(bahasa, "23,07", "23.07")
    assert fmt.angka(14, 2) == _per_bahasa(bahasa, "14,00", "14.00")


def test_angka_ribuan(bahasa):
    """Thousands are grouped: 1.234.567 / 1,234,567."""
    assert fmt.angka(1234567) == _per_bahasa(bahasa, "1.234.567", "1,234,567")


def test_persen(bahasa):
    """A percentage has no space before the sign: 45,2% / 45.2%."""
    assert fmt.persen(45.23, 1) == _per_bahasa(bahasa, "45,2%", "45.2%")
    assert fmt.persen(50) == "50%"


def test_rentang_satu_bulan(bahasa):
    """A range within one month names the month once: 1–3 Des 2026 / Dec 1–3, 2026."""
    assert fmt.rentang(dt.date(2026, 12, 1), HARI) == _per_bahasa(
        bahasa, "1–3 Des 2026", "Dec 1–3, 2026"
    )


def test_rentang_lintas_bulan_dan_tahun(bahasa):
    """A range across months names both months, across years both years."""
    assert fmt.rentang(dt.date(2026, 11, 28), HARI) == _per_bahasa(
        bahasa, "28 Nov – 3 Des 2026", "Nov 28 – Dec 3, 2026"
    )
    assert fmt.rentang(dt.date(2026, 12, 28), dt.date(2027, 1, 3)) == _per_bahasa(
        bahasa, "28 Des 2026 – 3 Jan 2027", "Dec 28, 2026 – Jan 3, 2027"
    )


def test_rentang_panjang_dan_satu_sisi():
    """A long range spells the month; a missing side shows as an ellipsis."""
    with translation.override("id"):
        assert fmt.rentang(dt.date(2026, 12, 1), HARI, panjang=True) == "1–3 Desember 2026"
        assert fmt.rentang(None, HARI) == "… – 3 Des 2026"
        assert fmt.rentang(HARI, HARI) == "3 Des 2026"


def test_koordinat_dan_css_selalu_titik(bahasa):
    """Coordinates and CSS numbers are machine values: a dot in every language."""
    assert fmt.koordinat(-7.25, 112.75) == "-7.25000, 112.75000"
    assert fmt.css_angka(12.5) == "12.500"


def test_filter_templat(bahasa):
    """The template filters give the module's text."""
    t = Template(
        "{% load sinergi_tags %}{{ s|waktu_lokal:'WIB' }}|{{ s|jam:'WITA' }}|{{ d|tanggal }}|"
        "{{ d|tanggal_pendek }}|{{ a|rentang:d }}|{{ x|angka:2 }}|{{ p|persen:1 }}|{{ n|angka }}"
    )
    teks = t.render(
        Context(
            {"s": SAAT, "d": HARI, "a": dt.date(2026, 12, 1), "x": 23.06, "p": 45.23, "n": 1234}
        )
    )
    assert teks.split("|") == _per_bahasa(
        bahasa,
        [
            *("3 Desember 2026 04.58 WIB", "05.58 WITA", "3 Desember 2026", "3 Des 2026"),
            *("1–3 Des 2026", "23,06", "45,2%", "1.234"),
        ],
        [
            *("December 3, 2026, 04:58 WIB", "05:58 WITA", "December 3, 2026", "Dec 3, 2026"),
            *("Dec 1–3, 2026", "23.06", "45.2%", "1,234"),
        ],
    )


def test_kosong_tetap_kosong():
    """Nothing to show shows nothing (the template's |default then applies)."""
    assert fmt.tanggal(None) == fmt.jam(None) == fmt.waktu(None) == fmt.angka(None) == ""
    assert fmt.persen(None) == fmt.rentang(None, None) == ""


def test_format_sel_xlsx(bahasa):
    """A spreadsheet's date-time cells carry the language's month names and time separator."""
    assert fmt.xlsx_waktu() == _per_bahasa(
        bahasa, '[$-421]d mmm yyyy hh"."mm', "[$-409]mmm d, yyyy hh:mm"
    )
