"""`sinergi load_wilayah` into an empty SQLite database, then again (idempotent re-run)."""

import csv
import sqlite3
import time
from pathlib import Path

from _util import ROOT, scratch_sqlite, sinergi

TITLE = "Loading Indonesia's regions (load_wilayah, SQLite)"
DATA = ROOT / "sinergi" / "wilayah" / "data"


def _raw_baseline(path: Path) -> float:
    """Baseline: the same 91,599 rows inserted with sqlite3.executemany into a bare table."""
    started = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE raw (kode TEXT PRIMARY KEY, nama TEXT, induk TEXT)")
    for name, parent in [
        ("provinsi.csv", None),
        ("kabupaten_kota.csv", "kode_provinsi"),
        ("kecamatan.csv", "kode_kabupaten_kota"),
        ("desa.csv", "kode_kecamatan"),
    ]:
        with (DATA / name).open(encoding="utf-8") as fh:
            rows = [
                (r["kode"], r["nama"], r[parent] if parent else None) for r in csv.DictReader(fh)
            ]
        con.executemany("INSERT INTO raw VALUES (?, ?, ?)", rows)
    con.commit()
    con.close()
    return time.perf_counter() - started


def run() -> str:
    with scratch_sqlite() as env:
        sinergi("migrate", "--noinput", env=env)
        started = time.perf_counter()
        first = sinergi("load_wilayah", env=env).stdout.strip()
        t_first = time.perf_counter() - started
        started = time.perf_counter()
        second = sinergi("load_wilayah", env=env).stdout.strip()
        t_second = time.perf_counter() - started
        started = time.perf_counter()
        sinergi("check", env=env)
        t_startup = time.perf_counter() - started
        t_raw = _raw_baseline(Path(env["SINERGI_VAR_DIR"]) / "raw.sqlite3")
    return f"""
| run | wall time | output |
| --- | ---: | --- |
| first load (empty database) | {t_first:.1f} s | {first} |
| second load (nothing to change) | {t_second:.1f} s | {second} |
| baseline: `sinergi check` (process start-up alone) | {t_startup:.1f} s | |
| baseline: raw `sqlite3.executemany` of the same rows into a bare table | {t_raw:.1f} s | |

Goal: well under a minute. Both loads include the Django start-up measured on the third row.
"""
