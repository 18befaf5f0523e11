"""Time helpers: everything is stored in UTC and shown in the region's zone (WIB/WITA/WIT)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

ZONA_WAKTU = {
    "WIB": zoneinfo.ZoneInfo("Asia/Jakarta"),  # UTC+7
    "WITA": zoneinfo.ZoneInfo("Asia/Makassar"),  # UTC+8
    "WIT": zoneinfo.ZoneInfo("Asia/Jayapura"),  # UTC+9
}
ZONA_CHOICES = [("WIB", "WIB (UTC+7)"), ("WITA", "WITA (UTC+8)"), ("WIT", "WIT (UTC+9)")]


def tzinfo(zona: str) -> zoneinfo.ZoneInfo:
    """The IANA zone for WIB, WITA or WIT."""
    try:
        return ZONA_WAKTU[zona]
    except KeyError:
        raise ValueError(f"Unknown Indonesian time zone: {zona!r}") from None


def ke_lokal(value: datetime.datetime, zona: str) -> datetime.datetime:
    """An aware datetime converted to the given Indonesian zone."""
    if timezone.is_naive(value):
        raise ValueError("Naive datetimes are not allowed; store and pass aware datetimes.")
    return value.astimezone(tzinfo(zona))


def dari_lokal(value: datetime.datetime, zona: str) -> datetime.datetime:
    """A wall-clock time in the given zone (naive) made aware; store the result as is."""
    if timezone.is_aware(value):
        return value
    return value.replace(tzinfo=tzinfo(zona))


def format_lokal(value: datetime.datetime | None, zona: str = "WIB") -> str:
    """'8 Desember 2022 09.00 WIB' in the active language, in the given zone
    (`sinergi.core.format.waktu`)."""
    from sinergi.core.format import waktu

    return waktu(value, zona)


def hari_ini(zona: str = "WIB") -> datetime.date:
    """Today's calendar date in the given Indonesian zone."""
    return timezone.now().astimezone(tzinfo(zona)).date()
