import pytest
from django.db.models import Q

from sinergi.akses import rules
from sinergi.wilayah.models import Wilayah

pytestmark = pytest.mark.django_db


def test_region_filter_on_a_foreign_key_covers_the_subtree(wilayah_mini):
    """`q_wilayah` on a foreign key keeps the region and everything below it, nothing else."""
    kecamatan = Wilayah.objects.filter(rules.q_wilayah("35.19", "induk"))
    assert sorted(kecamatan.values_list("kode", flat=True)) == ["35.19.01", "35.19.01.2001"]


def test_national_scope_survives_being_combined(wilayah_mini):
    """The all-Indonesia filter still matches everything when OR-ed with a narrower one."""
    combined = Q(kode="35") & Q(pk__in=[]) | rules.q_wilayah(rules.SEMUA, "induk")
    assert Wilayah.objects.filter(combined).count() == Wilayah.objects.count()
