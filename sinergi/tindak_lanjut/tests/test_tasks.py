"""The background task runner: the database queue, `sinergi worker`, periodic scheduling."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sinergi.core.tasks import TaskResultStatus, enqueue, enqueue_once, run_periodic
from sinergi.tindak_lanjut.tests import tugas_uji

pytestmark = pytest.mark.django_db


def test_tests_run_tasks_immediately():
    """Under pytest tasks run at once, in-process, with their result available."""
    result = enqueue(tugas_uji.jumlahkan, 2, 3)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5


def test_worker_once_runs_a_queued_task_and_stores_its_result(antrean_db):
    """A task enqueued on the database backend waits until `sinergi worker --once` runs it."""
    result = enqueue(tugas_uji.jumlahkan, 20, 22)
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    call_command("worker", "--once", "--no-schedule", verbosity=0)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == 42
    assert row.worker_ids and row.worker_ids[0].startswith("sinergi-")


def test_a_failing_task_is_recorded_as_failed(antrean_db):
    """A task that raises is kept as FAILED with its exception and traceback, not lost."""
    result = enqueue(tugas_uji.gagal, "gudang logistik terkunci")
    call_command("worker", "--once", "--no-schedule", verbosity=0)
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "builtins.ValueError"
    assert "gudang logistik terkunci" in row.traceback


def test_run_after_defers_a_task(antrean_db):
    """A task with `run_after` in the future is not run by the worker yet."""
    later = timezone.now() + datetime.timedelta(hours=1)
    result = enqueue(tugas_uji.jumlahkan, 1, 1, run_after=later)
    call_command("worker", "--once", "--no-schedule", verbosity=0)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY


def test_enqueue_once_skips_a_task_already_waiting(antrean_db):
    """enqueue_once does not add a second row while the same task is still waiting."""
    first = enqueue_once(tugas_uji.jumlahkan, 1, 2)
    second = enqueue_once(tugas_uji.jumlahkan, 1, 2)
    assert first is not None
    assert second is None
    assert DBTaskResult.objects.filter(task_path=tugas_uji.jumlahkan.module_path).count() == 1


def test_periodic_escalation_is_enqueued_once_per_interval(antrean_db):
    """The scheduler enqueues the escalation task when due, and not again within 5 minutes."""
    path = "sinergi.tindak_lanjut.tasks.eskalasi_tindak_lanjut"
    assert path in run_periodic()
    assert path not in run_periodic()  # still waiting
    call_command("worker", "--once", "--no-schedule", verbosity=0)
    assert path not in run_periodic()  # ran just now
    soon = timezone.now() + datetime.timedelta(minutes=6)
    assert path in run_periodic(now=soon)
    assert DBTaskResult.objects.filter(task_path=path).count() == 2


def test_worker_refuses_without_the_database_backend():
    """`sinergi worker` explains that the immediate backend needs no worker."""
    with pytest.raises(CommandError, match="not the database backend"):
        call_command("worker", "--once")
