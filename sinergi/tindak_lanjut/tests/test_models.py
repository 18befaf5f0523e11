"""Model-level behaviour: derived overdue flag, display of the due time, and the demo."""

import datetime
import io

import pytest
from django.utils import timezone

from sinergi.tindak_lanjut.choices import StatusTindakLanjut
from sinergi.tindak_lanjut.demo import load
from sinergi.tindak_lanjut.models import TindakLanjut

pytestmark = pytest.mark.django_db


def test_overdue_is_derived_from_status_and_due_time(buat_tl):
    """Open and past due is overdue; done and past due is not."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    assert buat_tl(tenggat=past).is_terlambat
    assert not buat_tl(tenggat=past, status=StatusTindakLanjut.SELESAI).is_terlambat
    assert not buat_tl().is_terlambat


def test_demo_is_idempotent_and_has_one_overdue(lembaga_uji):
    """The demo makes the follow-ups of the organizations it finds, once; one is overdue."""
    load(stdout=io.StringIO())
    count = TindakLanjut.objects.count()
    assert count == 3  # Bakesbangpol Kabupaten Madiun is not in the test data: skipped
    assert sum(tl.is_terlambat for tl in TindakLanjut.objects.all()) == 1
    load(stdout=io.StringIO())
    assert TindakLanjut.objects.count() == count
