"""A person on a phone reads a score and a time the Indonesian way on real pages: the map's
hover text and the ranking both say "23,06", a public event says "09.00 WITA"."""

import datetime as dt
from decimal import Decimal

import pytest

from sinergi.wilayah.testing import tunggu_peta


@pytest.fixture(autouse=True)
def _async_guard(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_skor_dan_jam_dalam_format_indonesia(halaman, ikp, wilayah_mini, lembaga_uji):
    """The vulnerability map's hover text and its tables show 23,06 (never 23.06), and the
    public event list shows an event in Bali at 09.00 WITA (never 09:00)."""
    from sinergi.kegiatan.models import Kegiatan
    from sinergi.kerawanan.models import Penilaian

    for kode in ("35", "35.19"):
        Penilaian.objects.create(
            kerangka=ikp,
            wilayah_id=kode,
            periode="2024",
            lembaga=lembaga_uji["bawaslu_jatim"],
            kerahasiaan="PUBLIC",
            skor=Decimal("23.06"),
            kategori="sedang",
        )
    mulai = dt.datetime(2030, 3, 5, 1, 0, tzinfo=dt.UTC)  # 09.00 WITA
    Kegiatan.objects.create(
        jenis="sosialisasi",
        judul="Sosialisasi Pemilih Pemula",
        penyelenggara=lembaga_uji["kpu_denpasar"],
        wilayah_id=lembaga_uji["kpu_denpasar"].wilayah_id,
        zona_waktu="WITA",
        tempat="Aula KPU Kota Denpasar",
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=3),
        kode_hadir="FMT001",
        kerahasiaan="PUBLIC",
    )

    halaman.goto("/kerawanan/ikp-2024/")
    tunggu_peta(halaman, 38)
    halaman.locator("#peta path.w-35").dispatch_event("mouseover")
    rincian = halaman.locator("#rincian")
    assert "23,06" in rincian.inner_text(), rincian.inner_text()
    assert "23.06" not in rincian.inner_text()
    tabel = halaman.locator("main table").first.inner_text()
    assert "23,06" in tabel and "23.06" not in tabel

    halaman.goto("/kegiatan/publik/")
    teks = halaman.locator("main").inner_text()
    assert "5 Maret 2030 09.00 WITA" in teks, teks
    assert "09:00" not in teks
