"""The event list (/kegiatan/ and GET /api/v1/kegiatan): as fast as the other lists."""

import pytest
from django.utils import timezone

from sinergi.kegiatan import selectors
from sinergi.kegiatan.models import Kehadiran, Undangan

pytestmark = pytest.mark.django_db


@pytest.fixture
def banyak_kegiatan(buat_kegiatan, lembaga_uji):
    """30 events in Madiun, each with 4 invitations and 3 attendances (2 of them invited)."""
    tamu = [lembaga_uji[k] for k in ("bawaslu_madiun", "polres_madiun", "kpu_ngawi", "kpu_jatim")]
    daftar = []
    for n in range(30):
        k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["kpu_madiun"])
        undangan = [
            Undangan.objects.create(kegiatan=k, lembaga=lem, token=f"t{n}-{i}")
            for i, lem in enumerate(tamu)
        ]
        for i, u in enumerate([*undangan[:2], None]):
            Kehadiran.objects.create(
                kegiatan=k,
                undangan=u,
                lembaga=u.lembaga if u else None,
                kunci=f"k{i}",
                nama=f"Peserta {i}",
                instansi="Instansi",
                cara="manual",
                waktu=timezone.now(),
            )
        k.penyelenggara_bersama.add(lembaga_uji["bawaslu_madiun"])
        daftar.append(k)
    return daftar


def test_jumlah_undangan_dan_hadir_tanpa_perkalian_join(pengguna_uji, banyak_kegiatan):
    """Each listed event carries its own invitation and attendance counts (4 and 3), and the
    query counts them with subqueries: no join of invitations x attendances grouped back
    (which made /kegiatan/ take 470 ms on the demo instead of 40 ms)."""
    qs = selectors.kegiatan_list(pengguna=pengguna_uji("kpu_madiun", "operator"))
    tabel = {alias.table_name for alias in qs.query.alias_map.values()}
    assert not tabel & {"kegiatan_undangan", "kegiatan_kehadiran"}, tabel
    assert qs.query.group_by is None
    assert {(k.jumlah_undangan, k.jumlah_hadir) for k in qs} == {(4, 3)}
    assert qs.count() == 30


def test_halaman_daftar_jumlah_query_tetap(
    client, pengguna_uji, banyak_kegiatan, django_assert_max_num_queries
):
    """/kegiatan/ with 30 events (invitations, attendance, co-organizers) runs a fixed
    handful of queries, for a regency operator (visibility subqueries) and a system admin."""
    for user in (pengguna_uji("kpu_madiun", "operator"), pengguna_uji(None, "admin_sistem")):
        client.force_login(user)
        with django_assert_max_num_queries(6):
            r = client.get("/kegiatan/")
        assert r.status_code == 200
        assert r.content.decode().count('href="/kegiatan/') >= 30


def test_api_daftar_jumlah_query_tetap(
    client, bearer, pengguna_uji, banyak_kegiatan, django_assert_max_num_queries
):
    """GET /api/v1/kegiatan lists the 30 events with their counts in a fixed number of
    queries."""
    headers = bearer(pengguna_uji("kpu_madiun", "operator"))
    with django_assert_max_num_queries(8):
        r = client.get("/api/v1/kegiatan?limit=50", headers=headers)
    items = r.json()["items"]
    assert len(items) == 30
    assert {(x["jumlah_undangan"], x["jumlah_hadir"]) for x in items} == {(4, 3)}
