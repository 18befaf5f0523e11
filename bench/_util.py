"""Shared helpers for benchmarks: machine facts, a scratch database, a real server."""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def machine_summary() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Machine: {cpu}, {os.cpu_count()} cores{mem}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}. Date: {now}."
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sinergi(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run `sinergi ARGS` with the given environment additions."""
    return subprocess.run(
        [str(VENV_BIN / "sinergi"), *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=check,
        capture_output=True,
        text=True,
    )


@contextlib.contextmanager
def scratch_sqlite():
    """A DATABASE_URL for a throwaway SQLite file (and its var dir)."""
    with tempfile.TemporaryDirectory(prefix="sinergi-bench-") as tmp:
        yield {
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "SINERGI_VAR_DIR": tmp,
        }


@contextlib.contextmanager
def server(env: dict, *, workers: int = 2, threads: int = 4, log=subprocess.DEVNULL):
    """The server of `sinergi up` (Granian, the same command line) on a free port (its
    access log, one line per request, goes to `log`)."""
    sys.path.insert(0, str(ROOT))
    from sinergi.portal.management.commands.up import server_argv

    port = free_port()
    proc = subprocess.Popen(
        server_argv(str(VENV_BIN / "granian"), "127.0.0.1", str(port), workers, threads),
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to 30 s: the machine is shared
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("the benchmark server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=40)


def pids_matching(*parts: str) -> list[int]:
    """Processes whose command line holds every one of `parts` (e.g. a server's port)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if all(p in cmd for p in parts):
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: list[int], *, reaped_children: bool = False) -> float:
    """User + system CPU seconds used so far by these processes (gone ones count 0); with
    `reaped_children`, also what their children that exited used (a server's recycled
    workers or connections)."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
            if reaped_children:
                ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """CPU seconds used so far by the local PostgreSQL: its live processes, and through the
    postmaster's reaped-children times the backends that already exited (Django closes a
    connection after `CONN_MAX_AGE`, so backends come and go during a long run)."""
    return cpu_seconds(pids_matching("postgres:")) + cpu_seconds(
        pids_matching("bin/postgres", " -D "), reaped_children=True
    )


def manage(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `manage.py ARGS` of this checkout (the `sinergi` console script may point at
    another one)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=True,
        capture_output=True,
        text=True,
    )


DEMO_SANDI = "sandi-bench-12345"


@contextlib.contextmanager
def demo_sqlite():
    """A throwaway SQLite database with what `sinergi up --demo` sets up (migrations, static
    files collected and compressed, reference data, the East Java demo); every demo user's
    password is DEMO_SANDI."""
    with scratch_sqlite() as env:
        env = {**env, "SINERGI_DEBUG": "false"}
        manage("up", "--demo", "--no-serve", env=env)
        manage(
            "shell",
            "-c",
            "from sinergi.akses.models import User\n"
            "for u in User.objects.filter(email__endswith='@demo.sinergi.local'):\n"
            f"    u.set_password({DEMO_SANDI!r}); u.save(update_fields=['password'])",
            env=env,
        )
        yield env


def persentil(xs: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `xs`."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def ukur_ms(fn, n: int) -> dict:
    """Call `fn` once to warm up, then `n` times: p50, p95 and max in milliseconds."""
    import statistics

    fn()
    waktu = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        waktu.append((time.perf_counter() - t) * 1000)
    return {"p50": statistics.median(waktu), "p95": persentil(waktu, 95), "maks": max(waktu)}


def jalankan_worker(script: str, env: dict) -> dict:
    """Run `script worker` (a benchmark's measuring half, in its own process with `env`) and
    return the JSON it prints last."""
    import json

    out = subprocess.run(
        [sys.executable, script, "worker"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def baca_wrk(out: str) -> dict:
    """What `wrk --latency` printed: requests/s, total requests, non-2xx/3xx answers and the
    p50/p90/p99 latencies in milliseconds."""
    hasil: dict = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    hasil["total"] = int(re.search(r"(\d+) requests in", out).group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    hasil["non2xx"] = int(m.group(1)) if m else 0
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        nilai, unit = float(m.group(1)), m.group(2)
        hasil[f"p{pct}"] = nilai / 1000 if unit == "us" else nilai * 1000 if unit == "s" else nilai
    return hasil
