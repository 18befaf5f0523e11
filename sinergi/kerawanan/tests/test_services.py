"""Writes: framework validation, assessments, imports (each bad input kind), aggregation."""

import json
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from sinergi.core.impor import ImportGagal
from sinergi.core.models import AuditEntry
from sinergi.kerawanan import services
from sinergi.kerawanan.models import Kerangka, Penilaian, RekapTPS, SurveiTPS, TemuanTPS
from sinergi.kerawanan.tests.conftest import tulis
from sinergi.wilayah.models import TPS


def _data(**ubah):
    data = json.loads((services.DATA_DIR / "ikp-2024.json").read_text())
    data["slug"] = "ikp-uji"
    data.update(ubah)
    return data


def test_bobot_yang_tidak_berjumlah_satu_ditolak(db):
    """Dimension weights that sum to 1.1 are refused with the reason and nothing is kept."""
    data = _data()
    data["dimensi"][0]["bobot"] = "0.35"
    with pytest.raises(services.KerangkaTidakValid) as exc:
        services.kerangka_dari_data(data)
    assert exc.value.messages == ["The weights of the dimensions sum to 1.1; they must sum to 1."]
    assert not Kerangka.objects.filter(slug="ikp-uji").exists()


def test_ambang_tumpang_tindih_ditolak(db):
    """Bands that overlap are refused naming both categories."""
    data = _data()
    data["ambang"]["provinsi"][1] = ["sedang", "21.70", "70"]
    with pytest.raises(services.KerangkaTidakValid) as exc:
        services.kerangka_dari_data(data)
    assert exc.value.messages == [
        "Level provinsi: the bands sedang and tinggi overlap (70.00 is above 68.50)."
    ]


def test_ambang_bercelah_ditolak(db):
    """Bands that leave a gap are refused with both bounds."""
    data = _data()
    data["ambang"]["kabupaten_kota"][1] = ["sedang", "13.47", "49.00"]
    with pytest.raises(services.KerangkaTidakValid) as exc:
        services.kerangka_dari_data(data)
    assert exc.value.messages == [
        "Level kabupaten_kota: there is a gap between sedang (up to 49.00) and tinggi (from 49.33)."
    ]


def test_muat_referensi_idempoten(db):
    """Loading the shipped frameworks twice creates them once."""
    assert services.muat_referensi() == [
        "ikp-2024: dimuat",
        "tps-pemilu-2024: dimuat",
        "tps-pilkada-2024: dimuat",
    ]
    assert services.muat_referensi() == [
        "ikp-2024: ada",
        "tps-pemilu-2024: ada",
        "tps-pilkada-2024: ada",
    ]
    assert Kerangka.objects.count() == 3


def test_penilaian_simpan_menghitung_dan_mengaudit(ikp, wilayah_mini, kw_user):
    """A Bawaslu operator in scope saves values; the score, category and audit row follow and
    the framework is locked."""
    before = AuditEntry.objects.count()
    nilai = {i.kode: Decimal(60) for i in ikp.indikator.all()}
    p = services.penilaian_simpan(
        pelaku=kw_user("bawaslu_madiun"),
        kerangka=ikp,
        wilayah=wilayah_mini["35.19"],
        periode="2024",
        nilai=nilai,
    )
    assert (p.skor, p.kategori) == (Decimal("60.00"), "tinggi")
    assert AuditEntry.objects.count() == before + 1
    ikp.refresh_from_db()
    assert ikp.terkunci


def test_penilaian_di_luar_lingkup_ditolak(ikp, wilayah_mini, kw_user):
    """Bawaslu Bali may not assess Kabupaten Madiun; nothing is written."""
    with pytest.raises(PermissionDenied):
        services.penilaian_simpan(
            pelaku=kw_user("bawaslu_bali"),
            kerangka=ikp,
            wilayah=wilayah_mini["35.19"],
            periode="2024",
            nilai={},
        )
    assert Penilaian.objects.count() == 0


def _impor_penilaian(ikp, path, pelaku=None):
    return services.impor_penilaian(pelaku=pelaku, path=path, kerangka=ikp, periode="2024")


def _kolom(ikp):
    return ["kode_wilayah", *ikp.indikator.order_by("urutan").values_list("kode", flat=True)]


def test_impor_penilaian_csv(ikp, wilayah_mini, tmp_path):
    """A valid CSV creates one assessment per row, resolving the old code 92.01 to 96.01."""
    k = _kolom(ikp)
    p = tulis(tmp_path, "ikp.csv", [k, ["35.19", *["50"] * 12], ["92.01", *["10"] * 12]])
    hasil = _impor_penilaian(ikp, p)
    assert (hasil.dibuat, hasil.diubah) == (2, 0)
    assert Penilaian.objects.get(wilayah_id="96.01").kategori == "rendah"


def _gagal(fn):
    with pytest.raises(ImportGagal) as exc:
        fn()
    return [(e.baris, e.kolom, e.pesan) for e in exc.value.errors]


def test_impor_kode_tidak_dikenal(ikp, wilayah_mini, tmp_path):
    """An unknown region code is reported by row and column; nothing is written."""
    p = tulis(tmp_path, "x.csv", [_kolom(ikp), ["99.99", *["1"] * 12]])
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (2, "kode_wilayah", "Unknown region code “99.99”.")
    ]
    assert Penilaian.objects.count() == 0


def test_impor_duplikat(ikp, wilayah_mini, tmp_path):
    """A region listed twice is reported with the row of its first appearance."""
    p = tulis(tmp_path, "x.csv", [_kolom(ikp), ["35.19", *["1"] * 12], ["35.19", *["1"] * 12]])
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (3, "kode_wilayah", "Region 35.19 is listed twice (first on row 2).")
    ]


def test_impor_nilai_di_luar_rentang_dan_teks(ikp, wilayah_mini, tmp_path):
    """A value above 100 and text in a number column are both reported; nothing written."""
    p = tulis(tmp_path, "x.csv", [_kolom(ikp), ["35.19", "120", "tinggi", *["1"] * 10]])
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (2, "sd1_1", "120 is out of range: the value must be between 0 and 100."),
        (2, "sd1_2", "“tinggi” is not a number."),
    ]
    assert Penilaian.objects.count() == 0


def test_impor_kolom_hilang(ikp, wilayah_mini, tmp_path):
    """A missing indicator column is reported on the header row."""
    p = tulis(tmp_path, "x.csv", [_kolom(ikp)[:-1], ["35.19", *["1"] * 11]])
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (1, "sd4_2", "Required column is missing from the header.")
    ]


def test_impor_wilayah_provinsi_lain(ikp, wilayah_mini, kw_user, tmp_path):
    """Bawaslu Jawa Timur importing a Bali regency gets an error on that row; nothing written."""
    p = tulis(tmp_path, "x.csv", [_kolom(ikp), ["35.19", *["1"] * 12], ["51.71", *["1"] * 12]])
    assert _gagal(lambda: _impor_penilaian(ikp, p, kw_user("bawaslu_jatim"))) == [
        (3, "kode_wilayah", "Region 51.71 is outside your area (35).")
    ]
    assert Penilaian.objects.count() == 0


def test_impor_csv_terpotong(ikp, wilayah_mini, tmp_path):
    """A truncated CSV (last row cut short) is refused naming the line."""
    p = tmp_path / "x.csv"
    p.write_text(",".join(_kolom(ikp)) + "\n35.19," + ",".join(["1"] * 12) + "\n35.21,1,2\n")
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (3, None, "Expected 13 fields but found 3 (is the file truncated?).")
    ]
    assert Penilaian.objects.count() == 0


@override_settings(SINERGI_KERAWANAN_MAKS_BYTE=1024)
def test_impor_berkas_terlalu_besar(ikp, wilayah_mini, tmp_path):
    """A file above the size limit is refused before it is read."""
    p = tmp_path / "besar.csv"
    p.write_bytes(b"x" * 3 * 1048576)
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (None, None, "The file is 3 MB; the limit is 0 MB.")
    ]


def test_impor_xlsx_dimensi_raksasa_ditolak_sebelum_dibuka(ikp, wilayah_mini, tmp_path):
    """A small workbook whose sheet declares 1,048,576 rows (openpyxl's read-only mode would
    pad and walk every one) is refused from its dimension before openpyxl opens it."""
    from unittest import mock

    wb = openpyxl.Workbook()
    wb.active.title = "penilaian"
    wb.active.append(_kolom(ikp))
    asli = tmp_path / "asli.xlsx"
    wb.save(asli)
    p = tmp_path / "x.xlsx"
    with zipfile.ZipFile(asli) as src, zipfile.ZipFile(p, "w") as z:
        for n in src.namelist():
            data = src.read(n)
            if n.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:M1048576"', data)
            z.writestr(n, data)
    with mock.patch("openpyxl.load_workbook") as load:
        errors = _gagal(lambda: _impor_penilaian(ikp, p))
    load.assert_not_called()
    assert errors == [
        (
            None,
            None,
            "The sheet declares 1.048.576 rows; the limit is 1.000.000 data rows per import. "
            "Split it into smaller files (or delete the empty rows).",
        )
    ]


@override_settings(SINERGI_KERAWANAN_MAKS_BARIS=2)
def test_impor_baris_melebihi_batas(ikp, wilayah_mini, tmp_path):
    """One row over SINERGI_KERAWANAN_MAKS_BARIS: refused naming the limit, nothing written."""
    rows = [_kolom(ikp), *[[k, *["1"] * 12] for k in ("35.19", "35.21", "35.77")]]
    p = tulis(tmp_path, "x.csv", rows)
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (
            None,
            None,
            "The file has more than 2 data rows, the limit per import; split it into smaller "
            "files.",
        )
    ]
    assert Penilaian.objects.count() == 0


def test_impor_xlsx_sheet_salah(ikp, wilayah_mini, tmp_path):
    """A workbook without the expected sheet is refused, listing the sheets it has."""
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    p = tmp_path / "x.xlsx"
    wb.save(p)
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (None, None, "The workbook has no sheet named “penilaian” (it has: Sheet1).")
    ]


def test_impor_xlsx_header_digabung(ikp, wilayah_mini, tmp_path):
    """Merged header cells are refused naming the range."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "penilaian"
    ws.append(_kolom(ikp))
    ws.merge_cells("B1:C1")
    p = tmp_path / "x.xlsx"
    wb.save(p)
    assert _gagal(lambda: _impor_penilaian(ikp, p)) == [
        (
            1,
            None,
            "Header cells B1:C1 are merged; unmerge them so that every column has its own name.",
        )
    ]


def test_impor_xlsx_valid(ikp, wilayah_mini, tmp_path):
    """A valid XLSX (numbers as numbers) imports like the CSV."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "penilaian"
    ws.append(_kolom(ikp))
    ws.append(["35.21", *[30] * 12])
    p = tmp_path / "x.xlsx"
    wb.save(p)
    assert _impor_penilaian(ikp, p).dibuat == 1
    assert Penilaian.objects.get(wilayah_id="35.21").skor == Decimal("30.00")


# --- TPS ---------------------------------------------------------------------------------


def test_impor_tps_dan_tps_ganda(wilayah_mini, tmp_path):
    """The registry import adds TPS; a TPS listed twice is refused and nothing is written."""
    ok = tulis(
        tmp_path,
        "t.csv",
        [
            ["kode_desa", "nomor_tps", "jumlah_pemilih"],
            ["35.19.01.2001", "1", "250"],
            ["35.19.01.2001", "2", "240"],
        ],
    )
    assert services.impor_tps(pelaku=None, path=ok).dibuat == 2
    dup = tulis(
        tmp_path,
        "d.csv",
        [
            ["kode_desa", "nomor_tps", "jumlah_pemilih"],
            ["35.19.01.2001", "3", "1"],
            ["35.19.01.2001", "3", "2"],
        ],
    )
    assert _gagal(lambda: services.impor_tps(pelaku=None, path=dup)) == [
        (3, "nomor_tps", "TPS 3 of village 35.19.01.2001 is listed twice (first on row 2).")
    ]
    assert TPS.objects.count() == 2


def _survei_kolom(cek_tps):
    return [
        "kode_desa",
        "nomor_tps",
        *cek_tps.indikator.order_by("urutan").values_list("kode", flat=True),
    ]


def test_survei_tps_menghitung_per_wilayah(cek_tps, tps_mini, tmp_path):
    """Counts per indicator and category roll up from the village to the nation."""
    nol = ["0"] * 22
    b1 = ["1"] + ["0"] * 21  # hp_tms only: 1 point
    b2 = ["1", "1"] + ["0"] * 2 + ["1", "1"] + ["0"] * 16  # hp_tms, hp_dptb, violence, intim.
    p = tulis(
        tmp_path,
        "s.csv",
        [
            _survei_kolom(cek_tps),
            ["35.19.01.2001", "1", *b1],
            ["35.19.01.2001", "2", *b2],
            ["35.19.01.2001", "3", *nol],
        ],
    )
    services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="2024")
    for kode in ("", "35", "35.19", "35.19.01"):
        r = RekapTPS.objects.get(kode_wilayah=kode)
        assert r.jumlah_tps == 3
        assert r.jumlah[:6] == [2, 1, 0, 0, 1, 1]
        assert r.kategori == {"kurang_rawan": 2, "rawan": 0, "sangat_rawan": 1}


def test_survei_tps_tidak_terdaftar_dan_nilai_salah(cek_tps, tps_mini, tmp_path):
    """A TPS not in the registry, a 2 and a 'ya' in 0/1 columns: all reported, nothing written."""
    v = ["0"] * 22
    p = tulis(
        tmp_path,
        "s.csv",
        [
            _survei_kolom(cek_tps),
            ["35.19.01.2001", "9", *v],
            ["35.19.01.2001", "1", "2", "ya", *v[2:]],
        ],
    )
    assert _gagal(
        lambda: services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="x")
    ) == [
        (
            2,
            "nomor_tps",
            "TPS 9 of village 35.19.01.2001 is not in the TPS registry; import the registry first.",
        ),
        (3, "hp_tms", "2 is out of range; use 1 (found) or 0 (not found)."),
        (3, "hp_dptb", "“ya” is not a number; use 1 (found) or 0 (not found)."),
    ]
    assert SurveiTPS.objects.count() == 0 and TemuanTPS.objects.count() == 0


def test_survei_tps_wilayah_lain(cek_tps, tps_mini, wilayah_mini, tmp_path):
    """A survey for Bali refuses a Jawa Timur village."""
    p = tulis(tmp_path, "s.csv", [_survei_kolom(cek_tps), ["35.19.01.2001", "1", *["0"] * 22]])
    assert _gagal(
        lambda: services.impor_survei_tps(
            pelaku=None, path=p, kerangka=cek_tps, periode="x", wilayah=wilayah_mini["51"]
        )
    ) == [(2, "kode_desa", "Village 35.19.01.2001 is not in Bali (51).")]


def test_survei_impor_ulang_mengganti(cek_tps, tps_mini, tmp_path):
    """Importing the same survey again replaces its findings instead of adding to them."""
    p = tulis(tmp_path, "s.csv", [_survei_kolom(cek_tps), ["35.19.01.2001", "1", *["1"] * 22]])
    services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="x")
    services.impor_survei_tps(pelaku=None, path=p, kerangka=cek_tps, periode="x")
    assert TemuanTPS.objects.count() == 1
    assert RekapTPS.objects.get(kode_wilayah="").kategori["sangat_rawan"] == 1
