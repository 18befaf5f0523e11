"""Server time of the signed-in lists on the demo: the event list against the other lists."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from _util import ROOT, demo_sqlite, jalankan_worker

TITLE = "Signed-in lists on the demo: server time (kegiatan and the other lists)"
PENGGUNA = [
    ("KPU Kabupaten Madiun operator", "operator.kpu.madiun@demo.sinergi.local"),
    ("KPU Provinsi Jawa Timur operator", "operator.kpu.jatim@demo.sinergi.local"),
    ("system administrator", "admin.sistem@demo.sinergi.local"),
]
URLS = ["/kegiatan/", "/api/v1/kegiatan?limit=50", "/tindak-lanjut/", "/kejadian/", "/healthz"]
ULANG = 15


def _worker() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sinergi.akses.models import User

    hasil = []
    for label, email in PENGGUNA:
        c = Client(HTTP_HOST="127.0.0.1")
        c.force_login(User.objects.get(email=email))
        for url in URLS:
            c.get(url)  # warm-up
            waktu = []
            for _ in range(ULANG):
                mulai = time.perf_counter()
                with CaptureQueriesContext(connection) as q:
                    r = c.get(url)
                waktu.append((time.perf_counter() - mulai) * 1000)
            assert r.status_code == 200, (url, r.status_code)
            hasil.append((label, url, statistics.median(waktu), max(waktu), len(q)))
    print(json.dumps(hasil))


def run() -> str:
    with demo_sqlite() as env:
        hasil = jalankan_worker(__file__, env)
    rows = "\n".join(
        f"| {label} | `{url}` | {med:.0f} ms | {mx:.0f} ms | {n} |"
        for label, url, med, mx, n in hasil
    )
    return f"""
The demo database (`sinergi up --demo`, SQLite; the seed event has 161 invitations and 139
attendances), requests through Django's test client in one process (server time:
middleware, view, queries, rendering; no network). Median and worst of {ULANG} requests after
one warm-up; `/healthz` is the baseline.

| user | URL | median | worst | queries |
| --- | --- | ---: | ---: | ---: |
{rows}

Before the event list counted invitations and attendances with subqueries (issue #17),
`/kegiatan/` took 494 ms for the KPU Kabupaten Madiun operator and 465 ms for the KPU Jawa
Timur operator on this data (one query: invitations x attendances joined, then grouped), while
the other lists took 17-37 ms (same client, measured on a quieter machine: compare the ratio,
about 15x then and on par now).
"""


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "worker":
    _worker()
