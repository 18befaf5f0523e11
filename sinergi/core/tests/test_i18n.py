import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(ROOT.glob("*/locale/id/LC_MESSAGES/django.po"))


def test_every_app_with_strings_ships_indonesian():
    """The core, regions and portal apps ship an Indonesian catalogue."""
    apps = {p.parts[-5] for p in PO_FILES}
    assert {"core", "wilayah", "portal"} <= apps


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-5])
def test_catalogue_is_complete_and_compiled(po, tmp_path):
    """Every message is translated (none fuzzy) and the committed .mo matches the .po."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) is needed to check the catalogues"
    out = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603 - a fixed tool on our own files
        [msgfmt, "--check-format", "--statistics", "-o", str(out), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    assert out.read_bytes() == po.with_suffix(".mo").read_bytes(), "run `make messages`"


def test_indonesian_is_the_default_language(client, db):
    """A visitor without preferences gets Indonesian pages; English is one switch away."""
    response = client.get("/wilayah/")
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert "Wilayah Indonesia" in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/wilayah/"})
    response = client.get("/wilayah/")
    assert "Regions of Indonesia" in response.content.decode()
    translation.activate("id")


def test_browser_language_does_not_override_indonesian(client, db):
    """A phone set to English still gets Indonesian until the user picks English."""
    response = client.get("/wilayah/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Wilayah Indonesia" in response.content.decode()
    assert response.headers["Content-Language"] == "id"
