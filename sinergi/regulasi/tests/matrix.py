"""Permission matrix rules for regulasi: the legal catalogue is public."""

from sinergi.akses.testing import Rule, semua


def _regulasi(k):
    from sinergi.regulasi.tests.factories import buat_regulasi

    return buat_regulasi()


RULES = [
    Rule("GET /regulasi/", semua(200), path="/regulasi/?q=kampanye"),
    Rule(
        "GET /regulasi/<int:pk>/",
        semua(200),
        setup=_regulasi,
        path=lambda k, obj: f"/regulasi/{obj.pk}/",
    ),
    Rule("GET /api/v1/regulasi", semua(200), path="/api/v1/regulasi?q=kampanye"),
    Rule(
        "GET /api/v1/regulasi/{regulasi_id}",
        semua(200),
        setup=_regulasi,
        path=lambda k, obj: f"/api/v1/regulasi/{obj.pk}",
    ),
]
