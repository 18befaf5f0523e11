"""The staff report form takes up to five evidence files in one `<input multiple>`: every file
is checked first, then all are saved with the incident in one transaction; a bad file is named,
nothing is saved, and the other input is kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.core.models import AuditEntry
from sinergi.core.testing.gambar import png_kecil
from sinergi.kejadian import services
from sinergi.kejadian.models import Kejadian, LampiranKejadian
from sinergi.kejadian.tests.conftest import lalu

pytestmark = pytest.mark.django_db
PNG = png_kecil()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
URAIAN = "Amplop dibagikan di dekat TPS 003 Balerejo"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _disimpan(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


def _data(*berkas):
    return {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu": "2024-02-14T09:30",
        "uraian": URAIAN,
        "judul": "Amplop Balerejo",
        "keparahan": "tinggi",
        "kerahasiaan": "RESTRICTED",
        "sumber": "",
        "lampiran": list(berkas),
    }


def _png(nama="foto-1.png"):
    return SimpleUploadedFile(nama, PNG, content_type="image/png")


def _pdf(nama="berita-acara.pdf"):
    return SimpleUploadedFile(nama, PDF, content_type="application/pdf")


def _lapor(pelaku, lampiran):
    return services.kejadian_create(
        pelaku=pelaku,
        kategori="politik_uang",
        kode_wilayah="35.19",
        waktu_kejadian=lalu(),
        uraian=URAIAN,
        lampiran=lampiran,
    )


def test_form_input_takes_several_files(client, pelapor):
    client.force_login(pelapor)
    body = client.get("/kejadian/lapor/").content.decode()
    assert 'type="file" name="lampiran"' in body
    assert " multiple" in body
    assert 'accept="image/png,image/jpeg,image/webp,application/pdf,' in body


def test_two_good_files_saved_with_the_incident(client, pelapor, media):
    client.force_login(pelapor)
    r = client.post("/kejadian/lapor/", _data(_png(), _pdf()))
    assert r.status_code == 302, r.context["form"].errors
    k = Kejadian.objects.get()
    assert sorted(k.lampiran.values_list("nama", "jenis_mime")) == [
        ("berita-acara.pdf", "application/pdf"),
        ("foto-1.png", "image/png"),
    ]
    assert len(_disimpan(media)) == 2
    assert (
        AuditEntry.objects.filter(object_type="kejadian.lampirankejadian", actor=pelapor).count()
        == 2
    )


def test_disguised_file_among_good_ones_saves_nothing(client, pelapor, media):
    """A program renamed .jpg between two good files: refused by name, no incident, no
    attachment row, no file on disk; what was typed stays in the form."""
    client.force_login(pelapor)
    palsu = SimpleUploadedFile("bukti-2.jpg", b"MZ\x90\x00 not a jpeg", content_type="image/jpeg")
    r = client.post("/kejadian/lapor/", _data(_png(), palsu, _pdf()))
    assert r.status_code == 422
    assert r.context["form"].errors["lampiran"] == [
        "“bukti-2.jpg”: The content of the file does not match its extension .jpg; it was refused."
    ]
    body = r.content.decode()
    assert URAIAN in body and "Amplop Balerejo" in body
    assert 'id="lampiran-ulang"' in body and "3 files were not kept" in body
    assert Kejadian.objects.count() == 0
    assert LampiranKejadian.objects.count() == 0
    assert _disimpan(media) == []


def test_bad_file_message_in_indonesian(client, pelapor, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    client.force_login(pelapor)
    r = client.post("/kejadian/lapor/", _data(_png(), SimpleUploadedFile("video.mp4", b"x" * 9)))
    assert r.status_code == 422
    assert r.context["form"].errors["lampiran"] == [
        "“video.mp4”: Hanya foto (PNG, JPEG, WebP) dan berkas PDF yang diperbolehkan."
    ]
    assert Kejadian.objects.count() == 0


def test_more_than_five_files_refused(client, pelapor, media):
    client.force_login(pelapor)
    r = client.post("/kejadian/lapor/", _data(*[_png(f"foto-{i}.png") for i in range(6)]))
    assert r.status_code == 422
    assert r.context["form"].errors["lampiran"] == ["At most 5 files per report; you chose 6."]
    assert Kejadian.objects.count() == 0 and _disimpan(media) == []
    r = client.post("/kejadian/lapor/", _data(*[_png(f"foto-{i}.png") for i in range(5)]))
    assert r.status_code == 302
    assert Kejadian.objects.get().lampiran.count() == 5


def test_every_bad_file_named(pelapor):
    """The service names every refused file, not only the first."""
    with pytest.raises(Exception) as exc:
        _lapor(
            pelapor, [_png(), SimpleUploadedFile("a.exe", b"MZ"), SimpleUploadedFile("b.png", b"")]
        )
    assert exc.value.message_dict["lampiran"] == [
        "“a.exe”: Only photos (PNG, JPEG, WebP) and PDF files are allowed.",
        "“b.png”: The file is empty.",
    ]
    assert Kejadian.objects.count() == 0


def test_failure_while_saving_removes_files_already_stored(pelapor, media, monkeypatch):
    """Storage breaks on the second file: the incident and first attachment roll back and the
    first stored file is removed from disk."""
    asli = services._lampiran_simpan
    n = []

    def rusak(**kw):
        n.append(1)
        if len(n) == 2:
            raise OSError("disk full")
        return asli(**kw)

    monkeypatch.setattr(services, "_lampiran_simpan", rusak)
    with pytest.raises(OSError):
        _lapor(pelapor, [_png(), _pdf()])
    assert Kejadian.objects.count() == 0 and LampiranKejadian.objects.count() == 0
    assert _disimpan(media) == []


def test_photo_gps_is_stripped_from_the_staff_form_and_the_api(client, pelapor, media, bearer):
    """A phone photo with its GPS position in EXIF, sent through the report form and through
    the API: the stored files carry no metadata, still decode upright, and come back as an
    image/jpeg attachment with nosniff. The location stays only what the reporter chose."""
    from sinergi.core.testing.gambar import foto_gps, tanpa_metadata

    client.force_login(pelapor)
    r = client.post("/kejadian/lapor/", _data(SimpleUploadedFile("foto.jpg", foto_gps())))
    assert r.status_code == 302, r.context["form"].errors
    k = Kejadian.objects.get()
    assert (k.lat, k.lng) == (None, None)
    r = client.post(
        f"/api/v1/kejadian/{k.ref}/lampiran",
        {"berkas": SimpleUploadedFile("foto2.jpg", foto_gps())},
        headers=bearer(pelapor),
    )
    assert r.status_code == 201, r.content
    assert k.lampiran.count() == 2
    for lampiran in k.lampiran.all():
        with lampiran.berkas.open("rb") as fh:
            disimpan = fh.read()
        assert tanpa_metadata(disimpan)
        assert lampiran.ukuran == len(disimpan)
        unduh = client.get(f"/kejadian/{k.ref}/lampiran/{lampiran.pk}/")
        assert unduh["Content-Type"] == "image/jpeg"
        assert unduh["Content-Disposition"].startswith("attachment")
        assert unduh["X-Content-Type-Options"] == "nosniff"
        assert b"".join(unduh.streaming_content) == disimpan


def test_pdf_with_html_after_its_header_is_refused_on_the_form(client, pelapor, media):
    client.force_login(pelapor)
    palsu = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>")
    r = client.post("/kejadian/lapor/", _data(palsu))
    assert r.status_code == 422
    assert r.context["form"].errors["lampiran"] == [
        "“surat.pdf”: The file contains web page code (HTML or script); it was refused."
    ]
    assert Kejadian.objects.count() == 0 and _disimpan(media) == []
