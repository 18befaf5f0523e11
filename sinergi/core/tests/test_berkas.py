"""Uploads (issue #13): images are stored without metadata (GPS!) and keep their orientation;
documents with HTML after a valid magic header are refused; stored files are served as
attachments with nosniff."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from sinergi.core import berkas as inti
from sinergi.core.testing.gambar import foto_gps, tanpa_metadata

JENIS = {
    "jpg": ("image/jpeg", inti.JPEG),
    "png": ("image/png", inti.PNG),
    "webp": ("image/webp", inti.WEBP),
    "pdf": ("application/pdf", inti.PDF),
}
MAKS = 10 * 1024 * 1024


@pytest.fixture(autouse=True)
def _indonesia():
    """The refusals are asserted as the user reads them, in Indonesian."""
    from django.utils import translation

    with translation.override("id"):
        yield


def _periksa(upload):
    return inti.periksa_unggahan(upload, jenis=JENIS, maks_ukuran=MAKS)


@pytest.mark.parametrize(("fmt", "ext"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_gps_exif_xmp_and_comments_are_stripped_and_orientation_applied(fmt, ext):
    """The stored bytes carry no EXIF (no GPS, no camera), no XMP, no comment; the pixels
    still decode, turned upright (20x40, blue on top) as the photo was taken."""
    asli = foto_gps(fmt)
    with Image.open(io.BytesIO(asli)) as img:
        assert img.getexif().get_ifd(0x8825)  # the GPS position is there before
    upload = SimpleUploadedFile(f"foto.{ext}", asli)
    aman = _periksa(upload)
    upload.seek(0)
    disimpan = upload.read()
    assert aman.ukuran == len(disimpan) == upload.size
    assert tanpa_metadata(disimpan)
    with Image.open(io.BytesIO(disimpan)) as img:
        assert img.format == fmt
        img.load()
        assert img.size == (20, 40)
        r, _g, b = img.convert("RGB").getpixel((10, 5))
        assert b > 200 and r < 60  # the blue half is on top once turned upright


def test_stripping_works_on_a_temporary_upload_file():
    """Large uploads arrive as temporary files on disk: rewritten in place as well."""
    asli = foto_gps()
    upload = TemporaryUploadedFile("foto.jpg", "image/jpeg", len(asli), None)
    upload.write(asli)
    upload.seek(0)
    _periksa(upload)
    with open(upload.temporary_file_path(), "rb") as fh:
        disimpan = fh.read()
    assert disimpan != asli and b"Canon" not in disimpan
    with Image.open(io.BytesIO(disimpan)) as img:
        assert not img.getexif()
    upload.close()


def test_an_image_that_does_not_decode_is_refused():
    """A JPEG header followed by HTML passes the magic check but not Pillow: refused."""
    upload = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0<html><script>alert(1)</script>")
    with pytest.raises(ValidationError) as exc:
        _periksa(upload)
    assert exc.value.message_dict["berkas"] == [
        "Gambar tidak dapat dibaca; mungkin berkasnya rusak."
    ]


@pytest.mark.parametrize(
    "isi",
    [
        b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>",
        b"%PDF-1.7\n%\xe2\xe3\n<!DOCTYPE HTML><body onload=alert(1)>",
        b"%PDF-1.5\n" + b"x" * 4000 + b"<svg onload=alert(1)>",
    ],
)
def test_a_pdf_with_html_inside_is_refused(isi):
    with pytest.raises(ValidationError) as exc:
        _periksa(SimpleUploadedFile("surat.pdf", isi))
    assert exc.value.message_dict["berkas"] == [
        "Berkas berisi kode halaman web (HTML atau skrip) sehingga ditolak."
    ]


def test_an_ordinary_pdf_is_accepted_unchanged():
    isi = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
    upload = SimpleUploadedFile("surat.pdf", isi)
    assert _periksa(upload).jenis == inti.PDF
    upload.seek(0)
    assert upload.read() == isi


def test_a_gif_polyglot_is_refused():
    """GIF89a with a script is not an accepted kind at all."""
    upload = SimpleUploadedFile("foto.jpg", b"GIF89a/*<script>alert(1)</script>*/")
    with pytest.raises(ValidationError):
        _periksa(upload)


def test_unduhan_is_an_attachment_with_nosniff_and_the_stored_type(db, tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db.models.fields.files import FieldFile

    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("x/abc.pdf", ContentFile(b"%PDF-1.4\n"))

    class Palsu:
        storage = default_storage

    field = FieldFile(None, Palsu(), name)
    r = inti.unduhan(field, nama="surat <x>.pdf")
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment;")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in r["Content-Security-Policy"]
    r.close()
