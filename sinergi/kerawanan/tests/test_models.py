"""Scores and categories of the shipped frameworks, exactly at the published thresholds."""

from decimal import Decimal

import pytest

from sinergi.kerawanan import skor as mesin


@pytest.mark.parametrize(
    ("skor", "kategori"),
    [
        ("0", "rendah"),
        ("21.69", "rendah"),
        ("21.70", "sedang"),
        ("68.49", "sedang"),
        ("68.50", "tinggi"),
        ("100", "tinggi"),
        ("66.53", "sedang"),
        ("20.36", "rendah"),
    ],
)
def test_kategori_provinsi_di_ambang(ikp, skor, kategori):
    """Province thresholds: low below 21.70, medium 21.70-68.50, high from 68.50 (Banten
    66.53 is medium and Kaltara 20.36 low, as published)."""
    assert mesin.struktur(ikp).kategori("provinsi", Decimal(skor)) == kategori


@pytest.mark.parametrize(
    ("skor", "kategori"),
    [
        ("13.46", "rendah"),
        ("13.464", "rendah"),
        ("13.465", "sedang"),
        ("13.47", "sedang"),
        ("49.32", "sedang"),
        ("49.33", "tinggi"),
    ],
)
def test_kategori_kabupaten_di_ambang(ikp, skor, kategori):
    """Regency thresholds: low up to 13.46, medium 13.47-49.32, high from 49.33, on scores
    rounded half-up to two decimals."""
    assert mesin.struktur(ikp).kategori("kabupaten_kota", Decimal(skor)) == kategori


def test_ikp_struktur_resmi(ikp):
    """IKP 2024 ships with 4 dimensions and 12 sub-dimensions, and says the 61 indicator names
    are not in the reference."""
    s = mesin.struktur(ikp)
    assert len(s.dimensi) == 4
    assert sum(len(d.sub) for d in s.dimensi) == 12
    assert "61" in ikp.catatan and ikp.publik


def test_tps_checklist_7_variabel_22_indikator(cek_tps):
    """The Pemilu 2024 TPS checklist ships as 7 variables with 22 indicators."""
    s = mesin.struktur(cek_tps)
    assert len(s.dimensi) == 7
    assert len(s.indikator) == 22


def test_skor_rata_tertimbang(ikp):
    """All sub-dimension values at 40 give a total of 40; one dimension at 100 and the rest at
    0 give 25 (equal dimension weights)."""
    s = mesin.struktur(ikp)
    semua = {i.id: Decimal(40) for i in s.indikator}
    assert mesin.hitung(s, semua).skor == Decimal("40.00")
    satu = {i.id: (Decimal(100) if i.kode.startswith("sd1_") else Decimal(0)) for i in s.indikator}
    h = mesin.hitung(s, satu)
    assert h.skor == Decimal("25.00")
    assert h.kontribusi[0]["kode"].startswith("sd1_")


def test_indikator_hilang_diskalakan_ulang(ikp):
    """An indicator without a value is left out, listed as missing, and the weights of the
    others in its group rescaled."""
    s = mesin.struktur(ikp)
    nilai = {i.id: Decimal(50) for i in s.indikator if i.kode != "sd2_1"}
    h = mesin.hitung(s, nilai)
    assert h.hilang == ["sd2_1"]
    assert h.skor == Decimal("50.00")


def test_poin_tps(cek_tps):
    """A TPS with a history of violence (3 points) and intimidation (3) is sangat rawan."""
    s = mesin.struktur(cek_tps)
    ids = {i.kode: i.id for i in s.indikator}
    h = mesin.hitung(s, {ids["km_kekerasan"]: Decimal(1), ids["km_intimidasi"]: Decimal(1)})
    assert h.skor == Decimal(6)
    assert s.kategori("tps", h.skor) == "sangat_rawan"
    assert s.kategori("tps", Decimal(1)) == "kurang_rawan"
    assert s.kategori("tps", Decimal(2)) == "rawan"
