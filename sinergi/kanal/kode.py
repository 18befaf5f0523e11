"""Coded messages from trusted senders: one line that is a whole incident report.

    LAPOR <kategori> <kode wilayah> [TPS <nomor>] <uraian>

Forgiving on purpose (typed on a phone, in a hurry):
- the keyword `LAPOR` (or `LAP`) in any case, the parts separated by spaces, `#`, `*` or `/`;
- the category by its number in the list (1 = the first, as in docs/panduan/kanal.md), by its
  code (`politik_uang`, `politik-uang`, `POLITIKUANG`) or by the first word of its name when
  that names one category (`hoaks`);
- the region code with or without dots (`35.19.01`, `351901`, `35.19.01.2001`);
- the polling station as `TPS 5`, `TPS5`, `TPS 005` or `TPS.5` (needs a village code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

KATA_KUNCI = ("LAPOR", "LAP")
PEMISAH = re.compile(r"[\s#*/]+")
TPS = re.compile(r"^TPS[.:\-]?(\d{1,3})?$", re.I)
POLA_KODE = re.compile(r"^\d{2}(?:\.\d{1,4}){0,3}$")


@dataclass
class Laporan:
    kategori: str
    kode_wilayah: str
    nomor_tps: int | None
    uraian: str


class KodeSalah(ValueError):
    """A coded message that cannot be read; `str()` is the help to send back."""


def berkode(teks: str) -> bool:
    """Whether the message is meant as a coded report (it starts with the keyword)."""
    awal = PEMISAH.split((teks or "").strip(), maxsplit=1)[0].upper().rstrip(".:")
    return awal in KATA_KUNCI


def _kunci(teks: str) -> str:
    return re.sub(r"[^a-z0-9]", "", teks.lower())


def kategori_dari(token: str, kategori: list[tuple[str, str]]) -> str | None:
    """The category code for a number, code or name word; `kategori` is [(code, name)] in
    the list's order."""
    if token.isdigit():
        i = int(token)
        return kategori[i - 1][0] if 1 <= i <= len(kategori) else None
    kunci = _kunci(token)
    for kode, _nama in kategori:
        if _kunci(kode) == kunci:
            return kode
    cocok = [kode for kode, nama in kategori if _kunci(re.split(r"[\s/]+", nama)[0]) == kunci]
    return cocok[0] if len(cocok) == 1 else None


def kode_wilayah_dari(token: str) -> str | None:
    """`35.19.01` as it is, `351901` as `35.19.01`, `3519012001` as `35.19.01.2001`."""
    token = token.strip(".")
    if POLA_KODE.match(token):
        return token
    if token.isdigit() and len(token) in (2, 4, 6, 10):
        parts = [token[0:2], token[2:4], token[4:6], token[6:10]]
        return ".".join(p for p in parts if p)
    return None


def contoh() -> str:
    return "LAPOR 1 35.19.01.2001 TPS 5 " + _("money handed out near the polling station")


def baca(teks: str, kategori: list[tuple[str, str]]) -> Laporan:
    """Read a coded message; KodeSalah with the help to send back when it cannot be read."""
    # At most 6 parts: the description keeps its own punctuation.
    bagian = PEMISAH.split((teks or "").strip(), maxsplit=5)
    if not bagian or bagian[0].upper().rstrip(".:") not in KATA_KUNCI:
        raise KodeSalah(_("A coded report starts with LAPOR. Example: %(c)s") % {"c": contoh()})
    if len(bagian) < 4:
        raise KodeSalah(
            _(
                "Write: LAPOR <category> <region code> [TPS <number>] <what happened>. "
                "Example: %(c)s"
            )
            % {"c": contoh()}
        )
    kode_kategori = kategori_dari(bagian[1], kategori)
    if kode_kategori is None:
        daftar = ", ".join(f"{i} {nama}" for i, (_k, nama) in enumerate(kategori, 1))
        raise KodeSalah(
            _("Unknown category “%(k)s”. Use a number: %(daftar)s.")
            % {"k": bagian[1][:30], "daftar": daftar}
        )
    kode = kode_wilayah_dari(bagian[2])
    if kode is None:
        raise KodeSalah(
            _(
                "“%(w)s” is not a region code. Write it like 35.19.01 (kecamatan) or "
                "35.19.01.2001 (desa)."
            )
            % {"w": bagian[2][:30]}
        )
    sisa = bagian[3:]
    nomor = None
    m = TPS.match(sisa[0])
    if m:
        angka = m.group(1)
        if angka is None and len(sisa) > 1 and sisa[1].isdigit():
            angka, sisa = sisa[1], sisa[1:]
        if angka is None:
            raise KodeSalah(_("Write the polling station as TPS <number>, e.g. TPS 5."))
        nomor, sisa = int(angka), sisa[1:]
    uraian = " ".join(sisa).strip()
    if not uraian:
        raise KodeSalah(
            _("Add what happened after the region code. Example: %(c)s") % {"c": contoh()}
        )
    return Laporan(kategori=kode_kategori, kode_wilayah=kode, nomor_tps=nomor, uraian=uraian)
