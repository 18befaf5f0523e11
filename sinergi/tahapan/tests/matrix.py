"""Permission matrix rules for tahapan: public reference data, readable by everyone."""

from sinergi.akses.testing import Rule, peran, semua

ADMIN = {"admin_sistem"}


def _jadwal(k):
    from sinergi.tahapan.tests.factories import buat_jadwal, buat_pemilu

    pemilu = buat_pemilu()
    buat_jadwal(pemilu)
    return pemilu


def _rancangan(k):

    pemilu = _jadwal(k)
    pemilu.status = "rancangan"
    pemilu.save(update_fields=["status"])
    return pemilu


def _status(k, obj):
    from sinergi.tahapan.models import Pemilu

    return Pemilu.objects.get(pk=obj.pk).status


def _jumlah_pemilu(k, obj):
    from sinergi.tahapan.models import Pemilu

    return Pemilu.objects.count()


BARU = {
    "cara": "salin",
    "sumber": "pemilu-uji",
    "slug": "pemilu-uji-baru",
    "nama": "Pemilu uji baru",
    "hari_pemungutan": "2029-02-14",
}

RULES = [
    # drafts of the next cycle: system administrators only, 404 for everyone else
    Rule(
        "GET /tahapan/kelola/baru/",
        peran(ADMIN, 200, tolak=404, anonim=404, dalam_lingkup=False),
    ),
    Rule(
        "POST /tahapan/kelola/baru/",
        peran(ADMIN, 302, tolak=404, anonim=404, dalam_lingkup=False),
        setup=_jadwal,
        data=BARU,
        state=_jumlah_pemilu,
    ),
    Rule(
        "POST /tahapan/<slug:slug>/terbitkan/",
        peran(ADMIN, 302, tolak=404, anonim=404, dalam_lingkup=False),
        setup=_rancangan,
        path="/tahapan/pemilu-uji/terbitkan/",
        data={"pkpu_jadwal": "PKPU 1/2027"},
        state=_status,
    ),
    Rule(
        "POST /api/v1/pemilu",
        peran(ADMIN, 201, tolak=404, anonim=401, dalam_lingkup=False),
        setup=_jadwal,
        data=BARU,
        state=_jumlah_pemilu,
    ),
    Rule(
        "POST /api/v1/pemilu/{slug}/terbitkan",
        peran(ADMIN, 200, tolak=404, anonim=401, dalam_lingkup=False),
        setup=_rancangan,
        path="/api/v1/pemilu/pemilu-uji/terbitkan",
        data={"pkpu_jadwal": "PKPU 1/2027"},
        state=_status,
    ),
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
