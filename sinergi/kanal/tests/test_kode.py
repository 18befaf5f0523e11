"""The coded-message grammar: forgiving to read, with help when it cannot be read."""

import pytest

from sinergi.kanal import kode

KATEGORI = [
    ("politik_uang", "Politik uang"),
    ("sara_ujaran_kebencian", "Politisasi SARA / ujaran kebencian"),
    ("hoaks_disinformasi", "Hoaks / disinformasi"),
    ("logistik", "Logistik"),
]


@pytest.mark.parametrize(
    "teks",
    [
        "LAPOR 1 35.19.01.2001 TPS 5 amplop dibagikan",
        "lapor 1 3519012001 tps5 amplop dibagikan",
        "Lapor#politik_uang#35.19.01.2001#TPS 005#amplop dibagikan",
        "LAP politik-uang 35.19.01.2001 TPS 5 amplop dibagikan",
        "LAPOR POLITIKUANG 35.19.01.2001 tps.5 amplop dibagikan",
    ],
)
def test_forgiving_forms_read_the_same(teks):
    """Case, separators, dots in the code, the TPS spelling and the category form vary."""
    lap = kode.baca(teks, KATEGORI)
    assert (lap.kategori, lap.kode_wilayah, lap.nomor_tps, lap.uraian) == (
        "politik_uang",
        "35.19.01.2001",
        5,
        "amplop dibagikan",
    )


def test_category_by_first_word_of_name():
    """`hoaks` names one category by the first word of its name."""
    assert kode.baca("LAPOR hoaks 35.19 berita bohong", KATEGORI).kategori == "hoaks_disinformasi"


def test_tps_is_optional_and_description_keeps_punctuation():
    lap = kode.baca("LAPOR 4 35.19.01 Kotak suara rusak/basah, 2 buah.", KATEGORI)
    assert lap.nomor_tps is None
    assert lap.uraian == "Kotak suara rusak/basah, 2 buah."


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("LAPOR 1 35.19", "Write: LAPOR <category>"),
        ("LAPOR 9 35.19 amplop", "Unknown category “9”. Use a number: 1 Politik uang"),
        ("LAPOR 1 Kebonsari amplop", "“Kebonsari” is not a region code"),
        ("LAPOR 1 35.19.01.2001 TPS 5", "Add what happened"),
        ("LAPOR 1 35.19 TPS", "Write the polling station as TPS <number>"),
        ("HALO 1 35.19 amplop", "A coded report starts with LAPOR"),
    ],
)
def test_malformed_code_explains(teks, pesan):
    """Each kind of mistake gets its own help text."""
    with pytest.raises(kode.KodeSalah) as exc:
        kode.baca(teks, KATEGORI)
    assert pesan in str(exc.value)


def test_berkode_recognises_the_keyword_only():
    assert kode.berkode("lapor: 1 35.19 x")
    assert not kode.berkode("Laporan saya kemarin")
