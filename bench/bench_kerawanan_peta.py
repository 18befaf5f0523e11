"""Scores and map data for all 514 regencies: server time of the map endpoints and page."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from _util import ROOT, jalankan_worker, scratch_sqlite, sinergi

TITLE = "Vulnerability map: scores for all 514 regencies (kerawanan)"
URLS = [
    ("map data, 514 regencies", "/kerawanan/ikp-2024/peta.json?tingkat=kabupaten_kota"),
    (
        "map data, 38 provinces (aggregate approach)",
        "/kerawanan/ikp-2024/peta.json?tingkat=provinsi&pendekatan=agregat",
    ),
    (
        "API scores, 514 regencies (limit 500)",
        "/api/v1/kerawanan/kerangka/ikp-2024/skor?tingkat=kabupaten_kota&limit=500",
    ),
    ("map page with ranking and both approaches", "/kerawanan/ikp-2024/"),
    ("baseline: /healthz", "/healthz"),
]


def _worker() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    import django

    django.setup()
    import random
    from decimal import Decimal

    from django.test import Client

    from sinergi.kerawanan import services
    from sinergi.kerawanan import skor as mesin
    from sinergi.kerawanan.models import Kerangka, Penilaian
    from sinergi.wilayah.models import Wilayah

    services.muat_referensi()
    k = Kerangka.objects.get(slug="ikp-2024")
    if not Penilaian.objects.exists():
        s = mesin.struktur(k)
        rng = random.Random(1)
        for w in Wilayah.objects.filter(tingkat__in=["provinsi", "kabupaten_kota"]):
            nilai = {i.kode: Decimal(f"{rng.uniform(0, 100):.2f}") for i in s.indikator}
            services.penilaian_simpan(
                pelaku=None,
                kerangka=k,
                wilayah=w,
                periode="2024",
                nilai=nilai,
                kerahasiaan="PUBLIC",
                struktur=s,
            )
    c = Client()
    hasil = []
    for nama, url in URLS:
        c.get(url, HTTP_HOST="127.0.0.1")  # warm-up
        times = []
        for _ in range(15):
            mulai = time.perf_counter()
            r = c.get(url, HTTP_HOST="127.0.0.1")
            times.append((time.perf_counter() - mulai) * 1000)
        assert r.status_code == 200, (url, r.status_code)
        hasil.append((nama, url, statistics.median(times), max(times), len(r.content)))
    print(json.dumps(hasil))


def run() -> str:
    with scratch_sqlite() as env:
        env = {**env, "SINERGI_DEBUG": "false"}
        sinergi("migrate", "--noinput", env=env)
        sinergi("load_wilayah", env=env)
        sinergi("collectstatic", "--noinput", env=env)
        hasil = jalankan_worker(__file__, env)
    rows = "\n".join(
        f"| {n} | `{u}` | {med:.0f} ms | {mx:.0f} ms | {size / 1024:.0f} KiB |"
        for n, u, med, mx, size in hasil
    )
    return f"""
552 public assessments (38 provinces + 514 regencies, synthetic values), SQLite, requests
through Django's test client in one process (server time: middleware, view, queries,
rendering; no network). Median and worst of 15 requests after one warm-up.

| request | URL | median | worst | size |
| --- | --- | ---: | ---: | ---: |
{rows}

Goal: under 300 ms server time for the scores and map data of all 514 regencies. The
boundaries themselves (`static/wilayah/batas/`, 22 KB gzipped for the provinces, 1-10 KB per
province's regencies) are static files served by WhiteNoise and cached by the browser; they are
not part of this time (see "Maps on slow 3G").
"""


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "worker":
    _worker()
