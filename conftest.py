"""Shared pytest fixtures for every app's tests."""

import pytest


@pytest.fixture
def wilayah_mini(db):
    """A small slice of the region tree: Jawa Timur down to one village, plus Bali and Papua.

    Built with the models directly so that tests do not depend on the 91k-row reference load.
    """
    from sinergi.wilayah.models import KodeLama, Wilayah

    def w(kode, nama, tingkat, jenis, zona):
        induk = kode.rsplit(".", 1)[0] if "." in kode else None
        return Wilayah.objects.create(
            kode=kode, nama=nama, tingkat=tingkat, jenis=jenis, induk_id=induk, zona_waktu=zona
        )

    data = {
        "35": w("35", "Jawa Timur", "provinsi", "provinsi", "WIB"),
        "35.19": w("35.19", "Kabupaten Madiun", "kabupaten_kota", "kabupaten", "WIB"),
        "35.77": w("35.77", "Kota Madiun", "kabupaten_kota", "kota", "WIB"),
        "35.21": w("35.21", "Kabupaten Ngawi", "kabupaten_kota", "kabupaten", "WIB"),
        "35.19.01": w("35.19.01", "Kebonsari", "kecamatan", "kecamatan", "WIB"),
        "35.19.01.2001": w("35.19.01.2001", "Balerejo", "desa", "desa", "WIB"),
        "51": w("51", "Bali", "provinsi", "provinsi", "WITA"),
        "51.71": w("51.71", "Kota Denpasar", "kabupaten_kota", "kota", "WITA"),
        "96": w("96", "Papua Barat Daya", "provinsi", "provinsi", "WIT"),
        "96.01": w("96.01", "Kabupaten Sorong", "kabupaten_kota", "kabupaten", "WIT"),
    }
    KodeLama.objects.create(kode_lama="92.01", wilayah=data["96.01"], sumber="test")
    return data
