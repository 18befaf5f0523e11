"""Indonesian text helpers shared by the stage and regulation search: stemming and snippets.

On SQLite the search runs over a stored index of stems (PySastrawi removes Indonesian affixes,
so "berkampanye" and "kampanye" both become "kampanye"); on PostgreSQL the `indonesian`
text-search configuration does the same inside the database.
"""

from __future__ import annotations

import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_KATA = re.compile(r"[0-9A-Za-zÀ-ÿ]+")


@functools.lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=20000)
def stem_kata(kata: str) -> str:
    """The stem of one word, lower-cased ("Berkampanye" → "kampanye")."""
    kata = kata.lower()
    if kata.isdigit() or len(kata) < 3:
        return kata
    return _stemmer().stem(kata) or kata


def token(teks: str) -> list[str]:
    """Stems of the words of `teks`, in order."""
    return [stem_kata(k) for k in _KATA.findall(teks or "")]


def indeks(*bagian: str) -> str:
    """The distinct stems of the parts, padded with spaces so that whole words can be matched."""
    seen = dict.fromkeys(t for b in bagian for t in token(b))
    return " " + " ".join(seen) + " " if seen else ""


def cuplikan(teks: str, stems: set[str], *, kata: int = 28) -> SafeString:
    """An escaped snippet of `teks` around the first matching word, matches wrapped in <mark>."""
    teks = teks or ""
    potongan = re.split(r"(\s+)", teks)
    kata_idx = [i for i, p in enumerate(potongan) if p and not p.isspace()]
    cocok = [
        n
        for n, i in enumerate(kata_idx)
        if any(stem_kata(k) in stems for k in _KATA.findall(potongan[i]))
    ]
    awal = max(0, (cocok[0] - kata // 3) if cocok else 0)
    akhir = min(len(kata_idx), awal + kata)
    keluar = []
    if awal > 0:
        keluar.append("… ")
    for n in range(awal, akhir):
        p = potongan[kata_idx[n]]
        keluar.append(f"<mark>{escape(p)}</mark>" if n in cocok else str(escape(p)))
        keluar.append(" ")
    hasil = "".join(keluar).rstrip()
    if akhir < len(kata_idx):
        hasil += " …"
    return mark_safe(hasil)  # noqa: S308 - every piece was escaped above


MULAI = "\u2983"
SELESAI = "\u2984"


def sorot_aman(teks: str) -> SafeString:
    """Escape a PostgreSQL ts_headline result made with the MULAI/SELESAI sentinels."""
    aman = str(escape((teks or "").replace(MULAI, "\x00m").replace(SELESAI, "\x00s")))
    aman = aman.replace("\x00m", "<mark>").replace("\x00s", "</mark>")
    return mark_safe(aman)  # noqa: S308 - escaped above; only our own tags are added
