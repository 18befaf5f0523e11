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

PERAN_PENGELOLA = {Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR, Peran.OPERATOR}


def _aktif(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def filter_terlihat(qs: QuerySet, user) -> QuerySet:
    """Events the user may see: by confidentiality and region (`rules.filter_kerahasiaan`, the
    organizer counting as the authoring organization), plus those they co-organize."""
    terlihat = rules.filter_kerahasiaan(qs, user, field_lembaga="penyelenggara")
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


def pihak_penyelenggara(user, kegiatan) -> bool:
    """The event's owning side: system admins, KPU/Bawaslu leadership whose scope covers the
    event's region, and the organizer's own admins, coordinators and operators. Co-organizers
    run the event but are not its owner: they cannot move it or change who organizes it."""
    if not _aktif(user):
        return False
    if rules.is_system_admin(user):
        return True
    if rules.is_pimpinan(user) and rules.dalam_lingkup(user, kegiatan.wilayah_id):
        return True
    return (
        user.peran in PERAN_PENGELOLA
        and bool(user.lembaga_id)
        and kegiatan.penyelenggara_id == user.lembaga_id
    )


def dapat_pindah_wilayah(user, kegiatan, wilayah_kode: str) -> bool:
    """Move an event to another region: the owning side, governing both the old and the new
    region (both inside the user's scope)."""
    return (
        pihak_penyelenggara(user, kegiatan)
        and rules.dalam_lingkup(user, kegiatan.wilayah_id)
        and rules.dalam_lingkup(user, wilayah_kode)
    )


def dapat_pilih_lembaga(user, lembaga) -> bool:
    """Name an organization as an event's organizer or co-organizer: only one inside the
    user's region scope (a national one only for national users and system admins)."""
    return rules.dalam_lingkup(user, lembaga.wilayah_id)


def menaungi(lembaga, wilayah_kode: str | None) -> bool:
    """Whether an organizer's region covers the event's region (a national one covers all):
    an organization runs events in its own area."""
    return lembaga.wilayah_id is None or rules.kode_dalam(lembaga.wilayah_id, wilayah_kode)
