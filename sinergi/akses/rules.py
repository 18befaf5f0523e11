"""Every permission rule lives here; selectors and services ask, templates only reflect.

Region scope: a user sees their organization's region and everything below it; national
organizations (no region) and system administrators see everything. Confidentiality
(DESIGN.md): PUBLIC for anyone, RESTRICTED for signed-in stakeholders of the region subtree,
CONFIDENTIAL for the authoring organization and organizer/supervisor leadership of the region.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sinergi.akses.models import Peran
from sinergi.core.models import Kerahasiaan

SEMUA = ""  # scope root meaning "all of Indonesia"
PERAN_PIMPINAN = {Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR}
KELOMPOK_PIMPINAN = {"penyelenggara", "pengawas"}


def is_system_admin(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.peran == Peran.ADMIN_SISTEM)
    )


def lingkup(user) -> str | None:
    """The code of the region subtree the user may see: SEMUA for all, None for nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if is_system_admin(user):
        return SEMUA
    lembaga = user.lembaga
    if lembaga is None or not lembaga.is_active:
        return None
    return lembaga.wilayah_id or SEMUA


def kode_dalam(root: str, kode: str | None) -> bool:
    """Whether region `kode` lies in the subtree rooted at `root` (SEMUA covers all)."""
    if root == SEMUA:
        return True
    return bool(kode) and (kode == root or kode.startswith(root + "."))


def dalam_lingkup(user, kode_wilayah: str | None) -> bool:
    """Whether the user's region scope covers this region (None: a national object)."""
    root = lingkup(user)
    if root is None:
        return False
    if kode_wilayah is None:
        return root == SEMUA
    return kode_dalam(root, kode_wilayah)


def q_wilayah(root: str, field: str = "wilayah") -> Q:
    """A filter for objects whose region lies in the subtree of `root`."""
    if root == SEMUA:
        return Q()
    return Q(**{f"{field}_id": root}) | Q(**{f"{field}_id__startswith": root + "."})


def filter_lingkup(qs: QuerySet, user, field: str = "wilayah") -> QuerySet:
    """Restrict a queryset to the user's region subtree (nothing for anonymous users)."""
    root = lingkup(user)
    if root is None:
        return qs.none()
    return qs.filter(q_wilayah(root, field))


def is_pimpinan(user) -> bool:
    """Organizer or supervisor leadership (KPU/Bawaslu admins and coordinators)."""
    if is_system_admin(user):
        return True
    lembaga = getattr(user, "lembaga", None)
    return bool(
        lembaga and user.peran in PERAN_PIMPINAN and lembaga.jenis.kelompok in KELOMPOK_PIMPINAN
    )


def filter_kerahasiaan(
    qs: QuerySet,
    user,
    *,
    field_kerahasiaan: str = "kerahasiaan",
    field_wilayah: str = "wilayah",
    field_lembaga: str = "lembaga",
) -> QuerySet:
    """Restrict a queryset by confidentiality and region scope, per DESIGN.md."""
    public = Q(**{field_kerahasiaan: Kerahasiaan.PUBLIC})
    root = lingkup(user)
    if root is None:
        return qs.filter(public)
    if is_system_admin(user):
        return qs
    in_scope = q_wilayah(root, field_wilayah)
    restricted = Q(**{field_kerahasiaan: Kerahasiaan.RESTRICTED}) & in_scope
    confidential = Q(**{field_kerahasiaan: Kerahasiaan.CONFIDENTIAL}) & (
        Q(**{f"{field_lembaga}_id": user.lembaga_id})
        | (in_scope if is_pimpinan(user) else Q(pk__in=[]))
    )
    return qs.filter(public | restricted | confidential)


def dapat_kelola_referensi(user) -> bool:
    """Manage elections, stages and regulations: system admins and national KPU leadership."""
    if is_system_admin(user):
        return True
    lembaga = getattr(user, "lembaga", None)
    return bool(
        user
        and user.is_authenticated
        and lembaga
        and lembaga.wilayah_id is None
        and lembaga.jenis_id == "kpu"
        and user.peran in PERAN_PIMPINAN
    )
