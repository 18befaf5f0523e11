"""English mode is complete: no visible text in a template lives outside the translation tags.

Every template is read with Django's own lexer. Text between tags (outside `<script>`,
`<style>`, `<code>` and outside `{% blocktranslate %}`) and the visible attributes (title,
alt, placeholder, aria-label, the value of a button, the `data-*` texts sinergi.js shows) must
be empty, punctuation, a variable, or an allowlisted proper noun.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(ROOT.glob("*/locale/id/LC_MESSAGES/django.po"))
# Page and e-mail templates; a template of a script (the service worker, portal/sw.js) holds
# code, and the texts its pages show come from translated data attributes (tested there).
TEMPLATES = sorted(p for p in ROOT.glob("*/templates/**/*") if p.is_file() and p.suffix != ".js")

# Words that are the same in both languages: the product's name, institutions, laws and
# abbreviations (legal terms stay Indonesian on purpose: docs/glosarium.md), units, and the
# two language names shown in the language chooser, each in its own language.
ALLOWLIST = {
    "Sinergi",
    "API",
    "Indonesia",
    "English",
    "KPU",
    "Bawaslu",
    "IKP",
    "PKPU",
    "TPS",
    "PDF",
    "XLSX",
    "CSV",
    "ICS",
    "WhatsApp",
    "OK",
    "Email",
    "WIB",
    "WITA",
    "WIT",
    "km",
    "id",
    "en",
    "x",
}
# A visible attribute: what a person reads or a screen reader says, and the texts that
# sinergi.js shows (a confirmation, a filter box's label, a restored draft's notice).
ATRIBUT = {"title", "alt", "placeholder", "aria-label", "aria-description", "label"} | {
    "data-konfirmasi",
    "data-cari",
    "data-draf-pulih",
    "data-draf-buang",
}
KATA = re.compile(r"[^\W\d_]{2,}")


class _Teks(HTMLParser):
    """Visible text and visible attribute values of an HTML fragment (Django tags removed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.teks: list[str] = []
        self.skrip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):
            self.skrip += 1
        for nama, nilai in attrs:
            terlihat = nama in ATRIBUT
            if tag == "input" and nama == "value":
                terlihat = dict(attrs).get("type") in ("submit", "button", "reset")
            if terlihat and nilai:
                self.teks.append(nilai)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code"):
            self.skrip = max(0, self.skrip - 1)

    def handle_data(self, data):
        if not self.skrip:
            self.teks.append(data)


def teks_tak_diterjemahkan(sumber: str) -> list[str]:
    """The words of `sumber` (a template) that a person sees and no translation tag covers."""
    # A variable becomes a neutral placeholder and a block tag a space, so that the HTML parser
    # still sees whole tags and attributes in `<tr{% if x %} class="a"{% endif %}>`.
    potongan: list[str] = []
    dalam_blok = 0
    for token in Lexer(sumber).tokenize():
        if token.token_type == TokenType.BLOCK:
            kata = token.contents.split()
            nama = kata[0] if kata else ""
            if nama in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                dalam_blok += 1
            elif nama in ("endblocktranslate", "endblocktrans", "endcomment", "endverbatim"):
                dalam_blok -= 1
            potongan.append(" ")
        elif token.token_type in (TokenType.VAR, TokenType.COMMENT):
            potongan.append("\x00")
        elif not dalam_blok:
            potongan.append(token.contents)
    parser = _Teks()
    parser.feed("".join(potongan))
    parser.close()
    sisa = []
    for teks in parser.teks:
        for kata in KATA.findall(teks.replace("\x00", " ")):
            if kata not in ALLOWLIST:
                sisa.append(kata)
    return sisa


def test_scanner_finds_untranslated_text():
    """The scanner itself: it flags plain text and a visible attribute, and accepts tags,
    variables, scripts and the allowlist."""
    assert teks_tak_diterjemahkan("<p>Belum ada laporan</p>") == ["Belum", "ada", "laporan"]
    assert teks_tak_diterjemahkan('<input placeholder="Cari">') == ["Cari"]
    assert teks_tak_diterjemahkan('<form data-konfirmasi="Hapus?">') == ["Hapus"]
    assert teks_tak_diterjemahkan('<button title="{% translate "Save" %}">✓</button>') == []
    assert teks_tak_diterjemahkan("<p>{{ x }} · {% translate 'Hi' %} KPU</p>") == []
    assert teks_tak_diterjemahkan("{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}") == []
    assert teks_tak_diterjemahkan("<script nonce='{{ n }}'>var a = 'x y';</script>") == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_untranslated_text(path):
    """A template shows no text outside `{% translate %}`/`{% blocktranslate %}`."""
    sisa = teks_tak_diterjemahkan(path.read_text(encoding="utf-8"))
    assert not sisa, f"untranslated text in {path.relative_to(ROOT)}: {sorted(set(sisa))}"


def test_api_summaries_are_translatable():
    """Every API operation's summary is an English msgid (gettext_lazy), not a plain string:
    the API docs follow the reader's language like the pages."""
    polos = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in sorted(ROOT.glob("**/api*.py"))
        for n, baris in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"summary=[\"']", baris)
    ]
    assert polos == []


def test_api_docs_follow_the_language(client, settings, db):
    """The OpenAPI document is Indonesian by default and English when English is chosen."""
    ops = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/kegiatan"]["get"]
    assert ops["summary"] == "Daftar kegiatan"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["paths"]["/api/v1/kegiatan"]["get"]["summary"] == "List events"
    assert doc["info"]["description"].startswith("Sinergi API: regions, election stages")


# Words spelled the same in English and Indonesian: a catalogue entry may "translate" them to
# themselves. Anything else whose translation equals its msgid was left untranslated (or was
# written in Indonesian in the code, so English mode would show Indonesian).
SAMA = {
    "Status", "status", "Operator", "Moderator", "Agenda", "agenda", "Email", "email", "Media",
    "Media briefing", "Hotline", "Webhook", "webhook", "Portal", "Menu", "Leaflet", "Indonesia",
    "slug", "Slug", "token", "hash", "unit", "data", "No.", "TPS", "DEMO",
    "WhatsApp", "SMS", "label",
}  # fmt: skip


def _entri(po: Path) -> list[tuple[str, str, str]]:
    """(msgctxt, msgid, msgstr) of every singular entry of a catalogue."""
    hasil, cur, bagian = [], None, {}
    for baris in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not baris.strip():
            if "msgid" in bagian and "msgstr" in bagian:
                hasil.append((bagian.get("msgctxt", ""), bagian["msgid"], bagian["msgstr"]))
            cur, bagian = None, {}
        elif baris.startswith(("msgctxt ", "msgid ", "msgstr ")):
            cur, _sep, nilai = baris.partition(" ")
            bagian[cur] = ast.literal_eval(nilai)
        elif baris.startswith('"') and cur:
            bagian[cur] += ast.literal_eval(baris)
        elif not baris.startswith("#"):
            cur = None  # msgid_plural / msgstr[n]: plurals are checked by msgfmt
    return [e for e in hasil if e[1]]


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-5])
def test_no_message_is_its_own_translation(po):
    """No catalogue entry's Indonesian equals its English msgid, except words spelled the same
    in both languages and texts made only of placeholders."""
    sama = [
        msgid
        for _ctx, msgid, msgstr in _entri(po)
        if msgid == msgstr
        and msgid not in SAMA
        and re.sub(r"%\(\w+\)s|%s|\{\{[^}]*\}\}", "", msgid).strip(" —:“”.,")
    ]
    assert sama == []
