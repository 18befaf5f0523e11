import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from sinergi.akses import services
from sinergi.akses.models import PercobaanGagal, TokenAPI, User
from sinergi.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_token_is_stored_hashed_and_shown_once(pengguna_uji):
    """The full token is returned once; the database keeps only its SHA-256 and its prefix."""
    user = pengguna_uji("kpu_madiun", "operator")
    token, secret = services.token_create(pelaku=user, nama="laptop", hari=30, read_only=False)
    assert secret.startswith(f"sng_{token.prefix}_")
    row = TokenAPI.objects.get(pk=token.pk)
    assert secret not in row.hash and len(row.hash) == 64
    assert not TokenAPI.objects.filter(hash__contains=secret.split("_", 2)[2]).exists()
    assert (row.expires_at - timezone.now()).days in {29, 30}
    assert AuditEntry.objects.filter(object_type="akses.tokenapi", action="create").count() == 1


def test_token_validity_out_of_range_is_refused(pengguna_uji):
    """A validity of 0 or more than 365 days is refused with a clear message; nothing stored."""
    user = pengguna_uji("kpu_madiun", "operator")
    with pytest.raises(ValidationError) as exc:
        services.token_create(pelaku=user, nama="x", hari=400)
    assert exc.value.message_dict == {"hari": ["Masa berlaku harus antara 1 dan 365 hari."]}
    assert TokenAPI.objects.count() == 0


def test_token_authenticate_accepts_a_valid_token_and_records_last_use(pengguna_uji):
    """A valid token authenticates its user and records when it was last used."""
    user = pengguna_uji("kpu_madiun", "operator")
    token, secret = services.token_create(pelaku=user, nama="x", hari=1)
    assert token.last_used_at is None
    found = services.token_authenticate(secret)
    assert found.user == user
    assert TokenAPI.objects.get(pk=token.pk).last_used_at is not None


def test_expired_revoked_and_tampered_tokens_do_not_authenticate(pengguna_uji):
    """Expired, revoked and altered tokens, and tokens of a deactivated user, all fail."""
    user = pengguna_uji("kpu_madiun", "operator")
    expired, s1 = services.token_create(pelaku=user, nama="a", hari=1)
    TokenAPI.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    revoked, s2 = services.token_create(pelaku=user, nama="b", hari=1)
    services.token_revoke(pelaku=user, token_id=revoked.pk)
    _, s3 = services.token_create(pelaku=user, nama="c", hari=1)
    assert services.token_authenticate(s1) is None
    assert services.token_authenticate(s2) is None
    assert services.token_authenticate(s3[:-1] + ("A" if s3[-1] != "A" else "B")) is None
    assert services.token_authenticate("garbage") is None
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert services.token_authenticate(s3) is None


def test_revoking_someone_elses_token_is_404_and_changes_nothing(pengguna_uji):
    """A user cannot revoke another user's token: 404, the token stays valid."""
    owner = pengguna_uji("kpu_madiun", "operator")
    token, _ = services.token_create(pelaku=owner, nama="x", hari=1)
    with pytest.raises(Http404):
        services.token_revoke(pelaku=pengguna_uji("kpu_madiun", "admin_lembaga"), token_id=token.pk)
    assert TokenAPI.objects.get(pk=token.pk).revoked_at is None


def test_admin_invites_a_member_who_gets_an_email_link(
    pengguna_uji, lembaga_uji, mailoutbox, django_capture_on_commit_callbacks
):
    """An organization admin invites by email: a member without a password, an audit row,
    and an email with the link that sets the password."""
    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    with django_capture_on_commit_callbacks(execute=True):
        user = services.anggota_undang(
            pelaku=admin, email=" Sekretariat@KPU-Madiun.go.id ", nama="Sri", peran="operator"
        )
    assert user.email == "sekretariat@kpu-madiun.go.id"
    assert user.lembaga == lembaga_uji["kpu_madiun"] and user.peran == "operator"
    assert not user.has_usable_password()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert "/akun/undangan/" in mailoutbox[0].body
    entry = AuditEntry.objects.get(object_type="akses.user", object_id=str(user.pk))
    assert entry.actor == admin and entry.after["peran"] == "operator"


def test_invitation_email_is_in_the_default_language(
    pengguna_uji, mailoutbox, django_capture_on_commit_callbacks
):
    """An admin working in English still sends the invitation in Indonesian: the invitee has
    chosen no language yet."""
    from django.utils import translation

    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.anggota_undang(pelaku=admin, email="baru@kpu-madiun.go.id", peran="operator")
    assert mailoutbox[0].subject == "Undangan bergabung ke Sinergi"


def test_invite_with_an_invalid_email_is_refused(pengguna_uji):
    """An invalid email address: a clear message, no user created, no audit row."""
    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    before = User.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.anggota_undang(pelaku=admin, email="bukan-email@", peran="operator")
    assert exc.value.message_dict == {"email": ["Masukkan alamat email yang valid."]}
    assert User.objects.count() == before
    assert not AuditEntry.objects.exists()


def test_invite_with_an_existing_email_is_refused(pengguna_uji):
    """Inviting an address that already has an account is refused; nothing changes."""
    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    existing = pengguna_uji("kpu_madiun", "operator")
    with pytest.raises(ValidationError) as exc:
        services.anggota_undang(pelaku=admin, email=existing.email.upper(), peran="pengamat")
    assert exc.value.message_dict == {"email": ["Sudah ada pengguna dengan alamat email ini."]}


def test_organization_admin_cannot_grant_system_admin(pengguna_uji):
    """Role escalation: an organization admin cannot give a role above their own."""
    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    member = pengguna_uji("kpu_madiun", "operator")
    with pytest.raises(ValidationError) as exc:
        services.anggota_set_peran(pelaku=admin, user_id=member.pk, peran="admin_sistem")
    assert exc.value.message_dict == {
        "peran": ["Anda tidak dapat memberikan peran yang lebih tinggi dari peran Anda."]
    }
    assert User.objects.get(pk=member.pk).peran == "operator"
    assert not AuditEntry.objects.exists()


def test_operator_cannot_make_itself_admin(pengguna_uji):
    """An operator trying to make itself admin: 404 (it manages nobody), role unchanged."""
    operator = pengguna_uji("kpu_madiun", "operator")
    with pytest.raises(Http404):
        services.anggota_set_peran(pelaku=operator, user_id=operator.pk, peran="admin_lembaga")
    assert User.objects.get(pk=operator.pk).peran == "operator"


def test_admin_cannot_change_its_own_role(pengguna_uji):
    """An admin cannot change their own role (no self-promotion or lock-out by accident)."""
    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    with pytest.raises(ValidationError) as exc:
        services.anggota_set_peran(pelaku=admin, user_id=admin.pk, peran="pengamat")
    assert exc.value.message_dict == {"peran": ["Anda tidak dapat mengubah peran Anda sendiri."]}


def test_admin_cannot_act_outside_its_organization_subtree(pengguna_uji):
    """KPU Kota Madiun's admin cannot touch a KPU Kabupaten Madiun member: 404, unchanged."""
    admin = pengguna_uji("kpu_kota_madiun", "admin_lembaga")
    member = pengguna_uji("kpu_madiun", "operator")
    with pytest.raises(Http404):
        services.anggota_set_peran(pelaku=admin, user_id=member.pk, peran="pengamat")
    with pytest.raises(Http404):
        services.anggota_set_aktif(pelaku=admin, user_id=member.pk, aktif=False)
    member.refresh_from_db()
    assert member.peran == "operator" and member.is_active


def test_provincial_admin_manages_members_of_organizations_below_it(pengguna_uji):
    """KPU Jawa Timur's admin may change the role of a KPU Kabupaten Madiun member."""
    admin = pengguna_uji("kpu_jatim", "admin_lembaga")
    member = pengguna_uji("kpu_madiun", "operator")
    services.anggota_set_peran(pelaku=admin, user_id=member.pk, peran="koordinator")
    assert User.objects.get(pk=member.pk).peran == "koordinator"
    entry = AuditEntry.objects.get(object_type="akses.user", object_id=str(member.pk))
    assert (entry.before["peran"], entry.after["peran"]) == ("operator", "koordinator")


def test_deactivated_member_loses_api_access(pengguna_uji):
    """Deactivating a member switches the account off and its tokens stop working."""
    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    member = pengguna_uji("kpu_madiun", "operator")
    _, secret = services.token_create(pelaku=member, nama="x", hari=5)
    services.anggota_set_aktif(pelaku=admin, user_id=member.pk, aktif=False)
    assert not User.objects.get(pk=member.pk).is_active
    assert services.token_authenticate(secret) is None


def test_five_failures_lock_an_email_for_the_window():
    """After five failed sign-ins for an email, sign-in is locked; success clears it."""
    for _ in range(4):
        services.masuk_gagal_catat(email="a@b.id", ip="10.0.0.1")
    assert not services.masuk_terkunci(email="a@b.id", ip="10.0.0.2")
    services.masuk_gagal_catat(email="A@b.id", ip="10.0.0.1")
    assert services.masuk_terkunci(email="a@b.id", ip="10.0.0.2")
    PercobaanGagal.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=16))
    assert not services.masuk_terkunci(email="a@b.id", ip="10.0.0.2")


def test_create_token_command_prints_a_working_token(pengguna_uji):
    """`sinergi create_token --email E --days N --read-only` prints a token that works."""
    from io import StringIO

    from django.core.management import call_command

    user = pengguna_uji("kpu_madiun", "operator")
    out, err = StringIO(), StringIO()
    call_command(
        "create_token", email=user.email.upper(), days=10, read_only=True, stdout=out, stderr=err
    )
    secret = out.getvalue().strip()
    token = services.token_authenticate(secret)
    assert token.user == user and token.read_only
    assert "read-only" in err.getvalue()


def test_create_token_command_unknown_email():
    """An unknown email fails with a message a person can act on; no token is made."""
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=r"No user with the email address x@y\.id\."):
        call_command("create_token", email="x@y.id")
    assert TokenAPI.objects.count() == 0


def test_a_cached_token_costs_no_query_and_a_change_drops_it_at_once(
    pengguna_uji, django_assert_num_queries
):
    """A verified token is cached (no token query on the next call); revoking it, deactivating
    its user or changing the user's organization takes effect on the very next call."""
    user = pengguna_uji("kpu_madiun", "operator")
    _, secret = services.token_create(pelaku=user, nama="x", hari=1)
    assert services.token_authenticate(secret).user == user
    with django_assert_num_queries(0):
        assert services.token_authenticate(secret).user == user

    user.is_active = False
    user.save(update_fields=["is_active"])
    assert services.token_authenticate(secret) is None
    user.is_active = True
    user.save(update_fields=["is_active"])

    lembaga = user.lembaga
    assert services.token_authenticate(secret).user.lembaga.nama == lembaga.nama
    lembaga.nama = "KPU Kabupaten Madiun (baru)"
    lembaga.save()
    assert services.token_authenticate(secret).user.lembaga.nama == "KPU Kabupaten Madiun (baru)"

    token = TokenAPI.objects.get(user=user, nama="x")
    services.token_revoke(pelaku=user, token_id=token.pk)
    assert services.token_authenticate(secret) is None
