"""Who may create and publish draft elections (the next cycle's schedule)."""

from sinergi.akses.rules import is_system_admin


def dapat_kelola_rancangan(user) -> bool:
    """Create a draft election, or publish it as official: system administrators only.

    A draft becomes what every stakeholder reads as the official schedule once published, so
    it is kept to the people who run the installation (everyone else gets 404).
    """
    return bool(user is not None and is_system_admin(user))
