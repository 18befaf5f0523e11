import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_bersih():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def katalog(db):
    """The shipped stages and regulation catalogue."""
    from sinergi.regulasi.services import regulasi_load
    from sinergi.tahapan.services import tahapan_load

    tahapan_load()
    regulasi_load()
    from sinergi.regulasi.models import Regulasi

    return {r.kunci: r for r in Regulasi.objects.all()}
