"""The production server of `sinergi up` (Granian): the very command line it starts serves the
app, writes one access-log line per request and stops on SIGTERM."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sinergi.portal.management.commands.up import alamat_dasar, server_argv

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 (http only)
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_server_argv_serves_the_app_logs_each_request_and_stops(tmp_path):
    granian = shutil.which("granian", path=os.path.dirname(sys.executable))
    assert granian, "granian is a runtime dependency (requirements.lock)"
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/server.sqlite3",
        "SINERGI_VAR_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 (our own command line)
            server_argv(granian, "127.0.0.1", str(port), workers=1, threads=2),
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(150):
                try:
                    status, body = _get(base + "/healthz")
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise AssertionError("the server did not start:\n" + log.read_text())
            assert status == 200
            assert json.loads(body) == {"status": "ok"}
            status, _body = _get(base + "/tidak-ada-halaman-ini")
            assert status == 404
            # The access-log line is written after the response is sent: wait for it (a busy
            # machine may take a moment) rather than race the shutdown below.
            for _ in range(100):
                if '"GET /tidak-ada-halaman-ini HTTP/1.1" 404' in log.read_text():
                    break
                time.sleep(0.1)
        finally:
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=40)
    text = log.read_text()
    assert code == 0, text
    assert '"GET /healthz HTTP/1.1" 200' in text
    assert '"GET /tidak-ada-halaman-ini HTTP/1.1" 404' in text


def test_links_follow_the_served_port_unless_the_base_url_is_set():
    """`make run PORT=8123` puts links to port 8123 in e-mails, not the default 8000; a set
    SINERGI_BASE_URL wins, and a server on every interface keeps the setting."""
    assert alamat_dasar("127.0.0.1", "8123", {}) == "http://127.0.0.1:8123"
    assert alamat_dasar("::1", "8123", {}) == "http://[::1]:8123"
    assert alamat_dasar("127.0.0.1", "8123", {"SINERGI_BASE_URL": "https://x.id"}) is None
    assert alamat_dasar("0.0.0.0", "8123", {}) is None  # noqa: S104
