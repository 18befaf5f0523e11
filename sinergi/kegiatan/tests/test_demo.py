"""The demo: the seed scene loads on the stakeholder data, and a second run writes nothing."""

import io

import pytest

from sinergi.kegiatan.demo import JUDUL_SEED, demo_load
from sinergi.kegiatan.models import Kegiatan, Kehadiran, Undangan

pytestmark = pytest.mark.django_db


def test_demo_seed_scene_is_idempotent(lembaga_uji, admin_sistem):
    """The KPU Jatim event is created with invitations and attendance, once."""
    out = io.StringIO()
    demo_load(stdout=out)
    k = Kegiatan.objects.get(judul=JUDUL_SEED)
    assert (k.tempat, k.mulai_lokal.day, k.selesai_lokal.day) == (
        "JW Marriott Hotel Surabaya",
        8,
        9,
    )
    assert k.undangan.count() > 5
    assert k.pernyataan.first().pembicara == "Choirul Anam"
    assert k.keputusan.count() == 3
    counts = (Kegiatan.objects.count(), Undangan.objects.count(), Kehadiran.objects.count())
    demo_load(stdout=io.StringIO())
    assert (Kegiatan.objects.count(), Undangan.objects.count(), Kehadiran.objects.count()) == counts
