"""The incident demo: reports in several statuses, verified ones routed; a rerun writes nothing."""

import io

import pytest

from sinergi.kejadian.demo import DOMAIN, load
from sinergi.kejadian.models import Kejadian
from sinergi.tindak_lanjut.models import TindakLanjut

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_routes_verified_reports(rute, lembaga_uji, tahapan):
    from sinergi.akses.models import User

    for nama, peran in [("operator", "operator"), ("koordinator", "koordinator")]:
        User.objects.create(
            email=f"{nama}.bawaslu.jatim@{DOMAIN}",
            peran=peran,
            lembaga=lembaga_uji["bawaslu_jatim"],
        )
    out = io.StringIO()
    load(stdout=out)
    n = Kejadian.objects.count()
    assert n >= 10  # the regions of the test slice: Kab. Madiun, Kota Madiun, Ngawi
    status = set(Kejadian.objects.values_list("status", flat=True))
    assert {"dilaporkan", "terverifikasi", "ditangani", "selesai", "digabung"} <= status
    assert Kejadian.objects.get(kunci_idempotensi="demo-2").induk.kunci_idempotensi == "demo-1"
    assert TindakLanjut.objects.filter(lembaga__nama="Polres Madiun").exists()
    assert Kejadian.objects.filter(tahapan__isnull=False).exists()
    tl = TindakLanjut.objects.count()
    load(stdout=io.StringIO())
    assert Kejadian.objects.count() == n
    assert TindakLanjut.objects.count() == tl
