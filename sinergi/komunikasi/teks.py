"""Safe text: bodies and posts are plain text. Markup is removed before saving, output is
always escaped, and spreadsheet cells never start a formula."""

from __future__ import annotations

import re

from django.utils.html import strip_tags

_BERBAHAYA = re.compile(
    r"<\s*(script|style|iframe|object|embed)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL
)


def bersihkan(teks: str) -> str:
    """Plain text from user input: dangerous elements go with their content, other tags go."""
    teks = _BERBAHAYA.sub("", teks or "")
    teks = strip_tags(teks)
    # strip_tags leaves a lone '<' that starts no tag; nothing can render it as markup anyway.
    return teks.replace("\r\n", "\n").strip()


def sel_aman(nilai):
    """A cell value that Excel/LibreOffice will not run as a formula."""
    if isinstance(nilai, str) and nilai[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + nilai
    return nilai
