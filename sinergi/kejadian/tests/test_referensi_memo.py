"""Intake's reference lookups are kept a few seconds in the process (sinergi.core.memo): a
change made in this process is seen by the very next report, one made in another process
within those seconds."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from sinergi.core import memo as memo_mod
from sinergi.kejadian.models import KategoriKejadian
from sinergi.kejadian.services import lupakan_kategori
from sinergi.tahapan.services import CACHE_VERSI, invalidate_cache

pytestmark = pytest.mark.django_db
HARI_H = dt.datetime(2024, 2, 14, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _geser_hari_pemungutan(tahapan) -> None:
    """Voting day moves a day later: 14 February is then only in the parent stage."""
    besok = dt.date(2024, 2, 15)
    tahapan["T9.1"].__class__.objects.filter(pk=tahapan["T9.1"].pk).update(
        tanggal_mulai=besok, tanggal_selesai=besok, mulai_efektif=besok, selesai_efektif=besok
    )


def test_a_deactivated_category_is_refused_by_the_next_report(lapor):
    kode = "hoaks_disinformasi"
    assert lapor(kategori=kode).kategori_id == kode  # now memoized as active
    KategoriKejadian.objects.filter(kode=kode).update(is_active=False)
    lupakan_kategori()  # what the taxonomy's loader calls after a change
    with pytest.raises(ValidationError) as exc:
        lapor(kategori=kode)
    assert "kategori" in exc.value.message_dict


def test_a_stage_change_in_this_process_is_seen_by_the_next_report(lapor, tahapan):
    assert lapor(waktu_kejadian=HARI_H).tahapan_id == tahapan["T9.1"].pk
    _geser_hari_pemungutan(tahapan)
    invalidate_cache()  # what every stage write calls
    assert lapor(waktu_kejadian=HARI_H).tahapan_id == tahapan["T9"].pk


def test_a_stage_change_in_another_process_is_seen_within_seconds(lapor, tahapan, monkeypatch):
    now = [5000.0]
    monkeypatch.setattr(memo_mod.time, "monotonic", lambda: now[0])
    hari = tahapan["T9.1"].pk
    assert lapor(waktu_kejadian=HARI_H).tahapan_id == hari
    _geser_hari_pemungutan(tahapan)
    cache.set(CACHE_VERSI, "versi-dari-proses-lain")  # another process's write, shared cache
    assert lapor(waktu_kejadian=HARI_H).tahapan_id == hari  # still memoized
    now[0] += 6
    assert lapor(waktu_kejadian=HARI_H).tahapan_id == tahapan["T9"].pk
