"""The maps on a phone over slow 3G: time until the map is drawn, against a plain page."""

from __future__ import annotations

import statistics

from _util import DEMO_SANDI, demo_sqlite, server

TITLE = "Maps on slow 3G: time until the IKP and coverage maps are drawn"
ULANG = 3
# Slow 3G as the issue measured it: ~400 kbit/s both ways, 400 ms round trip.
JARINGAN = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
OPERATOR = "operator.kpu.jatim@demo.sinergi.local"


def _halaman(browser, base: str, *, masuk: bool):
    from sinergi.core.testing.browser import CHROMIUM  # noqa: F401  (same browser as the tests)

    context = browser.new_context(
        base_url=base, locale="id-ID", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(120_000)
    page = context.new_page()
    if masuk:
        page.goto("/akun/masuk/")
        page.fill("#id_username", OPERATOR)
        page.fill("#id_password", DEMO_SANDI)
        page.click("form.stack button[type=submit]")
        page.wait_for_load_state()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", JARINGAN)
    terkirim = {"total": 0, "batas": 0}
    url = {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: url.__setitem__(e["requestId"], e["request"]["url"]),
    )

    def selesai(e):
        terkirim["total"] += e["encodedDataLength"]
        if "/static/wilayah/batas/" in url.get(e["requestId"], ""):
            terkirim["batas"] += e["encodedDataLength"]

    cdp.on("Network.loadingFinished", selesai)
    return context, page, terkirim


def _ukur(browser, base: str, path: str, *, masuk: bool, peta: int | None) -> dict:
    """One cold visit (empty cache): seconds until the HTML is parsed (the tables are in it),
    until `load`, and until the map JS marked the map drawn; then the same page again with
    the cache warm."""
    context, page, terkirim = _halaman(browser, base, masuk=masuk)
    try:
        page.goto(path, wait_until="load")
        if peta is not None:
            page.wait_for_function(
                "n => Number(document.getElementById('peta').dataset.tergambar) >= n",
                arg=peta,
                polling=50,
            )
        # The browser's own clock, from the start of navigation (the click on the link).
        waktu = page.evaluate(
            """() => {
              const nav = performance.getEntriesByType('navigation')[0];
              const tanda = n => (performance.getEntriesByName(n)[0] || {}).startTime;
              return {fcp: tanda('first-contentful-paint'), html: nav.domContentLoadedEventEnd,
                      load: nav.loadEventEnd, peta: tanda('peta-tergambar')};
            }"""
        )
        hasil = {k: v / 1000 for k, v in waktu.items() if v}
        hasil["kb"] = terkirim["total"] / 1000
        hasil["batas_kb"] = terkirim["batas"] / 1000
        if peta is not None:
            page.goto(path, wait_until="domcontentloaded")
            page.wait_for_function(
                "n => Number(document.getElementById('peta').dataset.tergambar) >= n",
                arg=peta,
                polling=50,
            )
            hasil["hangat"] = (
                page.evaluate("performance.getEntriesByName('peta-tergambar')[0].startTime") / 1000
            )
        return hasil
    finally:
        context.close()


def _median(xs: list[dict], k: str) -> float | None:
    nilai = [x[k] for x in xs if k in x]
    return statistics.median(nilai) if nilai else None


def run() -> str:
    import os

    from playwright.sync_api import sync_playwright

    from sinergi.core.testing.browser import CHROMIUM, CHROMIUM_ARGS

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    kasus = [
        ("baseline: public home page `/` (no map)", "/", False, None),
        ("IKP map `/kerawanan/ikp-2024/` (38 provinces)", "/kerawanan/ikp-2024/", False, 38),
        (
            "coverage map `/kegiatan/cakupan/` (Jawa Timur, 38 regencies, signed in)",
            "/kegiatan/cakupan/?pemilu=pemilu-2024&wilayah=35",
            True,
            38,
        ),
    ]
    header = {}
    with demo_sqlite() as env, server(env) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            import urllib.request

            page = browser.new_page()
            html = page.goto(base + "/kerawanan/ikp-2024/").text()
            src = html.split('"provinsi": "', 1)[1].split('"', 1)[0]
            req = urllib.request.Request(base + src, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(req) as r:
                header = {
                    "url": src,
                    "Content-Encoding": r.headers.get("Content-Encoding"),
                    "Cache-Control": r.headers.get("Cache-Control"),
                }
            page.close()
            baris = []
            for nama, path, masuk, peta in kasus:
                ukuran = [_ukur(browser, base, path, masuk=masuk, peta=peta) for _ in range(ULANG)]
                baris.append((nama, {k: _median(ukuran, k) for k in ukuran[0]}))
        finally:
            browser.close()

    def s(v):
        return "-" if v is None else f"{v:.1f} s"

    rows = "\n".join(
        f"| {n} | {s(m.get('fcp'))} | {s(m['html'])} | {s(m['load'])} | {s(m.get('peta'))} "
        f"| {s(m.get('hangat'))} | {m['kb']:.0f} KB | {m['batas_kb']:.0f} KB |"
        for n, m in baris
    )
    return f"""
Chromium (Playwright) on a 390x844 phone viewport, network throttled through CDP
`Network.emulateNetworkConditions` to slow 3G: 400 kbit/s down and up, 400 ms latency. Each
visit starts with an empty cache (the coverage map's sign-in happens before throttling). The
server is `sinergi up`'s Granian on the demo database (SQLite), static files collected and
compressed as in production. Median of {ULANG} visits. "First paint" is the browser's first
contentful paint (the server-rendered tables and ranking are in the HTML, so they show then);
"HTML parsed" is DOMContentLoaded, after Leaflet's script; "map drawn" is when the page's map
script has added the outlines (its `performance.mark("peta-tergambar")`), all on the
browser's clock from the start of navigation; "again" is the same page reloaded
with the browser cache warm. The boundary file and the map's first data are preloaded from
`<head>`, and htmx is loaded once the map is drawn, so that Leaflet (43 KB gzipped, the
largest part) has the bandwidth.

| page | first paint | HTML parsed | `load` | map drawn | again | sent | boundaries |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{rows}

Before the boundaries were rebuilt (issue #17) the same measurement gave 16.5 s (IKP) and
22.4 s (coverage): the maps fetched the whole country's GeoJSON, 658 KB and 983 KB gzipped.
The national boundary file is served as `{header.get("url")}` with
`Content-Encoding: {header.get("Content-Encoding")}` and
`Cache-Control: {header.get("Cache-Control")}`.

Goal: the map drawn within 3 s of a cold visit on slow 3G.
"""
