"""Coverage opens on the election people mean now (issue 14, item 6), not on the newest one."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _pemilu(slug, hari_pemungutan, *, berjalan: bool):
    from sinergi.tahapan.models import Pemilu, Tahapan

    p = Pemilu.objects.create(
        slug=slug, jenis="pemilu", nama=slug.upper(), hari_pemungutan=hari_pemungutan
    )
    today = timezone.localdate()
    mulai = today - dt.timedelta(days=10) if berjalan else hari_pemungutan - dt.timedelta(days=9)
    selesai = today + dt.timedelta(days=10) if berjalan else hari_pemungutan
    Tahapan.objects.create(
        pemilu=p,
        kode="T1",
        nama=f"Tahapan {slug}",
        urutan=1,
        tanggal_mulai=mulai,
        tanggal_selesai=selesai,
        mulai_efektif=mulai,
        selesai_efektif=selesai,
    )
    return p


def test_coverage_defaults_to_the_running_election(client, pengguna_uji):
    """With a running election and a newer one ahead, /kegiatan/cakupan/ without a choice shows
    the running one; with nothing running, the nearest one ahead; a choice is kept."""
    today = timezone.localdate()
    berjalan = _pemilu("berjalan", today + dt.timedelta(days=60), berjalan=True)
    jauh = _pemilu("jauh", today + dt.timedelta(days=900), berjalan=False)
    client.force_login(pengguna_uji("kpu_jatim", "operator"))
    assert client.get("/kegiatan/cakupan/").context["pemilu"] == berjalan
    assert client.get("/kegiatan/cakupan/?pemilu=jauh").context["pemilu"] == jauh
    berjalan.tahapan.update(
        mulai_efektif=today - dt.timedelta(days=30), selesai_efektif=today - dt.timedelta(days=20)
    )
    dekat = _pemilu("dekat", today + dt.timedelta(days=300), berjalan=False)
    assert client.get("/kegiatan/cakupan/").context["pemilu"] == berjalan  # voting day ahead
    berjalan.delete()
    assert client.get("/kegiatan/cakupan/").context["pemilu"] == dekat
