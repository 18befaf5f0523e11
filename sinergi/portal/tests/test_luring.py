"""The installable, offline-capable site (issue #16): the web app manifest, the service worker
at the root, the CSRF token endpoint for queued reports, and the policy that lets them run."""

import json
import re

import pytest
from django.templatetags.static import static

from sinergi.portal import luring

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    parts = (p.strip().split(" ", 1) for p in response["Content-Security-Policy"].split(";"))
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


def test_manifest_is_indonesian_with_icons_served_by_the_app(client):
    """The manifest names the app in Indonesian and its icons are files this app serves."""
    r = client.get("/manifest.webmanifest")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/manifest+json"
    data = json.loads(r.content)
    assert data["lang"] == "id" and data["display"] == "standalone"
    assert "koordinasi pemilu" in data["name"]
    assert "sinyal" in data["description"]
    for icon in data["icons"]:
        assert icon["src"].startswith("/static/portal/")
        assert client.get(icon["src"]).status_code == 200
    assert {i["sizes"] for i in data["icons"]} == {"any", "192x192", "512x512"}
    assert [s["url"] for s in data["shortcuts"]] == [
        "/kejadian/lapor/",
        "/kejadian/publik/lapor/",
        "/kegiatan/hadir/",
    ]


def test_base_layout_links_manifest_and_offline_script(client):
    body = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert static("portal/luring.js") in body
    assert 'id="antrean-luring"' in body and "Menunggu sinyal: {daftar}" in body


def test_service_worker_is_served_at_the_root_uncached(client):
    """/sw.js: JavaScript, allowed to control the whole site, never kept by the HTTP cache."""
    r = client.get("/sw.js")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/javascript")
    assert r["Service-Worker-Allowed"] == "/"
    assert "no-cache" in r["Cache-Control"] and "no-store" in r["Cache-Control"]


def test_service_worker_lists_assets_forms_and_boundaries(client):
    """The worker precaches the site's CSS/JS, htmx, Leaflet, the logo and the national
    outline, and knows the three field forms; the regency boundaries are not precached (a
    first visit on slow 3G would download all 38 provinces' files in the background)."""
    body = client.get("/sw.js").content.decode()
    konfig = json.loads(re.search(r"const KONFIG = (\{.*\});", body).group(1))
    for name in (
        "portal/sinergi.css",
        "portal/sinergi.js",
        "django_htmx/htmx-2.min.js",
        "leaflet/leaflet.js",
        "portal/logo.svg",
        "wilayah/batas/provinsi.json",
    ):
        assert static(name) in konfig["statis"]
    assert not [u for u in konfig["statis"] if "/kabupaten_kota/" in u]
    assert konfig["halaman"] == ["/kejadian/lapor/", "/kejadian/publik/lapor/", "/kegiatan/hadir/"]
    assert re.fullmatch(r"[0-9a-f]{12}", konfig["versi"])
    # An event's one-tap check-in (what its QR code opens), with the self check-in as fallback.
    [pola] = konfig["pola"]
    assert pola["cadangan"] == "/kegiatan/hadir/"
    assert re.search(pola["pola"], "/kegiatan/12/hadir-saya/")
    for lain in ("/kegiatan/12/hadir/", "/kegiatan/12/hadir-saya/x/", "/x/kegiatan/1/hadir-saya/"):
        assert not re.search(pola["pola"], lain)


def test_cache_version_follows_the_files(monkeypatch):
    """Another file content (a deploy) is another cache version, so old caches are dropped."""
    before = luring._versi_hitung()
    monkeypatch.setattr(luring, "STATIS", [*luring.STATIS, "kegiatan/cakupan.js"])
    assert luring._versi_hitung() != before


def test_service_worker_never_caches_the_api_or_posts(client):
    """Only GETs of static files and of the three forms are answered by the worker."""
    body = client.get("/sw.js").content.decode()
    assert 'if (request.method !== "GET") return;' in body
    assert "/api/" not in body


def test_policy_allows_worker_and_manifest_from_this_origin_only(client):
    """The CSP names the worker and manifest sources outright: this origin only."""
    for url in ("/", "/sw.js", "/manifest.webmanifest"):
        csp = _csp(client.get(url))
        assert csp["worker-src"] == "'self'"
        assert csp["manifest-src"] == "'self'"
        assert csp["script-src"].startswith("'self' 'nonce-")


def test_csrf_token_endpoint_sets_cookie_and_is_not_cached(client):
    """A queued report fetches a fresh token: the endpoint answers it with the cookie."""
    r = client.get("/luring/token-csrf/")
    assert r.status_code == 200
    assert len(json.loads(r.content)["token"]) == 64
    assert "csrftoken" in r.cookies
    assert "no-cache" in r["Cache-Control"]


def test_logged_in_pages_name_the_user_for_the_queue(client, pengguna_uji):
    """A signed-in page carries the user id (queued staff reports are sent only for it), and
    the logout form is marked so the script empties the page cache first."""
    user = pengguna_uji("kpu_madiun", "operator")
    client.force_login(user)
    body = client.get("/").content.decode()
    assert f'data-pengguna="{user.pk}"' in body
    assert "data-keluar" in body


def test_every_text_of_the_offline_script_is_rendered_by_django():
    """Each `t("name")` used by luring.js has its translated `data-t-name` in the template."""
    from pathlib import Path

    portal = Path(luring.__file__).resolve().parent
    js = (portal / "static" / "portal" / "luring.js").read_text()
    template = (portal / "templates" / "portal" / "_antrean.html").read_text()
    dipakai = set(re.findall(r'\bt\("([a-z]+(?:-[a-z]+)*)"', js))
    dipakai |= {f"jenis-{j}" for j in ("kejadian", "publik", "hadir")}  # t("jenis-" + jenis)
    tersedia = set(re.findall(r'data-t-([a-z-]+)="\{% translate ', template))
    assert dipakai and dipakai <= tersedia
