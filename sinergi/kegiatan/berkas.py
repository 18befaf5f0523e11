"""Checks on uploaded materials (`sinergi.core.berkas`): up to 20 MB, PDF, Office Open XML and
images, whose content must be the type their extension names."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sinergi.core import berkas as inti

MAKS_UKURAN = 20 * 1024 * 1024
EKSTENSI = {
    "pdf": inti.PDF,
    "pptx": inti.PPTX,
    "docx": inti.DOCX,
    "xlsx": inti.XLSX,
    "png": inti.PNG,
    "jpg": inti.JPEG,
    "jpeg": inti.JPEG,
}
MIME = {
    inti.PDF: "application/pdf",
    inti.PPTX: inti.MIME_PPTX,
    inti.DOCX: inti.MIME_DOCX,
    inti.XLSX: inti.MIME_XLSX,
    inti.PNG: "image/png",
    inti.JPEG: "image/jpeg",
}


def periksa_berkas(berkas) -> str:
    """The accepted type of an upload, or ValidationError with the reason."""
    if berkas is None:
        raise ValidationError({"berkas": [_("Choose a file.")]})
    hasil = inti.periksa_unggahan(
        berkas,
        jenis={ext: (MIME[jenis], jenis) for ext, jenis in EKSTENSI.items()},
        maks_ukuran=MAKS_UKURAN,
        pesan_terlalu_besar=_("The file is larger than 20 MB."),
        pesan_jenis=_("This file type is not allowed; upload PDF, PPTX, DOCX, XLSX, PNG or JPEG."),
        pesan_isi=_("The file's content does not match its extension (.%(ext)s); it was refused."),
    )
    return hasil.jenis
