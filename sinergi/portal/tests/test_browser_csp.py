"""The Content-Security-Policy (sinergi.core.middleware.KebijakanKontenMiddleware) in a real
Chromium: the main pages load without a single violation, and still work (the menu, htmx,
the Leaflet map, the nonce'd inline scripts)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Registered before any page script: every violation the browser reports is kept.
CATAT_PELANGGARAN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile
                    + ":" + e.lineNumber);
});
"""


@pytest.fixture
def pantau(halaman):
    """The page with violations recorded from the DOM event and the console alike."""
    konsol: list[str] = []
    halaman.on(
        "console",
        lambda m: konsol.append(m.text) if "Content Security Policy" in m.text else None,
    )
    halaman.add_init_script(CATAT_PELANGGARAN)

    def pelanggaran() -> list[str]:
        return halaman.evaluate("window.__csp") + konsol

    halaman.pelanggaran = pelanggaran
    return halaman


def test_public_pages_load_without_violations_and_htmx_works(pantau, wilayah_mini):
    """Home, the stages and the regions load clean; the region search still swaps its results
    through htmx and the menu still opens."""
    for url in ("/", "/tahapan/", "/regulasi/"):
        r = pantau.goto(url)
        assert r.status == 200, url
        assert "default-src 'self'" in r.headers["content-security-policy"]
    pantau.goto("/wilayah/")
    pantau.evaluate("window.__tanda = 1")
    pantau.fill("#q", "madiun")
    pantau.wait_for_selector("#hasil >> text=Kota Madiun")
    assert pantau.evaluate("window.__tanda") == 1  # htmx swapped, no reload
    pantau.get_by_role("button", name="Menu").click()
    assert pantau.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"
    assert pantau.pelanggaran() == []


def test_dashboard_and_map_work_under_the_policy(pantau, masuk_sebagai, pengguna_uji):
    """Signed in: the dashboard loads (its inbox badge by htmx) and the alert dashboard draws
    its Leaflet map from the nonce'd inline script; no violation is reported."""
    user = pengguna_uji("kpu_jatim", "operator")
    user.set_password("rahasia-uji-123")
    user.save()
    masuk_sebagai(user, "rahasia-uji-123")
    assert pantau.url.endswith("/dasbor/")
    with pantau.expect_response(lambda r: "belum-dibaca" in r.url or "belum_dibaca" in r.url):
        pantau.reload()
    pantau.goto("/kejadian/peringatan/dasbor/")
    pantau.wait_for_selector("#peta-kejadian.leaflet-container .leaflet-map-pane", state="attached")
    assert pantau.pelanggaran() == []


def test_an_injected_inline_script_is_refused(pantau, wilayah_mini):
    """The policy bites: a script element without the nonce does not run, and is reported."""
    pantau.goto("/")
    pantau.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__jalan = 1'; document.body.appendChild(s); }"
    )
    assert pantau.evaluate("window.__jalan") is None
    assert any("script-src" in v for v in pantau.pelanggaran())
