"""Permission matrix rules for the portal pages (docs/akses.md)."""

from sinergi.akses.testing import Rule, masuk, semua

RULES = [
    Rule("GET /", semua(200)),
    Rule("GET /dasbor/", masuk(200)),
]
