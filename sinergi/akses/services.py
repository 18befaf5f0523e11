"""Every write about accounts: tokens, invitations, roles, deactivation, failed sign-ins.

Each service checks permission through `rules.py`, validates, and records the audit trail.
Out-of-scope targets raise `Http404` (they must not be told apart from missing ones); bad
input raises `ValidationError` naming the field, with a message the user will read.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.akses.models import JenisPercobaan, Peran, PercobaanGagal, TokenAPI, User
from sinergi.core import audit

TOKEN_AWALAN = "sng"  # noqa: S105 - the public marker of Sinergi tokens
TOKEN_HARI_MAKS = 365
# The last-used time is written at most once a minute per token (a write per request would
# serialize every API call on SQLite).
TOKEN_LAST_USED_RESOLUSI = datetime.timedelta(seconds=60)
GAGAL_MASUK_BATAS = 5
GAGAL_MASUK_IP_BATAS = 20
GAGAL_MASUK_JENDELA = datetime.timedelta(minutes=15)
FIELDS_USER_AUDIT = ["email", "nama", "lembaga", "peran", "is_active", "is_staff", "is_superuser"]
FIELDS_TOKEN_AUDIT = ["user", "nama", "prefix", "read_only", "expires_at", "revoked_at"]


# A verified token (with its user and organization) is cached this long, so that an API call
# costs no token query (election-day intake). Any change to the token, its user or the user's
# organization drops the entry at once in this process (signals.py); other processes with a
# per-process cache see it within this time. A shared cache (SINERGI_CACHE_URL=redis://…) makes
# the drop immediate everywhere.
TOKEN_CACHE_DETIK = 30


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _kunci_cache_token(hash_: str) -> str:
    return f"akses:token:{hash_}"


def token_cache_hapus(*, token_hash: str | None = None, user_ids=()) -> None:
    """Forget cached tokens: one by its hash, and every token of these users."""
    kunci = [_kunci_cache_token(token_hash)] if token_hash else []
    if user_ids:
        hashes = TokenAPI.objects.filter(user_id__in=list(user_ids)).values_list("hash", flat=True)
        kunci += [_kunci_cache_token(h) for h in hashes]
    if kunci:
        cache.delete_many(kunci)


# --- API tokens -------------------------------------------------------------------------------
@transaction.atomic
def token_create(
    *,
    pelaku: User | None,
    nama: str,
    hari: int = 90,
    read_only: bool = True,
    user: User | None = None,
) -> tuple[TokenAPI, str]:
    """Create a personal token for `pelaku` (or, for the console command, for `user`).

    Returns the token row and the full secret, which is never stored and cannot be shown again.
    """
    pemilik = user or pelaku
    if not pemilik.is_active:
        raise ValidationError({"user": _("This account is deactivated.")})
    nama = (nama or "").strip()
    if not nama:
        raise ValidationError({"nama": _("Give the token a name.")})
    if len(nama) > 100:
        raise ValidationError({"nama": _("At most 100 characters.")})
    if not isinstance(hari, int) or not 1 <= hari <= TOKEN_HARI_MAKS:
        raise ValidationError(
            {"hari": _("The validity must be between 1 and %(n)s days.") % {"n": TOKEN_HARI_MAKS}}
        )
    for _attempt in range(5):
        prefix = secrets.token_hex(4)
        if not TokenAPI.objects.filter(prefix=prefix).exists():
            break
    else:  # pragma: no cover - 2**32 prefixes
        raise IntegrityError("could not find a free token prefix")
    rahasia = secrets.token_urlsafe(32)
    full = f"{TOKEN_AWALAN}_{prefix}_{rahasia}"
    token = TokenAPI.objects.create(
        user=pemilik,
        nama=nama,
        prefix=prefix,
        hash=_hash(full),
        read_only=read_only,
        expires_at=timezone.now() + datetime.timedelta(days=hari),
    )
    audit.record(
        actor=pelaku,
        action="create",
        obj=token,
        after=audit.snapshot(token, FIELDS_TOKEN_AUDIT),
    )
    return token, full


@transaction.atomic
def token_revoke(*, pelaku: User, token_id: int) -> TokenAPI:
    """Revoke one of the user's own tokens (idempotent); anyone else's answers 404."""
    token = TokenAPI.objects.select_for_update().filter(pk=token_id, user=pelaku).first()
    if token is None:
        raise Http404
    if token.revoked_at is None:
        before = audit.snapshot(token, FIELDS_TOKEN_AUDIT)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=pelaku,
            action="update",
            obj=token,
            before=before,
            after=audit.snapshot(token, FIELDS_TOKEN_AUDIT),
            note="revoke",
        )
    return token


def token_authenticate(full: str) -> TokenAPI | None:
    """The valid token for this secret (with its user loaded), or None; records last use."""
    parts = (full or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_AWALAN or not parts[1] or not parts[2]:
        return None
    hashed = _hash(full.strip())
    kunci = _kunci_cache_token(hashed)
    token = cache.get(kunci)
    if token is None:
        token = (
            TokenAPI.objects.select_related("user", "user__lembaga", "user__lembaga__jenis")
            .filter(prefix=parts[1])
            .first()
        )
        if token is None or not hmac.compare_digest(token.hash, hashed):
            return None
        cache.set(kunci, token, TOKEN_CACHE_DETIK)
    if not token.is_valid or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_LAST_USED_RESOLUSI:
        TokenAPI.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        cache.set(kunci, token, TOKEN_CACHE_DETIK)
    return token


# --- Members ------------------------------------------------------------------------------------
def _cek_kelola(pelaku: User, lembaga) -> None:
    """404 unless `pelaku` may manage the members of `lembaga`."""
    if lembaga is None or not rules.dapat_kelola_anggota(pelaku, lembaga):
        raise Http404


def _cek_peran(pelaku: User, peran: str) -> None:
    if peran not in Peran.values:
        raise ValidationError({"peran": _("Choose a valid role.")})
    if not rules.dapat_beri_peran(pelaku, peran):
        raise ValidationError({"peran": _("You cannot give a role higher than your own.")})


def kirim_undangan(*, user: User, base_url: str | None = None) -> None:
    """Email the link with which an invited member sets their password."""
    base = (base_url or settings.SINERGI_BASE_URL).rstrip("/")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = base + reverse("akses:undangan", kwargs={"uidb64": uid, "token": token})
    context = {"user": user, "link": link, "lembaga": user.lembaga}
    # the invitee has chosen no language yet: the default one, not the inviter's
    with translation.override(settings.LANGUAGE_CODE):
        subjek = render_to_string("akses/email/undangan_subjek.txt", context).strip()
        isi = render_to_string("akses/email/undangan.txt", context)
    send_mail(subject=subjek, message=isi, from_email=None, recipient_list=[user.email])


@transaction.atomic
def anggota_undang(
    *,
    pelaku: User,
    email: str,
    nama: str = "",
    lembaga=None,
    peran: str = Peran.PENGAMAT,
    base_url: str | None = None,
) -> User:
    """Invite a member into `lembaga` (default: the admin's own organization) by email."""
    lembaga = lembaga or pelaku.lembaga
    _cek_kelola(pelaku, lembaga)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this email address already exists.")})
    nama = (nama or "").strip()
    if len(nama) > 150:
        raise ValidationError({"nama": _("At most 150 characters.")})
    _cek_peran(pelaku, peran)
    user = User(email=email, nama=nama, lembaga=lembaga, peran=peran)
    user.set_unusable_password()
    user.save()
    audit.record(
        actor=pelaku,
        action="create",
        obj=user,
        after=audit.snapshot(user, FIELDS_USER_AUDIT),
        note="invite",
    )
    transaction.on_commit(lambda: kirim_undangan(user=user, base_url=base_url))
    return user


@transaction.atomic
def anggota_set_peran(*, pelaku: User, user_id: int, peran: str) -> User:
    """Change a member's role: never above the admin's own, never the admin's own account."""
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        raise Http404
    _cek_kelola(pelaku, user.lembaga)
    if user.pk == pelaku.pk:
        raise ValidationError({"peran": _("You cannot change your own role.")})
    if not rules.dapat_beri_peran(pelaku, user.peran):
        raise ValidationError(
            {"peran": _("You cannot change the role of a member ranked above you.")}
        )
    _cek_peran(pelaku, peran)
    if user.peran == peran:
        return user
    before = audit.snapshot(user, FIELDS_USER_AUDIT)
    user.peran = peran
    user.save(update_fields=["peran"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=user,
        before=before,
        after=audit.snapshot(user, FIELDS_USER_AUDIT),
    )
    return user


@transaction.atomic
def anggota_set_aktif(*, pelaku: User, user_id: int, aktif: bool) -> User:
    """Deactivate (or reactivate) a member; their API tokens stop working while inactive."""
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        raise Http404
    _cek_kelola(pelaku, user.lembaga)
    if user.pk == pelaku.pk:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    if not rules.dapat_beri_peran(pelaku, user.peran):
        raise ValidationError({"is_active": _("You cannot deactivate a member ranked above you.")})
    if user.is_active == aktif:
        return user
    before = audit.snapshot(user, FIELDS_USER_AUDIT)
    user.is_active = aktif
    user.save(update_fields=["is_active"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=user,
        before=before,
        after=audit.snapshot(user, FIELDS_USER_AUDIT),
        note="activate" if aktif else "deactivate",
    )
    return user


# --- Failed attempts: sign-ins, self check-in codes -----------------------------------------
@dataclass(frozen=True)
class BatasPercobaan:
    """How many failed attempts of one kind are allowed within `jendela`, per key (an email
    address, a user) and per IP address, before that kind of attempt is locked."""

    jenis: str
    per_kunci: int
    per_ip: int
    jendela: datetime.timedelta


BATAS_MASUK = BatasPercobaan(
    JenisPercobaan.MASUK, GAGAL_MASUK_BATAS, GAGAL_MASUK_IP_BATAS, GAGAL_MASUK_JENDELA
)


def percobaan_terkunci(batas: BatasPercobaan, *, kunci: str | None, ip: str | None) -> bool:
    """Whether attempts of this kind are locked for this key or this IP address."""
    recent = PercobaanGagal.objects.filter(
        jenis=batas.jenis, created_at__gte=timezone.now() - batas.jendela
    )
    if kunci and recent.filter(kunci=kunci).count() >= batas.per_kunci:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= batas.per_ip


def percobaan_gagal_catat(batas: BatasPercobaan, *, kunci: str | None, ip: str | None) -> None:
    """Record a failed attempt (and forget those of its kind older than the window). Call it
    outside a transaction that the failure rolls back, or the record is lost with it."""
    PercobaanGagal.objects.filter(
        jenis=batas.jenis, created_at__lt=timezone.now() - batas.jendela
    ).delete()
    PercobaanGagal.objects.create(jenis=batas.jenis, kunci=(kunci or "")[:254], ip=ip or None)


def percobaan_hapus(batas: BatasPercobaan, *, kunci: str) -> None:
    """Forget the failures of this kind for a key (after it proved itself)."""
    PercobaanGagal.objects.filter(jenis=batas.jenis, kunci=kunci).delete()


def _email(email: str | None) -> str:
    return (email or "").strip().lower()


def masuk_terkunci(*, email: str, ip: str | None) -> bool:
    """Whether sign-in is locked for this email address or IP after repeated failures."""
    return percobaan_terkunci(BATAS_MASUK, kunci=_email(email), ip=ip)


def masuk_gagal_catat(*, email: str, ip: str | None) -> None:
    """Record a failed sign-in (and forget those older than the lockout window)."""
    percobaan_gagal_catat(BATAS_MASUK, kunci=_email(email), ip=ip)


def masuk_berhasil(*, email: str) -> None:
    """A successful sign-in clears the failures for that email address."""
    percobaan_hapus(BATAS_MASUK, kunci=_email(email))


# --- Passwords and sessions in the audit trail ----------------------------------------------
# How a password was set, named in the audit row; the password itself (or its hash) never is.
CARA_SANDI = {
    "undangan": "password set through the invitation",
    "reset": "password reset through the e-mailed link",
    "ubah": "password changed",
}
_pelaku_sandi: contextvars.ContextVar = contextvars.ContextVar("pelaku_sandi", default=None)
_cara_sandi: contextvars.ContextVar = contextvars.ContextVar("cara_sandi", default="ubah")


@contextlib.contextmanager
def sandi_konteks(*, cara: str, pelaku: User | None = None):
    """Name how (and by whom, when not the account's own holder) a password set inside this
    block is set, for its audit row (`sandi_dicatat`)."""
    token_cara, token_pelaku = _cara_sandi.set(cara), _pelaku_sandi.set(pelaku)
    try:
        yield
    finally:
        _cara_sandi.reset(token_cara)
        _pelaku_sandi.reset(token_pelaku)


def sandi_dicatat(*, user: User) -> None:
    """Record that `user`'s password was set: every path (invitation, reset, the admin, the
    `changepassword` command) ends in `User.save()` after `set_password`, which calls this
    through `CatatSandi`. The row names the way, never the password."""
    if user.pk is None:
        return
    cara = _cara_sandi.get()
    audit.record(
        actor=_pelaku_sandi.get() or user,
        action="update",
        obj=user,
        after={"kata_sandi": "diatur"},
        note=CARA_SANDI.get(cara, cara),
    )


def sesi_dicatat(*, user: User, masuk: bool, ip: str | None) -> None:
    """Record a sign-in or sign-out on the login page or the admin (API tokens are per call
    and are not sessions)."""
    audit.record(
        actor=user,
        action="login" if masuk else "other",
        obj=user,
        after={"ip": ip} if ip else None,
        note="signed in" if masuk else "signed out",
    )


class CatatSandi:
    """A password "validator" that validates nothing: Django calls `password_changed` after
    every save of a new password, which is the one place all the ways to set one meet."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None:
            sandi_dicatat(user=user)

    def get_help_text(self):
        return ""
