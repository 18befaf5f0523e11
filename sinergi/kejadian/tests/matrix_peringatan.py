"""Who gets what from each early-warning and dashboard page and API operation (docs/akses.md).

Every page and operation needs a signed-in user. Alerts are read by confidentiality level; an
alert has no authoring organization, so a CONFIDENTIAL one is for system admins and
organizer/supervisor leadership in scope only (Polres Madiun, the matrix "owner", gets 404).
Acknowledge/close: admin_lembaga, koordinator, operator in scope (and system admins).
Subscriptions belong to the caller's organization and are managed by its administrators; the
rules are for administrators; the dashboard of a region answers 404 outside the caller's scope.
Page writes are not tried anonymously (a login redirect changes nothing).
"""

from sinergi.akses.testing import KERAHASIAAN, PERAN, PIMPINAN, Rule, lingkup, masuk, peran
from sinergi.core.models import Kerahasiaan
from sinergi.kejadian.models import AturanPeringatan, Langganan, Peringatan

TANGANI = {"admin_sistem", "admin_lembaga", "koordinator", "operator"}
ADMIN = {"admin_sistem", "admin_lembaga"}


def buat(k):
    """An active alert of a spike rule in 35.19 at k.kerahasiaan."""
    aturan, _ = AturanPeringatan.objects.get_or_create(
        kode="matriks", defaults={"nama": "Matriks", "jenis": "lonjakan"}
    )
    return Peringatan.objects.create(
        aturan=aturan,
        wilayah_id=k.wilayah,
        judul="Lonjakan politik uang",
        kerahasiaan=k.kerahasiaan or Kerahasiaan.RESTRICTED,
        kunci=f"matriks:{k.wilayah}",
    )


def buat_langganan(k):
    """A subscription of the matrix owner (Polres Madiun)."""
    return Langganan.objects.create(lembaga=k.pemilik)


def baca_peringatan(k):
    if k.anonim:
        return 401 if k.api else 302
    if k.kerahasiaan in (None, Kerahasiaan.RESTRICTED):
        return 200 if k.dalam_lingkup else 404
    if k.kerahasiaan == Kerahasiaan.PUBLIC:
        return 200
    if k.peran == "admin_sistem":
        return 200
    leadership = k.peran in PIMPINAN and k.lembaga_pelaku.jenis.kelompok in {
        "penyelenggara",
        "pengawas",
    }
    return 200 if leadership and k.dalam_lingkup else 404


def kelola_sendiri(ok):
    """The owner organization's administrators (its own subscription)."""

    def f(k):
        if k.anonim:
            return 401 if k.api else 302
        return ok if k.relasi == "sendiri" and k.peran in ADMIN else 404

    return f


def status_p(k, obj):
    return Peringatan.objects.get(pk=obj.pk).status


def jumlah_langganan(k, obj=None):
    return Langganan.objects.count()


def ada_langganan(k, obj):
    return Langganan.objects.filter(pk=obj.pk).exists()


RULES = [
    # Pages
    Rule("GET /kejadian/peringatan/", masuk(200)),
    Rule(
        "GET /kejadian/peringatan/<int:pk>/",
        baca_peringatan,
        setup=buat,
        path=lambda k, obj: f"/kejadian/peringatan/{obj.pk}/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /kejadian/peringatan/<int:pk>/status/",
        peran(TANGANI, 302),
        setup=buat,
        path=lambda k, obj: f"/kejadian/peringatan/{obj.pk}/status/",
        data={"status": "ditangani"},
        state=status_p,
        peran=PERAN,
    ),
    Rule("GET /kejadian/peringatan/dasbor/", masuk(200), nama="own scope"),
    Rule(
        "GET /kejadian/peringatan/dasbor/",
        lingkup(200),
        path="/kejadian/peringatan/dasbor/?wilayah=35.19",
        nama="region 35.19",
    ),
    Rule("GET /kejadian/peringatan/langganan/", peran(ADMIN, 200, dalam_lingkup=False)),
    Rule(
        "POST /kejadian/peringatan/langganan/",
        peran(ADMIN, 302, dalam_lingkup=False),
        data={"email": "on"},
        state=jumlah_langganan,
        peran=PERAN,
    ),
    Rule(
        "POST /kejadian/peringatan/langganan/<int:pk>/hapus/",
        kelola_sendiri(302),
        setup=buat_langganan,
        path=lambda k, obj: f"/kejadian/peringatan/langganan/{obj.pk}/hapus/",
        state=ada_langganan,
        peran=PERAN,
    ),
    Rule("GET /kejadian/peringatan/aturan/", peran(ADMIN, 200, dalam_lingkup=False)),
    # API
    Rule("GET /api/v1/peringatan", masuk(200)),
    Rule(
        "GET /api/v1/peringatan/{peringatan_id}",
        baca_peringatan,
        setup=buat,
        path=lambda k, obj: f"/api/v1/peringatan/{obj.pk}",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/peringatan/{peringatan_id}/status",
        peran(TANGANI, 200),
        setup=buat,
        path=lambda k, obj: f"/api/v1/peringatan/{obj.pk}/status",
        data={"status": "ditangani"},
        state=status_p,
    ),
    Rule("GET /api/v1/peringatan/aturan", peran(ADMIN, 200, dalam_lingkup=False)),
    Rule("GET /api/v1/peringatan/langganan", masuk(200)),
    Rule(
        "POST /api/v1/peringatan/langganan",
        peran(ADMIN, 201, dalam_lingkup=False),
        data={"email": True},
        state=jumlah_langganan,
    ),
    Rule(
        "DELETE /api/v1/peringatan/langganan/{langganan_id}",
        kelola_sendiri(204),
        setup=buat_langganan,
        path=lambda k, obj: f"/api/v1/peringatan/langganan/{obj.pk}",
        state=ada_langganan,
    ),
    Rule("GET /api/v1/peringatan/webhook", masuk(200)),
    Rule("GET /api/v1/peringatan/dasbor", masuk(200), nama="own scope"),
    Rule(
        "GET /api/v1/peringatan/dasbor",
        lingkup(200),
        path="/api/v1/peringatan/dasbor?wilayah=35.19",
        nama="region 35.19",
    ),
]
EXEMPT: list = []
