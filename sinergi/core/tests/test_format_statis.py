"""A static guard: values shown to people go through `sinergi.core.format` (its template
filters in pages, its functions in Python, Intl in the page language in JS), so a second way
of writing a date, a time or a number cannot come back unnoticed."""

import re
from pathlib import Path

import sinergi

AKAR = Path(sinergi.__file__).parent
TEMPLAT = sorted(AKAR.glob("*/templates/**/*.html"))
JS = sorted(AKAR.glob("*/static/**/*.js"))
PYTHON = sorted(
    p for p in AKAR.rglob("*.py") if "/tests/" not in str(p) and "/migrations/" not in str(p)
)

# |date formats that are machine values (URLs, <input type="date">) or single localized parts
DATE_MESIN = {"Y-m-d", "Y-m", "Y", "M", "D", "c"}
_DATE = re.compile(r"""\|date:["']([^"']*)["']""")
_FILTER_LAIN = re.compile(r"\|(floatformat|stringformat|intcomma|intword|time)\b")
_PERSEN_MENTAH = re.compile(r"\{\{\s*([^}]*?)\s*\}\}%")

# Python files that format dates for machines, not people (and why)
PYTHON_MESIN = {
    "akses/management/commands/create_token.py": "console output of an operator command",
    "akses/models.py": "__str__ of an access-log row (admin)",
    "core/models.py": "__str__ of an audit row (admin)",
    "kejadian/impor.py": "an imported cell normalised to the ISO text the parser reads",
    "kejadian/views.py": "the value of an <input type=datetime-local>",
    "kanal/views.py": "the value of an <input type=datetime-local>",
    "kejadian/forms.py": "input formats of a datetime-local field",
    "kegiatan/forms.py": "input formats of a datetime-local field",
    "tahapan/views.py": "a month in a URL parameter",
    "tindak_lanjut/models.py": "a folder name for uploads",
    "kerawanan/demo.py": "a Decimal built from demo numbers",
    "core/format.py": "the module itself",
}
_PY = re.compile(r"strftime\(|\{[^{}\"']+:%[a-zA-Z]|\{[^{}\"']+:\.\d+f\}")


def _baris(teks: str, posisi: int) -> int:
    return teks.count("\n", 0, posisi) + 1


def test_templat_tanpa_format_tanggal_sendiri():
    """Templates show dates with |tanggal, |tanggal_pendek, |tanggal_hari, |bulan, |rentang or
    |waktu_lokal; |date only writes machine values (Y-m-d in URLs and inputs)."""
    salah = [
        f"{p.relative_to(AKAR)}:{_baris(t, m.start())}: |date:{m.group(1)!r}"
        for p in TEMPLAT
        for t in [p.read_text()]
        for m in _DATE.finditer(t)
        if m.group(1) not in DATE_MESIN
    ]
    assert salah == []


def test_templat_tanpa_filter_angka_django():
    """Numbers in templates use |angka, |persen, |koordinat or |css_angka, never floatformat,
    stringformat, intcomma or |time."""
    salah = [
        f"{p.relative_to(AKAR)}:{_baris(t, m.start())}: |{m.group(1)}"
        for p in TEMPLAT
        for t in [p.read_text()]
        for m in _FILTER_LAIN.finditer(t)
    ]
    assert salah == []


def test_templat_tanpa_persen_mentah():
    """A value followed by "%" is a percentage for people (|persen) or a CSS length
    (|css_angka, a dot in every language); a raw {{ x.y }}% would read 45,5% in one place and
    break a style in another."""
    salah = [
        f"{p.relative_to(AKAR)}:{_baris(t, m.start())}: {m.group(0)}"
        for p in TEMPLAT
        for t in [p.read_text()]
        for m in _PERSEN_MENTAH.finditer(t)
        if "css_angka" not in m.group(1) and "." in m.group(1)
    ]
    assert salah == []


def test_js_memformat_angka_dengan_bahasa_halaman():
    """Scripts format numbers with Intl in the page's language, not toFixed/toLocaleString."""
    salah = [
        f"{p.relative_to(AKAR)}:{_baris(t, m.start())}: {m.group(0)}"
        for p in [*JS, *TEMPLAT]
        for t in [p.read_text()]
        for m in re.finditer(r"\.(toFixed|toLocaleString|toLocaleDateString|toISOString)\(", t)
    ]
    assert salah == []


def test_python_tanpa_strftime_untuk_orang():
    """Python shows dates and decimals through sinergi.core.format; the few files that write
    machine values are listed with their reason."""
    salah = [
        f"{p.relative_to(AKAR)}:{_baris(t, m.start())}: {m.group(0)}"
        for p in PYTHON
        if str(p.relative_to(AKAR)) not in PYTHON_MESIN
        for t in [p.read_text()]
        for m in _PY.finditer(t)
    ]
    assert salah == []
