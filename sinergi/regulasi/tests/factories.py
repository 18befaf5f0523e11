"""Small regulation catalogues for tests."""

from sinergi.regulasi.models import Regulasi
from sinergi.regulasi.services import regulasi_simpan


def buat_regulasi(**kw) -> Regulasi:
    data = {
        "jenis": "pkpu",
        "nomor": "15",
        "tahun": 2023,
        "judul": "Kampanye Pemilihan Umum",
        "status": "diubah",
        "ringkasan": "Masa kampanye, rapat umum, dan iklan media massa <b>cetak</b>.",
    }
    data.update(kw)
    return regulasi_simpan(pelaku=None, regulasi=Regulasi(**data))
