"""Passwords and sessions in the audit trail: a password set through the invitation, through
the reset link or by an administrator, and every sign-in and sign-out leave a row naming who
and how — never the password or its hash."""

import json

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sinergi.akses.models import User
from sinergi.core.models import AuditEntry

pytestmark = pytest.mark.django_db
SANDI = "Sinergi-Madiun-2024"


def _baris(user, **filters):
    return list(
        AuditEntry.objects.filter(object_type="akses.user", object_id=str(user.pk), **filters)
    )


def _tanpa_sandi(entry, user):
    teks = json.dumps([entry.before, entry.after, entry.note, entry.object_repr])
    assert SANDI not in teks
    user.refresh_from_db()
    assert user.password not in teks


def _tautan(user, awalan):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{awalan}{uid}/{default_token_generator.make_token(user)}/"


def _atur(client, link):
    page = client.get(link, follow=True)
    return client.post(page.redirect_chain[-1][0], {"new_password1": SANDI, "new_password2": SANDI})


def test_password_set_through_the_invitation_is_audited(pengguna_uji):
    user = pengguna_uji("kpu_madiun", "operator")
    assert _baris(user) == []
    r = _atur(Client(), _tautan(user, "/akun/undangan/"))
    assert r.status_code == 302
    [entry] = _baris(user)
    assert (entry.actor, entry.action, entry.note) == (
        user,
        "update",
        "password set through the invitation",
    )
    assert entry.after == {"kata_sandi": "diatur"}
    _tanpa_sandi(entry, user)


def test_password_reset_is_audited(pengguna_uji):
    user = pengguna_uji("kpu_madiun", "operator")
    r = _atur(Client(), _tautan(user, "/akun/sandi/reset/"))
    assert r.status_code == 302
    [entry] = _baris(user)
    assert (entry.actor, entry.note) == (user, "password reset through the e-mailed link")
    _tanpa_sandi(entry, user)


def test_password_set_by_a_system_admin_names_the_admin(client, pengguna_uji):
    """The Django admin's "change password" form: the actor is the administrator."""
    admin = pengguna_uji("kpu_ri", "admin_sistem", is_staff=True, is_superuser=True)
    user = pengguna_uji("kpu_madiun", "operator")
    client.force_login(admin)
    r = client.post(
        f"/admin/akses/user/{user.pk}/password/", {"password1": SANDI, "password2": SANDI}
    )
    assert r.status_code == 302
    [entry] = _baris(user, note="password changed")
    assert entry.actor == admin
    _tanpa_sandi(entry, user)


def test_a_refused_password_leaves_no_row(pengguna_uji):
    """Too short: nothing is set, nothing is recorded."""
    user = pengguna_uji("kpu_madiun", "operator")
    client = Client()
    page = client.get(_tautan(user, "/akun/sandi/reset/"), follow=True)
    r = client.post(
        page.redirect_chain[-1][0], {"new_password1": "pendek", "new_password2": "pendek"}
    )
    assert r.status_code == 200
    assert _baris(user) == []


def test_sign_in_and_sign_out_are_audited(client, pengguna_uji):
    user = pengguna_uji("kpu_madiun", "operator")
    user.set_password(SANDI)
    user.save()
    AuditEntry.objects.all().delete()
    r = client.post("/akun/masuk/", {"username": user.email, "password": SANDI})
    assert r.status_code == 302
    [masuk] = _baris(user)
    assert (masuk.actor, masuk.action, masuk.note) == (user, "login", "signed in")
    assert masuk.after == {"ip": "127.0.0.1"}
    client.post("/akun/keluar/")
    assert [e.note for e in _baris(user, action="other")] == ["signed out"]
    _tanpa_sandi(masuk, user)


def test_a_failed_sign_in_is_not_a_session(client, pengguna_uji):
    user = pengguna_uji("kpu_madiun", "operator")
    client.post("/akun/masuk/", {"username": user.email, "password": "salah-sekali-ini"})
    assert _baris(user, action="login") == []
    assert User.objects.filter(pk=user.pk, last_login__isnull=True).exists()
