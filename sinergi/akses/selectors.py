"""Every read about accounts, already scoped to the user asking."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from sinergi.akses import rules
from sinergi.akses.models import TokenAPI, User
from sinergi.core.models import AuditEntry


def token_list(*, pengguna: User) -> QuerySet[TokenAPI]:
    """The user's own tokens, newest first (revoked and expired ones included)."""
    return TokenAPI.objects.filter(user=pengguna).order_by("-created_at", "-id")


def anggota_list(*, pengguna: User, q: str = "") -> QuerySet[User]:
    """Members the user may manage: everyone for system admins; for an organization admin,
    the members of their organization and the organizations below it; else nothing."""
    qs = User.objects.select_related("lembaga", "lembaga__wilayah").order_by(
        "lembaga__nama", "email"
    )
    if rules.is_system_admin(pengguna):
        pass
    elif rules.is_admin_lembaga(pengguna):
        qs = qs.filter(lembaga_id__in=rules.lembaga_subtree_ids(pengguna.lembaga))
    else:
        return qs.none()
    if q:
        qs = qs.filter(email__icontains=q) | qs.filter(nama__icontains=q)
    return qs


def pengguna_terlihat(*, pengguna: User) -> QuerySet[User]:
    """Active accounts the user may look up by e-mail or name (`rules.filter_pengguna`)."""
    return rules.filter_pengguna(User.objects.select_related("lembaga", "lembaga__jenis"), pengguna)


def lembaga_kelola_list(*, pengguna: User):
    """Organizations into which the user may invite members."""
    from sinergi.pemangku.models import Lembaga

    qs = Lembaga.objects.select_related("jenis").order_by("nama")
    if rules.is_system_admin(pengguna):
        return qs
    if rules.is_admin_lembaga(pengguna):
        return qs.filter(pk__in=rules.lembaga_subtree_ids(pengguna.lembaga))
    return qs.none()


def audit_list(
    *,
    pengguna: User,
    actor: str = "",
    object_type: str = "",
    action: str = "",
    sejak: datetime.date | None = None,
    sampai: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit rows the user may read (see `rules.filter_audit`), filtered, newest first.

    `actor` matches the actor's email (exactly, case-insensitive) or part of it; dates are
    local calendar days (inclusive)."""
    qs = rules.filter_audit(
        AuditEntry.objects.select_related("actor", "actor__lembaga").order_by("-created_at", "-id"),
        pengguna,
    )
    if actor:
        qs = qs.filter(actor__email__icontains=actor.strip())
    if object_type:
        qs = qs.filter(object_type=object_type.strip().lower())
    if action:
        qs = qs.filter(action=action)
    tz = timezone.get_current_timezone()
    if sejak:
        qs = qs.filter(created_at__gte=datetime.datetime.combine(sejak, datetime.time.min, tz))
    if sampai:
        akhir = datetime.datetime.combine(
            sampai + datetime.timedelta(days=1), datetime.time.min, tz
        )
        qs = qs.filter(created_at__lt=akhir)
    return qs


def audit_object_types(*, pengguna: User) -> list[str]:
    """The object types present in the rows the user may read (for the filter's choices)."""
    return list(
        rules.filter_audit(AuditEntry.objects.all(), pengguna)
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
