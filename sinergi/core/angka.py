"""Whole numbers that come from outside (ids, offsets, years): ASCII digits only, and never
beyond what the database can hold, so bad input answers 422 or a form error, never 500.

Python's `int()` and `str.isdigit()` accept more than a user means: `"²".isdigit()` is true
yet `int("²")` fails, and `int("٣")` (an Arabic-Indic digit) is 3. A value above 2**63 - 1
overflows SQLite's and PostgreSQL's 64-bit integers.

    from sinergi.core.angka import Id, Offset, angka, AngkaField

    class KegiatanFilter(Schema):
        tahapan: Id | None = None          # 422 "Must be at most 9223372036854775807."
    def kegiatan_detail(request, kegiatan_id: Id): ...
    tahun = angka(request.GET.get("tahun"), minimum=1945, maksimum=2100)   # int or None
"""

from __future__ import annotations

from typing import Annotated

from django import forms
from django.utils.translation import gettext_lazy as _
from pydantic import Field

ID_MAKS = 2**63 - 1  # the largest value of a 64-bit signed integer column

Id = Annotated[int, Field(ge=1, le=ID_MAKS)]
Offset = Annotated[int, Field(ge=0, le=ID_MAKS)]


def angka(teks: str | None, *, minimum: int = 0, maksimum: int = ID_MAKS) -> int | None:
    """`teks` as an int when it is ASCII digits within [minimum, maksimum]; otherwise None."""
    if teks is None:
        return None
    teks = str(teks).strip()
    if not teks or not teks.isascii() or not teks.isdigit() or len(teks) > len(str(ID_MAKS)):
        return None
    nilai = int(teks)
    return nilai if minimum <= nilai <= maksimum else None


class AngkaField(forms.IntegerField):
    """A form's whole number in ASCII digits, 1 to 2**63 - 1 unless told otherwise."""

    default_error_messages = {"invalid": _("Enter a whole number.")}

    def __init__(self, *, min_value: int = 1, max_value: int = ID_MAKS, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        teks = str(value).strip()
        if not teks.isascii() or not teks.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(teks)


def saring(form: forms.Form) -> dict:
    """A page's GET filter form: its valid values; an invalid field is left out of the filter
    and its message stays in `form.errors` for the page to show (never a 500)."""
    form.is_valid()
    return form.cleaned_data
