"""`sinergi worker`: run background tasks from the database queue, and the periodic ones."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.exceptions import InvalidTaskBackendError
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from sinergi.core.tasks import discover, run_periodic

logger = logging.getLogger("sinergi.tasks")


def _close_old_connections() -> None:
    # Never inside a transaction (a test, or a caller's atomic block): Django would close it.
    if not connection.in_atomic_block:
        close_old_connections()


class SinergiWorker(Worker):
    """django-tasks-db's worker, plus periodic scheduling between tasks."""

    def __init__(self, *, schedule: bool, schedule_every: float, **kwargs):
        super().__init__(**kwargs)
        self.schedule = schedule
        self.schedule_every = schedule_every
        self._next_schedule = 0.0

    def tick_schedule(self) -> None:
        if not self.schedule or time.monotonic() < self._next_schedule:
            return
        self._next_schedule = time.monotonic() + self.schedule_every
        try:
            run_periodic()
        except OperationalError as exc:
            if not is_locked_database_exception(exc):
                raise

    def claim_next(self):
        tasks = DBTaskResult.objects.ready().filter(
            backend_name=self.backend_name, queue_name__in=self.queue_names
        )
        with exclusive_transaction(tasks.db):
            try:
                found = tasks.get_locked()
                if found is not None:
                    found.claim(self.worker_id)  # no other worker will run it now
                return found, True
            except OperationalError as exc:
                if is_locked_database_exception(exc):
                    return None, False
                raise

    def run(self) -> None:
        logger.info("Worker %s started on queues %s", self.worker_id, ",".join(self.queue_names))
        while self.running:
            _close_old_connections()
            self.tick_schedule()
            found, looked = self.claim_next()
            if found is not None:
                self.run_task(found)
            elif self.batch and looked:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            _close_old_connections()
            if self.running and found is None:
                time.sleep(self.interval)


class Command(BaseCommand):
    help = (
        "Run background tasks from the shared database queue (reminders, reports, "
        "escalations) and enqueue the periodic ones. Run one or more beside the web processes; "
        "`sinergi up` starts one for you. --once processes what is queued, then exits."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Process every queued task, then exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when the queue is empty (default: 1).",
        )
        parser.add_argument(
            "--queue", default="default", help="Queues to process, comma-separated."
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Do not enqueue periodic tasks (another worker does).",
        )
        parser.add_argument(
            "--schedule-every",
            type=float,
            default=60.0,
            help="Seconds between checks for due periodic tasks (default: 60).",
        )
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args, **options):
        try:
            backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        except InvalidTaskBackendError as exc:  # pragma: no cover - misconfiguration
            raise CommandError(str(exc)) from exc
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "The task backend is not the database backend (TASKS in settings); "
                "with it, tasks run at once and no worker is needed."
            )
        if options["interval"] < 0 or options["schedule_every"] <= 0:
            raise CommandError("--interval must be ≥ 0 and --schedule-every > 0.")
        discover()
        logging.getLogger("sinergi.tasks").setLevel(
            logging.WARNING if options["verbosity"] == 0 else logging.INFO
        )
        worker = SinergiWorker(
            queue_names=[q for q in options["queue"].split(",") if q],
            interval=options["interval"],
            batch=options["once"],
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=options["max_tasks"],
            worker_id=f"sinergi-{get_random_string(12)}",
            excluded_queue_names=[],
            schedule=not options["no_schedule"],
            schedule_every=options["schedule_every"],
        )
        if not options["once"]:
            worker.configure_signals()
        worker.run()
        if settings.DEBUG:
            self.stdout.write(f"Worker {worker.worker_id}: {worker._run_tasks} task(s) run.")
