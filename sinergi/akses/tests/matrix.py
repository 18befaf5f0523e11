"""Permission matrix rules for the akses pages and API (docs/akses.md)."""

from sinergi.akses.models import TokenAPI, User
from sinergi.akses.testing import Rule, masuk, semua
from sinergi.core.models import AuditEntry

ADMIN = {"admin_sistem", "admin_lembaga"}


def admin_atas_target(k) -> bool:
    """Whether the actor may manage the members of Polres Madiun: system admins anywhere; an
    organization admin only in Polres Madiun itself (the other relations are KPU bodies,
    whose organization subtrees do not contain a Polres)."""
    return k.peran == "admin_sistem" or (k.peran == "admin_lembaga" and k.relasi == "sendiri")


def kelola(ok: int = 302):
    """Member management: organization/system admins of the target's organization; else 404."""

    def f(k):
        if k.anonim:
            return 302
        return ok if admin_atas_target(k) else 404

    return f


def anggota_target(k):
    """A viewer of Polres Madiun (not one of the matrix's actors), whom the rules change."""
    return User.objects.create(
        email="target@uji.sinergi.test", lembaga=k.lembaga["polres_madiun"], peran="pengamat"
    )


def token_orang_lain(k):
    from sinergi.akses.services import token_create

    return token_create(pelaku=k.pengguna_uji("bawaslu_madiun", "analis"), nama="x", hari=5)[0]


def token_sendiri(k):
    from sinergi.akses.services import token_create

    return (
        token_create(pelaku=k.pengguna, nama="milik sendiri", hari=5)[0] if not k.anonim else None
    )


def undang(k):
    """Inviting into Polres Madiun: its own admin and system admins succeed (302); other
    organization admins get the form back (422: Polres Madiun is not among their choices);
    everyone else 404."""
    if k.anonim:
        return 302
    if admin_atas_target(k):
        return 302
    return 422 if k.peran == "admin_lembaga" else 404


def audit_admin(k):
    if k.anonim:
        return 302 if not k.api else 401
    return 200 if k.peran in ADMIN else 404


RULES = [
    Rule("GET /akun/masuk/", semua(200)),
    Rule(
        "POST /akun/masuk/",
        semua(200),
        data={"username": "tidak-ada@uji.sinergi.test", "password": "salah"},
        # The answer does not depend on who asks; each try costs an argon2 hash.
        peran=(None, "operator"),
        nama="wrong password re-renders the form",
    ),
    Rule("POST /akun/keluar/", semua(302)),
    Rule("GET /akun/saya/", masuk(200)),
    Rule("GET /akun/token/", masuk(200)),
    Rule(
        "POST /akun/token/",
        masuk(200),
        data={"nama": "matrix", "hari": "7", "read_only": "on"},
        state=lambda k, o: TokenAPI.objects.count(),
    ),
    Rule(
        "POST /akun/token/<int:pk>/cabut/",
        masuk(404),
        setup=token_orang_lain,
        path=lambda k, o: f"/akun/token/{o.pk}/cabut/",
        state=lambda k, o: TokenAPI.objects.get(pk=o.pk).revoked_at,
        nama="someone else's token",
    ),
    Rule(
        "POST /akun/token/<int:pk>/cabut/",
        masuk(302),
        peran=("admin_sistem", "operator", "pengamat"),
        setup=token_sendiri,
        path=lambda k, o: f"/akun/token/{o.pk}/cabut/",
        state=lambda k, o: TokenAPI.objects.get(pk=o.pk).revoked_at,
        nama="own token",
    ),
    Rule("GET /akun/anggota/", lambda k: 302 if k.anonim else (200 if k.peran in ADMIN else 404)),
    Rule(
        "POST /akun/anggota/",
        undang,
        data=lambda k, o: {
            "email": "baru@uji.sinergi.test",
            "nama": "Anggota Baru",
            "lembaga": str(k.lembaga["polres_madiun"].pk),
            "peran": "pengamat",
        },
        state=lambda k, o: User.objects.filter(email="baru@uji.sinergi.test").exists(),
        nama="invite into Polres Madiun",
    ),
    Rule(
        "POST /akun/anggota/<int:pk>/",
        kelola(302),
        setup=anggota_target,
        path=lambda k, o: f"/akun/anggota/{o.pk}/",
        data={"peran": "analis"},
        state=lambda k, o: User.objects.get(pk=o.pk).peran,
        nama="change a Polres Madiun member's role",
    ),
    Rule(
        "POST /akun/anggota/<int:pk>/",
        kelola(302),
        setup=anggota_target,
        path=lambda k, o: f"/akun/anggota/{o.pk}/",
        data={"aktif": "0"},
        state=lambda k, o: User.objects.get(pk=o.pk).is_active,
        nama="deactivate a Polres Madiun member",
    ),
    Rule("GET /akun/audit/", audit_admin),
    Rule("GET /akun/undangan/<uidb64>/<token>/", semua(200), path="/akun/undangan/MQ/salah/"),
    Rule("GET /akun/sandi/reset/", semua(200)),
    Rule(
        "POST /akun/sandi/reset/",
        semua(302),
        data={"email": "tidak-ada@uji.sinergi.test"},
        state=lambda k, o: AuditEntry.objects.count(),
        berubah=False,
    ),
    Rule("GET /akun/sandi/reset/terkirim/", semua(200)),
    Rule("GET /akun/sandi/reset/<uidb64>/<token>/", semua(200), path="/akun/sandi/reset/MQ/x/"),
    # API
    Rule("GET /api/v1/akun/saya", masuk(200)),
    Rule("GET /api/v1/akun/token", masuk(200)),
    Rule(
        "POST /api/v1/akun/token",
        masuk(201),
        data={"nama": "matrix", "hari": 7, "read_only": True},
        state=lambda k, o: TokenAPI.objects.count(),
    ),
    Rule(
        "DELETE /api/v1/akun/token/{token_id}",
        masuk(404),
        setup=token_orang_lain,
        path=lambda k, o: f"/api/v1/akun/token/{o.pk}",
        state=lambda k, o: TokenAPI.objects.get(pk=o.pk).revoked_at,
        nama="someone else's token",
    ),
    Rule(
        "DELETE /api/v1/akun/token/{token_id}",
        masuk(204),
        peran=("admin_sistem", "operator", "pengamat"),
        setup=token_sendiri,
        path=lambda k, o: f"/api/v1/akun/token/{o.pk}",
        state=lambda k, o: TokenAPI.objects.get(pk=o.pk).revoked_at,
        nama="own token",
    ),
    Rule("GET /api/v1/akun/audit", audit_admin),
]
