"""Who may see and run events: the kegiatan combinations of `sinergi.akses.rules`.

Reading follows the event's confidentiality (DESIGN.md), with co-organizers counted like the
organizer. Running an event (changing it, inviting, checking people in, keeping the record)
belongs to the organizer's and co-organizers' administrators, coordinators and operators, to
KPU/Bawaslu leadership whose scope covers the event's region, and to system administrators.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sinergi.akses import rules
from sinergi.akses.models import Peran
from sinergi.core.models import Kerahasiaan

PERAN_PENGELOLA = {Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR, Peran.OPERATOR}


def _aktif(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def q_wilayah(root: str, field: str = "wilayah") -> Q:
    """Objects whose region lies in the subtree of `root` (same meaning as
    `rules.q_wilayah`, spelled through the region's `kode` because Django refuses
    `startswith` on a foreign key's column)."""
    if root == rules.SEMUA:
        return Q()
    return Q(**{f"{field}_id": root}) | Q(**{f"{field}__kode__startswith": root + "."})


def filter_kerahasiaan(qs: QuerySet, user) -> QuerySet:
    """`rules.filter_kerahasiaan` for events: PUBLIC for all; RESTRICTED in the user's region
    scope; CONFIDENTIAL for the organizer and organizer/supervisor leadership in scope."""
    public = Q(kerahasiaan=Kerahasiaan.PUBLIC)
    root = rules.lingkup(user)
    if root is None:
        return qs.filter(public)
    if rules.is_system_admin(user):
        return qs
    # An empty Q() would vanish inside "a | Q()"; national scope must still mean "everything".
    in_scope = q_wilayah(root) if root != rules.SEMUA else Q(pk__isnull=False)
    restricted = Q(kerahasiaan=Kerahasiaan.RESTRICTED) & in_scope
    confidential = Q(kerahasiaan=Kerahasiaan.CONFIDENTIAL) & (
        Q(penyelenggara_id=user.lembaga_id)
        | (in_scope if rules.is_pimpinan(user) else Q(pk__in=[]))
    )
    return qs.filter(public | restricted | confidential)


def filter_terlihat(qs: QuerySet, user) -> QuerySet:
    """Events the user may see: by confidentiality and region, plus those they co-organize."""
    terlihat = filter_kerahasiaan(qs, user)
    if _aktif(user) and user.lembaga_id and not rules.is_system_admin(user):
        from sinergi.kegiatan.models import Kegiatan

        bersama = Kegiatan.penyelenggara_bersama.through.objects.filter(
            lembaga_id=user.lembaga_id
        ).values("kegiatan_id")
        return qs.filter(Q(pk__in=terlihat.values("pk")) | Q(pk__in=bersama))
    return terlihat


def dapat_buat(user) -> bool:
    """Plan events at all (the region is checked separately)."""
    if not _aktif(user):
        return False
    if rules.is_system_admin(user):
        return True
    return bool(user.lembaga_id) and user.peran in PERAN_PENGELOLA


def dapat_buat_di(user, wilayah_kode: str) -> bool:
    """Plan an event in this region: only inside the user's region scope."""
    return dapat_buat(user) and rules.dalam_lingkup(user, wilayah_kode)


def dapat_kelola(user, kegiatan) -> bool:
    """Change, cancel, invite, check in, keep the record of an event the user can see."""
    if not _aktif(user):
        return False
    if rules.is_system_admin(user):
        return True
    if rules.is_pimpinan(user) and rules.dalam_lingkup(user, kegiatan.wilayah_id):
        return True
    if user.peran not in PERAN_PENGELOLA or not user.lembaga_id:
        return False
    if kegiatan.penyelenggara_id == user.lembaga_id:
        return True
    return kegiatan.penyelenggara_bersama.filter(pk=user.lembaga_id).exists()
