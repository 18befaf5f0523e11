"""Background work of follow-ups: escalation, run every few minutes by `sinergi worker`."""

from sinergi.core.tasks import periodic, task
from sinergi.tindak_lanjut.services import tindak_lanjut_eskalasi


@periodic(minutes=5)
@task()
def eskalasi_tindak_lanjut() -> list[int]:
    """Escalate overdue or unacknowledged follow-ups to the owner's parent organization."""
    return tindak_lanjut_eskalasi()
