"""The komunikasi API: announce, preview, receipts, inbox, threads; errors as JSON."""

import pytest

from sinergi.komunikasi.models import Notifikasi, Penerimaan, Pengumuman, Pos

pytestmark = pytest.mark.django_db

AUDIENS = {
    "audiens_jenis": ["kpu", "bawaslu"],
    "audiens_tingkat": ["kabupaten_kota"],
    "audiens_wilayah": ["35"],
}


def test_preview_then_send(client, bearer, penulis, penerima):
    """The author previews the count, then sends; deliveries follow in the background."""
    h = bearer(penulis)
    r = client.post(
        "/api/v1/komunikasi/pengumuman/pratinjau",
        AUDIENS,
        content_type="application/json",
        headers=h,
    )
    assert r.status_code == 200 and r.json() == {"pengguna": 5, "lembaga": 4}
    assert Pengumuman.objects.count() == 0
    r = client.post(
        "/api/v1/komunikasi/pengumuman",
        {"judul": "PKPU 15/2023", "isi": "Mohon dipelajari", "perlu_tanda_terima": True, **AUDIENS},
        content_type="application/json",
        headers=h,
    )
    assert r.status_code == 201
    assert r.json()["jumlah_penerima"] == 5
    assert Penerimaan.objects.count() == 5


def test_out_of_scope_audience_is_422_naming_the_field(client, bearer, pengguna_uji, penerima):
    """An audience outside the author's scope answers 422 naming audiens_wilayah."""
    r = client.post(
        "/api/v1/komunikasi/pengumuman",
        {"judul": "x", "isi": "y", "audiens_jenis": ["kpu"], "audiens_wilayah": ["51"]},
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_madiun", "operator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "audiens_wilayah",
            "message": "The region 51 Bali is outside your scope; you may only announce to "
            "your own region and the regions below it.",
        }
    ]
    assert Pengumuman.objects.count() == 0


def test_receipts_and_remind(client, bearer, penulis, penerima, umumkan):
    """The author reads the receipts and reminds the non-readers in one call."""
    p = umumkan(perlu_tanda_terima=True)
    client.post(
        f"/api/v1/komunikasi/pengumuman/{p.pk}/tanda-terima",
        headers=bearer(penerima["kpu_madiun"]),
    )
    h = bearer(penulis)
    r = client.get(f"/api/v1/komunikasi/pengumuman/{p.pk}/penerimaan", headers=h)
    body = r.json()
    assert (body["orang"], body["orang_baca"], body["orang_akui"]) == (5, 1, 1)
    r = client.post(f"/api/v1/komunikasi/pengumuman/{p.pk}/ingatkan", headers=h)
    assert r.json() == {"jumlah": 4}


def test_receipts_hidden_from_recipient(client, bearer, penerima, umumkan):
    """A recipient cannot read the receipt list: 404."""
    p = umumkan()
    r = client.get(
        f"/api/v1/komunikasi/pengumuman/{p.pk}/penerimaan",
        headers=bearer(penerima["kpu_madiun"]),
    )
    assert r.status_code == 404


def test_inbox_list_query_count_pinned(
    client, bearer, penerima, umumkan, django_assert_max_num_queries
):
    """The inbox lists the user's own items; queries do not grow with the rows."""
    for i in range(6):
        umumkan(judul=f"Pengumuman {i}")
    h = bearer(penerima["kpu_madiun"])
    with django_assert_max_num_queries(6):
        r = client.get("/api/v1/komunikasi/notifikasi?limit=50", headers=h)
    assert r.json()["count"] == 6
    r = client.get("/api/v1/komunikasi/notifikasi/belum-dibaca", headers=h)
    assert r.json() == {"jumlah": 6}
    n = Notifikasi.objects.filter(pengguna=penerima["kpu_madiun"]).first()
    r = client.post(f"/api/v1/komunikasi/notifikasi/{n.pk}/baca", headers=h)
    assert r.json()["dibaca_at"] is not None


def test_announcement_list_query_count_pinned(
    client, bearer, penerima, umumkan, django_assert_max_num_queries
):
    """The announcement list does not grow in queries with the rows."""
    for i in range(6):
        umumkan(judul=f"Pengumuman {i}")
    with django_assert_max_num_queries(9):
        r = client.get("/api/v1/komunikasi/pengumuman", headers=bearer(penerima["kpu_ngawi"]))
    assert r.json()["count"] == 6


def test_thread_list_query_count_pinned(
    client, bearer, pengguna_uji, utas, django_assert_max_num_queries
):
    """Thread list: scoped, and a pinned number of queries."""
    h = bearer(pengguna_uji("kpu_jatim", "operator"))
    with django_assert_max_num_queries(6):
        r = client.get("/api/v1/komunikasi/utas", headers=h)
    assert [x["judul"] for x in r.json()["items"]] == [utas.judul]
    r = client.get("/api/v1/komunikasi/utas", headers=bearer(pengguna_uji("kpu_bali", "operator")))
    assert r.json()["count"] == 0


def test_post_with_forbidden_mention_is_422(client, bearer, pengguna_uji, utas):
    """Mentioning someone who cannot see the thread answers 422 on `sebut`."""
    bali = pengguna_uji("kpu_bali", "operator")
    r = client.post(
        f"/api/v1/komunikasi/utas/{utas.pk}/pos",
        {"isi": "Mohon tanggapan", "sebut": [bali.email]},
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_madiun", "operator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "sebut"
    assert Pos.objects.filter(utas=utas).count() == 1


def test_read_only_token_cannot_send(client, bearer, penulis, penerima):
    """A read-only token may not announce: 403 and nothing is saved."""
    r = client.post(
        "/api/v1/komunikasi/pengumuman",
        {"judul": "x", "isi": "y", **AUDIENS},
        content_type="application/json",
        headers=bearer(penulis, read_only=True),
    )
    assert r.status_code == 403
    assert Pengumuman.objects.count() == 0


def test_receipt_pages_follow_the_full_list(client, bearer, penulis, penerima, umumkan):
    """Every page of people (`limit`/`offset`) is exactly that slice of the full ordered list,
    read from the organizations it covers only; `orang` stays the total."""
    from sinergi.komunikasi import selectors

    p = umumkan()
    semua = [r.pk for r in selectors.penerimaan_list(pengumuman=p)]
    ringkasan = selectors.ringkasan_penerimaan(pengumuman=p)
    for offset in range(7):
        for limit in range(1, 7):
            halaman = selectors.penerimaan_halaman(
                pengumuman=p, ringkasan=ringkasan, offset=offset, limit=limit
            )
            assert [r.pk for r in halaman] == semua[offset : offset + limit]
    r = client.get(
        f"/api/v1/komunikasi/pengumuman/{p.pk}/penerimaan?limit=2&offset=1",
        headers=bearer(penulis),
    )
    body = r.json()
    assert body["orang"] == 5
    assert [x["pengguna"] for x in body["penerima"]] == [
        selectors.penerimaan_list(pengumuman=p)[i].pengguna_id for i in (1, 2)
    ]


def test_resolve_thread_through_the_api(client, bearer, utas, pengguna_uji):
    """The starter resolves the thread with a conclusion (an empty one is 422 on
    `kesimpulan`); afterwards a post is refused."""
    h = bearer(pengguna_uji("kpu_madiun", "operator"))
    url = f"/api/v1/komunikasi/utas/{utas.pk}/selesai"
    r = client.post(url, {"kesimpulan": "  "}, content_type="application/json", headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "kesimpulan"
    r = client.post(
        url,
        {"kesimpulan": "APK dilarang di jalan protokol."},
        content_type="application/json",
        headers=h,
    )
    assert r.status_code == 200 and r.json()["selesai"] is True
    assert r.json()["kesimpulan"] == "APK dilarang di jalan protokol."
    r = client.post(
        f"/api/v1/komunikasi/utas/{utas.pk}/pos",
        {"isi": "Satu lagi"},
        content_type="application/json",
        headers=h,
    )
    assert r.status_code == 422


def test_hide_post_through_the_api_moderators_only(client, bearer, utas, pengguna_uji):
    """A viewer cannot hide a post (404, unchanged); the organization's coordinator can, and
    the API then shows the reason, not the text."""
    pos = utas.pos.get()
    url = f"/api/v1/komunikasi/pos/{pos.pk}/sembunyikan"
    data = {"alasan": "Berisi data pribadi"}
    r = client.post(
        url,
        data,
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_madiun", "pengamat")),
    )
    assert r.status_code == 404
    pos.refresh_from_db()
    assert not pos.disembunyikan
    r = client.post(
        url,
        data,
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_madiun", "koordinator")),
    )
    assert r.status_code == 200
    assert (r.json()["disembunyikan"], r.json()["isi"]) == (True, "")
    assert r.json()["alasan_sembunyi"] == "Berisi data pribadi"
