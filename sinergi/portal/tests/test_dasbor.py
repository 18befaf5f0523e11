"""The staff dashboard tells each user what to do today, from every room, within their scope
(issue 14, item 1)."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.portal.tests.conftest import SANDI

pytestmark = pytest.mark.django_db


def test_dashboard_lists_todays_work_of_the_user_and_nothing_of_other_regions(client, isi):
    """Running stages, due and overdue follow-ups, the announcement to acknowledge, the
    invitation to answer, the next event, the incident and the alert of 35.19 — each a link;
    Ngawi's and Denpasar's items are not there."""
    client.force_login(isi)
    html = client.get("/dasbor/").content.decode()
    for teks in [
        "Pemutakhiran data pemilih berkelanjutan",
        "Penyusunan peraturan",
        "Rekap DPB bulan lalu",
        "1 terlambat",
        "Undang partai ke sosialisasi",
        "PKPU baru tentang pemutakhiran",
        "perlu tanda terima",
        "Rakor pemutakhiran Jawa Timur",
        "belum dijawab",
        "Sosialisasi DPB di Kebonsari",
        "Pembagian sembako di Balerejo",
        "Lonjakan di Madiun",
    ]:
        assert teks in html, teks
    for tersembunyi in [
        "Laporan akhir tahun",
        "Tugas KPU Ngawi",
        "Rakor internal Ngawi",
        "Kejadian di Ngawi",
        "Lonjakan di Denpasar",
    ]:
        assert tersembunyi not in html, tersembunyi
    assert 'href="/tindak-lanjut/' in html and 'href="/kejadian/peringatan/' in html
    assert 'href="/kegiatan/undangan/t-madiun/' in html  # the invitation page, to answer it


def test_dashboard_query_count_does_not_grow_with_the_rows(
    client, isi, lembaga_uji, django_assert_max_num_queries
):
    """Twenty more follow-ups due change nothing in the number of queries (23 today)."""
    from sinergi.tindak_lanjut.models import TindakLanjut

    client.force_login(isi)
    client.get("/dasbor/")  # warm the per-process memos (categories, regions)
    for i in range(20):
        TindakLanjut.objects.create(
            judul=f"Tugas {i}",
            lembaga=lembaga_uji["kpu_madiun"],
            wilayah_id="35.19",
            tenggat=timezone.now() + dt.timedelta(days=1),
        )
    with django_assert_max_num_queries(25):
        response = client.get("/dasbor/")
    assert "Lihat semua 22" in response.content.decode()


def test_dashboard_without_organization_still_answers(client, pengguna_uji, hari):
    """A user without an organization gets the stages and empty sections, not an error."""
    client.force_login(pengguna_uji(None, "pengamat"))
    response = client.get("/dasbor/")
    assert response.status_code == 200
    assert "Pemutakhiran data pemilih berkelanjutan" in response.content.decode()


def test_pemilu_acuan_prefers_running_then_nearest_ahead(db):
    """The election meant by "now": one with a stage running, else the nearest ahead, else the
    latest held."""
    from sinergi.tahapan.models import Pemilu, Tahapan
    from sinergi.tahapan.selectors import pemilu_acuan

    d = dt.date(2026, 12, 3)
    lama = Pemilu.objects.create(
        slug="p24", jenis="pemilu", nama="P24", hari_pemungutan=dt.date(2024, 2, 14)
    )
    assert pemilu_acuan(d) == lama
    baru = Pemilu.objects.create(
        slug="p29", jenis="pemilu", nama="P29", hari_pemungutan=dt.date(2029, 2, 14)
    )
    assert pemilu_acuan(d) == baru
    Tahapan.objects.create(
        pemilu=lama, kode="X", nama="Berkelanjutan", urutan=1,
        mulai_efektif=dt.date(2025, 1, 1), selesai_efektif=dt.date(2027, 1, 1),
    )  # fmt: skip
    assert pemilu_acuan(d) == lama


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_on_a_phone_links_to_the_work(halaman, masuk_sebagai, isi):
    """On a 390 px phone the sections stack in one readable column, and a follow-up opens
    from its link."""
    masuk_sebagai(isi, SANDI)
    assert halaman.url.endswith("/dasbor/")
    lebar = halaman.evaluate(
        "() => [...document.querySelectorAll('.dasbor > .card')]"
        ".map(c => c.getBoundingClientRect().right)"
    )
    assert len(lebar) >= 5 and max(lebar) <= 390
    assert halaman.evaluate("() => document.documentElement.scrollWidth") <= 390
    halaman.get_by_role("link", name="Rekap DPB bulan lalu").click()
    halaman.wait_for_url("**/tindak-lanjut/*/")
    assert "Rekap DPB bulan lalu" in halaman.locator("h1").inner_text()
