"""The text a person reads in a PDF built by reportlab (pages are written uncompressed,
`pageCompression=0`): every drawn string in order, joined by spaces."""

from __future__ import annotations

import re

_TJ = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")


def teks_pdf(data: bytes) -> str:
    """`teks_pdf(laporan_pdf(k))` → "DAFTAR HADIR … 04.58 WIB …"."""
    kata = []
    for m in _TJ.finditer(data):
        s = re.sub(rb"\\([()\\])", rb"\1", m.group(1))
        kata.append(s.decode("latin-1"))
    return " ".join(kata)
