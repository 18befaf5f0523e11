# ruff: noqa: F811 - pytest fixtures shared from test_peringatan.py
"""Early-warning pages and API: alerts list/detail/acknowledge/close, subscriptions, rules,
webhook delivery log; scope answers 404; bad input answers with a clear message."""

import pytest
from django.utils import timezone

from sinergi.core.audit import AuditEntry
from sinergi.kejadian import peringatan as svc
from sinergi.kejadian.models import Langganan, Peringatan
from sinergi.kejadian.tests.test_peringatan import (  # noqa: F401 - fixtures
    bahasa_inggris,
    buat_aturan,
    buat_kejadian,
    client,
    dasar,
    kategori,
)


@pytest.fixture
def alert(dasar):
    aturan = buat_aturan(n=2, hari=3)
    buat_kejadian(n=2)
    svc.aturan_evaluasi(aturan)
    return Peringatan.objects.get()


def test_list_page_shows_alerts_in_scope_only(
    client, alert, pengguna_uji, django_assert_max_num_queries
):
    client.force_login(pengguna_uji("kpu_jatim", "pengamat"))
    with django_assert_max_num_queries(12):
        r = client.get("/kejadian/peringatan/")
    assert r.status_code == 200 and alert.judul_tampil in r.content.decode()
    client.force_login(pengguna_uji("kpu_bali", "admin_lembaga"))
    r = client.get("/kejadian/peringatan/")
    assert r.status_code == 200 and alert.judul not in r.content.decode()


def test_list_filters(client, alert, pengguna_uji):
    client.force_login(pengguna_uji("kpu_jatim", "pengamat"))
    assert alert.judul_tampil in client.get("/kejadian/peringatan/?wilayah=35.19").content.decode()
    assert (
        alert.judul_tampil not in client.get("/kejadian/peringatan/?wilayah=35.77").content.decode()
    )
    assert (
        alert.judul_tampil
        not in client.get("/kejadian/peringatan/?status=ditutup").content.decode()
    )


def test_detail_page_404_outside_scope(client, alert, pengguna_uji):
    client.force_login(pengguna_uji("kpu_madiun", "pengamat"))
    assert client.get(f"/kejadian/peringatan/{alert.pk}/").status_code == 200
    client.force_login(pengguna_uji("kpu_kota_madiun", "admin_lembaga"))
    assert client.get(f"/kejadian/peringatan/{alert.pk}/").status_code == 404


def test_close_page_requires_reason_and_keeps_input(client, alert, pengguna_uji):
    """Closing without a reason answers the form again with the message; nothing changes."""
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    r = client.post(f"/kejadian/peringatan/{alert.pk}/status/", {"status": "ditutup", "alasan": ""})
    assert r.status_code == 422
    assert "Give the reason for closing the alert." in r.content.decode()
    alert.refresh_from_db()
    assert alert.status == "aktif"
    r = client.post(
        f"/kejadian/peringatan/{alert.pk}/status/", {"status": "ditutup", "alasan": "Aman"}
    )
    assert r.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.status_alasan) == ("ditutup", "Aman")


def test_viewer_cannot_acknowledge_on_page(client, alert, pengguna_uji):
    client.force_login(pengguna_uji("kpu_madiun", "pengamat"))
    r = client.post(f"/kejadian/peringatan/{alert.pk}/status/", {"status": "ditangani"})
    assert r.status_code == 404
    alert.refresh_from_db()
    assert alert.status == "aktif"


def test_subscription_pages_for_org_admins_only(client, dasar, pengguna_uji):
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    assert client.get("/kejadian/peringatan/langganan/").status_code == 404
    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    client.force_login(admin)
    assert client.get("/kejadian/peringatan/langganan/").status_code == 200
    r = client.post("/kejadian/peringatan/langganan/", {"kode_wilayah": "51.71", "email": "on"})
    assert r.status_code == 422
    assert 'value="51.71 — Kota Denpasar, Bali"' in r.content.decode()
    assert not Langganan.objects.exists()
    r = client.post("/kejadian/peringatan/langganan/", {"kode_wilayah": "35.19.01", "email": "on"})
    assert r.status_code == 302
    obj = Langganan.objects.get()
    assert (obj.lembaga_id, obj.wilayah_id, obj.email, obj.webhook) == (
        admin.lembaga_id,
        "35.19.01",
        True,
        False,
    )
    client.force_login(pengguna_uji("kpu_ngawi", "admin_lembaga"))
    assert client.post(f"/kejadian/peringatan/langganan/{obj.pk}/hapus/").status_code == 404
    client.force_login(admin)
    assert client.post(f"/kejadian/peringatan/langganan/{obj.pk}/hapus/").status_code == 302
    assert not Langganan.objects.exists()


def test_rules_page_for_admins(client, dasar, pengguna_uji):
    svc.load_aturan()
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    assert client.get("/kejadian/peringatan/aturan/").status_code == 404
    client.force_login(pengguna_uji("kpu_madiun", "admin_lembaga"))
    r = client.get("/kejadian/peringatan/aturan/")
    assert r.status_code == 200 and "lonjakan-politik-uang" in r.content.decode()


def test_anonymous_pages_redirect_to_login(client, dasar):
    r = client.get("/kejadian/peringatan/")
    assert r.status_code == 302 and "/akun/masuk/" in r["Location"]


# --- API -------------------------------------------------------------------------------------
def test_api_list_and_detail_scoped(
    client, alert, pengguna_uji, bearer, django_assert_max_num_queries
):
    h = bearer(pengguna_uji("kpu_jatim", "pengamat"))
    with django_assert_max_num_queries(8):
        r = client.get("/api/v1/peringatan?wilayah=35.19", headers=h)
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 1 and body["items"][0]["id"] == alert.pk
    assert body["items"][0]["kode_wilayah"] == "35.19"
    assert client.get(f"/api/v1/peringatan/{alert.pk}", headers=h).json()["aturan"] == "uji"
    h_bali = bearer(pengguna_uji("kpu_bali", "admin_lembaga"))
    assert client.get(f"/api/v1/peringatan/{alert.pk}", headers=h_bali).status_code == 404
    assert client.get("/api/v1/peringatan", headers=h_bali).json()["count"] == 0
    assert client.get("/api/v1/peringatan").status_code == 401


def test_api_list_bad_filter(client, alert, pengguna_uji, bearer):
    h = bearer(pengguna_uji("kpu_jatim", "pengamat"))
    r = client.get("/api/v1/peringatan?status=x", headers=h)
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "status", "message": "Unknown status."}]


def test_api_acknowledge_close(client, alert, pengguna_uji, bearer):
    user = pengguna_uji("bawaslu_madiun", "koordinator")
    url = f"/api/v1/peringatan/{alert.pk}/status"
    r = client.post(
        url, {"status": "ditutup"}, content_type="application/json", headers=bearer(user)
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "alasan", "message": "Give the reason for closing the alert."}
    ]
    r = client.post(
        url, {"status": "ditangani"}, content_type="application/json", headers=bearer(user)
    )
    assert r.status_code == 200 and r.json()["status"] == "ditangani"
    ro = bearer(user, read_only=True)
    r = client.post(
        url, {"status": "ditutup", "alasan": "x"}, content_type="application/json", headers=ro
    )
    assert r.status_code == 403
    alert.refresh_from_db()
    assert alert.status == "ditangani"


def test_api_subscriptions(client, dasar, pengguna_uji, bearer):
    admin = pengguna_uji("kpu_jatim", "admin_lembaga")
    h = bearer(admin)
    r = client.post(
        "/api/v1/peringatan/langganan",
        {"aturan": "tidak-ada"},
        content_type="application/json",
        headers=h,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "aturan"
    r = client.post(
        "/api/v1/peringatan/langganan",
        {"kode_wilayah": "35.19", "webhook": True},
        content_type="application/json",
        headers=h,
    )
    assert r.status_code == 201 and r.json()["kode_wilayah"] == "35.19"
    pk = r.json()["id"]
    assert client.get("/api/v1/peringatan/langganan", headers=h).json()["count"] == 1
    other = bearer(pengguna_uji("kpu_bali", "admin_lembaga"))
    assert client.get("/api/v1/peringatan/langganan", headers=other).json()["count"] == 0
    assert client.delete(f"/api/v1/peringatan/langganan/{pk}", headers=other).status_code == 404
    op = bearer(pengguna_uji("kpu_jatim", "operator"))
    assert client.delete(f"/api/v1/peringatan/langganan/{pk}", headers=op).status_code == 404
    assert client.delete(f"/api/v1/peringatan/langganan/{pk}", headers=h).status_code == 204
    assert not Langganan.objects.exists()
    assert AuditEntry.objects.filter(object_type="kejadian.langganan").count() == 2


def test_api_rules_admins_only(client, dasar, pengguna_uji, bearer):
    svc.load_aturan()
    r = client.get(
        "/api/v1/peringatan/aturan", headers=bearer(pengguna_uji("kpu_jatim", "admin_lembaga"))
    )
    assert r.status_code == 200 and r.json()["count"] == 5
    r = client.get(
        "/api/v1/peringatan/aturan", headers=bearer(pengguna_uji("kpu_jatim", "operator"))
    )
    assert r.status_code == 404


def test_api_webhook_log_own_org(client, dasar, lembaga_uji, pengguna_uji, bearer):
    from unittest import mock

    from sinergi.komunikasi.models import Webhook

    Webhook.objects.create(
        lembaga=lembaga_uji["polres_madiun"], url="https://polres.example/h", rahasia="r" * 40
    )
    Langganan.objects.create(lembaga=lembaga_uji["polres_madiun"], email=False, webhook=True)
    buat_aturan(n=2, hari=3)
    buat_kejadian(n=2)
    with mock.patch("sinergi.komunikasi.webhook.kirim", return_value=500):
        svc.evaluasi_semua()
    p = Peringatan.objects.get()
    r = client.get(
        "/api/v1/peringatan/webhook", headers=bearer(pengguna_uji("polres_madiun", "operator"))
    )
    items = r.json()["items"]
    assert len(items) == 1
    assert items[0]["peringatan"] == p.pk and items[0]["status"] == "gagal"
    assert items[0]["percobaan"] == 5 and items[0]["kode_http"] == 500  # retried with backoff
    r = client.get(
        "/api/v1/peringatan/webhook", headers=bearer(pengguna_uji("kpu_madiun", "operator"))
    )
    assert r.json()["count"] == 0


def test_alert_time_is_utc_aware(alert):
    assert timezone.is_aware(alert.created_at)
