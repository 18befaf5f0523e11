"""Helpers for browser tests of the offline forms (service worker, offline queue)."""

from __future__ import annotations

# Evaluated through the DevTools protocol: a polled string (`wait_for_function("…")`) would be
# `eval`, which the site's CSP refuses.
TUNGGU_SW = """async () => {
  // Bounded: a worker that fails to install would leave `ready` pending for ever, and
  // Playwright's evaluate() has no timeout of its own.
  let jam;
  const batas = new Promise((_ok, gagal) => {
    jam = setTimeout(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const keadaan = reg ? [reg.installing, reg.waiting, reg.active].map((w) => w && w.state) : [];
      gagal(new Error("no service worker in control after 20 s: " + JSON.stringify(keadaan)));
    }, 20000);
  });
  // Active, and in control of this page (true) or not (false): a page that was opened while
  // the worker was still activating for an earlier page may never be claimed.
  const kendali = (async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => {
        navigator.serviceWorker.addEventListener("controllerchange", ok);
        setTimeout(ok, 3000);
      });
    }
    return !!navigator.serviceWorker.controller;
  })();
  try {
    return await Promise.race([kendali, batas]);
  } finally {
    clearTimeout(jam);
  }
}"""


def _pastikan(ok: bool, pesan: str) -> None:
    if not ok:
        raise AssertionError(pesan)


def siap_luring(halaman, url: str) -> None:
    """Open `url` online and wait until the service worker controls the page and the page
    came through it (so it was kept for offline use). A first visit arrives before the worker
    is active, and a page opened while it was activating for an earlier page may never be
    claimed: then it is loaded once more."""
    response = halaman.goto(url)
    if halaman.evaluate(TUNGGU_SW) and response is not None and response.from_service_worker:
        return
    halaman.reload()
    _pastikan(halaman.evaluate(TUNGGU_SW), "the service worker does not control the page")


def buka_luring(halaman) -> None:
    """Switch the network off and reload: the page must come from the worker's cache."""
    halaman.context.set_offline(True)
    response = halaman.reload()
    _pastikan(response is not None and response.from_service_worker, "not from the worker")
    _pastikan(halaman.evaluate("() => navigator.onLine") is False, "navigator.onLine is true")
    jaringan = halaman.evaluate("() => fetch('/healthz').then(() => 'on', () => 'off')")
    _pastikan(jaringan == "off", "the page still reaches the server")


def kotak_antrean(halaman, teks: str, lebar: int = 390):
    """The waiting box, once it shows `teks`: visible and within the phone's width."""
    kotak = halaman.locator("#antrean-luring")
    kotak.get_by_text(teks).wait_for()
    _pastikan(kotak.is_visible(), "the waiting box is hidden")
    box = kotak.bounding_box()
    _pastikan(box["x"] >= 0 and box["x"] + box["width"] <= lebar, f"wider than {lebar} px: {box}")
    return kotak
