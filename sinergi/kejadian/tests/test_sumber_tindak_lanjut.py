"""A follow-up routed from an incident shows its source (link, place, photo) on its detail
page, only to those who may read the incident; others see the label alone."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sinergi.core.testing.gambar import png_kecil
from sinergi.tindak_lanjut.models import TindakLanjut
from sinergi.tindak_lanjut.services import tindak_lanjut_create

pytestmark = pytest.mark.django_db


def _kejadian_dengan_foto(client, lapor, pelapor):
    k = lapor(judul="Amplop di Balerejo", lat=-7.61234, lng=111.65432)
    client.force_login(pelapor)
    png = SimpleUploadedFile("bukti.png", png_kecil())
    assert client.post(f"/kejadian/{k.ref}/lampiran/", {"berkas": png}).status_code == 302
    return k, k.lampiran.get()


def test_owner_sees_link_place_and_photo(client, rute, lapor, pelapor, verifikator, pengguna_uji):
    k, foto = _kejadian_dengan_foto(client, lapor, pelapor)
    client.force_login(verifikator)
    client.post(f"/kejadian/{k.ref}/transisi/", {"status": "terverifikasi", "alasan": "Benar"})
    tl = TindakLanjut.objects.get(sumber_id=str(k.pk), lembaga__nama="Polres Madiun")
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    body = client.get(f"/tindak-lanjut/{tl.pk}/").content.decode()
    assert f'href="/kejadian/{k.ref}/"' in body
    assert f"{k.wilayah.nama} · -7.61234, 111.65432" in body
    assert f'src="/kejadian/{k.ref}/lampiran/{foto.pk}/"' in body
    r = client.get(f"/kejadian/{k.ref}/lampiran/{foto.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "image/png"


def test_reader_of_follow_up_but_not_incident_sees_only_label(
    client, lapor, pelapor, verifikator, lembaga_uji, pengguna_uji
):
    k, foto = _kejadian_dengan_foto(client, lapor, pelapor)
    tl = tindak_lanjut_create(
        pelaku=verifikator,
        judul="Cek amplop",
        lembaga=lembaga_uji["bawaslu_madiun"],
        tenggat_tanggal=(timezone.now() + dt.timedelta(days=3)).date(),
        kerahasiaan="PUBLIC",
        sumber=k,
    )
    assert tl.sumber_label
    client.force_login(pengguna_uji("kpu_ngawi", "admin_lembaga"))
    body = client.get(f"/tindak-lanjut/{tl.pk}/").content.decode()
    assert tl.sumber_label in body
    assert f"/kejadian/{k.ref}/" not in body
    assert "-7.61234" not in body
    assert client.get(f"/kejadian/{k.ref}/").status_code == 404
    assert client.get(f"/kejadian/{k.ref}/lampiran/{foto.pk}/").status_code == 404
