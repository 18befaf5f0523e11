"""Synthetic demo scores are marked as such in the API and on the public pages (issue #15)."""

import pytest
from django.utils import translation

from sinergi.kerawanan.demo import _penilaian
from sinergi.kerawanan.models import Penilaian

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(ikp, wilayah_mini):
    assert _penilaian(ikp) > 0
    return ikp


def test_every_demo_score_is_marked_synthetic(demo):
    """The demo writes only synthetic rows, each recognisable as such."""
    assert Penilaian.objects.exists()
    assert all(p.sintetis for p in Penilaian.objects.all())


def test_api_list_and_detail_say_synthetic(client, demo):
    """The ranking API and the explanation say `sintetis: true`; the province view too."""
    items = client.get("/api/v1/kerawanan/kerangka/ikp-2024/skor?tingkat=provinsi").json()["items"]
    assert items and all(i["sintetis"] and i["sumber"].startswith("DATA DEMO") for i in items)
    detail = client.get("/api/v1/kerawanan/kerangka/ikp-2024/skor/35").json()
    assert detail["sintetis"] is True
    prov = client.get("/api/v1/kerawanan/kerangka/ikp-2024/provinsi").json()
    jatim = next(r for r in prov if r["kode_wilayah"] == "35")
    assert (jatim["sintetis_langsung"], jatim["sintetis_agregat"]) == (True, True)


def test_public_map_page_labels_demo_scores(client, demo):
    """The public map page warns the scores are demo data and gives Bawaslu's figure."""
    with translation.override("id"):
        html = client.get("/kerawanan/ikp-2024/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "bukan indeks yang dipublikasikan Bawaslu" in html
    assert "14,74 (rendah)" in html
    assert html.count(">DEMO<") >= 2


def test_real_score_is_not_marked(ikp, wilayah_mini):
    """A score with a real source carries no demo mark."""
    assert not Penilaian(sumber="Bawaslu RI, IKP 2024").sintetis


def test_pilkada_2024_tps_scheme_is_a_framework(ikp):
    """Bawaslu's Pilkada 2024 TPS scheme (flores.tribunnews 24 Nov 2024; jabar.antaranews):
    8 variables, 25 indicators, loaded as a TPS framework with its source and confidence."""
    from sinergi.kerawanan.models import Kerangka

    k = Kerangka.objects.get(slug="tps-pilkada-2024")
    assert k.jenis == "tps" and k.sumber.startswith("Bawaslu")
    assert k.dimensi.count() == 8
    assert k.indikator.count() == 25
