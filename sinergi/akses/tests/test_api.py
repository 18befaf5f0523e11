import datetime

import pytest
from django.test import Client
from django.utils import timezone

from sinergi.akses import services
from sinergi.akses.models import TokenAPI
from sinergi.core import audit
from sinergi.core.models import AuditEntry

pytestmark = pytest.mark.django_db
TIDAK_SAH = {"message": "Perlu masuk terlebih dahulu, atau token tidak sah.", "errors": []}


def test_saya_with_a_bearer_token(client, pengguna_uji, bearer):
    """GET /akun/saya with a token answers the user, organization, role and scope."""
    user = pengguna_uji("kpu_madiun", "operator")
    r = client.get("/api/v1/akun/saya", headers=bearer(user, read_only=True))
    assert r.status_code == 200
    body = r.json()
    assert body["email"] == user.email and body["peran"] == "operator"
    assert body["lembaga"]["nama"] == "KPU Kabupaten Madiun"
    assert body["lingkup"] == "35.19" and body["token_read_only"] is True


def test_saya_with_a_session(client, pengguna_uji):
    """The API also accepts a signed-in browser session."""
    user = pengguna_uji("kpu_jatim", "pengamat")
    client.force_login(user)
    r = client.get("/api/v1/akun/saya")
    assert r.status_code == 200 and r.json()["lingkup"] == "35"


def test_saya_without_credentials_is_401(client):
    """No token and no session: 401 with the message."""
    r = client.get("/api/v1/akun/saya")
    assert r.status_code == 401 and r.json() == TIDAK_SAH


def test_expired_token_is_401(client, pengguna_uji):
    """An expired token answers 401."""
    user = pengguna_uji("kpu_madiun", "operator")
    token, secret = services.token_create(pelaku=user, nama="x", hari=1)
    TokenAPI.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    r = client.get("/api/v1/akun/saya", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 401 and r.json() == TIDAK_SAH


def test_revoked_token_is_401(client, pengguna_uji):
    """A revoked token answers 401."""
    user = pengguna_uji("kpu_madiun", "operator")
    token, secret = services.token_create(pelaku=user, nama="x", hari=1)
    services.token_revoke(pelaku=user, token_id=token.pk)
    r = client.get("/api/v1/akun/saya", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 401


def test_bad_token_wins_over_a_session(client, pengguna_uji):
    """A signed-in session with a wrong Bearer token still answers 401 (never silently
    falls back to the session)."""
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    r = client.get("/api/v1/akun/saya", headers={"Authorization": "Bearer sng_00000000_x"})
    assert r.status_code == 401


def test_create_token_shows_the_secret_once(client, pengguna_uji, bearer):
    """POST /akun/token answers 201 with the full token; the list never shows it again."""
    user = pengguna_uji("kpu_madiun", "operator")
    headers = bearer(user)
    r = client.post(
        "/api/v1/akun/token",
        {"nama": "skrip", "hari": 7, "read_only": True},
        content_type="application/json",
        headers=headers,
    )
    assert r.status_code == 201
    secret = r.json()["token"]
    assert secret.startswith("sng_")
    listing = client.get("/api/v1/akun/token", headers=headers).json()
    assert listing["count"] == 2
    assert all("token" not in item for item in listing["items"])
    assert secret not in str(listing)


def test_read_only_token_cannot_write(client, pengguna_uji, bearer):
    """A read-only token may not create tokens: 403 with the message, nothing created."""
    user = pengguna_uji("kpu_madiun", "operator")
    headers = bearer(user, read_only=True)
    r = client.post(
        "/api/v1/akun/token",
        {"nama": "skrip", "hari": 7},
        content_type="application/json",
        headers=headers,
    )
    assert r.status_code == 403
    assert r.json()["message"] == (
        "Token ini hanya dapat membaca; buat token baca-tulis untuk mengubah data."
    )
    assert TokenAPI.objects.count() == 1


def test_invalid_token_days_is_422_naming_the_field(client, pengguna_uji, bearer):
    """hari=0 answers 422 naming the field; no token is created."""
    user = pengguna_uji("kpu_madiun", "operator")
    headers = bearer(user)
    r = client.post(
        "/api/v1/akun/token",
        {"nama": "x", "hari": 0},
        content_type="application/json",
        headers=headers,
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "hari", "message": "Masa berlaku harus antara 1 dan 365 hari."}
    ]
    assert TokenAPI.objects.count() == 1


def test_session_write_needs_csrf(pengguna_uji):
    """A session-authenticated API write without the CSRF token is refused; nothing created."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    r = client.post("/api/v1/akun/token", {"nama": "x", "hari": 1}, content_type="application/json")
    assert r.status_code == 403
    assert TokenAPI.objects.count() == 0


def test_last_used_time_is_recorded(client, pengguna_uji):
    """Using a token records its last-used time."""
    user = pengguna_uji("kpu_madiun", "operator")
    token, secret = services.token_create(pelaku=user, nama="x", hari=1)
    client.get("/api/v1/akun/saya", headers={"Authorization": f"Bearer {secret}"})
    assert TokenAPI.objects.get(pk=token.pk).last_used_at is not None


def _audit_rows(pengguna_uji):
    for key in ["kpu_madiun", "kpu_kota_madiun", "kpu_bali"]:
        actor = pengguna_uji(key, "operator")
        audit.record(actor=actor, action="update", obj=actor, before={"a": 1}, after={"a": 2})


def test_audit_organization_admin_sees_its_subtree(client, pengguna_uji, bearer):
    """KPU Jawa Timur's admin sees the rows of KPU Jatim's subtree, not Bali's."""
    _audit_rows(pengguna_uji)
    admin = pengguna_uji("kpu_jatim", "admin_lembaga")
    r = client.get(
        "/api/v1/akun/audit", {"object_type": "akses.user"}, headers=bearer(admin, read_only=True)
    )
    assert r.status_code == 200
    actors = {i["actor"] for i in r.json()["items"]}
    assert actors == {
        "operator.kpu-madiun@uji.sinergi.test",
        "operator.kpu-kota-madiun@uji.sinergi.test",
    }


def test_audit_is_404_for_non_admins(client, pengguna_uji, bearer):
    """A coordinator has no audit trail: 404."""
    r = client.get("/api/v1/akun/audit", headers=bearer(pengguna_uji("kpu_jatim", "koordinator")))
    assert r.status_code == 404


def test_audit_filters_by_actor_and_type(client, admin_sistem, pengguna_uji, bearer):
    """Filters narrow by actor email and object type."""
    _audit_rows(pengguna_uji)
    headers = bearer(admin_sistem)
    r = client.get(
        "/api/v1/akun/audit",
        {"actor": "kpu-bali", "object_type": "akses.user"},
        headers=headers,
    )
    assert [i["actor"] for i in r.json()["items"]] == ["operator.kpu-bali@uji.sinergi.test"]
    later = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert client.get("/api/v1/akun/audit", {"sejak": later}, headers=headers).json()["count"] == 0


def test_audit_list_query_count(
    client, admin_sistem, pengguna_uji, bearer, django_assert_max_num_queries
):
    """The audit list's query count does not grow with the rows."""
    _audit_rows(pengguna_uji)
    headers = bearer(admin_sistem)
    with django_assert_max_num_queries(6):
        r = client.get("/api/v1/akun/audit", headers=headers)
    assert r.json()["count"] >= 3


def test_audit_cannot_be_changed_through_the_api(client, admin_sistem, bearer):
    """No API operation edits or deletes audit rows: the schema has only GET on /akun/audit."""
    from sinergi.api import api

    paths = api.get_openapi_schema()["paths"]
    audit_ops = {m for p, ops in paths.items() if "audit" in p for m in ops}
    assert audit_ops == {"get"}
    assert AuditEntry.objects.count() == 0
