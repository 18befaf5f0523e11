"""The PostgreSQL path of the TPS survey import: COPY into a staging table, check in SQL.

0. The usual file (plain CSV, header in checklist order, every cell 0 or 1) first tries the
   fast path (`Ringkas`): each line whole into a one-column staging table, then one
   `INSERT … SELECT` that splits, checks, builds the bit set and joins the registry. If any row
   does not pass, that is rolled back and the general path below runs.
1. The file goes into an UNLOGGED staging table (one text column per file column, plus the row
   number a person sees in Excel) with `COPY`: a plain CSV (no quote characters) is streamed
   as bytes, the row number coming from an identity column; XLSX files and quoted CSV are read
   row by row (streaming) and written with their row numbers.
2. One `INSERT … SELECT` joins the staging rows to the TPS registry, computes the indicator
   bit set, points and category, and writes the findings of every row that passes the fast
   checks; the same statement counts the rows that did not. Any such row (or a duplicate
   caught by the unique index) rolls the insert back to its savepoint, and the detailed pass
   runs: whitespace trimmed, old codes mapped through the crosswalk table (`KodeLama`), and one
   query returns the failing rows (unknown or out-of-area village, bad number, TPS not in the
   registry, duplicate TPS with the first row, values other than 0/1) for the report.
3. Counts per district, regency, province and nation: one `GROUP BY ROLLUP` over code
   prefixes. Everything happens in the caller's transaction: on any error nothing is written.

The SQLite path (services.impor_survei_tps) gives the same results and the same messages.
"""

from __future__ import annotations

import logging
import math
import mmap
from decimal import Decimal
from pathlib import Path

import psycopg
from django.db import DatabaseError, IntegrityError, connection, transaction

from sinergi.kerawanan.models import RekapTPS, TemuanTPS
from sinergi.kerawanan.services import KATEGORI_TPS
from sinergi.kerawanan.tabel import Tabel
from sinergi.wilayah.models import TPS, KodeLama, Wilayah

logger = logging.getLogger("sinergi.kerawanan")
SKALA = 10000  # weights have 4 decimals: points are summed as integers of 1/10000


class _Tolak(Exception):
    """Rows that failed the fast checks: run the detailed pass."""


def _csv_polos(path: Path, tanpa: tuple[bytes, ...] = (b'"',)) -> bool:
    """A CSV with none of these bytes (by default no quote character: one record per line,
    safe to stream to COPY as is)."""
    if path.stat().st_size == 0:
        return False
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as m:
        return all(m.find(b) < 0 for b in tanpa)


def _tulis_temuan(cur, sumber: str, params: list, *, jumlah: int, bands, presisi: int) -> None:
    """Insert the findings selected by `sumber` (columns tps_id, kode, bits, poin in 1/10000;
    its `%s` parameters after the survey id's); raise `_Tolak` unless there is one per row
    loaded (the savepoint undoes the insert) or if a TPS is listed twice."""
    sql = f"""
        INSERT INTO {TemuanTPS._meta.db_table}
            (survei_id, tps_id, kode_desa, indikator_bits, skor, kategori)
        SELECT %s, tps_id, kode, bits, poin * 0.0001, {Staging._kategori(bands, presisi)}
        FROM ({sumber}) p
    """  # noqa: S608
    try:
        with transaction.atomic():
            # the fresh staging table has few statistics: keep the planner on a hash join
            cur.execute(
                "SET LOCAL work_mem = '256MB'; SET LOCAL enable_nestloop = off; "
                "SET LOCAL enable_mergejoin = off; SET LOCAL jit = off"
            )
            cur.execute(sql, params)
            if cur.rowcount != jumlah:
                raise _Tolak
    except IntegrityError:  # a TPS listed twice
        raise _Tolak from None


class Ringkas:
    """The fast path for the usual file: a plain CSV whose header is exactly `kode_desa`,
    `nomor_tps` and the indicator codes in checklist order, every cell 0 or 1.

    Each line goes whole into a one-column staging table (`COPY` in text format with a
    delimiter the file does not contain: no per-column parsing); one `INSERT … SELECT` splits
    it, checks the cells with one string comparison per row, turns them into the bit set with a
    `bit(n)` cast, joins the registry and writes the findings. Any row that does not pass
    (blank cells, spaces, old codes, unknown TPS, duplicates, a short line …) raises `_Tolak`:
    the caller rolls this back and runs the general path, which reports or cleans.
    """

    TANPA = (b'"', b"\\", b"\x01")

    def __init__(self, nama: str, indikator: list):
        self.nama = f"{nama}_r"
        self.n = len(indikator)
        self.bobot = [int(i.bobot * SKALA) for i in indikator]

    @classmethod
    def cocok(cls, tabel: Tabel, path: Path, kode_indikator: list[str]) -> bool:
        return (
            path.suffix.lower() == ".csv"
            and tabel.header == ["kode_desa", "nomor_tps", *kode_indikator]
            and 0 < len(kode_indikator) <= 62
            and _csv_polos(path, cls.TANPA)
        )

    def muat(self, cur, path: Path) -> int:
        cur.execute(f"CREATE UNLOGGED TABLE {self.nama} (b text)")
        try:
            with (
                path.open("rb") as fh,
                cur.cursor.copy(
                    f"COPY {self.nama} (b) FROM STDIN WITH (FORMAT text, HEADER true, "
                    "DELIMITER E'\\x01')"
                ) as copy,
            ):
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
        except (DatabaseError, psycopg.Error) as exc:  # mixed line ends, not UTF-8 …
            logger.info("COPY of %s as lines failed (%s)", path.name, exc)
            raise _Tolak from None
        cur.execute(f"ANALYZE {self.nama}")
        cur.execute(f"SELECT count(*) FROM {self.nama}")  # noqa: S608
        return cur.fetchone()[0]

    def _poin(self) -> str:
        """Points in 1/10000 from the bit set: one lookup in a constant array per 8 bits (a
        few operations per row instead of one per indicator)."""
        bagian = []
        for k in range(0, self.n, 8):
            w = self.bobot[k : k + 8]
            if not any(w):
                continue
            nilai = [sum(x for j, x in enumerate(w) if v >> j & 1) for v in range(1 << len(w))]
            tabel = "{" + ",".join(map(str, nilai)) + "}"
            bagian.append(f"('{tabel}'::int[])[((bits >> {k}) & {(1 << len(w)) - 1}) + 1]")
        return " + ".join(bagian) or "0"

    def tulis(self, cur, *, survei_id: int, jumlah: int, scope: str, bands, presisi: int) -> None:
        """Insert the findings; raise `_Tolak` unless every row passed (the caller's savepoint
        undoes the insert).

        A line is `kode_desa` (13 characters: shorter or longer codes do not pass), a comma,
        the TPS number, then the cells; `replace(cells, '1', '0')` equals `0,0,…,0` exactly when
        every cell is one 0 or 1. The `OFFSET 0` fences keep each expression computed once per
        row (a flattened subquery would repeat the bit set inside every use of the points)."""
        n = self.n
        pola = ",".join(["0"] * n)
        nomor = (
            "(CASE WHEN length(s.nomor) BETWEEN 1 AND 5 AND ltrim(s.nomor, '0123456789') = '' "
            "THEN s.nomor::int END)"
        )
        lingkup = " AND t.desa_id LIKE %s" if scope else ""
        sumber = f"""
            SELECT tps_id, kode, bits, {self._poin()} AS poin
            FROM (
                SELECT t.id AS tps_id, t.desa_id AS kode,
                       reverse(replace(s.sel, ',', ''))::bit({n})::bigint AS bits
                FROM (
                    SELECT kode, koma, nomor, substr(b, 16 + length(nomor)) AS sel
                    FROM (
                        SELECT b, left(b, 13) AS kode, substr(b, 14, 1) AS koma,
                               split_part(substr(b, 15), ',', 1) AS nomor
                        FROM {self.nama} OFFSET 0
                    ) s1
                    OFFSET 0
                ) s
                JOIN {TPS._meta.db_table} t
                  ON t.desa_id = s.kode AND t.nomor = {nomor}{lingkup}
                WHERE s.koma = ',' AND replace(s.sel, '1', '0') = '{pola}'
                OFFSET 0
            ) j
            OFFSET 0
        """  # noqa: S608
        params = [survei_id] + ([scope + ".%"] if scope else [])
        _tulis_temuan(cur, sumber, params, jumlah=jumlah, bands=bands, presisi=presisi)


class Staging:
    """The staging table of one import (dropped with the transaction or at the end)."""

    def __init__(self, tabel: Tabel, *, kolom_desa: str, kolom_nomor: str, indikator: list):
        import uuid

        self.nama = f"kerawanan_stg_{uuid.uuid4().hex[:16]}"
        self.header = tabel.header
        self.kol = [f"c{j}" for j in range(len(self.header))]
        self.desa = self.kol[self.header.index(kolom_desa)]
        self.nomor = self.kol[self.header.index(kolom_nomor)]
        # (column, bit, weight in 1/10000, code)
        self.ind = [
            (self.kol[self.header.index(i.kode)], 1 << n, int(i.bobot * SKALA), i.kode)
            for n, i in enumerate(indikator)
        ]

    def buat(self, cur) -> None:
        kolom = ", ".join(f"{c} text" for c in self.kol)
        cur.execute(
            f"CREATE UNLOGGED TABLE {self.nama} (baris bigint GENERATED BY DEFAULT AS IDENTITY "
            f"(START WITH 2), {kolom})"
        )

    def muat(self, cur, path: Path, buka_ulang) -> int:
        """COPY the file in; returns the number of rows."""
        cols = ", ".join(self.kol)
        if path.suffix.lower() == ".csv" and _csv_polos(path):
            try:
                with transaction.atomic():
                    with (
                        path.open("rb") as fh,
                        cur.cursor.copy(
                            f"COPY {self.nama} ({cols}) FROM STDIN WITH (FORMAT csv, HEADER true)"
                        ) as copy,
                    ):
                        while chunk := fh.read(1 << 20):
                            copy.write(chunk)
                return self._jumlah(cur)
            except (DatabaseError, psycopg.Error) as exc:
                # malformed, truncated or not UTF-8: the row reader below reports where
                logger.info("COPY of %s failed (%s); reading it row by row", path.name, exc)
        tabel = buka_ulang()
        with cur.cursor.copy(f"COPY {self.nama} (baris, {cols}) FROM STDIN") as copy:
            for line, row in tabel.baris():
                copy.write_row((line, *[v if v != "" else None for v in row]))
        return self._jumlah(cur)

    def _jumlah(self, cur) -> int:
        cur.execute(f"SELECT count(*) FROM {self.nama}")  # noqa: S608
        return cur.fetchone()[0]

    def hapus(self, cur) -> None:
        cur.execute(f"DROP TABLE IF EXISTS {self.nama}")

    # --- SQL pieces ------------------------------------------------------------------------
    def _nomor_int(self) -> str:
        c = f"s.{self.nomor}"
        return (
            f"(CASE WHEN length({c}) BETWEEN 1 AND 5 AND ltrim({c}, '0123456789') = '' "
            f"THEN {c}::int END)"
        )

    def _sel_ok(self) -> str:
        return " AND ".join(f"(s.{c} IS NULL OR s.{c} IN ('0', '1'))" for c, *_r in self.ind)

    def _bits(self) -> str:
        return " | ".join(
            f"(CASE WHEN s.{c} = '1' THEN {bit} ELSE 0 END)" for c, bit, *_r in self.ind
        )

    def _poin(self) -> str:
        """Points in 1/10000 (integer sums are cheaper than numeric ones)."""
        return (
            " + ".join(
                f"(CASE WHEN s.{c} = '1' THEN {w} ELSE 0 END)" for c, _b, w, _k in self.ind if w
            )
            or "0"
        )

    @staticmethod
    def _kategori(bands: list[tuple[Decimal, Decimal, str]], presisi: int) -> str:
        """The category as integer comparisons on the points in 1/10000: a score rounded
        half-up to `presisi` decimals is at least `bawah` exactly when the points are at least
        `bawah` minus half a rounding step."""
        setengah = Decimal(SKALA) / 2 / Decimal(10) ** presisi if presisi < 4 else Decimal(0)
        whens = " ".join(
            f"WHEN poin >= {math.ceil(bawah * SKALA - setengah)} THEN '{kategori}'"
            for bawah, _atas, kategori in sorted(bands, reverse=True)
        )
        return f"(CASE {whens} ELSE '' END)"

    def tulis(self, cur, *, survei_id: int, jumlah: int, scope: str, bands, presisi: int) -> None:
        """Insert the findings of every row that passes the fast checks; raise `_Tolak` if any
        row does not (fewer rows inserted than loaded; the savepoint undoes the insert)."""
        lingkup = " AND t.desa_id LIKE %s" if scope else ""
        sumber = f"""
            SELECT t.id AS tps_id, t.desa_id AS kode, {self._bits()} AS bits,
                   {self._poin()} AS poin
            FROM {self.nama} s
            JOIN {TPS._meta.db_table} t
              ON t.desa_id = s.{self.desa} AND t.nomor = {self._nomor_int()}{lingkup}
            WHERE {self._sel_ok()}
            OFFSET 0
        """  # noqa: S608
        params = [survei_id] + ([scope + ".%"] if scope else [])
        _tulis_temuan(cur, sumber, params, jumlah=jumlah, bands=bands, presisi=presisi)

    def rapikan(self, cur) -> None:
        """Trim spaces, treat blanks as empty and map old village codes through the crosswalk."""
        sets = [f"{self.desa} = btrim({self.desa})", f"{self.nomor} = btrim({self.nomor})"]
        sets += [f"{c} = NULLIF(btrim({c}), '')" for c, *_r in self.ind]
        cur.execute(f"UPDATE {self.nama} SET {', '.join(sets)}")  # noqa: S608
        w, kl = Wilayah._meta.db_table, KodeLama._meta.db_table
        cur.execute(
            f"UPDATE {self.nama} s SET {self.desa} = kl.wilayah_id FROM {kl} kl "  # noqa: S608
            f"WHERE kl.kode_lama = s.{self.desa} "
            f"AND NOT EXISTS (SELECT 1 FROM {w} w WHERE w.kode = s.{self.desa})"
        )

    def baris_bermasalah(self, cur, *, scope: str, limit: int) -> list[tuple]:
        """Rows failing any check, in file order: (baris, kode_asli, kode, tingkat, nomor_teks,
        tps_id, first row of the same TPS, *cells)."""
        w = Wilayah._meta.db_table
        lingkup = "w.kode LIKE %(scope)s" if scope else "TRUE"
        sel = ", ".join(f"s.{c}" for c, *_r in self.ind)
        sql = f"""
            WITH j AS (
                SELECT s.baris, s.{self.desa} AS asli, w.kode, w.tingkat, s.{self.nomor} AS nomor,
                       t.id AS tps_id,
                       min(s.baris) OVER (PARTITION BY t.id) AS pertama,
                       ({self._sel_ok()}) AS sel_ok,
                       (w.tingkat = 'desa' AND {lingkup}) AS di_area,
                       {sel}
                FROM {self.nama} s
                LEFT JOIN {w} w ON w.kode = s.{self.desa}
                LEFT JOIN {TPS._meta.db_table} t
                  ON t.desa_id = w.kode AND t.nomor = {self._nomor_int()}
            )
            SELECT baris, asli, kode, tingkat, nomor, tps_id,
                   CASE WHEN tps_id IS NULL THEN NULL ELSE pertama END, {sel.replace("s.", "")}
            FROM j
            WHERE kode IS NULL OR NOT di_area OR tps_id IS NULL OR NOT sel_ok
               OR (tps_id IS NOT NULL AND pertama < baris)
            ORDER BY baris
            LIMIT %(limit)s
        """  # noqa: S608
        cur.execute(sql, {"scope": scope + ".%", "limit": limit})
        return cur.fetchall()


def rekap(survei_id: int, jumlah_indikator: int) -> int:
    """Counts per district, regency, province and nation in one GROUP BY ROLLUP.

    The findings are first grouped by district, bit set and category (few distinct bit sets
    per district), so the per-indicator sums run over those groups, not over every TPS.
    """
    n = jumlah_indikator
    sums = ", ".join(
        f"SUM(CASE WHEN (indikator_bits & {1 << i}) <> 0 THEN jumlah ELSE 0 END)" for i in range(n)
    )
    kats = ", ".join(
        f"'{k}', SUM(CASE WHEN kategori = '{k}' THEN jumlah ELSE 0 END)" for k in KATEGORI_TPS
    )
    kode = "COALESCE(kec, kab, prov, '')"
    sql = f"""
        INSERT INTO {RekapTPS._meta.db_table}
            (survei_id, kode_wilayah, tingkat, jumlah_tps, jumlah, kategori)
        SELECT %s, {kode},
               CASE length({kode}) WHEN 8 THEN 'kecamatan' WHEN 5 THEN 'kabupaten_kota'
                    WHEN 2 THEN 'provinsi' ELSE 'nasional' END,
               SUM(jumlah), jsonb_build_array({sums}), jsonb_build_object({kats})
        FROM (
            SELECT substr(kec, 1, 2) AS prov, substr(kec, 1, 5) AS kab, kec,
                   indikator_bits, kategori, jumlah
            FROM (
                SELECT substr(kode_desa, 1, 8) AS kec, indikator_bits, kategori,
                       count(*) AS jumlah
                FROM {TemuanTPS._meta.db_table} WHERE survei_id = %s
                GROUP BY 1, 2, 3
            ) per_pola
        ) t
        GROUP BY ROLLUP (prov, kab, kec)
    """  # noqa: S608
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {RekapTPS._meta.db_table} WHERE survei_id = %s", [survei_id])  # noqa: S608
        cur.execute(sql, [survei_id, survei_id])
        return cur.rowcount
