"""The retention of public reporters' contact data, applied once a day."""

from __future__ import annotations

from sinergi.core.tasks import periodic, task


@periodic(hours=24)
@task()
def anonimkan_pelapor_berkala() -> int:
    """Anonymise the reporter of public reports closed longer than the retention period."""
    from sinergi.pdp.services import anonimkan_pelapor

    return anonimkan_pelapor()
