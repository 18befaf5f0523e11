"""The inbox pages: scope (404 for another office), bulk noise, one-step incident, queries."""

from __future__ import annotations

import pytest

from sinergi.kanal.models import PesanMasuk, StatusPesan
from sinergi.kanal.tests.conftest import wa_teks
from sinergi.kejadian.models import Kejadian

pytestmark = pytest.mark.django_db


@pytest.fixture
def pesan(kirim_wa, saluran):
    kirim_wa(wa_teks("Ada amplop dibagikan di Balerejo", id_pesan="wamid.v-1"))
    return PesanMasuk.objects.get()


def test_inbox_lists_own_office_messages(client, pesan, petugas):
    client.force_login(petugas)
    r = client.get("/kanal/")
    assert r.status_code == 200
    assert "Ada amplop dibagikan di Balerejo" in r.content.decode()


def test_inbox_of_other_office_is_empty(client, pesan, petugas_lain):
    """Another office (same region) sees none of these messages."""
    client.force_login(petugas_lain)
    r = client.get("/kanal/")
    assert "Ada amplop" not in r.content.decode()


def test_menu_offers_the_inbox_only_to_those_who_have_one(client, petugas, pengguna_uji):
    """An operator's menu links the channel inbox; a viewer's menu does not (it would 404)."""
    client.force_login(petugas)
    assert 'href="/kanal/"' in client.get("/dasbor/").content.decode()
    client.force_login(pengguna_uji("bawaslu_madiun", "pengamat"))
    assert 'href="/kanal/"' not in client.get("/dasbor/").content.decode()


def test_viewer_has_no_inbox(client, pesan, pengguna_uji):
    """A viewer (pengamat) of the same office gets 404."""
    client.force_login(pengguna_uji("bawaslu_madiun", "pengamat"))
    assert client.get("/kanal/").status_code == 404
    assert client.get(f"/kanal/{pesan.pk}/").status_code == 404


def test_message_of_other_office_is_404_and_unchanged(client, pesan, petugas_lain):
    """Detail, make-incident and noise of another office's message: 404, nothing changes."""
    client.force_login(petugas_lain)
    assert client.get(f"/kanal/{pesan.pk}/").status_code == 404
    r = client.post(
        f"/kanal/{pesan.pk}/kejadian/",
        {
            "kategori": "politik_uang",
            "tempat": "Balerejo",
            "waktu": "2024-02-14T09:00",
            "uraian": "x",
            "keparahan": "sedang",
            "kerahasiaan": "RESTRICTED",
        },
    )
    assert r.status_code == 404
    assert client.post(f"/kanal/{pesan.pk}/derau/").status_code == 404
    assert client.post("/kanal/massal/", {"aksi": "derau", "pesan": [pesan.pk]}).status_code == 404
    pesan.refresh_from_db()
    assert pesan.status == StatusPesan.BARU
    assert Kejadian.objects.count() == 0


def test_filters_by_channel_and_status(client, kirim_wa, saluran, petugas):
    client.force_login(petugas)
    kirim_wa(wa_teks("pesan wa", id_pesan="wamid.f1"))
    assert "pesan wa" in client.get("/kanal/?jenis=whatsapp&status=baru").content.decode()
    assert "pesan wa" not in client.get("/kanal/?jenis=sms").content.decode()
    assert "pesan wa" not in client.get("/kanal/?status=derau").content.decode()


def test_htmx_filter_returns_fragment(client, pesan, petugas):
    client.force_login(petugas)
    r = client.get("/kanal/?status=baru", headers={"HX-Request": "true", "HX-Target": "hasil"})
    body = r.content.decode()
    assert "Ada amplop" in body and "<html" not in body


def test_inbox_query_count_pinned(
    client, kirim_wa, saluran, petugas, django_assert_max_num_queries
):
    """The inbox costs the same few queries with 3 or 30 messages."""
    for i in range(30):
        kirim_wa(wa_teks(f"halo {i}", id_pesan=f"wamid.q-{i}"))
    client.force_login(petugas)
    with django_assert_max_num_queries(12):
        r = client.get("/kanal/")
    assert r.content.decode().count('name="pesan"') == 30


def test_make_incident_in_one_step(client, pesan, petugas):
    """The form (category, place by name, time prefilled) makes one incident and opens it."""
    client.force_login(petugas)
    r = client.get(f"/kanal/{pesan.pk}/")
    assert 'value="2024-02-14T' in r.content.decode()  # the message's time, local (WIB)
    r = client.post(
        f"/kanal/{pesan.pk}/kejadian/",
        {
            "kategori": "politik_uang",
            "tempat": "Balerejo",
            "waktu": "2024-02-14T12:33",
            "uraian": "Amplop dibagikan",
            "keparahan": "tinggi",
            "kerahasiaan": "RESTRICTED",
        },
    )
    k = Kejadian.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/kejadian/{k.ref}/"
    assert (k.wilayah_id, k.keparahan) == ("35.19.01.2001", "tinggi")
    assert k.waktu_kejadian.isoformat() == "2024-02-14T05:33:00+00:00"


def test_make_incident_bad_place_shows_message(client, pesan, petugas):
    client.force_login(petugas)
    r = client.post(
        f"/kanal/{pesan.pk}/kejadian/",
        {
            "kategori": "politik_uang",
            "tempat": "Atlantis",
            "waktu": "2024-02-14T12:33",
            "uraian": "x",
            "keparahan": "sedang",
            "kerahasiaan": "RESTRICTED",
        },
    )
    assert r.status_code == 422
    assert "No place called “Atlantis”." in r.content.decode()
    assert Kejadian.objects.count() == 0


def test_bulk_noise_page(client, kirim_wa, saluran, petugas):
    """Ticked messages are marked noise in one post."""
    for i in range(3):
        kirim_wa(wa_teks(f"halo {i}", id_pesan=f"wamid.b-{i}"))
    ids = list(PesanMasuk.objects.values_list("pk", flat=True))
    client.force_login(petugas)
    r = client.post("/kanal/massal/", {"aksi": "derau", "pesan": ids[:2]})
    assert r.status_code == 302
    assert PesanMasuk.objects.filter(status=StatusPesan.DERAU).count() == 2


def test_nav_has_inbox_link(client, petugas):
    client.force_login(petugas)
    assert 'href="/kanal/"' in client.get("/kanal/").content.decode()
