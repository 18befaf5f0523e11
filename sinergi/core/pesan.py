"""Messages stored now and read later, in the reader's language.

A text the system writes for someone to read later (an inbox item, an alert title) is not
stored translated: the writer's language (or the background worker's) is not the reader's.
It is stored as its English msgid and its parameters, and translated when it is shown:

    p = Pesan(gettext_noop("Invitation: %(judul)s"), judul=k.judul)
    row.judul_pesan = p.simpan()        # JSON: {"msgid": ..., "param": {...}}
    row.judul = p.teks("id")            # the Indonesian text, kept for search, e-mail, old readers
    ...
    str(Pesan.dari(row.judul_pesan))    # in the active language

`gettext_noop` marks the msgid for `makemessages`. A parameter that is itself language
dependent is stored as data and rendered when shown: a `Waktu` (a moment in a region's time
zone), a `Tanggal` (a date), a `Label` (reference data with its English name) or a nested
`Pesan` (e.g. "all categories").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext


@dataclass(frozen=True)
class Waktu:
    """A moment shown in a region's zone ('8 December 2022 09.00 WIB'), formatted on display."""

    nilai: datetime.datetime
    zona: str = "WIB"

    def __str__(self) -> str:
        from sinergi.core.waktu import format_lokal

        return format_lokal(self.nilai, self.zona)


@dataclass(frozen=True)
class Label:
    """A reference-data label in both languages (e.g. an incident category), picked on
    display: `Label(nama="Politik uang", nama_en="Vote buying")`."""

    nama: str
    nama_en: str = ""

    def __str__(self) -> str:
        return pilih_nama(self.nama, self.nama_en)

    @classmethod
    def dari_pilihan(cls, pilihan, nilai: str) -> Label:
        """The label of a choice (a TextChoices value) in both languages; the value itself
        when it is not one of the choices."""
        try:
            lazy = pilihan(nilai).label
        except ValueError:
            return cls(str(nilai))
        with translation.override("id"):
            nama = str(lazy)
        with translation.override("en"):
            return cls(nama, str(lazy))


@dataclass(frozen=True)
class Tanggal:
    """A calendar date ('8 December 2022'), formatted on display."""

    nilai: datetime.date

    def __str__(self) -> str:
        from sinergi.core import format

        return format.tanggal(self.nilai)


@dataclass(frozen=True)
class Angka:
    """A number ('23,06' in Indonesian, '23.06' in English), formatted on display."""

    nilai: float
    desimal: int | None = None

    def __str__(self) -> str:
        from sinergi.core import format

        return format.angka(self.nilai, self.desimal)


def pilih_nama(nama: str, nama_en: str = "") -> str:
    """The English name in English mode (when there is one), else the Indonesian name."""
    if nama_en and (translation.get_language() or "").split("-")[0] == "en":
        return nama_en
    return nama


class Pesan:
    """A translatable message with parameters, rendered in the active language by `str()`."""

    def __init__(self, msgid: str, **param: Any):
        self.msgid = msgid
        self.param = param

    def __str__(self) -> str:
        teks = gettext(self.msgid)
        if not self.param:
            return teks
        return teks % {k: str(v) for k, v in self.param.items()}

    def __repr__(self) -> str:
        return f"Pesan({self.msgid!r}, {self.param!r})"

    def teks(self, bahasa: str) -> str:
        """The message in one language, whatever language is active."""
        with translation.override(bahasa):
            return str(self)

    def simpan(self) -> dict:
        """A JSON-safe form for a JSONField; `Pesan.dari` reads it back."""
        return {"msgid": self.msgid, "param": {k: _simpan(v) for k, v in self.param.items()}}

    @classmethod
    def dari(cls, data: dict) -> Pesan:
        return cls(data["msgid"], **{k: _baca(v) for k, v in data.get("param", {}).items()})


def _simpan(nilai: Any) -> Any:
    if isinstance(nilai, Pesan):
        return {"pesan": nilai.simpan()}
    if isinstance(nilai, Waktu):
        return {"waktu": nilai.nilai.isoformat(), "zona": nilai.zona}
    if isinstance(nilai, Label):
        return {"nama": nilai.nama, "nama_en": nilai.nama_en}
    if isinstance(nilai, Tanggal):
        return {"tanggal": nilai.nilai.isoformat()}
    if isinstance(nilai, Angka):
        return {"angka": nilai.nilai, "desimal": nilai.desimal}
    if isinstance(nilai, int | float):
        return nilai
    return str(nilai)


def _baca(nilai: Any) -> Any:
    if isinstance(nilai, dict):
        if "pesan" in nilai:
            return Pesan.dari(nilai["pesan"])
        if "waktu" in nilai:
            return Waktu(parse_datetime(nilai["waktu"]), nilai.get("zona", "WIB"))
        if "tanggal" in nilai:
            return Tanggal(datetime.date.fromisoformat(nilai["tanggal"]))
        if "angka" in nilai:
            return Angka(nilai["angka"], nilai.get("desimal"))
        if "nama" in nilai:
            return Label(nilai["nama"], nilai.get("nama_en", ""))
    return nilai


def tampil(teks: str, pesan: dict | None) -> str:
    """What to show for a stored text: its message in the active language when it was stored
    as one, else the text itself (rows written before messages were stored)."""
    if pesan:
        try:
            return str(Pesan.dari(pesan))
        except (KeyError, TypeError, ValueError):
            return teks
    return teks
