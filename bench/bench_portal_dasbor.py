"""The staff dashboard (`/dasbor/`) on the East Java demo, server time per request.

A scratch SQLite database is set up as `sinergi up --demo --no-serve` does (regions, reference
data, the demo). Then, in one process, Django's test client requests `/dasbor/` 60 times for
each of four demo users (a regency KPU operator, a provincial KPU coordinator, a provincial
Bawaslu analyst, the system administrator) after one warm-up, next to `/healthz` (no database,
no template) measured the same way in the same run. Goal (issue 14): p95 under 150 ms.
"""

from __future__ import annotations

import json
import os
import sys
import time

from _util import ROOT, demo_sqlite, jalankan_worker, ukur_ms

TITLE = "Staff dashboard on the demo (portal, SQLite)"
ULANG = 60
PENGGUNA = [
    ("operator.kpu.madiun@demo.sinergi.local", "KPU Kabupaten Madiun, operator"),
    ("koordinator.kpu.jatim@demo.sinergi.local", "KPU Provinsi Jawa Timur, coordinator"),
    ("analis.bawaslu.jatim@demo.sinergi.local", "Bawaslu Provinsi Jawa Timur, analyst"),
    ("admin.sistem@demo.sinergi.local", "KPU RI, system administrator"),
]


def _worker() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sinergi.akses.models import User

    hasil: dict = {"pengguna": []}
    client = Client(HTTP_HOST="localhost")

    def sehat():
        assert client.get("/healthz").status_code == 200

    hasil["baseline"] = ukur_ms(sehat, ULANG)
    for email, label in PENGGUNA:
        client.force_login(User.objects.get(email=email))

        def dasbor():
            assert client.get("/dasbor/").status_code == 200

        m = ukur_ms(dasbor, ULANG)
        with CaptureQueriesContext(connection) as ctx:
            dasbor()
        m.update(label=label, query=len(ctx.captured_queries))
        hasil["pengguna"].append(m)
    print(json.dumps(hasil))


def run() -> str:
    try:
        mulai = time.perf_counter()
        with demo_sqlite() as env:
            siap = time.perf_counter() - mulai
            h = jalankan_worker(__file__, env)
    except Exception as exc:  # report, do not hide, a failed set-up
        detail = getattr(exc, "stderr", "") or ""
        return f"Not measured: {exc} {detail[-2000:]}"

    def baris(nama, m, q="-"):
        return f"| {nama} | {q} | {m['p50']:.1f} ms | {m['p95']:.1f} ms | {m['maks']:.1f} ms |"

    rows = "\n".join(baris(m["label"], m, m["query"]) for m in h["pengguna"])
    return f"""
Database: SQLite, `sinergi up --demo --no-serve` ({siap:.0f} s). Server time of one request
through Django's test client (middleware, session, view, template), {ULANG} repetitions after
one warm-up, in one process.

| request | queries | p50 | p95 | max |
| --- | ---: | ---: | ---: | ---: |
{baris("baseline: `/healthz`", h["baseline"])}
{rows}

Goal: p95 under 150 ms for every user.
"""


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "worker":
    _worker()
