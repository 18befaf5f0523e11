"""Compact map boundaries (wilayah.batas): shared borders stored once, files kept current."""

import gzip

from sinergi.wilayah.batas import NASIONAL, TUJUAN, Tingkat, batas_build, topologi

HALUS = Tingkat(grid=0.001, toleransi=0.0001, luas_min=0)


def _persegi(kode, x0, x1):
    return {
        "type": "Feature",
        "properties": {"kode": kode, "nama": kode, "lain": 1},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[x0, 0], [x1, 0], [x1, 1], [x0, 1], [x0, 0]]],
        },
    }


def _dekode(topo):
    """What static/wilayah/batas.js does, in Python."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        titik = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            titik.append((round(x * sx + tx, 6), round(y * sy + ty, 6)))
        arcs.append(titik)

    def cincin(ids):
        out = []
        for i in ids:
            a = arcs[~i][::-1] if i < 0 else arcs[i]
            out += a[1:] if out else a
        return out

    return [
        [[cincin(c) for c in poli] for poli in g["arcs"]]
        for g in topo["objects"]["wilayah"]["geometries"]
    ]


def test_batas_bersama_disimpan_sekali():
    """Two squares sharing the edge x=1: that edge is one arc both reference (one of them
    reversed), and decoding gives back each square's corners."""
    topo = topologi(
        [_persegi("A", 0, 1), _persegi("B", 1, 2)], tingkat=HALUS, properti=("kode", "nama")
    )
    a, b = topo["objects"]["wilayah"]["geometries"]
    assert a["properties"] == {"kode": "A", "nama": "A"}
    ids_a, ids_b = a["arcs"][0][0], b["arcs"][0][0]
    bersama = {i if i >= 0 else ~i for i in ids_a} & {i if i >= 0 else ~i for i in ids_b}
    assert len(bersama) == 1
    assert len(topo["arcs"]) == 3  # A's outer side, B's outer side, the shared edge
    geo_a, geo_b = _dekode(topo)
    assert set(geo_a[0][0]) == {(0, 0), (1, 0), (1, 1), (0, 1)}
    assert set(geo_b[0][0]) == {(1, 0), (2, 0), (2, 1), (1, 1)}
    assert geo_a[0][0][0] == geo_a[0][0][-1]


def test_pulau_kecil_dibuang_kecuali_bagian_terbesar():
    """An island below the level's minimum area is dropped from a region that has a larger
    piece, but a region made only of a tiny island keeps it."""
    kecil = 0.01  # 0.0001 square degrees, below NASIONAL.luas_min
    dua = {
        "type": "Feature",
        "properties": {"kode": "A", "nama": "A"},
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [
                [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
                [[[3, 3], [3 + kecil, 3], [3 + kecil, 3 + kecil], [3, 3 + kecil], [3, 3]]],
            ],
        },
    }
    pulau = {
        "type": "Feature",
        "properties": {"kode": "B", "nama": "B"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[5, 5], [5.05, 5], [5.05, 5.05], [5, 5.05], [5, 5]]],
        },
    }
    topo = topologi([dua, pulau], tingkat=NASIONAL, properti=("kode", "nama"))
    a, b = topo["objects"]["wilayah"]["geometries"]
    assert len(a["arcs"]) == 1 and len(b["arcs"]) == 1


def test_berkas_statis_sesuai_sumber(tmp_path):
    """The committed files are what `sinergi build_batas` makes from data/batas/ (rebuild and
    commit them after changing the source), one per province, each small once compressed."""
    ukuran = batas_build(tujuan=tmp_path)
    assert len(ukuran) == 39
    for nama in ukuran:
        baru = (tmp_path / nama).read_bytes()
        assert (TUJUAN / nama).read_bytes() == baru, f"{nama}: run `sinergi build_batas`"
        assert len(gzip.compress(baru)) < 40_000
