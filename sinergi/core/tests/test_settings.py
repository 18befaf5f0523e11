import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
ENV_CALL = re.compile(
    r"""(?:env(?:\.\w+)?|os\.environ\.get|os\.environ\.setdefault)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def _variables_read_by_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "sinergi").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names.update(ENV_CALL.findall(path.read_text()))
    names.discard("DJANGO_SETTINGS_MODULE")
    names.discard("DJANGO_ALLOW_ASYNC_UNSAFE")
    return names


def test_env_example_lists_every_variable():
    """Every environment variable the code reads is documented in .env.example."""
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    used = _variables_read_by_code()
    assert {"DATABASE_URL", "SINERGI_SECRET_KEY", "SINERGI_MODE"} <= used
    assert used - documented == set(), "add these to .env.example"


def _settings_process(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SINERGI_")}
    clean.pop("DATABASE_URL", None)
    clean.update({"SINERGI_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s;"
            "print(s.DATABASES['default']['ENGINE'], s.DEBUG, s.LANGUAGE_CODE)",
        ],
        env={**clean, "DJANGO_SETTINGS_MODULE": "sinergi.settings"},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_defaults_are_safe_for_one_machine(tmp_path):
    """Without any variable: SQLite under the var dir, debug off, Indonesian, a generated key."""
    result = _settings_process(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "False", "id"]
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_generated_key_is_kept_between_starts(tmp_path):
    """The development key is generated once and reused, so sessions survive a restart."""
    _settings_process(tmp_path)
    first = (tmp_path / "secret_key").read_text()
    _settings_process(tmp_path)
    assert (tmp_path / "secret_key").read_text() == first


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SINERGI_ALLOWED_HOSTS": "sinergi.example"}, "SINERGI_SECRET_KEY is required"),
        ({"SINERGI_SECRET_KEY": "x" * 60}, "SINERGI_ALLOWED_HOSTS is required"),
    ],
)
def test_production_refuses_to_start_without_secret_or_hosts(tmp_path, env, message):
    """Production mode stops with a message naming the missing variable."""
    result = _settings_process(tmp_path, SINERGI_MODE="production", **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_unknown_mode_is_refused(tmp_path):
    """A typo in SINERGI_MODE is an error, not a silent development mode."""
    result = _settings_process(tmp_path, SINERGI_MODE="prod")
    assert result.returncode != 0
    assert "SINERGI_MODE must be 'development' or 'production'" in result.stderr


@pytest.mark.skipif(
    "sqlite" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite pragmas only apply when the suite runs on SQLite",
)
def test_sqlite_uses_wal_and_a_busy_timeout(db):
    """The embedded database runs in WAL mode with foreign keys on and a busy timeout."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    options = connection.settings_dict["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
