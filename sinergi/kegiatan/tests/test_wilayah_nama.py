"""Event pages take a region by name, as the incident form does: nobody has to know that
Kabupaten Ngawi is 35.21."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.kegiatan.models import Kegiatan

pytestmark = pytest.mark.django_db


def test_rencana_kegiatan_dengan_nama_wilayah(client, operator_jatim):
    """Planning an event with "Ngawi" typed in the region box stores the event in 35.21, and
    the form first shows the organization's region by name, not as a bare code."""
    client.force_login(operator_jatim)
    html = client.get("/kegiatan/baru/").content.decode()
    assert 'value="35 — Jawa Timur"' in html
    besok = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%d")
    r = client.post(
        "/kegiatan/baru/",
        {
            "jenis": "sosialisasi",
            "judul": "Sosialisasi di Ngawi",
            "tempat": "Aula KPU Ngawi",
            "wilayah": "Ngawi",
            "mulai": f"{besok}T09:00",
            "selesai": f"{besok}T12:00",
            "sasaran": "pemangku",
            "kerahasiaan": "RESTRICTED",
        },
    )
    assert r.status_code == 302, r.context["form"].errors
    assert Kegiatan.objects.get(judul="Sosialisasi di Ngawi").wilayah_id == "35.21"


def test_nama_ganda_ditanya_dan_tidak_tersimpan(client, operator_jatim):
    """ "Madiun" names a regency and a city: the form asks which, and nothing is saved."""
    client.force_login(operator_jatim)
    besok = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%d")
    r = client.post(
        "/kegiatan/baru/",
        {
            "jenis": "sosialisasi",
            "judul": "Sosialisasi di Madiun",
            "wilayah": "Madiun",
            "mulai": f"{besok}T09:00",
            "selesai": f"{besok}T12:00",
            "sasaran": "pemangku",
            "kerahasiaan": "RESTRICTED",
        },
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert "Beberapa wilayah bernama “Madiun”" in r.content.decode()
    assert not Kegiatan.objects.filter(judul="Sosialisasi di Madiun").exists()


def test_kalender_disaring_dengan_nama(client, operator_jatim, buat_kegiatan):
    """The calendar's region filter takes a name: "Ngawi" lists the Ngawi event only."""
    buat_kegiatan(judul="Rapat di Ngawi", wilayah_id="35.21")
    buat_kegiatan(judul="Rapat di Surabaya", wilayah_id="35")
    client.force_login(operator_jatim)
    html = client.get("/kegiatan/", {"wilayah": "Ngawi"}).content.decode()
    assert "Rapat di Ngawi" in html
    assert "Rapat di Surabaya" not in html
    assert 'value="Ngawi"' in html


def test_cakupan_dengan_nama_wilayah(client, operator_jatim, pemilu):
    """The coverage page resolves a typed name; an unknown name keeps the default region and
    says why."""
    client.force_login(operator_jatim)
    r = client.get("/kegiatan/cakupan/", {"pemilu": pemilu.slug, "wilayah": "Ngawi"})
    assert r.context["kode"] == "35.21"
    r = client.get(
        "/kegiatan/cakupan/",
        {"pemilu": pemilu.slug, "wilayah": "Atlantis"},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert r.context["kode"] == "35"
    assert "Tidak ada wilayah bernama “Atlantis”" in r.content.decode()
