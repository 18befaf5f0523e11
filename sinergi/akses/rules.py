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


# Viewers read, never write: no role check elsewhere needs to remember them.
PERAN_BACA_SAJA = {Peran.PENGAMAT}


def dapat_menulis(user) -> bool:
    """Whether the user may write shared content at all (each app then decides what): an
    active user of an active organization (or a system admin) who is not a viewer. Personal
    actions (one's own password, tokens, inbox, notification preferences, acknowledging an
    announcement, checking oneself in at an event) are not shared content."""
    if is_system_admin(user):
        return True
    return (
        lingkup(user) is not None and bool(user.lembaga_id) and (user.peran not in PERAN_BACA_SAJA)
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
        # Matches every row; unlike an empty Q() it survives being OR-ed with other conditions.
        return Q(pk__isnull=False)
    # `<fk>__pk__startswith` is a LIKE on the local column (Django trims the join); a lookup
    # on `<fk>_id__startswith` is refused for foreign keys.
    return Q(**{f"{field}__pk": root}) | Q(**{f"{field}__pk__startswith": root + "."})


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


# --- Accounts and the audit trail -----------------------------------------------------------
# Roles by rank: a user may give a role up to their own rank, never above it.
PERINGKAT = {
    Peran.ADMIN_SISTEM: 6,
    Peran.ADMIN_LEMBAGA: 5,
    Peran.KOORDINATOR: 4,
    Peran.OPERATOR: 3,
    Peran.ANALIS: 2,
    Peran.PENGAMAT: 1,
}
KEDALAMAN_LEMBAGA_MAKS = 6  # national → province → regency → district, with room to spare


def is_admin_lembaga(user) -> bool:
    """An active organization administrator of an active organization."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.peran == Peran.ADMIN_LEMBAGA
        and user.lembaga_id
        and user.lembaga.is_active
    )


def lembaga_subtree_ids(lembaga) -> set[int]:
    """The ids of `lembaga` and every organization below it (through `induk`)."""
    from sinergi.pemangku.models import Lembaga

    ids = {lembaga.pk}
    frontier = {lembaga.pk}
    for _depth in range(KEDALAMAN_LEMBAGA_MAKS):
        frontier = set(
            Lembaga.objects.filter(induk_id__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        if not frontier:
            break
        ids |= frontier
    return ids


def dalam_subtree_lembaga(user, lembaga) -> bool:
    """Whether `lembaga` is the user's organization or lies below it."""
    if not user.lembaga_id or lembaga is None:
        return False
    node, depth = lembaga, 0
    while node is not None and depth <= KEDALAMAN_LEMBAGA_MAKS:
        if node.pk == user.lembaga_id:
            return True
        node, depth = node.induk, depth + 1
    return False


def dapat_kelola_anggota(user, lembaga) -> bool:
    """Invite, change roles of and deactivate the members of `lembaga`."""
    if is_system_admin(user):
        return True
    return is_admin_lembaga(user) and dalam_subtree_lembaga(user, lembaga)


def dapat_beri_peran(user, peran: str) -> bool:
    """Whether `user` may give (or take away) `peran`: never above their own rank."""
    if is_system_admin(user):
        return True
    return PERINGKAT.get(peran, 99) <= PERINGKAT.get(user.peran, 0)


def dapat_lihat_audit(user) -> bool:
    """System administrators and organization administrators browse the audit trail."""
    return is_system_admin(user) or is_admin_lembaga(user)


def filter_audit(qs: QuerySet, user) -> QuerySet:
    """Audit rows the user may read: all for system admins; for an organization admin, the
    rows whose actor belongs to their organization or one below it."""
    if is_system_admin(user):
        return qs
    if not is_admin_lembaga(user):
        return qs.none()
    return qs.filter(actor__lembaga_id__in=lembaga_subtree_ids(user.lembaga))


# --- Seeing other people's accounts ----------------------------------------------------------
def kode_leluhur(kode: str) -> list[str]:
    """The codes of the regions above `kode` (Kemendagri codes nest by dots: 35.19 → [35])."""
    bagian = kode.split(".")
    return [".".join(bagian[:i]) for i in range(1, len(bagian))]


def filter_pengguna(qs: QuerySet, user) -> QuerySet:
    """Active accounts `user` may look up (mention, see the name of): system admins all; others
    the members of their own organization, of the organizations in their region subtree, and
    of those above them (province, national). Nothing for anonymous or inactive users, so an
    address outside this set answers exactly like one that does not exist."""
    root = lingkup(user)
    if root is None:
        return qs.none()
    qs = qs.filter(is_active=True, lembaga__isnull=False)
    if root == SEMUA:
        return qs
    return qs.filter(
        q_wilayah(root, "lembaga__wilayah")
        | Q(lembaga__wilayah__isnull=True)
        | Q(lembaga__wilayah__in=kode_leluhur(root))
        | Q(lembaga_id=user.lembaga_id)
    )


def dapat_kelola_data_pribadi(user) -> bool:
    """Look up, export and erase one person's personal data (UU PDP 27/2022): system
    administrators, who act as the data protection officer's hands."""
    return is_system_admin(user)
