"""Who may see contact people and change the stakeholder directory.

Built only from `sinergi.akses.rules` (region scope, leadership, system admin) so that the
single source of permission truth stays in akses; these are the pemangku-specific
combinations of those rules.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sinergi.akses import rules
from sinergi.akses.models import Peran

PERAN_PENGELOLA_KONTAK = {Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR, Peran.OPERATOR}


def _aktif(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def dapat_lihat_kontak(user, lembaga) -> bool:
    """Contact people: signed-in users whose region scope covers the organization's region."""
    return rules.dalam_lingkup(user, lembaga.wilayah_id)


def filter_kontak(qs: QuerySet, user) -> QuerySet:
    """Restrict contacts to the user's region scope (nothing for anonymous users)."""
    return rules.filter_lingkup(qs, user, "lembaga__wilayah")


def dapat_kelola_lembaga(user, *, wilayah_kode: str | None, lembaga=None) -> bool:
    """Create or change an organization in a region.

    System admins anywhere; KPU/Bawaslu leadership (they keep the stakeholder directory of
    their region) within their scope; an organization admin for their own organization and
    the organizations directly under it (a Polda admin for its Polres).
    """
    if not _aktif(user):
        return False
    if rules.is_system_admin(user):
        return True
    if rules.is_pimpinan(user) and rules.dalam_lingkup(user, wilayah_kode):
        return True
    if lembaga is not None and lembaga.pk and user.peran == Peran.ADMIN_LEMBAGA:
        own = user.lembaga_id
        return bool(own) and (lembaga.pk == own or lembaga.induk_id == own)
    return False


def dapat_ubah_induk(user) -> bool:
    """Move an organization in the hierarchy (change or clear `induk`): system admins only.

    The hierarchy decides who manages whose members and reads whose audit trail
    (`rules.dalam_subtree_lembaga`), so moving another organization under your own would take
    it over, and detaching your own would escape your parent's oversight.
    """
    return _aktif(user) and rules.is_system_admin(user)


def dapat_pilih_induk(user, induk) -> bool:
    """Place a new organization under `induk`: system admins anywhere; anyone else only under
    an organization they already govern (their own or one below it)."""
    if not _aktif(user):
        return False
    return rules.is_system_admin(user) or rules.dalam_subtree_lembaga(user, induk)


def dapat_kelola_kontak(user, lembaga) -> bool:
    """Add or change the contact people of an organization.

    Everyone who may manage the organization, plus its own admins, coordinators and operators.
    """
    if not _aktif(user):
        return False
    if dapat_kelola_lembaga(user, wilayah_kode=lembaga.wilayah_id, lembaga=lembaga):
        return True
    return user.lembaga_id == lembaga.pk and user.peran in PERAN_PENGELOLA_KONTAK
