"""Indonesian phone numbers: what we accept, and the one form we store (+62…)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Separators people type inside a number: spaces, dashes, dots, parentheses.
_PEMISAH = re.compile(r"[\s\-.()]")
# After the prefix (+62, 62 or 0): 8 to 12 digits, not starting with 0. This covers mobile
# numbers (08xx-…) and office landlines with their area code (031-…, 0351-…).
_NOMOR = re.compile(r"^[1-9]\d{7,11}$")

PESAN_TELEPON = _(
    "Enter an Indonesian phone number starting with +62, 62 or 0, for example 0812-3456-7890."
)


def normalisasi_telepon(nilai: str) -> str:
    """The number as +62…, or raise ValidationError with a message a person can act on.

    "0812-3456 7890", "62 812 3456 7890" and "+62 812-3456-7890" all become "+6281234567890".
    An empty value stays empty.
    """
    nilai = (nilai or "").strip()
    if not nilai:
        return ""
    angka = _PEMISAH.sub("", nilai)
    if angka.startswith("+62"):
        sisa = angka[3:]
    elif angka.startswith("62"):
        sisa = angka[2:]
    elif angka.startswith("0"):
        sisa = angka[1:]
    else:
        raise ValidationError(PESAN_TELEPON, code="telepon")
    if not _NOMOR.match(sisa):
        raise ValidationError(PESAN_TELEPON, code="telepon")
    return "+62" + sisa


def validate_telepon(nilai: str) -> None:
    """Model-field validator: the value must be a number `normalisasi_telepon` accepts."""
    normalisasi_telepon(nilai)


def format_telepon(nilai: str) -> str:
    """A stored +62 number in the form people read: 0812-3456-7890."""
    if not nilai or not nilai.startswith("+62"):
        return nilai or ""
    lokal = "0" + nilai[3:]
    if lokal.startswith("08"):
        return "-".join([lokal[:4], lokal[4:8], lokal[8:]]).rstrip("-")
    return f"{lokal[:4]}-{lokal[4:]}" if len(lokal) > 4 else lokal
