"""The personal data page: system administrators only; everyone else 404 (anonymous: the
login page). An erasure by anyone else changes nothing and leaves no audit row."""

from sinergi.akses.models import User
from sinergi.akses.testing import Rule, peran

WARGA = "warga.pdp@uji.sinergi.test"


def buat_warga(k):
    return User.objects.create(email=WARGA, nama="Warga Uji", lembaga=k.lembaga["kpu_madiun"])


RULES = [
    Rule("GET /data-pribadi/", peran({"admin_sistem"}, 200), path=f"/data-pribadi/?email={WARGA}"),
    Rule(
        "POST /data-pribadi/",
        peran({"admin_sistem"}, 302),
        setup=buat_warga,
        data={"aksi": "hapus", "email": WARGA, "konfirmasi": "1"},
        state=lambda k, obj: User.objects.get(pk=obj.pk).nama,
        peran=("admin_sistem", "admin_lembaga", "koordinator", "operator", "analis", "pengamat"),
    ),
]
