"""Filters that show a value the one Sinergi way (see `sinergi.core.format`):

{{ kegiatan.mulai|waktu_lokal:"WITA" }}   3 Desember 2026 09.00 WITA
{{ k.created_at|waktu_pendek:zona }}      3 Des 2026 09.00 WITA
{{ k.mulai|jam:k.zona_waktu }}            09.00 WITA
{{ r.tanggal_ditetapkan|tanggal }}        3 Desember 2026
{{ t.mulai|tanggal_pendek }}              3 Des 2026
{{ p.hari_pemungutan|tanggal_hari }}      Kamis, 3 Desember 2026
{{ awal|bulan }}                          Desember 2026
{{ t.mulai|rentang:t.selesai }}           1–3 Des 2026   (|rentang_panjang: 1–3 Desember 2026)
{{ skor|angka:2 }}                        23,06
{{ p.persentase|persen }}                 45%            (|persen:1 → 45,2%)
{{ w.lat|koordinat:w.lng }}               -7.25000, 112.75000
style="left: {{ x|css_angka }}%"          12.500 (a machine value for CSS)
"""

from django import template

from sinergi.core import format as fmt

register = template.Library()


def _zona(zona) -> str:
    return zona or "WIB"


@register.filter
def waktu_lokal(value, zona="WIB"):
    """An aware datetime with date, time and zone: 3 Desember 2026 09.00 WIB."""
    return fmt.waktu(value, _zona(zona)) if value else ""


@register.filter
def waktu_pendek(value, zona="WIB"):
    """An aware datetime in tables: 3 Des 2026 09.00 WIB."""
    return fmt.waktu(value, _zona(zona), pendek=True) if value else ""


@register.filter
def jam(value, zona="WIB"):
    """The time of an aware datetime with its zone: 09.00 WIB."""
    return fmt.jam(value, _zona(zona)) if value else ""


@register.filter
def waktu_tanggal(value, zona="WIB"):
    """The calendar date of an aware datetime in its zone: 3 Desember 2026."""
    return fmt.tanggal(fmt.ke_lokal(value, _zona(zona))) if value else ""


@register.filter
def tanggal(value):
    """A date: 3 Desember 2026."""
    return fmt.tanggal(value) if value else ""


@register.filter
def tanggal_pendek(value):
    """A date in tables and lists: 3 Des 2026."""
    return fmt.tanggal(value, pendek=True) if value else ""


@register.filter
def tanggal_hari(value):
    """A date with its weekday: Kamis, 3 Desember 2026."""
    return fmt.tanggal(value, hari=True) if value else ""


@register.filter
def bulan(value):
    """A month: Desember 2026."""
    return fmt.bulan(value) if value else ""


@register.filter
def rentang(mulai, selesai):
    """A date range: 1–3 Des 2026."""
    return fmt.rentang(mulai, selesai)


@register.filter
def rentang_panjang(mulai, selesai):
    """A date range with the month spelled out: 1–3 Desember 2026."""
    return fmt.rentang(mulai, selesai, panjang=True)


@register.filter
def angka(value, desimal=None):
    """A number with the language's separators: 1.234 or 23,06 (|angka:2)."""
    if value is None or value == "":
        return ""
    return fmt.angka(value, None if desimal in (None, "") else int(desimal))


@register.filter
def persen(value, desimal=0):
    """A share already in percent: 45% or 45,2% (|persen:1)."""
    if value is None or value == "":
        return ""
    return fmt.persen(value, int(desimal))


@register.filter
def koordinat(lat, lng):
    """A point with dot decimals in every language: -7.25000, 112.75000."""
    return fmt.koordinat(lat, lng)


@register.filter
def css_angka(value, desimal=3):
    """A number inside a style attribute: always a dot."""
    return fmt.css_angka(value, int(desimal))
