"""Permission matrix rules for tahapan: public reference data, readable by everyone."""

from sinergi.akses.testing import Rule, semua


def _jadwal(k):
    from sinergi.tahapan.tests.factories import buat_jadwal, buat_pemilu

    pemilu = buat_pemilu()
    buat_jadwal(pemilu)
    return pemilu


RULES = [
    Rule("GET /tahapan/", semua(200), path="/tahapan/?tanggal=2022-12-10"),
    Rule("GET /tahapan/<slug:slug>/", semua(200), setup=_jadwal, path="/tahapan/pemilu-uji/"),
    Rule(
        "GET /tahapan/<slug:slug>/linimasa/",
        semua(200),
        setup=_jadwal,
        path="/tahapan/pemilu-uji/linimasa/",
    ),
    Rule(
        "GET /tahapan/<slug:slug>/<str:kode>/",
        semua(200),
        setup=_jadwal,
        path="/tahapan/pemilu-uji/A/",
    ),
    Rule("GET /api/v1/pemilu", semua(200), setup=_jadwal),
    Rule("GET /api/v1/pemilu/{slug}", semua(200), setup=_jadwal, path="/api/v1/pemilu/pemilu-uji"),
    Rule(
        "GET /api/v1/pemilu/{slug}/tahapan",
        semua(200),
        setup=_jadwal,
        path="/api/v1/pemilu/pemilu-uji/tahapan?aktif_pada=2022-12-10",
    ),
    Rule(
        "GET /api/v1/pemilu/{slug}/kalender.ics",
        semua(200),
        setup=_jadwal,
        path="/api/v1/pemilu/pemilu-uji/kalender.ics",
    ),
]
