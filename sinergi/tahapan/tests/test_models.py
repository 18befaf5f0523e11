import datetime as dt

import pytest
from django.db import IntegrityError

from sinergi.tahapan.models import Tahapan

D = dt.date


def test_sisa_hari_is_zero_on_the_last_day(pemilu_uji):
    """Days left count the days after the reference day: 0 on the (inclusive) last day."""
    _pemilu, t = pemilu_uji
    assert t["A"].sisa_hari(D(2022, 12, 10)) == 3
    assert t["A"].sisa_hari(D(2022, 12, 13)) == 0


def test_progres_counts_the_reference_day(pemilu_uji):
    """Progress is the share of the stage's days passed, counting the reference day."""
    _pemilu, t = pemilu_uji
    assert t["A"].progres(D(2022, 12, 6)) == 12  # 1 of 8 days
    assert t["A"].progres(D(2022, 12, 13)) == 100
    assert t["C"].progres(D(2022, 12, 13)) is None


def test_database_refuses_end_before_start(pemilu_uji):
    """The check constraint keeps an end date before the start out of the database."""
    pemilu, _t = pemilu_uji
    with pytest.raises(IntegrityError):
        Tahapan.objects.create(
            pemilu=pemilu,
            kode="X",
            nama="x",
            tanggal_mulai=D(2023, 1, 2),
            tanggal_selesai=D(2023, 1, 1),
        )
