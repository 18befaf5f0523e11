"""Permission matrix rules for wilayah: reference data, public to everyone (docs/akses.md)."""

from sinergi.akses.testing import Rule, semua

RULES = [
    Rule("GET /wilayah/", semua(200)),
    Rule("GET /wilayah/cari/", semua(200), path="/wilayah/cari/?q=madiun"),
    Rule("GET /wilayah/saran/", semua(200), path="/wilayah/saran/?q=madiun"),
    Rule("GET /wilayah/<str:kode>/", semua(200), path=lambda k, o: f"/wilayah/{k.wilayah}/"),
    Rule("GET /api/v1/wilayah", semua(200), path="/api/v1/wilayah?induk=35"),
    Rule(
        "GET /api/v1/wilayah/{kode}", semua(200), path=lambda k, o: f"/api/v1/wilayah/{k.wilayah}"
    ),
]
