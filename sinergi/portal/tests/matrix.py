"""Permission matrix rules for the portal pages (docs/akses.md)."""

from sinergi.akses.testing import Rule, masuk, semua

RULES = [
    Rule("GET /", semua(200)),
    Rule("GET /dasbor/", masuk(200)),
    # The installable, offline-capable site: the same for everyone, nothing of the user's.
    Rule("GET /manifest.webmanifest", semua(200)),
    Rule("GET /sw.js", semua(200)),
    Rule("GET /luring/token-csrf/", semua(200)),
]
