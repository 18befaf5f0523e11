"""The TPS survey import gives the same findings, counts and report on every database.

On PostgreSQL (`make test-pg`) the default path is COPY + SQL (`survei_sql`); on SQLite it is
row by row in Python. These tests run the same small files through the path of the current
database and compare with fixed expectations; on PostgreSQL they also run the Python path and
compare the two.
"""

import csv

import pytest
from django.db import connection

from sinergi.core.impor import ImportGagal
from sinergi.kerawanan import services
from sinergi.kerawanan.models import RekapTPS, SurveiTPS, TemuanTPS
from sinergi.kerawanan.tests.conftest import tulis
from sinergi.wilayah.models import TPS, KodeLama, Wilayah

PG = connection.vendor == "postgresql"


@pytest.fixture
def dua_desa(tps_mini, wilayah_mini):
    """Balerejo (3 TPS) and a second village with 2 TPS whose old code is 35.19.01.1999."""
    w = Wilayah.objects.create(
        kode="35.19.01.2002",
        nama="Sidorejo",
        tingkat="desa",
        jenis="desa",
        induk_id="35.19.01",
        zona_waktu="WIB",
    )
    KodeLama.objects.create(kode_lama="35.19.01.1999", wilayah=w, sumber="uji")
    for n in (1, 2):
        TPS.objects.create(desa=w, nomor=n, jumlah_pemilih=150)
    return w


def _kolom(cek_tps):
    return [
        "kode_desa",
        "nomor_tps",
        *cek_tps.indikator.order_by("urutan").values_list("kode", flat=True),
    ]


def _sel(*satu):
    """22 cells with 1 at the given positions (0-based)."""
    return ["1" if i in satu else "0" for i in range(22)]


def _jalur():
    """The paths to compare: the current database's, plus Python's on PostgreSQL."""
    return [None, False] if PG else [None]


def _hasil(survei):
    temuan = sorted(
        (t.tps.desa_id, t.tps.nomor, t.indikator_bits, str(t.skor), t.kategori)
        for t in TemuanTPS.objects.filter(survei=survei).select_related("tps")
    )
    rekap = {
        r.kode_wilayah: (r.tingkat, r.jumlah_tps, r.jumlah, r.kategori)
        for r in RekapTPS.objects.filter(survei=survei)
    }
    return temuan, rekap


@pytest.mark.parametrize("sql", _jalur())
def test_survei_sama_di_setiap_jalur(cek_tps, dua_desa, tmp_path, sql):
    """Spaces, blanks, an old village code and an XLSX-like quoted CSV give the same result."""
    p = tulis(
        tmp_path,
        "s.csv",
        [
            _kolom(cek_tps),
            ["35.19.01.2001", "1", *_sel(0)],  # 1 point: kurang rawan
            ["35.19.01.2001", " 2 ", *_sel(0, 1, 4, 5)],  # 1 + 1 + 3 + 3 = 8 points
            ["35.19.01.2001", "3", " 1", "", *_sel()[2:]],  # spaces and a blank cell
            ["35.19.01.1999", "1", *_sel(4)],  # old code → 35.19.01.2002; 3 points: rawan
            ["35.19.01.2002", "2", *_sel()],
        ],
    )
    hasil = services.impor_survei_tps(
        pelaku=None, path=p, kerangka=cek_tps, periode="2024", sql=sql
    )
    assert (hasil.jumlah, hasil.dibuat) == (5, 5)
    temuan, rekap = _hasil(SurveiTPS.objects.get())
    assert temuan == [
        ("35.19.01.2001", 1, 1, "1.00", "kurang_rawan"),
        ("35.19.01.2001", 2, 0b110011, "8.00", "sangat_rawan"),
        ("35.19.01.2001", 3, 1, "1.00", "kurang_rawan"),
        ("35.19.01.2002", 1, 0b10000, "3.00", "rawan"),
        ("35.19.01.2002", 2, 0, "0.00", "kurang_rawan"),
    ]
    jumlah = [3, 1, 0, 0, 2, 1] + [0] * 16
    kategori = {"kurang_rawan": 3, "rawan": 1, "sangat_rawan": 1}
    assert rekap == {
        "": ("nasional", 5, jumlah, kategori),
        "35": ("provinsi", 5, jumlah, kategori),
        "35.19": ("kabupaten_kota", 5, jumlah, kategori),
        "35.19.01": ("kecamatan", 5, jumlah, kategori),
    }
    # the same rows again, every field quoted (read row by row), replace the findings
    q = tmp_path / "q.csv"
    with p.open(encoding="utf-8") as src, q.open("w", newline="", encoding="utf-8") as dst:
        csv.writer(dst, quoting=csv.QUOTE_ALL).writerows(csv.reader(src))
    services.impor_survei_tps(pelaku=None, path=q, kerangka=cek_tps, periode="2024", sql=sql)
    assert _hasil(SurveiTPS.objects.get()) == (temuan, rekap)


@pytest.mark.parametrize("sql", _jalur())
def test_berkas_biasa_lewat_jalur_cepat(cek_tps, dua_desa, tmp_path, sql, monkeypatch):
    """The usual file (plain CSV with CRLF line ends, header in checklist order, every cell 0
    or 1): on PostgreSQL only the fast path (`survei_sql.Ringkas`) runs, with the same
    findings and counts; a TPS listed twice in such a file falls back to the full report."""
    from sinergi.kerawanan import survei_sql

    baris = [
        _kolom(cek_tps),
        ["35.19.01.2001", "1", *_sel(0)],
        ["35.19.01.2001", "2", *_sel(0, 1, 4, 5)],
        ["35.19.01.2002", "1", *_sel(4)],
        ["35.19.01.2002", "2", *_sel()],
    ]
    p = tulis(tmp_path, "s.csv", baris)
    assert b"\r\n" in p.read_bytes()
    if PG and sql is None:

        def umum(*_a, **_k):
            raise AssertionError("the general path ran")

        monkeypatch.setattr(survei_sql.Staging, "buat", umum)
    hasil = services.impor_survei_tps(
        pelaku=None, path=p, kerangka=cek_tps, periode="2024", sql=sql
    )
    assert (hasil.jumlah, hasil.dibuat) == (4, 4)
    temuan, rekap = _hasil(SurveiTPS.objects.get())
    assert temuan == [
        ("35.19.01.2001", 1, 1, "1.00", "kurang_rawan"),
        ("35.19.01.2001", 2, 0b110011, "8.00", "sangat_rawan"),
        ("35.19.01.2002", 1, 0b10000, "3.00", "rawan"),
        ("35.19.01.2002", 2, 0, "0.00", "kurang_rawan"),
    ]
    assert rekap["35.19.01"] == (
        "kecamatan",
        4,
        [2, 1, 0, 0, 2, 1] + [0] * 16,
        {"kurang_rawan": 2, "rawan": 1, "sangat_rawan": 1},
    )
    monkeypatch.undo()
    dua_kali = tulis(tmp_path, "d.csv", [*baris, ["35.19.01.2002", "1", *_sel()]])
    with pytest.raises(ImportGagal) as exc:
        services.impor_survei_tps(
            pelaku=None, path=dua_kali, kerangka=cek_tps, periode="2024", sql=sql
        )
    assert [(e.baris, e.kolom, e.pesan) for e in exc.value.errors] == [
        (6, "nomor_tps", "TPS 1 of village 35.19.01.2002 is listed twice (first on row 4).")
    ]
    assert _hasil(SurveiTPS.objects.get()) == (temuan, rekap)  # the first import stands


@pytest.mark.parametrize("sql", _jalur())
def test_laporan_kesalahan_sama_di_setiap_jalur(cek_tps, dua_desa, wilayah_mini, tmp_path, sql):
    """Every kind of bad row, reported by row and column in file order; nothing written."""
    p = tulis(
        tmp_path,
        "s.csv",
        [
            _kolom(cek_tps),
            ["35.19.01.2001", "1", *_sel()],
            ["35.19.01.9999", "1", *_sel()],  # unknown village
            ["51.71", "1", *_sel()],  # a regency, not a village
            ["35.19.01.2001", "x", *_sel()],  # bad TPS number
            ["35.19.01.2001", "7", *_sel()],  # not in the registry
            ["35.19.01.2001", "1", *_sel()],  # listed twice
            ["35.19.01.2002", "1", "2", "ya", *_sel()[2:]],  # values other than 0/1
        ],
    )
    with pytest.raises(ImportGagal) as exc:
        services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="x", sql=sql)
    assert [(e.baris, e.kolom, e.pesan) for e in exc.value.errors] == [
        (3, "kode_desa", "Unknown village code “35.19.01.9999”."),
        (4, "kode_desa", "Village 51.71 is outside the survey area."),
        (5, "nomor_tps", "The TPS number must be a whole number from 1 to 99999."),
        (
            6,
            "nomor_tps",
            "TPS 7 of village 35.19.01.2001 is not in the TPS registry; import the registry first.",
        ),
        (7, "nomor_tps", "TPS 1 of village 35.19.01.2001 is listed twice (first on row 2)."),
        (8, "hp_tms", "2 is out of range; use 1 (found) or 0 (not found)."),
        (8, "hp_dptb", "“ya” is not a number; use 1 (found) or 0 (not found)."),
    ]
    assert SurveiTPS.objects.count() == 0 and TemuanTPS.objects.count() == 0
    # a survey limited to Bali refuses the Jawa Timur village
    p2 = tulis(tmp_path, "b.csv", [_kolom(cek_tps), ["35.19.01.2001", "1", *_sel()]])
    with pytest.raises(ImportGagal) as exc:
        services.impor_survei_tps(
            pelaku=None,
            path=p2,
            kerangka=cek_tps,
            periode="x",
            wilayah=wilayah_mini["51"],
            sql=sql,
        )
    assert [e.pesan for e in exc.value.errors] == ["Village 35.19.01.2001 is not in Bali (51)."]


@pytest.mark.parametrize("sql", _jalur())
def test_csv_terpotong_dan_dry_run(cek_tps, dua_desa, tmp_path, sql):
    """A truncated CSV is reported with its row; a dry run checks without writing."""
    p = tmp_path / "t.csv"
    kolom = ",".join(_kolom(cek_tps))
    p.write_text(f"{kolom}\n35.19.01.2001,1,{','.join(_sel())}\n35.19.01.2001,2,1,0\n")
    with pytest.raises(ImportGagal) as exc:
        services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="x", sql=sql)
    assert [(e.baris, e.pesan) for e in exc.value.errors] == [
        (3, "Expected 24 fields but found 4 (is the file truncated?).")
    ]
    ok = tulis(tmp_path, "ok.csv", [_kolom(cek_tps), ["35.19.01.2001", "1", *_sel(3)]])
    hasil = services.impor_survei_tps(
        pelaku=None, path=ok, kerangka=cek_tps, periode="x", dry_run=True, sql=sql
    )
    assert hasil.jumlah == 1
    assert SurveiTPS.objects.count() == 0 and TemuanTPS.objects.count() == 0


@pytest.mark.skipif(PG, reason="checks the refusal outside PostgreSQL")
def test_jalur_sql_butuh_postgresql(cek_tps, dua_desa, tmp_path):
    p = tulis(tmp_path, "s.csv", [_kolom(cek_tps), ["35.19.01.2001", "1", *_sel()]])
    with pytest.raises(ValueError, match="PostgreSQL"):
        services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="x", sql=True)


@pytest.mark.parametrize("sql", _jalur())
def test_survei_xlsx(cek_tps, dua_desa, tmp_path, sql):
    """A workbook is read row by row (streaming) into the same checks and findings."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survei_tps"
    ws.append(_kolom(cek_tps))
    ws.append(["35.19.01.2001", 1, *[int(v) for v in _sel(4)]])
    ws.append([None] * 24)  # an empty row is skipped
    ws.append(["35.19.01.2001", 2, *[int(v) for v in _sel(2)], "note"])
    p = tmp_path / "s.xlsx"
    wb.save(p)
    services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="x", sql=sql)
    temuan, rekap = _hasil(SurveiTPS.objects.get())
    assert temuan == [
        ("35.19.01.2001", 1, 0b10000, "3.00", "rawan"),
        ("35.19.01.2001", 2, 0b100, "1.00", "kurang_rawan"),
    ]
    assert rekap[""][1:] == (
        2,
        [0, 0, 1, 0, 1] + [0] * 17,
        {"kurang_rawan": 1, "rawan": 1, "sangat_rawan": 0},
    )
    ws.append(["35.19.01.2001", 2, *[0] * 22])
    wb.save(p)
    with pytest.raises(ImportGagal) as exc:
        services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="x", sql=sql)
    assert [(e.baris, e.kolom) for e in exc.value.errors] == [(5, "nomor_tps")]
