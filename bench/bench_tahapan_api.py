"""Stage list API vs the bare /healthz view, same server (Granian, as `sinergi up`), same run.

`GET /api/v1/pemilu/pemilu-2024/tahapan?aktif_pada=...` (varying over several days, so the
cache serves many keys) against `/healthz`, a bare Django JSON view. The load generator is light
on CPU: a few threads of keep-alive raw sockets with pre-built requests (or `wrk` if installed).
"""

import contextlib
import re
import shutil
import socket
import statistics
import subprocess
import threading
import time
import urllib.request

from _util import scratch_sqlite, server, sinergi

TITLE = "Stage list API vs bare view (tahapan_api)"
DURATION = 3.0
ROUNDS = 7
THREADS = 4
DATES = ["2022-12-10", "2023-06-21", "2023-11-28", "2024-02-14", "2024-03-20", "2022-12-14"]


def _paths_tahapan() -> list[str]:
    return [f"/api/v1/pemilu/pemilu-2024/tahapan?aktif_pada={d}" for d in DATES]


def _read_response(sock: socket.socket, buf: bytes) -> tuple[int, bytes]:
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    status = int(head[9:12])
    m = re.search(rb"(?i)content-length:\s*(\d+)", head)
    length = int(m.group(1)) if m else 0
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        rest += chunk
    return status, rest[length:]


def _worker(host: str, port: int, requests: list[bytes], stop: float, out: list) -> None:
    done = errors = 0
    sock = None
    buf = b""
    i = 0
    while time.perf_counter() < stop:
        if sock is None:
            sock = socket.create_connection((host, port))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            buf = b""
        try:
            sock.sendall(requests[i % len(requests)])
            status, buf = _read_response(sock, buf)
        except (ConnectionError, OSError):
            with contextlib.suppress(OSError):
                sock.close()
            sock = None
            errors += 1
            continue
        i += 1
        if status == 200:
            done += 1
        else:
            errors += 1
    if sock is not None:
        sock.close()
    out.append((done, errors))


def _python_load(base: str, paths: list[str]) -> tuple[float, int]:
    host, port = base.split("//", 1)[1].split(":")
    requests = [
        f"GET {p} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: keep-alive\r\n\r\n".encode()
        for p in paths
    ]
    out: list = []
    stop = time.perf_counter() + DURATION
    threads = [
        threading.Thread(target=_worker, args=(host, int(port), requests, stop, out))
        for _ in range(THREADS)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - started
    return sum(d for d, _ in out) / took, sum(e for _, e in out)


def _wrk_load(base: str, paths: list[str]) -> tuple[float, int]:
    # wrk takes one URL; use the first path (the cache makes every date equally cheap)
    proc = subprocess.run(
        ["wrk", "-t2", f"-c{THREADS * 2}", f"-d{int(DURATION)}s", base + paths[0]],
        capture_output=True,
        text=True,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", proc.stdout).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", proc.stdout)
    return rate, int(non2xx.group(1)) if non2xx else 0


def run() -> str:
    load = _wrk_load if shutil.which("wrk") else _python_load
    tool = "wrk" if load is _wrk_load else f"{THREADS} threads of keep-alive raw sockets"
    with scratch_sqlite() as env:
        sinergi("migrate", "--noinput", env=env)
        sinergi("load_tahapan", env=env)
        with server(env) as base:
            # warm up both paths (imports, first queries, cache fill in each worker)
            for p in ["/healthz", *_paths_tahapan()] * 8:
                urllib.request.urlopen(base + p, timeout=10).read()
            healthz, tahapan, errors = [], [], 0
            for _ in range(ROUNDS):
                rate, err = load(base, ["/healthz"])
                healthz.append(rate)
                errors += err
                rate, err = load(base, _paths_tahapan())
                tahapan.append(rate)
                errors += err
    h, t = statistics.median(healthz), statistics.median(tahapan)
    # each round measures both endpoints back to back: the median of the per-round ratios is
    # robust against other load on the machine drifting between rounds
    ratio = statistics.median(b / a for a, b in zip(healthz, tahapan, strict=True) if a)
    rounds_h = ", ".join(f"{x:,.0f}" for x in healthz)
    rounds_t = ", ".join(f"{x:,.0f}" for x in tahapan)
    verdict = "meets" if ratio >= 0.70 else "misses"
    return f"""
Server: `bench/_util.server` (Granian as `sinergi up`, 2 workers x 4 threads, production
settings, SQLite, default per-process cache). Load: {tool}, {DURATION:.0f} s per measurement,
{ROUNDS} rounds, each measuring both endpoints back to back; the table gives the medians. The stage
endpoint cycles through {len(DATES)} different `aktif_pada` dates.

| endpoint | requests/s (median) | rounds |
| --- | ---: | --- |
| `GET /healthz` (baseline: bare Django JSON view) | {h:,.0f} | {rounds_h} |
| `GET /api/v1/pemilu/pemilu-2024/tahapan?aktif_pada=...` | {t:,.0f} | {rounds_t} |

Ratio (median of the per-round ratios): **{ratio:.0%}** of the bare view's throughput
({verdict} the goal of at least 70%).
Failed or non-200 responses: {errors}. The client runs on the same machine as the server, so
both numbers are lower than on a dedicated load machine; the ratio is what matters.

Why it is close to the bare view: the serialized JSON page is cached (Django cache) under a key
made of the data version, the election, the reference date and the parameters; services bump
the version on every write. A cache hit runs no query; a miss runs three (version-independent
list query with the parent code annotated, no N+1).
"""
