"""Small elections and stages for tests (the full reference load is not needed)."""

import datetime as dt

from sinergi.tahapan.models import Pemilu, Tahapan
from sinergi.tahapan.services import hitung_ulang

D = dt.date


HARI_2024 = D(2024, 2, 14)


def buat_pemilu(slug: str = "pemilu-uji", hari: dt.date = HARI_2024) -> Pemilu:
    return Pemilu.objects.create(
        slug=slug,
        jenis="pemilu",
        nama=f"Pemilu Uji {slug}",
        nama_en="Test election",
        hari_pemungutan=hari,
        tahapan_uu=[{"butir": "a", "teks": "perencanaan"}],
    )


def buat_jadwal(pemilu: Pemilu) -> dict[str, Tahapan]:
    """Three stages and two sub-stages, one of them outside its parent with a reason."""
    t = {}

    def s(kode, mulai, selesai, induk=None, **kw):
        t[kode] = Tahapan.objects.create(
            pemilu=pemilu,
            kode=kode,
            nama=kw.pop("nama", f"Tahapan {kode}"),
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
            induk=t.get(induk),
            urutan=len(t) * 10,
            **kw,
        )

    s("A", D(2022, 12, 6), D(2022, 12, 13), nama="Pendaftaran peserta")
    s("A.1", D(2022, 12, 6), D(2022, 12, 7), "A")
    s("A.2", D(2022, 12, 12), D(2022, 12, 20), "A", alasan_di_luar_induk="Jadwal PKPU teknis.")
    s("B", D(2022, 12, 14), D(2022, 12, 14), nama="Penetapan peserta")
    s("C", None, None, nama="Penetapan hasil", aturan_waktu="Paling lambat 3 hari setelah MK.")
    s("K", D(2024, 6, 2), D(2024, 6, 22), kategori="kontinjensi")
    hitung_ulang(pemilu)
    for k in t.values():
        k.refresh_from_db()
    return t
