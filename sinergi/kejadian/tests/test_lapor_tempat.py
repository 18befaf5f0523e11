"""Forms that forgive: the place of a report is typed as a name, with suggestions over every
region, and the public report takes photos like the staff form (issue 14, item 5)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.kejadian.models import Kejadian, LampiranKejadian

pytestmark = pytest.mark.django_db


def _foto(nama="foto.png"):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, "PNG")
    return SimpleUploadedFile(nama, buf.getvalue(), content_type="image/png")


def _publik(client, **kw):
    data = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu": "2024-02-14T06:00",
        "uraian": "Pembagian amplop di dekat TPS.",
    }
    data.update(kw)
    return client.post("/kejadian/publik/lapor/", data, REMOTE_ADDR="203.0.113.7")


def test_suggestions_find_districts_and_villages_by_name(client, wilayah_mini):
    """Typing 'kebon' suggests the district Kebonsari with its regency, ready to pick; a code
    prefix suggests by code; one letter suggests nothing yet."""
    html = client.get("/wilayah/saran/?q=kebon").content.decode()
    assert '<option value="35.19.01 — Kebonsari, Kabupaten Madiun">' in html
    assert "35.19.01.2001" in client.get("/wilayah/saran/?q=35.19.01").content.decode()
    assert "<option" not in client.get("/wilayah/saran/?q=k").content.decode()
    # The form field's own name is accepted too (what htmx sends from the field).
    assert "Balerejo" in client.get("/wilayah/saran/?kode_wilayah=balere").content.decode()


def test_public_report_accepts_a_place_name(client, kategori, wilayah_mini):
    """'kebonsari' (any case) and the picked suggestion both mean district 35.19.01."""
    assert _publik(client, kode_wilayah="kebonsari").status_code == 302
    assert _publik(client, kode_wilayah="35.19.01.2001 — Balerejo, Kebonsari, Kabupaten Madiun")
    assert sorted(Kejadian.objects.values_list("wilayah_id", flat=True)) == [
        "35.19.01",
        "35.19.01.2001",
    ]


def test_unknown_and_shared_names_are_explained_and_nothing_saved(
    client, kategori, wilayah_mini, settings
):
    """A name nobody has, and a village name two districts share, get a message that says what
    to do (in Indonesian), the typed text stays, and nothing is saved."""
    from sinergi.wilayah.models import Wilayah

    Wilayah.objects.create(
        kode="35.21.01",
        nama="Sine",
        tingkat="kecamatan",
        jenis="kecamatan",
        induk_id="35.21",
        zona_waktu="WIB",
    )
    Wilayah.objects.create(
        kode="35.21.01.2001",
        nama="Balerejo",
        tingkat="desa",
        jenis="desa",
        induk_id="35.21.01",
        zona_waktu="WIB",
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    r = _publik(client, kode_wilayah="Atlantis")
    assert r.status_code == 422
    html = r.content.decode()
    assert "Tidak ada wilayah bernama “Atlantis”" in html
    r = _publik(client, kode_wilayah="balerejo")
    html = r.content.decode()
    assert "Beberapa wilayah bernama “balerejo”" in html
    assert "Balerejo, Kebonsari, Kabupaten Madiun" in html
    assert "Balerejo, Sine, Kabupaten Ngawi" in html
    assert Kejadian.objects.count() == 0


def test_public_report_keeps_photos_and_a_bad_file_saves_nothing(client, kategori, wilayah_mini):
    """Two photos are stored with the public report; a fake photo refuses the whole report."""
    r = _publik(client, lampiran=[_foto("a.png"), _foto("b.png")])
    assert r.status_code == 302
    k = Kejadian.objects.get()
    assert LampiranKejadian.objects.filter(kejadian=k).count() == 2
    palsu = SimpleUploadedFile("c.jpg", b"MZ not a photo", content_type="image/jpeg")
    r = _publik(client, lampiran=[_foto("d.png"), palsu])
    assert r.status_code == 422
    assert Kejadian.objects.count() == 1 and LampiranKejadian.objects.count() == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_phone_user_types_a_name_and_gets_suggestions(halaman, kategori, wilayah_mini):
    """On a phone the place field offers regions as the user types a name; the picked one is
    sent and the report is received."""
    from django.core.cache import cache

    cache.clear()
    halaman.goto("/kejadian/publik/lapor/")
    halaman.select_option("#id_kategori", "politik_uang")
    halaman.locator("#id_kode_wilayah").press_sequentially("balere", delay=30)
    opsi = halaman.locator("#daftar-wilayah option[value^='35.19.01.2001']")
    opsi.wait_for(state="attached")
    halaman.fill("#id_kode_wilayah", opsi.get_attribute("value"))
    halaman.fill("#id_uraian", "Amplop dibagikan malam hari.")
    halaman.get_by_role("button", name="Kirim laporan").click()
    halaman.wait_for_url("**terkirim=1")
    assert Kejadian.objects.get().wilayah_id == "35.19.01.2001"
