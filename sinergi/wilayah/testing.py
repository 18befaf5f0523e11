"""Test helpers for pages that draw boundaries (the IKP map, the coverage map)."""

from __future__ import annotations

# What a map view may fetch in boundaries, in bytes as sent (compressed when the server
# compresses). At slow 3G (~50 KB/s) this alone is 3 s; the shipped files are far smaller.
ANGGARAN_BATAS = 150_000


class PemantauBatas:
    """Counts the bytes of the boundary files (`/static/wilayah/`) a page fetches, as decoded:
    an upper bound of what was sent compressed, and also right when the service worker
    answers (the network's transfer sizes are then not reported to the page)."""

    def __init__(self, halaman):
        self._permintaan: dict[str, object] = {}
        halaman.on("requestfinished", self._selesai)

    def _selesai(self, request) -> None:
        if "/static/wilayah/" in request.url and not request.url.endswith(".js"):
            self._permintaan[request.url] = request

    @property
    def berkas(self) -> dict[str, int]:
        return {u: len(r.response().body()) for u, r in self._permintaan.items()}

    @property
    def total(self) -> int:
        return sum(self.berkas.values())


def tunggu_peta(halaman, minimal: int) -> int:
    """Wait until the map JS says it drew at least `minimal` regions; the number of outlines
    (SVG paths) Leaflet drew."""
    halaman.wait_for_function(
        "n => Number(document.getElementById('peta').dataset.tergambar) >= n", arg=minimal
    )
    return halaman.locator("#peta path.leaflet-interactive").count()
