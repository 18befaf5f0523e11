"""Who may use the channel inbox, on top of `sinergi.akses.rules`.

A message belongs to the office (organization) that owns the endpoint it was sent to. Its
admin_lembaga, koordinator and operator see and handle that office's inbox; nobody else does
(not even a parent office: the inbox holds senders' phone numbers and addresses, personal data
under UU PDP 27/2022). System admins see every inbox, and alone see messages sent to an
endpoint no office registered. Anything else answers 404.
"""

from __future__ import annotations

from django.db.models import Q

from sinergi.akses import rules
from sinergi.kejadian.izin import PERAN_PELAKSANA


def dapat_kotak(user) -> bool:
    """Whether the user has a channel inbox at all."""
    if rules.is_system_admin(user):
        return True
    return (
        rules.lingkup(user) is not None
        and user.lembaga_id is not None
        and user.peran in PERAN_PELAKSANA
    )


def q_kotak(user) -> Q | None:
    """The messages the user's inbox holds (None: none at all)."""
    if rules.is_system_admin(user):
        return Q(pk__isnull=False)
    if not dapat_kotak(user):
        return None
    return Q(lembaga_id=user.lembaga_id)


def dapat_tangani(user, pesan) -> bool:
    """Handle `pesan` (make it an incident, mark it noise, assign it)."""
    if rules.is_system_admin(user):
        return True
    return dapat_kotak(user) and pesan.lembaga_id == user.lembaga_id
