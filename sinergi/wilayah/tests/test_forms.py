"""The one region field of every page form: names, suggestions and codes in, a code out."""

import pytest
from django import forms

from sinergi.wilayah.forms import WilayahBanyakField, WilayahCariForm, WilayahField


class _Form(forms.Form):
    wilayah = WilayahField(required=False)


def _clean(teks: str):
    f = _Form({"wilayah": teks})
    f.is_valid()
    return f


@pytest.mark.parametrize(
    ("teks", "kode"),
    [
        ("35.19.01", "35.19.01"),
        ("35.19.01 — Kebonsari, Kabupaten Madiun", "35.19.01"),
        ("kebonsari", "35.19.01"),
        ("Kabupaten Ngawi", "35.21"),
        ("Ngawi", "35.21"),
        ("  ", ""),
    ],
)
def test_nama_saran_dan_kode_menjadi_kode(wilayah_mini, teks, kode):
    """A code, a picked suggestion, a unique name, a regency name without "Kabupaten", or
    nothing: the form gets the code (or "")."""
    f = _clean(teks)
    assert f.errors == {}
    assert f.cleaned_data["wilayah"] == kode


def test_nama_ganda_menyebut_kandidat(wilayah_mini):
    """ "Madiun" is both a regency and a city: the message names both to pick from."""
    f = _clean("Madiun")
    assert f.errors["wilayah"] == [
        "Beberapa wilayah bernama “Madiun”: pilih salah satu dari daftar "
        "(Kabupaten Madiun, Jawa Timur; Kota Madiun, Jawa Timur)."
    ]


def test_nama_tidak_dikenal(wilayah_mini):
    """A name no region has: the message says what to type."""
    f = _clean("Atlantis")
    assert f.errors["wilayah"] == [
        "Tidak ada wilayah bernama “Atlantis”. Ketik sebagian namanya lalu pilih dari daftar."
    ]


def test_kode_tersimpan_tampil_dengan_nama(wilayah_mini):
    """A stored or initial code is shown with its name, and the box asks for suggestions into
    its own list."""
    html = str(_Form(initial={"wilayah": "35.19"})["wilayah"])
    assert 'value="35.19 — Kabupaten Madiun, Jawa Timur"' in html
    assert 'list="id_wilayah-saran"' in html
    assert '<datalist id="id_wilayah-saran"></datalist>' in html
    assert 'hx-target="#id_wilayah-saran"' in html


def test_cari_form_bawaan_saat_kosong_atau_salah(wilayah_mini, rf):
    """The page box: empty gives the default region; a name gives its code; an unknown name
    gives the default and keeps the message for the page."""
    f, kode = WilayahCariForm.dari(rf.get("/"), bawaan="35")
    assert (kode, f.is_bound) == ("35", False)
    f, kode = WilayahCariForm.dari(rf.get("/", {"wilayah": "Kebonsari"}), bawaan="35")
    assert kode == "35.19.01"
    f, kode = WilayahCariForm.dari(rf.get("/", {"wilayah": "Atlantis"}), bawaan="35")
    assert kode == "35"
    assert "Atlantis" in f.errors["wilayah"][0]


class _FormBanyak(forms.Form):
    wilayah = WilayahBanyakField(required=False)


def _clean_banyak(teks):
    f = _FormBanyak({"wilayah": teks})
    f.is_valid()
    return f


@pytest.mark.parametrize(
    ("teks", "kode"),
    [
        ("", []),
        ("Ngawi; Kebonsari", ["35.21", "35.19.01"]),
        ("35.19.01 — Kebonsari, Kabupaten Madiun; 35.21 — Kabupaten Ngawi", ["35.19.01", "35.21"]),
        ("35.19, 35.21", ["35.19", "35.21"]),  # the old way: codes separated by commas
        ("Kabupaten Ngawi\n35.19;  ;35.21", ["35.21", "35.19"]),  # lines too; repeats once
    ],
)
def test_banyak_wilayah_menjadi_daftar_kode(wilayah_mini, teks, kode):
    """Several regions by name, picked suggestion or code, separated by semicolons or lines
    (bare codes also by commas): the form gets their codes in order, each once."""
    f = _clean_banyak(teks)
    assert f.errors == {}
    assert f.cleaned_data["wilayah"] == kode


def test_banyak_wilayah_menyebut_setiap_nama_yang_salah(wilayah_mini):
    """Every unknown or ambiguous name gets its own message; the known ones are not lost."""
    f = _clean_banyak("Atlantis; Ngawi; Madiun")
    pesan = f.errors["wilayah"]
    assert len(pesan) == 2
    assert "Atlantis" in pesan[0] and "Kota Madiun" in pesan[1]
    assert "Ngawi" in str(f["wilayah"])  # the box keeps what was typed


def test_banyak_wilayah_tersimpan_tampil_dengan_nama(wilayah_mini):
    html = str(_FormBanyak(initial={"wilayah": ["35.19", "35.21"]})["wilayah"])
    assert (
        'value="35.19 — Kabupaten Madiun, Jawa Timur; 35.21 — Kabupaten Ngawi, Jawa Timur"' in html
    )
    assert "banyak=1" in html


def test_saran_memakai_nilai_kotak_apa_pun_namanya(client, wilayah_mini):
    """htmx sends the box's value under the form's field name (`wilayah`, `audiens_wilayah`,
    …): the suggestions come from that value, not only from `q` or `kode_wilayah`."""
    r = client.get("/wilayah/saran/", {"wilayah": "Kebon"})
    assert 'value="35.19.01 — Kebonsari, Kabupaten Madiun"' in r.content.decode()


def test_saran_banyak_melengkapi_wilayah_terakhir(client, wilayah_mini):
    """In a box of several regions the suggestions complete the last one and keep the rest."""
    r = client.get(
        "/wilayah/saran/", {"banyak": "1", "audiens_wilayah": "35.21 — Kabupaten Ngawi; Kebon"}
    )
    assert (
        'value="35.21 — Kabupaten Ngawi; 35.19.01 — Kebonsari, Kabupaten Madiun"'
        in r.content.decode()
    )
