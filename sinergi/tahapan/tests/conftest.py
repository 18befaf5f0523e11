import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_bersih():
    """Each test starts with an empty cache (cached answers must not leak between tests)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def referensi(db):
    """The shipped reference data: Pemilu 2024 and Pilkada 2024 (about 100 stages)."""
    from sinergi.tahapan.services import tahapan_load

    tahapan_load()
    from sinergi.tahapan.models import Pemilu

    return {p.slug: p for p in Pemilu.objects.all()}


@pytest.fixture
def pemilu_uji(db):
    from sinergi.tahapan.tests.factories import buat_jadwal, buat_pemilu

    pemilu = buat_pemilu()
    return pemilu, buat_jadwal(pemilu)


@pytest.fixture
def pengelola(db, django_user_model):
    """A system administrator: may manage reference data."""
    from sinergi.akses.models import Peran

    return django_user_model.objects.create_user(
        email="admin@sinergi.test", password="x", peran=Peran.ADMIN_SISTEM
    )


@pytest.fixture
def operator(db, django_user_model):
    """An ordinary user without the right to manage reference data."""
    from sinergi.akses.models import Peran

    return django_user_model.objects.create_user(
        email="operator@sinergi.test", password="x", peran=Peran.OPERATOR
    )
