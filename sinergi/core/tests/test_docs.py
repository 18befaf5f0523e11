"""Docs that cannot rot: links resolve, commands exist, documented endpoints are real."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_relative_links_resolve(doc):
    """Every relative link and image in the README and docs/ points at a file that exists."""
    missing = [
        target
        for target in LINK.findall(doc.read_text())
        if "://" not in target and not (doc.parent / target).exists()
    ]
    assert missing == []


def test_readme_commands_exist_in_the_makefile():
    """The README's two commands, and the others it names, are Makefile targets."""
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.M))
    named = set(re.findall(r"`make ([a-z-]+)", (ROOT / "README.md").read_text()))
    named |= set(re.findall(r"^make ([a-z-]+)", (ROOT / "README.md").read_text(), re.M))
    assert {"run", "test"} <= named
    assert named <= targets


def test_ci_runs_the_readme_test_command():
    """CI calls `make test`, the README's test command."""
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_documented_api_paths_exist():
    """Every `GET /api/v1/...` path in docs/api.md is an operation of the OpenAPI schema."""
    from sinergi.api import api

    paths = set(api.get_openapi_schema()["paths"])
    documented = re.findall(
        r"`(?:GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`?\s]*)", (ROOT / "docs" / "api.md").read_text()
    )
    assert documented
    assert [p for p in documented if p not in paths] == []
