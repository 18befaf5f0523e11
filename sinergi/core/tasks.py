"""Background tasks: one small door to django-tasks for every app.

    from sinergi.core.tasks import enqueue, periodic, task

    @task()
    def kirim_pengingat(undangan_id: int) -> int: ...

    enqueue(kirim_pengingat, undangan.pk)                    # as soon as a worker is free
    enqueue(kirim_pengingat, undangan.pk, run_after=besok)   # not before `besok`

    @periodic(minutes=5)        # `sinergi worker` enqueues it every 5 minutes (once per fleet)
    @task()
    def eskalasi_tindak_lanjut() -> dict: ...

Tasks live in `sinergi/<app>/tasks.py` (the worker imports those modules so that periodic tasks
register themselves). Arguments and return values must be JSON (ids, not model objects).

Production and `sinergi up` use the database backend: a task is a row, written in the caller's
transaction (rolled back with it), claimed by any `sinergi worker` process. Under pytest the
immediate backend runs each task at once, in-process; `run_after` is then ignored.
"""

from __future__ import annotations

import datetime
import importlib
import logging
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus, task, task_backends
from django_tasks.base import Task

__all__ = [
    "PERIODIC",
    "TaskResult",
    "TaskResultStatus",
    "enqueue",
    "enqueue_once",
    "periodic",
    "run_periodic",
    "task",
]

logger = logging.getLogger("sinergi.tasks")


def enqueue(
    task_: Task, *args: Any, run_after: datetime.datetime | None = None, **kwargs: Any
) -> TaskResult:
    """Queue `task_(*args, **kwargs)` on its backend; returns the TaskResult (its `id` is kept).

    `run_after` (aware) defers it on backends that support it; others run it at once.
    """
    if run_after is not None:
        if timezone.is_naive(run_after):
            raise ValueError("run_after must be an aware datetime.")
        if task_.get_backend().supports_defer:
            task_ = task_.using(run_after=run_after)
    return task_.enqueue(*args, **kwargs)


def _pending(task_: Task):
    """Rows of this task still waiting or running, on a database backend (None otherwise)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends[task_.backend]
    if not isinstance(backend, DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(
        backend_name=task_.backend,
        task_path=task_.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )


def enqueue_once(task_: Task, *args: Any, **kwargs: Any) -> TaskResult | None:
    """Queue the task unless the same task is already waiting or running; None if it is."""
    pending = _pending(task_)
    if pending is not None and pending.exists():
        return None
    return enqueue(task_, *args, **kwargs)


# --- Periodic tasks ------------------------------------------------------------------------
@dataclass(frozen=True)
class Periodic:
    task: Task
    every: datetime.timedelta


PERIODIC: dict[str, Periodic] = {}


def periodic(*, minutes: float = 0, hours: float = 0):
    """Mark a task (already decorated with `@task()`) to be enqueued by `sinergi worker` every
    so often. Put it above `@task()`."""
    every = datetime.timedelta(minutes=minutes, hours=hours)
    if every <= datetime.timedelta(0):
        raise ValueError("A periodic task needs a positive interval.")

    def register(task_: Task) -> Task:
        PERIODIC[task_.module_path] = Periodic(task=task_, every=every)
        return task_

    return register


def discover() -> dict[str, Periodic]:
    """Import `tasks` of every Sinergi app so that their periodic tasks register."""
    for config in apps.get_app_configs():
        if config.name.startswith("sinergi."):
            try:
                importlib.import_module(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise
    return PERIODIC


def run_periodic(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue each periodic task that is due: not waiting or running, and last enqueued at
    least its interval ago. State lives in the database, so several workers agree."""
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    now = now or timezone.now()
    queued: list[str] = []
    for path, item in sorted(discover().items()):
        with exclusive_transaction():
            pending = _pending(item.task)
            if pending is None:
                continue  # not a queue backend: nothing to schedule
            if pending.exists():
                continue
            last = (
                DBTaskResult.objects.filter(backend_name=item.task.backend, task_path=path)
                .order_by("-enqueued_at")
                .values_list("enqueued_at", flat=True)
                .first()
            )
            if last is not None and now - last < item.every:
                continue
            enqueue(item.task)
            queued.append(path)
            logger.info("Periodic task %s enqueued", path)
    return queued
