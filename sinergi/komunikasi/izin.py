"""Who may do what in komunikasi; built on `sinergi.akses.rules` (the one place of rules)."""

from __future__ import annotations

from sinergi.akses import rules
from sinergi.akses.models import Peran

PENULIS = {Peran.ADMIN_SISTEM, Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR, Peran.OPERATOR}


def dapat_umumkan(user) -> bool:
    """Announce on behalf of one's organization: its admins, coordinators and operators."""
    return bool(rules.lingkup(user) is not None and user.lembaga_id and user.peran in PENULIS)


def dapat_kelola_pengumuman(user, pengumuman) -> bool:
    """See the receipts, remind and export: the author organization's writers; system admins."""
    if rules.is_system_admin(user):
        return True
    return dapat_umumkan(user) and user.lembaga_id == pengumuman.lembaga_id


def dapat_diskusi(user) -> bool:
    """Open threads and post in them (those the user can see): every role but the viewer."""
    return rules.dapat_menulis(user)


def dapat_moderasi(user, utas) -> bool:
    """Hide posts: system admins, and organizer/supervisor leadership whose scope covers the
    thread's region, and the leadership of the organization that opened the thread."""
    if rules.is_system_admin(user):
        return True
    if rules.lingkup(user) is None:
        return False
    if user.lembaga_id == utas.lembaga_id and user.peran in rules.PERAN_PIMPINAN:
        return True
    return rules.is_pimpinan(user) and rules.dalam_lingkup(user, utas.wilayah_id)


def dapat_selesaikan(user, utas) -> bool:
    """Mark a thread resolved: its starter, its organization's writers, and moderators
    (a viewer never, even one who started it before becoming a viewer)."""
    if not dapat_diskusi(user):
        return False
    if utas.pembuat_id == user.pk:
        return True
    if user.lembaga_id == utas.lembaga_id and user.peran in PENULIS:
        return True
    return dapat_moderasi(user, utas)


# Socialization materials: organizers (KPU, and Bawaslu as the other election organizer of
# UU 7/2017), Kesbangpol and the media write them; their admins, coordinators and operators.
KELOMPOK_MATERI = {"penyelenggara", "pengawas"}
JENIS_MATERI = {"kesbangpol", "media"}


def dapat_buat_materi(user) -> bool:
    """Publish socialization materials on behalf of one's organization."""
    if rules.is_system_admin(user):
        return True
    if not dapat_umumkan(user):
        return False
    lembaga = user.lembaga
    return lembaga.jenis.kelompok in KELOMPOK_MATERI or lembaga.jenis_id in JENIS_MATERI


def dapat_kelola_materi(user, materi) -> bool:
    """Edit, unpublish and see the download statistics of a material: the author
    organization's writers, the organizer/supervisor leadership whose scope covers the
    material's region, and system admins."""
    if rules.is_system_admin(user):
        return True
    if rules.lingkup(user) is None:
        return False
    if dapat_buat_materi(user) and user.lembaga_id == materi.lembaga_id:
        return True
    return rules.is_pimpinan(user) and rules.dalam_lingkup(user, materi.wilayah_id)


def dapat_kelola_webhook(user, lembaga_id: int | None = None) -> bool:
    """Manage outgoing webhooks: an organization's administrators for their own
    organization, and system administrators for any. Without `lembaga_id`: whether the user
    may manage any webhook at all."""
    if rules.is_system_admin(user):
        return True
    if not rules.is_admin_lembaga(user):
        return False
    return lembaga_id is None or user.lembaga_id == lembaga_id
