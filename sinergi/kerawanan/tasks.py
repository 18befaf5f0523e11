"""Background work of the vulnerability app: uploaded imports, run by the task runner
(`sinergi.core.tasks`: inside `sinergi up`, or `sinergi worker`; at once in tests).

The upload page stores the file and an `ImporBerkas` row, then queues `jalankan_impor`; the
task records its stage, progress and row/column errors on that row, which the page polls.
"""

from __future__ import annotations

from sinergi.core.tasks import task


@task()
def jalankan_impor(job_id: int) -> str:
    """Run one uploaded import; returns the job's final status."""
    from sinergi.kerawanan.services import impor_jalankan

    return impor_jalankan(job_id)
