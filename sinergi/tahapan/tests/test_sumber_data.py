"""Every shipped fact row names its source and its confidence (issue #15).

The reference data of tahapan (elections, stages, the statute's periods), regulasi (the
catalogue), pemangku (the duty matrix) and kerawanan (the frameworks) is read straight from the
files the product ships, so a row added without a source fails here before it is loaded.
"""

import csv
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYAKINAN = {"H", "M", "L"}


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _berkas() -> list[tuple[str, list[dict]]]:
    data = [
        ("tahapan/data/tahapan.csv", _csv(ROOT / "tahapan/data/tahapan.csv")),
        ("tahapan/data/pemilu.json", _json(ROOT / "tahapan/data/pemilu.json")),
        ("tahapan/data/periode_uu.json", _json(ROOT / "tahapan/data/periode_uu.json")),
        ("regulasi/data/regulasi.json", _json(ROOT / "regulasi/data/regulasi.json")),
    ]
    for p in sorted((ROOT / "pemangku/data").glob("tupoksi_*.csv")):
        data.append((f"pemangku/data/{p.name}", _csv(p)))
    for p in sorted((ROOT / "kerawanan/data").glob("*.json")):
        data.append((f"kerawanan/data/{p.name}", [_json(p)]))
    return data


@pytest.mark.parametrize(
    ("nama", "baris"), _berkas(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_every_fact_row_names_source_and_confidence(nama, baris):
    """Each row has a non-empty `sumber` and a `keyakinan` of H, M or L."""
    assert baris, nama
    tanpa = [
        r.get("kode") or r.get("slug") or f"{r.get('jenis')} {r.get('nomor')}/{r.get('tahun')}"
        for r in baris
        if not (r.get("sumber") or "").strip() or r.get("keyakinan") not in KEYAKINAN
    ]
    assert tanpa == [], f"{nama}: rows without a source or confidence: {tanpa}"


def test_below_high_confidence_says_why_in_the_duty_matrix():
    """A duty-matrix row below high confidence explains itself in `catatan`."""
    for p in (ROOT / "pemangku/data").glob("tupoksi_*.csv"):
        for r in _csv(p):
            assert r["keyakinan"] == "H" or r["catatan"].strip(), (p.name, r["kode"])


def test_duty_matrix_cites_the_right_articles():
    """Bawaslu's IKP duty cites UU 7/2017 Pasal 94 ayat (1) huruf a, not Perbawaslu 20/2018;
    KPU's socialisation duty no longer cites PKPU 9/2022 Pasal 10 (forms of participation)."""
    rows = {r["kode"]: r for r in _csv(ROOT / "pemangku/data/tupoksi_pemilu_2024.csv")}
    assert rows["bawaslu-ikp"]["pasal"].startswith("UU 7/2017 Pasal 94 ayat (1) huruf a")
    assert "20/2018" not in rows["bawaslu-ikp"]["dasar_hukum"]
    assert "Pasal 10" not in rows["kpu-sosialisasi"]["pasal"]


def test_duty_matrix_has_pilkada_stage_rows():
    """The Pilkada 2024 stages have their own duty rows (registration, campaign, voting,
    re-votes), for KPU, Bawaslu and Polri."""
    rows = _csv(ROOT / "pemangku/data/tupoksi_pilkada_2024.csv")
    assert {r["pemilu"] for r in rows} == {"pilkada-2024"}
    tahapan = {(r["jenis"], r["tahapan"]) for r in rows}
    assert {
        ("kpu", "P02.3"),
        ("bawaslu", "P02.6"),
        ("polri", "P02.13"),
        ("kpu", "P02.8"),
    } <= tahapan


def test_routing_cites_huruf_d_for_supervised_stages():
    """UU 7/2017 Pasal 93 huruf e (money politics) has no numbered items; supervision of the
    stages (voter lists, voting, logistics) is huruf d."""
    teks = (ROOT / "kejadian/data/rute_kategori.csv").read_text(encoding="utf-8")
    assert "huruf e angka" not in teks
    rows = {r["kategori"]: r for r in _csv(ROOT / "kejadian/data/rute_kategori.csv")}
    assert "Pasal 93 huruf d" in rows["hak_pilih"]["dasar_hukum"]
    assert "Pasal 93 huruf d" in rows["logistik"]["dasar_hukum"]
