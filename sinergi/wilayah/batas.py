"""Compact map boundaries: TopoJSON built from the shipped GeoJSON (`data/batas/`).

The source files are 2.4 MB (provinces) and 3.5 MB (regencies): too much for a phone on a slow
connection. `build_batas` writes, once, into `static/wilayah/batas/`:

- `provinsi.json`: the 38 provinces for the national view;
- `kabupaten_kota/<kode provinsi>.json`: the regencies of one province, for a province's view.

Each is a TopoJSON topology: coordinates snapped to a grid (integers, delta-encoded), every border
stored once as an arc that both neighbours reference (so simplifying it cannot open gaps between
them), arcs simplified (Douglas-Peucker) to what the map can show at that level, and islands
smaller than a few pixels dropped (never a region's largest piece). `static/wilayah/batas.js`
turns a topology back into GeoJSON for Leaflet.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

SUMBER = Path(__file__).resolve().parent / "data" / "batas"
TUJUAN = Path(__file__).resolve().parent / "static" / "wilayah" / "batas"

Titik = tuple[int, int]


@dataclass(frozen=True)
class Tingkat:
    """How fine one map level is, in degrees (0.01° is about 1.1 km)."""

    grid: float
    toleransi: float  # Douglas-Peucker distance
    luas_min: float  # square degrees; smaller islands and holes are dropped


# The national view is drawn at zoom 4-6 (about 0.02-0.09° per pixel); a province's regencies
# at zoom 7-9 (about 0.003-0.01° per pixel).
NASIONAL = Tingkat(grid=0.01, toleransi=0.03, luas_min=0.005)
PROVINSI = Tingkat(grid=0.001, toleransi=0.004, luas_min=0.0002)


def _cincin(fitur: dict) -> list[list[list[list[float]]]]:
    geom = fitur["geometry"]
    return geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]


def _luas(cincin: list[Titik]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(cincin)) / 2)


def _sederhanakan(titik: list[Titik], toleransi: float) -> list[Titik]:
    """Douglas-Peucker that keeps both ends (an arc's ends are junctions shared with others)."""
    if len(titik) <= 2:
        return titik
    if titik[0] == titik[-1]:
        # A closed ring: cut it at its farthest point from the start, simplify both halves.
        jauh = max(
            range(len(titik)),
            key=lambda i: (titik[i][0] - titik[0][0]) ** 2 + (titik[i][1] - titik[0][1]) ** 2,
        )
        if jauh in (0, len(titik) - 1):
            return titik
        a = _sederhanakan(titik[: jauh + 1], toleransi)
        b = _sederhanakan(titik[jauh:], toleransi)
        return a + b[1:]
    simpan = [False] * len(titik)
    simpan[0] = simpan[-1] = True
    tumpuk = [(0, len(titik) - 1)]
    t2 = toleransi * toleransi
    while tumpuk:
        awal, akhir = tumpuk.pop()
        (x1, y1), (x2, y2) = titik[awal], titik[akhir]
        dx, dy = x2 - x1, y2 - y1
        d2 = dx * dx + dy * dy
        terbesar, indeks = -1.0, -1
        for i in range(awal + 1, akhir):
            px, py = titik[i]
            if d2 == 0:
                jarak = (px - x1) ** 2 + (py - y1) ** 2
            else:
                silang = (px - x1) * dy - (py - y1) * dx
                jarak = silang * silang / d2
            if jarak > terbesar:
                terbesar, indeks = jarak, i
        if terbesar > t2:
            simpan[indeks] = True
            tumpuk += [(awal, indeks), (indeks, akhir)]
    return [p for p, s in zip(titik, simpan, strict=True) if s]


def topologi(fitur: list[dict], *, tingkat: Tingkat, properti: tuple[str, ...]) -> dict:
    """One TopoJSON topology (object `wilayah`, every geometry a MultiPolygon) for `fitur`."""
    g = tingkat.grid
    semua = [p for f in fitur for poli in _cincin(f) for c in poli for p in c]
    x0 = min(p[0] for p in semua)
    y0 = min(p[1] for p in semua)

    # 1. Snap to the grid, drop repeated points and islands too small to see.
    bentuk: list[list[list[list[Titik]]]] = []
    for f in fitur:
        polis = []
        for poli in _cincin(f):
            cincin = []
            for c in poli:
                q: list[Titik] = []
                for lng, lat in c:
                    p = (round((lng - x0) / g), round((lat - y0) / g))
                    if not q or q[-1] != p:
                        q.append(p)
                if q[0] != q[-1]:
                    q.append(q[0])
                if len(q) >= 4:
                    cincin.append(q)
            if cincin:
                polis.append(cincin)
        terbesar = max(polis, key=lambda p: _luas(p[0]), default=None)
        batas = tingkat.luas_min / (g * g)
        polis = [
            [p[0], *(h for h in p[1:] if _luas(h) >= batas)]
            for p in polis
            if p is terbesar or _luas(p[0]) >= batas
        ]
        bentuk.append(polis)

    # 2. Junctions: points where the neighbouring points differ between the rings using them.
    tetangga: dict[Titik, set[frozenset]] = {}
    for polis in bentuk:
        for poli in polis:
            for c in poli:
                t = c[:-1]
                for i, p in enumerate(t):
                    tetangga.setdefault(p, set()).add(frozenset((t[i - 1], t[(i + 1) % len(t)])))
    simpul = {p for p, s in tetangga.items() if len(s) > 1}

    # 3. Cut rings at the junctions into arcs; an arc seen before (either way round) is reused.
    busur: list[list[Titik]] = []
    indeks: dict[tuple[Titik, ...], int] = {}

    def busur_id(urutan: list[Titik]) -> int:
        kunci = tuple(urutan)
        if kunci in indeks:
            return indeks[kunci]
        if kunci[::-1] in indeks:
            return ~indeks[kunci[::-1]]
        indeks[kunci] = len(busur)
        busur.append(_sederhanakan(urutan, tingkat.toleransi / g))
        return indeks[kunci]

    geometri = []
    for f, polis in zip(fitur, bentuk, strict=True):
        arcs = []
        for poli in polis:
            cincin_arcs = []
            for c in poli:
                t = c[:-1]
                potong = [i for i, p in enumerate(t) if p in simpul]
                mulai = potong[0] if potong else t.index(min(t))
                t = t[mulai:] + t[:mulai]
                if not potong:
                    cincin_arcs.append([busur_id([*t, t[0]])])
                    continue
                titik_potong = [i for i, p in enumerate(t) if p in simpul] + [len(t)]
                t = [*t, t[0]]
                cincin_arcs.append(
                    [busur_id(t[a : b + 1]) for a, b in itertools.pairwise(titik_potong)]
                )
            arcs.append(cincin_arcs)
        geometri.append(
            {
                "type": "MultiPolygon",
                "arcs": arcs,
                "properties": {k: f["properties"][k] for k in properti},
            }
        )

    def delta(urutan: list[Titik]) -> list[list[int]]:
        hasil, px, py = [], 0, 0
        for x, y in urutan:
            hasil.append([x - px, y - py])
            px, py = x, y
        return hasil

    return {
        "type": "Topology",
        "transform": {"scale": [g, g], "translate": [round(x0, 6), round(y0, 6)]},
        "objects": {"wilayah": {"type": "GeometryCollection", "geometries": geometri}},
        "arcs": [delta(b) for b in busur],
    }


def _tulis(path: Path, data: dict) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    teks = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(teks, encoding="utf-8")
    return len(teks.encode())


def batas_build(*, sumber: Path = SUMBER, tujuan: Path = TUJUAN) -> dict[str, int]:
    """Write the national province map and one regency map per province; returns file → bytes."""
    provinsi = json.loads((sumber / "provinsi.geojson").read_text(encoding="utf-8"))["features"]
    kab = json.loads((sumber / "kabupaten_kota.geojson").read_text(encoding="utf-8"))["features"]
    ukuran = {
        "provinsi.json": _tulis(
            tujuan / "provinsi.json",
            topologi(provinsi, tingkat=NASIONAL, properti=("kode", "nama")),
        )
    }
    for p in sorted(provinsi, key=lambda f: f["properties"]["kode"]):
        kode = p["properties"]["kode"]
        anak = [f for f in kab if f["properties"]["kode_provinsi"] == kode]
        nama = f"kabupaten_kota/{kode}.json"
        ukuran[nama] = _tulis(
            tujuan / nama, topologi(anak, tingkat=PROVINSI, properti=("kode", "nama"))
        )
    return ukuran
