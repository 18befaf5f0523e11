import re
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from sinergi.akses.models import PercobaanGagal, TokenAPI, User
from sinergi.core import audit
from sinergi.core.models import AuditEntry

pytestmark = pytest.mark.django_db
TERKUNCI = (
    "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, masuk dikunci selama 15 menit; "
    "coba lagi nanti atau atur ulang kata sandi Anda."
)


def _with_password(user, password="kata-sandi-uji-123"):  # noqa: S107
    # MD5 keeps the test fast; production uses argon2 (settings.PASSWORD_HASHERS).
    user.password = make_password(password, hasher="md5")
    user.save(update_fields=["password"])
    return password


@pytest.fixture(autouse=True)
def fast_hashers(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def test_argon2_is_the_production_hasher():
    """Passwords are hashed with argon2 (the first configured hasher)."""
    from sinergi import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_login_works_with_the_right_password(client, pengguna_uji):
    """Email and password sign in and lead to the dashboard."""
    user = pengguna_uji("kpu_madiun", "operator")
    password = _with_password(user)
    r = client.post("/akun/masuk/", {"username": user.email.upper(), "password": password})
    assert r.status_code == 302 and r["Location"] == "/dasbor/"


def test_wrong_password_shows_a_clear_message(client, pengguna_uji):
    """A wrong password re-renders the form with the message and records a failure."""
    user = pengguna_uji("kpu_madiun", "operator")
    _with_password(user)
    r = client.post("/akun/masuk/", {"username": user.email, "password": "salah"})
    assert r.status_code == 200
    assert "Alamat email atau kata sandi salah." in r.content.decode()
    assert PercobaanGagal.objects.filter(jenis="masuk", kunci=user.email).count() == 1


def test_lockout_after_five_failures(client, pengguna_uji):
    """After five failures even the right password is refused, with the lockout message."""
    user = pengguna_uji("kpu_madiun", "operator")
    password = _with_password(user)
    for _ in range(5):
        client.post("/akun/masuk/", {"username": user.email, "password": "salah"})
    r = client.post("/akun/masuk/", {"username": user.email, "password": password})
    assert r.status_code == 200
    assert TERKUNCI in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_tampered_session_cookie_is_anonymous(client, pengguna_uji):
    """A session cookie that was altered is treated as anonymous (sent to the login page)."""
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    assert client.get("/dasbor/").status_code == 200
    name = "sessionid"
    client.cookies[name] = client.cookies[name].value[:-2] + "xx"
    r = client.get("/dasbor/")
    assert r.status_code == 302 and r["Location"].startswith("/akun/masuk/")


def test_forms_need_csrf(pengguna_uji):
    """Every form needs the CSRF token: a token-creating POST without it is refused."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    r = client.post("/akun/token/", {"nama": "x", "hari": "7"})
    assert r.status_code == 403
    assert TokenAPI.objects.count() == 0


def test_token_page_shows_the_new_token_once(client, pengguna_uji):
    """Creating a token on the page shows it once; reloading does not show it again."""
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    r = client.post("/akun/token/", {"nama": "laptop", "hari": "30"})
    html = r.content.decode()
    secret = re.search(r'<code id="token-baru">(sng_[^<]+)</code>', html).group(1)
    assert secret not in client.get("/akun/token/").content.decode()
    assert TokenAPI.objects.get().read_only is False


def test_invite_page_with_invalid_email(client, pengguna_uji, lembaga_uji):
    """An invalid email on the invite form: 422, the message next to the field, no user."""
    client.force_login(pengguna_uji("kpu_madiun", "admin_lembaga"))
    before = User.objects.count()
    r = client.post(
        "/akun/anggota/",
        {"email": "bukan email", "lembaga": lembaga_uji["kpu_madiun"].pk, "peran": "operator"},
    )
    assert r.status_code == 422
    assert "Masukkan alamat email yang valid." in r.content.decode()
    assert User.objects.count() == before


def test_invite_page_role_escalation(client, pengguna_uji, lembaga_uji):
    """An organization admin inviting a system admin: 422 with the message, no user."""
    client.force_login(pengguna_uji("kpu_madiun", "admin_lembaga"))
    r = client.post(
        "/akun/anggota/",
        {"email": "x@kpu.go.id", "lembaga": lembaga_uji["kpu_madiun"].pk, "peran": "admin_sistem"},
    )
    assert r.status_code == 422
    assert "Anda tidak dapat memberikan peran yang lebih tinggi dari peran Anda." in (
        r.content.decode()
    )
    assert not User.objects.filter(email="x@kpu.go.id").exists()


def test_operator_cannot_reach_the_members_page(client, pengguna_uji):
    """An operator posting a role change for itself gets 404; its role stays."""
    operator = pengguna_uji("kpu_madiun", "operator")
    client.force_login(operator)
    assert client.get("/akun/anggota/").status_code == 404
    r = client.post(f"/akun/anggota/{operator.pk}/", {"peran": "admin_lembaga"})
    assert r.status_code == 404
    assert User.objects.get(pk=operator.pk).peran == "operator"


def test_invitation_link_sets_the_password(
    client, pengguna_uji, lembaga_uji, mailoutbox, django_capture_on_commit_callbacks
):
    """The invited member opens the emailed link, chooses a password, then signs in."""
    client.force_login(pengguna_uji("kpu_madiun", "admin_lembaga"))
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            "/akun/anggota/",
            {
                "email": "baru@kpu-madiun.go.id",
                "lembaga": lembaga_uji["kpu_madiun"].pk,
                "peran": "operator",
            },
        )
    assert r.status_code == 302
    link = re.search(r"https?://[^/]+(/akun/undangan/\S+)", mailoutbox[0].body).group(1)
    invited = Client()
    page = invited.get(link, follow=True)
    assert page.status_code == 200
    set_url = page.redirect_chain[-1][0]
    r = invited.post(
        set_url, {"new_password1": "Sinergi-Madiun-2024", "new_password2": "Sinergi-Madiun-2024"}
    )
    assert r.status_code == 302
    assert User.objects.get(email="baru@kpu-madiun.go.id").check_password("Sinergi-Madiun-2024")
    # the link works once
    assert "tidak berlaku" in invited.get(link, follow=True).content.decode()


def test_password_reset_sends_a_link(client, pengguna_uji, mailoutbox):
    """The password reset form emails a link to an existing account."""
    user = pengguna_uji("kpu_madiun", "operator")
    _with_password(user)
    r = client.post("/akun/sandi/reset/", {"email": user.email})
    assert r.status_code == 302
    assert len(mailoutbox) == 1 and "/akun/sandi/reset/" in mailoutbox[0].body


def test_audit_page_filters_and_scope(client, pengguna_uji):
    """An organization admin's audit page shows its subtree, filtered by actor."""
    for key in ["kpu_madiun", "kpu_kota_madiun", "kpu_bali"]:
        actor = pengguna_uji(key, "operator")
        audit.record(actor=actor, action="update", obj=actor, before={}, after={"x": 1})
    client.force_login(pengguna_uji("kpu_jatim", "admin_lembaga"))
    html = client.get("/akun/audit/").content.decode()
    assert "operator.kpu-madiun@" in html and "operator.kpu-bali@" not in html
    html = client.get("/akun/audit/", {"actor": "kota"}).content.decode()
    assert "operator.kpu-kota-madiun@" in html and "operator.kpu-madiun@" not in html


def test_audit_is_read_only_in_the_admin(client, admin_sistem):
    """Even a superuser cannot add, change or delete audit rows in the admin."""
    entry = audit.record(actor=admin_sistem, action="other", object_type="x", note="n")
    User.objects.filter(pk=admin_sistem.pk).update(is_staff=True, is_superuser=True)
    client.force_login(User.objects.get(pk=admin_sistem.pk))
    assert client.get("/admin/core/auditentry/").status_code == 200
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    assert (
        client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "peran", ["admin_lembaga", "koordinator", "operator", "analis", "pengamat"]
)
def test_admin_site_refuses_non_staff(client, pengguna_uji, peran):
    """Every role without staff status is sent to the admin login (the admin's exemption)."""
    client.force_login(pengguna_uji("kpu_madiun", peran))
    r = client.get("/admin/")
    assert r.status_code == 302 and r["Location"].startswith("/admin/login/")


def _sinergi(args, env_extra, tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SINERGI_", "DATABASE_URL"))}
    env.update({"SINERGI_VAR_DIR": str(tmp_path), **env_extra})
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "sinergi.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    """SINERGI_MODE=production with a secret and hosts: `check --deploy` reports nothing."""
    r = _sinergi(
        ["check", "--deploy"],
        {
            "SINERGI_MODE": "production",
            "SINERGI_SECRET_KEY": "k" * 20 + "-Qx9!vR2#mZ7@pL4$wT8^nB6&yC3*uE5(",
            "SINERGI_ALLOWED_HOSTS": "sinergi.example.org",
        },
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert "System check identified no issues (0 silenced)." in r.stdout


def test_production_refuses_to_start_without_a_secret(tmp_path):
    """SINERGI_MODE=production without SINERGI_SECRET_KEY refuses to start, saying why."""
    r = _sinergi(
        ["check"], {"SINERGI_MODE": "production", "SINERGI_ALLOWED_HOSTS": "x.org"}, tmp_path
    )
    assert r.returncode != 0
    assert "SINERGI_SECRET_KEY is required when SINERGI_MODE=production" in r.stderr
