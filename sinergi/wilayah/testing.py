"""Test helpers for pages that draw boundaries (the IKP map, the coverage map)."""

from __future__ import annotations

# What a map view may fetch in boundaries, in bytes as sent (compressed when the server
# compresses). At slow 3G (~50 KB/s) this alone is 3 s; the shipped files are far smaller.
ANGGARAN_BATAS = 150_000


class PemantauBatas:
    """Counts the bytes of the boundary files (`/static/wilayah/`) a page downloads."""

    def __init__(self, halaman):
        self.berkas: dict[str, int] = {}
        halaman.on("requestfinished", self._selesai)

    def _selesai(self, request) -> None:
        if "/static/wilayah/" in request.url and not request.url.endswith(".js"):
            self.berkas[request.url] = request.sizes()["responseBodySize"]

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
