"""Permission matrix rules for the akses pages and API (docs/akses.md)."""

from sinergi.akses.testing import Rule, semua

RULES = [
    Rule("GET /akun/masuk/", semua(200)),
    Rule(
        "POST /akun/masuk/",
        semua(200),
        data={"username": "tidak-ada@uji.sinergi.test", "password": "salah"},
        nama="wrong password re-renders the form",
    ),
    Rule("POST /akun/keluar/", semua(302)),
]
