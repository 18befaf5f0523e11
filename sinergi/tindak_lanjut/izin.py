"""Who may do what with follow-ups, on top of `sinergi.akses.rules`.

- Read: per confidentiality and region scope (`rules.filter_kerahasiaan`, the owner counting as
  the authoring organization), plus the organization that assigned it and the one it was
  escalated to.
- Create: system admins; admin_lembaga, koordinator, operator and analis (a Bawaslu analyst
  opens follow-ups from the vulnerability scores), for an owner organization whose region lies
  in their scope.
- Work on it (start, finish, progress updates, acknowledge): members of the owner organization
  with the operator role or above. Creating a follow-up gives no right to work on it: an
  analyst assigns work to an organization, the owner's operators do it.
- Manage it (edit, cancel): the assigning organization's koordinator and admin_lembaga.
System admins may do everything. Anything else answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sinergi.akses import rules
from sinergi.akses.models import Peran

PERAN_PEMBUAT = {Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR, Peran.OPERATOR, Peran.ANALIS}
PERAN_PENGERJA = {Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR, Peran.OPERATOR}
# The roles that may open (assign) a follow-up; other apps (kerawanan) check this name.
PERAN_PELAKSANA = PERAN_PEMBUAT
PERAN_PENGELOLA = {Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR}


def _aktif(user) -> bool:
    return rules.lingkup(user) is not None


def filter_baca(qs: QuerySet, user) -> QuerySet:
    """The follow-ups `user` may read."""
    visible = rules.filter_kerahasiaan(qs, user)
    if _aktif(user) and user.lembaga_id and not rules.is_system_admin(user):
        own = Q(lembaga_pembuat_id=user.lembaga_id) | Q(dieskalasi_ke_id=user.lembaga_id)
        return visible | qs.filter(own)
    return visible


def dapat_buat(user, lembaga) -> bool:
    """Assign a follow-up to `lembaga`."""
    if rules.is_system_admin(user):
        return True
    if not _aktif(user) or user.peran not in PERAN_PEMBUAT or lembaga is None:
        return False
    return rules.dalam_lingkup(user, lembaga.wilayah_id)


def dapat_kerjakan(user, tl) -> bool:
    """Start, finish, add progress to and acknowledge `tl`."""
    if rules.is_system_admin(user):
        return True
    return bool(_aktif(user) and user.lembaga_id == tl.lembaga_id and user.peran in PERAN_PENGERJA)


def dapat_kelola(user, tl) -> bool:
    """Edit and cancel `tl`."""
    if rules.is_system_admin(user):
        return True
    return bool(
        _aktif(user)
        and tl.lembaga_pembuat_id
        and user.lembaga_id == tl.lembaga_pembuat_id
        and user.peran in PERAN_PENGELOLA
    )


def dapat_ubah_status(user, tl, status: str) -> bool:
    from sinergi.tindak_lanjut.choices import StatusTindakLanjut

    if status == StatusTindakLanjut.DIBATALKAN:
        return dapat_kelola(user, tl)
    return dapat_kerjakan(user, tl) or dapat_kelola(user, tl)


def dapat_lihat_wilayah(user) -> bool:
    """The region list for leadership: system admins and organizer/supervisor leadership."""
    return rules.is_pimpinan(user)
