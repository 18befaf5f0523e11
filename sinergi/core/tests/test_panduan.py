"""The user guide is for civil servants: Indonesian, its links and screenshots resolve."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
AREAS = [
    "tahapan",
    "pemangku",
    "kegiatan",
    "komunikasi",
    "kerawanan",
    "kejadian",
    "kanal",
    "peringatan",
    "tindak_lanjut",
    "akun",
]
GUIDES = [DOCS / "panduan.md", *(DOCS / "panduan" / f"{area}.md" for area in AREAS)]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
# Words that only English running text has; Indonesian never uses them.
ENGLISH = ("the", "and", "you", "your", "with", "this", "that", "is", "are", "of", "to")


def _running_text(text: str) -> str:
    """The prose of a Markdown page: no code blocks, code spans, link targets or URLs."""
    text = re.sub(r"^( {4}|\t).*$", "", text, flags=re.M)  # indented code blocks
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", "", text)
    return text.replace("(English)", "")


def test_every_area_has_its_guide_and_no_guide_is_left_unchecked():
    """docs/panduan/ holds exactly one guide per area, all of them checked below."""
    assert sorted(p.name for p in (DOCS / "panduan").glob("*.md")) == sorted(
        f"{area}.md" for area in AREAS
    )


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_exists_and_links_resolve(guide):
    """Each guide exists and every relative link and image in it points at a file."""
    missing = [
        target
        for target in LINK.findall(guide.read_text())
        if "://" not in target and not (guide.parent / target).exists()
    ]
    assert missing == []


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_is_written_in_indonesian(guide):
    """No English marker word appears in the guide's running text (code and links aside)."""
    words = re.findall(r"[A-Za-z]+", _running_text(guide.read_text()).lower())
    assert sorted({w for w in words if w in ENGLISH}) == []


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_shows_screenshots_made_by_the_script(guide):
    """Each guide shows at least one screenshot, and every one is in docs/img/panduan/."""
    images = [(guide.parent / src).resolve() for src in IMAGE.findall(guide.read_text())]
    assert images
    folder = (DOCS / "img" / "panduan").resolve()
    assert [i for i in images if i.parent != folder or not i.exists()] == []


@pytest.mark.parametrize("area", AREAS)
def test_area_guide_ends_with_its_technical_reference(area):
    """Each area guide's last line points at the English technical page."""
    last = (DOCS / "panduan" / f"{area}.md").read_text().strip().splitlines()[-1]
    assert last.startswith("Referensi teknis (English): [../")
    target = re.search(r"\]\(([^)]+)\)", last).group(1)
    assert (DOCS / "panduan" / target).exists()


def test_screenshot_script_only_writes_what_the_guides_use():
    """Every screenshot the script makes is shown by some guide (no orphan images)."""
    script = (DOCS / "tangkapan_layar.py").read_text()
    names = set(re.findall(r'^\s+\("([a-z_]+)",', script, flags=re.M))
    used = {Path(src).stem for guide in GUIDES for src in IMAGE.findall(guide.read_text())}
    assert names
    assert sorted(names - used) == []
    assert sorted(used - names) == []
