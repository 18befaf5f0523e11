"""Organizations manage their own outgoing webhooks (page and API): who may, address checks,
the secret shown once, audit without the secret, signed test calls, retrying a failure."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from sinergi.core.models import AuditEntry
from sinergi.komunikasi import selectors, services, webhook
from sinergi.komunikasi.models import PengirimanWebhook, Webhook
from sinergi.komunikasi.tests import test_webhook

pytestmark = pytest.mark.django_db
API = "/api/v1/komunikasi/webhook"
URL = "https://gateway.polres-madiun.example.org/sinergi"
# Outgoing calls recorded instead of made: test_webhook.py's fixture.
panggilan = test_webhook.panggilan


@pytest.fixture
def admin(pengguna_uji):
    """The admin_lembaga of Polres Madiun."""
    return pengguna_uji("polres_madiun", "admin_lembaga")


@pytest.fixture
def hook(admin):
    """Polres Madiun's webhook and its secret, made through the service."""
    return services.webhook_create(pelaku=admin, url=URL)


def _audit_teks(**filters) -> str:
    rows = AuditEntry.objects.filter(object_type__startswith="komunikasi.", **filters)
    return json.dumps([[r.before, r.after, r.note, r.object_repr] for r in rows])


def _tanda_tangan_sah(req, rahasia: str) -> bool:
    sig = req.get_header("X-sinergi-signature")
    t, v1 = (x.split("=", 1)[1] for x in sig.split(","))
    return v1 == webhook.tanda_tangan(rahasia, int(t), req.data)


# --- Who may -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lembaga", "peran"),
    [
        ("kpu_madiun", "admin_lembaga"),  # another organization's admin, same region
        ("polda_jatim", "admin_lembaga"),  # the parent organization's admin
        ("polres_madiun", "operator"),
        ("polres_madiun", "koordinator"),
        ("polres_madiun", "pengamat"),
    ],
)
def test_others_get_404_on_page_and_api(client, bearer, pengguna_uji, hook, lembaga, peran):
    """Only Polres Madiun's own admin (and system admins) may manage its webhook: anyone else
    gets 404 on every page and API operation, and changes nothing."""
    w, _rahasia = hook
    user = pengguna_uji(lembaga, peran)
    client.force_login(user)
    for path in ["", "hapus/"]:
        assert client.get(f"/komunikasi/webhook/{w.pk}/{path}").status_code == 404
    for path in ["ubah/", "aktif/", "rotasi/", "uji/", "hapus/"]:
        assert client.post(f"/komunikasi/webhook/{w.pk}/{path}", {"aktif": "0"}).status_code == 404
    h = bearer(user)
    assert client.get(f"{API}/{w.pk}", headers=h).status_code == 404
    assert client.get(f"{API}/{w.pk}/pengiriman", headers=h).status_code == 404
    assert client.post(f"{API}/{w.pk}/uji", headers=h).status_code == 404
    assert client.post(f"{API}/{w.pk}/rotasi", headers=h).status_code == 404
    assert client.delete(f"{API}/{w.pk}", headers=h).status_code == 404
    r = client.patch(
        f"{API}/{w.pk}", {"is_active": False}, content_type="application/json", headers=h
    )
    assert r.status_code == 404
    assert client.get(API, headers=h).json()["items"] == []
    w2 = Webhook.objects.get(pk=w.pk)
    assert (w2.is_active, w2.rahasia, w2.url) == (True, w.rahasia, URL)
    assert not PengirimanWebhook.objects.exists()


def test_list_shows_only_what_the_caller_manages(client, bearer, pengguna_uji, admin, hook):
    """Each admin lists only their organization's webhooks; a system admin lists all; the
    page itself is 404 for those who manage none."""
    w, _r = hook
    kpu = pengguna_uji("kpu_madiun", "admin_lembaga")
    w_kpu, _ = services.webhook_create(pelaku=kpu, url="https://kpu.example.org/hook")
    assert list(selectors.webhook_list(pengguna=admin)) == [w]
    assert list(selectors.webhook_list(pengguna=kpu)) == [w_kpu]
    sistem = pengguna_uji("kpu_ri", "admin_sistem")
    assert set(selectors.webhook_list(pengguna=sistem)) == {w, w_kpu}
    ids = [x["id"] for x in client.get(API, headers=bearer(kpu)).json()["items"]]
    assert ids == [w_kpu.pk]
    client.force_login(admin)
    page = client.get("/komunikasi/webhook/").content.decode()
    assert URL in page and "kpu.example.org" not in page
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    assert client.get("/komunikasi/webhook/").status_code == 404


def test_system_admin_manages_any_organization(client, pengguna_uji, lembaga_uji, panggilan):
    """A system admin adds a webhook for another organization and sends it a test."""
    sistem = pengguna_uji("kpu_ri", "admin_sistem")
    client.force_login(sistem)
    polres = lembaga_uji["polres_madiun"]
    r = client.post("/komunikasi/webhook/", {"url": URL, "lembaga": polres.pk})
    assert r.status_code == 200
    w = Webhook.objects.get()
    assert w.lembaga == polres
    assert client.post(f"/komunikasi/webhook/{w.pk}/uji/").status_code == 302
    assert PengirimanWebhook.objects.get().status == "berhasil"


def test_operator_cannot_add_and_admin_cannot_add_for_another_org(
    client, bearer, pengguna_uji, lembaga_uji
):
    operator = pengguna_uji("polres_madiun", "operator")
    with pytest.raises(Http404):
        services.webhook_create(pelaku=operator, url=URL)
    admin = pengguna_uji("polres_madiun", "admin_lembaga")
    r = client.post(
        API,
        {"url": URL, "lembaga": lembaga_uji["kpu_madiun"].pk},
        content_type="application/json",
        headers=bearer(admin),
    )
    assert r.status_code == 404
    assert not Webhook.objects.exists()


def test_read_only_token_cannot_write(client, bearer, admin, hook):
    w, _r = hook
    h = bearer(admin, read_only=True)
    assert client.get(f"{API}/{w.pk}", headers=h).status_code == 200
    assert client.post(f"{API}/{w.pk}/rotasi", headers=h).status_code == 403
    assert (
        client.post(API, {"url": URL + "2"}, content_type="application/json", headers=h).status_code
        == 403
    )
    assert client.delete(f"{API}/{w.pk}", headers=h).status_code == 403
    assert Webhook.objects.get().rahasia == w.rahasia


# --- Address checks ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "http://gateway.example.org/hook",
        "ftp://gateway.example.org/hook",
        "https://localhost/hook",
        "https://LOCALHOST:8443/hook",
        "https://api.localhost/hook",
        "https://127.0.0.1/hook",
        "https://127.1/hook",
        "https://2130706433/hook",
        "https://0x7f000001/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.5/hook",
        "https://192.168.1.10:8443/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://0.0.0.0/hook",
        "https://100.64.0.1/hook",
        "https://240.0.0.1/hook",
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "https://[fc00::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://",
        "gateway.example.org/hook",
        "",
    ],
)
def test_refused_addresses(admin, url):
    with pytest.raises(ValidationError) as exc:
        services.webhook_create(pelaku=admin, url=url)
    assert "url" in exc.value.message_dict
    assert not Webhook.objects.exists()
    assert not AuditEntry.objects.filter(object_type="komunikasi.webhook").exists()


@pytest.mark.parametrize(
    "url",
    ["https://gateway.example.org/hook?x=1", "https://8.8.8.8/hook", "https://[2001:4860::8888]/h"],
)
def test_public_https_addresses_are_accepted(admin, url):
    w, _r = services.webhook_create(pelaku=admin, url=url)
    assert w.url == url


def test_refusal_messages_name_the_reason(admin):
    pesan = {}
    for url in ["http://a.example.org/", "https://localhost/", "https://10.0.0.1/"]:
        with pytest.raises(ValidationError) as exc:
            services.webhook_create(pelaku=admin, url=url)
        pesan[url] = exc.value.message_dict["url"][0]
    assert "https://" in pesan["http://a.example.org/"]
    assert "localhost" in pesan["https://localhost/"]
    assert "private" in pesan["https://10.0.0.1/"] and "10.0.0.1" in pesan["https://10.0.0.1/"]


def test_changing_to_a_private_address_is_refused(client, bearer, admin, hook):
    w, _r = hook
    r = client.patch(
        f"{API}/{w.pk}",
        {"url": "https://192.168.0.1/hook"},
        content_type="application/json",
        headers=bearer(admin),
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "url"
    assert Webhook.objects.get().url == URL


def test_the_form_keeps_the_input_and_says_why_in_indonesian(client, admin, settings):
    """A refused address comes back in the form with the reason, in Indonesian."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    client.force_login(admin)
    r = client.post("/komunikasi/webhook/", {"url": "https://169.254.169.254/hook"})
    assert r.status_code == 422
    html = r.content.decode()
    assert 'value="https://169.254.169.254/hook"' in html
    assert "alamat IP" in html and "169.254.169.254" in html
    assert not Webhook.objects.exists()


def test_the_same_address_twice_is_refused(admin, hook):
    with pytest.raises(ValidationError) as exc:
        services.webhook_create(pelaku=admin, url=URL)
    assert "url" in exc.value.message_dict


# --- The secret ----------------------------------------------------------------------------
def test_api_returns_the_secret_only_at_create_and_rotate(client, bearer, admin):
    h = bearer(admin)
    r = client.post(API, {"url": URL}, content_type="application/json", headers=h)
    assert r.status_code == 201
    data = r.json()
    w = Webhook.objects.get()
    assert data["rahasia"] == w.rahasia and len(w.rahasia) >= 32
    for path in [API, f"{API}/{w.pk}", f"{API}/{w.pk}/pengiriman"]:
        body = client.get(path, headers=h).content.decode()
        assert w.rahasia not in body and "rahasia" not in body
    r = client.patch(
        f"{API}/{w.pk}", {"is_active": False}, content_type="application/json", headers=h
    )
    assert "rahasia" not in r.json() and r.json()["is_active"] is False
    r = client.post(f"{API}/{w.pk}/rotasi", headers=h)
    baru = r.json()["rahasia"]
    assert baru != data["rahasia"] and len(baru) >= 32
    assert Webhook.objects.get().rahasia == baru
    assert baru not in client.get(f"{API}/{w.pk}", headers=h).content.decode()


def test_page_shows_the_secret_once(client, admin):
    client.force_login(admin)
    r = client.post("/komunikasi/webhook/", {"url": URL})
    assert r.status_code == 200
    w = Webhook.objects.get()
    assert w.rahasia in r.content.decode()
    assert "no-store" in r["Cache-Control"]
    assert w.rahasia not in client.get("/komunikasi/webhook/").content.decode()
    assert w.rahasia not in client.get(f"/komunikasi/webhook/{w.pk}/").content.decode()
    r = client.post(f"/komunikasi/webhook/{w.pk}/rotasi/")
    baru = Webhook.objects.get().rahasia
    assert baru != w.rahasia and baru in r.content.decode()
    assert baru not in client.get(f"/komunikasi/webhook/{w.pk}/").content.decode()


# --- Audit ---------------------------------------------------------------------------------
def test_every_write_is_audited_without_the_secret(client, bearer, admin, panggilan):
    """Create, change, switch off, rotate, test, retry and delete each leave an audit row;
    none of them holds a secret, old or new."""
    _calls, state = panggilan
    h = bearer(admin)
    rahasia = [
        client.post(API, {"url": URL}, content_type="application/json", headers=h).json()["rahasia"]
    ]
    w = Webhook.objects.get()
    client.patch(f"{API}/{w.pk}", {"url": URL + "/v2"}, content_type="application/json", headers=h)
    client.patch(f"{API}/{w.pk}", {"is_active": False}, content_type="application/json", headers=h)
    rahasia.append(client.post(f"{API}/{w.pk}/rotasi", headers=h).json()["rahasia"])
    state["status"] = 500
    d = client.post(f"{API}/{w.pk}/uji", headers=h).json()
    state["status"] = 200
    client.post(f"{API}/pengiriman/{d['id']}/ulang", headers=h)
    client.delete(f"{API}/{w.pk}", headers=h)

    rows = AuditEntry.objects.filter(actor=admin, object_type__startswith="komunikasi.")
    aksi = [(r.object_type, r.action) for r in rows.order_by("id")]
    assert aksi == [
        ("komunikasi.webhook", "create"),
        ("komunikasi.webhook", "update"),
        ("komunikasi.webhook", "update"),
        ("komunikasi.webhook", "update"),
        ("komunikasi.pengirimanwebhook", "create"),
        ("komunikasi.pengirimanwebhook", "update"),
        ("komunikasi.webhook", "delete"),
    ]
    teks = _audit_teks()
    for r in rahasia:
        assert r not in teks
    assert rows.get(action="create", object_type="komunikasi.webhook").after["rahasia"] == (
        services.RAHASIA_TERSAMAR
    )
    ubah = rows.filter(object_type="komunikasi.webhook", action="update").order_by("id")
    assert ubah[0].after == {"url": URL + "/v2"} and ubah[0].before == {"url": URL}
    assert ubah[1].after == {"is_active": False}
    assert ubah[2].note == "webhook signing secret rotated"


def test_refused_writes_leave_no_audit_row(client, bearer, pengguna_uji, hook):
    w, _r = hook
    h = bearer(pengguna_uji("polres_madiun", "operator"))
    sebelum = AuditEntry.objects.count()
    client.post(f"{API}/{w.pk}/rotasi", headers=h)
    client.delete(f"{API}/{w.pk}", headers=h)
    assert AuditEntry.objects.count() == sebelum


# --- Test calls and retries -----------------------------------------------------------------
def test_test_call_is_queued_signed_and_logged(client, bearer, admin, hook, panggilan, monkeypatch):
    """`uji` queues the ordinary delivery task for a `ping` log row; the call is signed with
    the webhook's secret (checked with komunikasi.webhook's own function)."""
    from sinergi.komunikasi import tasks

    calls, _state = panggilan
    w, rahasia = hook
    antre = []
    asli = tasks.jadwalkan
    monkeypatch.setattr(
        tasks, "jadwalkan", lambda t, *a, **k: (antre.append((t, a)), asli(t, *a, **k))[1]
    )
    r = client.post(f"{API}/{w.pk}/uji", headers=bearer(admin))
    assert r.status_code == 202
    log = PengirimanWebhook.objects.get()
    assert antre == [(tasks.kirim_webhook, (log.pk,))]
    assert r.json()["id"] == log.pk and r.json()["peristiwa"] == "ping"
    assert log.webhook == w and log.peristiwa == "ping" and log.payload["peristiwa"] == "ping"
    assert (log.status, log.percobaan, log.kode_http) == ("berhasil", 1, 200)
    (req,) = calls
    assert req.full_url == URL and req.get_header("X-sinergi-event") == "ping"
    assert _tanda_tangan_sah(req, rahasia)
    assert not _tanda_tangan_sah(req, "x" * 43)
    assert json.loads(req.data)["peristiwa"] == "ping"
    log_api = client.get(f"{API}/{w.pk}/pengiriman", headers=bearer(admin)).json()
    assert [x["id"] for x in log_api["items"]] == [log.pk]


def test_retry_of_a_failed_delivery(client, bearer, admin, hook, panggilan):
    """A delivery that failed every automatic attempt is sent again on request and, when the
    receiver is back, delivered; a delivered one cannot be retried."""
    calls, state = panggilan
    w, rahasia = hook
    h = bearer(admin)
    state["status"] = None
    d = client.post(f"{API}/{w.pk}/uji", headers=h).json()
    log = PengirimanWebhook.objects.get(pk=d["id"])
    assert log.status == "gagal" and log.percobaan == 5 and "connection refused" in log.galat
    state["status"] = 200
    r = client.post(f"{API}/pengiriman/{log.pk}/ulang", headers=h)
    assert r.status_code == 202
    log.refresh_from_db()
    assert (log.status, log.percobaan, log.kode_http, log.galat) == ("berhasil", 6, 200, "")
    assert _tanda_tangan_sah(calls[-1], rahasia)
    r = client.post(f"{API}/pengiriman/{log.pk}/ulang", headers=h)
    assert r.status_code == 422
    assert PengirimanWebhook.objects.get(pk=log.pk).percobaan == 6


def test_retry_from_the_page(client, admin, hook, panggilan):
    _calls, state = panggilan
    w, _r = hook
    state["status"] = 503
    client.force_login(admin)
    client.post(f"/komunikasi/webhook/{w.pk}/uji/")
    log = PengirimanWebhook.objects.get()
    assert (log.status, log.kode_http, log.galat) == ("gagal", 503, "HTTP 503")
    page = client.get(f"/komunikasi/webhook/{w.pk}/").content.decode()
    assert f"/komunikasi/webhook/pengiriman/{log.pk}/ulang/" in page and "HTTP 503" in page
    state["status"] = 204
    r = client.post(f"/komunikasi/webhook/pengiriman/{log.pk}/ulang/")
    assert r.status_code == 302 and r["Location"] == f"/komunikasi/webhook/{w.pk}/"
    log.refresh_from_db()
    assert log.status == "berhasil"


def test_switching_off_stops_announcements(client, admin, hook, panggilan, umumkan):
    """An inactive webhook gets no announcement calls; switched on again, it does."""
    from sinergi.komunikasi.tasks import antre_webhook_pengumuman

    calls, _state = panggilan
    w, rahasia = hook
    p = umumkan()
    client.force_login(admin)
    assert client.post(f"/komunikasi/webhook/{w.pk}/aktif/", {"aktif": "0"}).status_code == 302
    assert Webhook.objects.get().is_active is False
    assert antre_webhook_pengumuman(p, {w.lembaga_id}) == 0 and calls == []
    client.post(f"/komunikasi/webhook/{w.pk}/aktif/", {"aktif": "1"})
    assert Webhook.objects.get().is_active is True
    assert antre_webhook_pengumuman(p, {w.lembaga_id}) == 1
    assert len(calls) == 1 and _tanda_tangan_sah(calls[0], rahasia)


def test_delete_asks_first_then_removes_with_the_log(client, admin, hook, panggilan):
    w, _r = hook
    services.webhook_uji(pelaku=admin, webhook=w)
    client.force_login(admin)
    r = client.get(f"/komunikasi/webhook/{w.pk}/hapus/")
    assert r.status_code == 200 and URL in r.content.decode()
    assert Webhook.objects.exists()
    r = client.post(f"/komunikasi/webhook/{w.pk}/hapus/")
    assert r.status_code == 302 and r["Location"] == "/komunikasi/webhook/"
    assert not Webhook.objects.exists() and not PengirimanWebhook.objects.exists()


# --- The log ------------------------------------------------------------------------------
def test_log_is_paginated_newest_first_and_htmx_gets_only_the_log(client, admin, hook):
    w, _r = hook
    logs = [
        PengirimanWebhook.objects.create(webhook=w, peristiwa=f"e{i:02d}", payload={})
        for i in range(25)
    ]
    client.force_login(admin)
    page1 = client.get(f"/komunikasi/webhook/{w.pk}/").content.decode()
    assert "e24" in page1 and "e05" in page1 and "e04" not in page1
    assert page1.index("e24") < page1.index("e23")
    # The pages link to the detail itself, also from the answer to a rotation (/rotasi/).
    rotasi = client.post(f"/komunikasi/webhook/{w.pk}/rotasi/").content.decode()
    assert f'hx-get="/komunikasi/webhook/{w.pk}/?page=2"' in rotasi
    r = client.get(
        f"/komunikasi/webhook/{w.pk}/?page=2",
        headers={"HX-Request": "true", "HX-Target": "log-pengiriman"},
    )
    html = r.content.decode()
    assert "e04" in html and "e00" in html and "e05" not in html
    assert "<html" not in html and html.lstrip().startswith('<section id="log-pengiriman"')
    api = client.get(f"{API}/{w.pk}/pengiriman?limit=2").json()
    assert api["count"] == 25 and [x["peristiwa"] for x in api["items"]] == ["e24", "e23"]
    assert len(logs) == 25


def test_times_are_shown_in_the_users_region_zone(client, pengguna_uji):
    """An admin in Bali sees the log in WITA."""
    bali = pengguna_uji("kpu_bali", "admin_lembaga")
    w, _r = services.webhook_create(pelaku=bali, url="https://bali.example.org/hook")
    PengirimanWebhook.objects.create(webhook=w, peristiwa="ping", payload={})
    client.force_login(bali)
    assert "WITA" in client.get(f"/komunikasi/webhook/{w.pk}/").content.decode()
    assert "WITA" in client.get("/komunikasi/webhook/").content.decode()
    assert selectors.zona_pengguna(pengguna_uji("polres_madiun", "admin_lembaga")) == "WIB"


def test_last_delivery_on_the_list(admin, hook):
    w, _r = hook
    PengirimanWebhook.objects.create(webhook=w, peristiwa="a", payload={}, status="berhasil")
    PengirimanWebhook.objects.create(webhook=w, peristiwa="b", payload={}, status="gagal")
    (x,) = selectors.webhook_list(pengguna=admin)
    assert x.terakhir_status == "gagal" and x.terakhir_at is not None
