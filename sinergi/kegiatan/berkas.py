"""Checks on uploaded materials: size, allowed types, and the real type by the first bytes.

A file is accepted only when its content is one of the allowed types AND its extension names
that same type: an `.exe` renamed `.pdf` is refused, and so is a PDF renamed `.docx`.
"""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAKS_UKURAN = 20 * 1024 * 1024
EKSTENSI = {
    "pdf": "pdf",
    "pptx": "pptx",
    "docx": "docx",
    "xlsx": "xlsx",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
}
MIME = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
# The folder inside an Office Open XML package that marks each kind.
OOXML = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}


def jenis_isi(berkas) -> str | None:
    """The real type of the file from its content, or None when it is none we accept."""
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    if kepala.startswith(b"%PDF-"):
        return "pdf"
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if kepala.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if kepala.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(berkas) as z:
                nama = z.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            berkas.seek(0)
        if "[Content_Types].xml" not in nama:
            return None
        for jenis, folder in OOXML.items():
            if any(n.startswith(folder) for n in nama):
                return jenis
    return None


def periksa_berkas(berkas) -> str:
    """The accepted type of an upload, or ValidationError with the reason."""
    if berkas is None:
        raise ValidationError({"berkas": [_("Choose a file.")]})
    if berkas.size > MAKS_UKURAN:
        raise ValidationError({"berkas": [_("The file is larger than 20 MB.")]})
    if berkas.size == 0:
        raise ValidationError({"berkas": [_("The file is empty.")]})
    ext = berkas.name.rsplit(".", 1)[-1].lower() if "." in berkas.name else ""
    if ext not in EKSTENSI:
        raise ValidationError(
            {
                "berkas": [
                    _("This file type is not allowed; upload PDF, PPTX, DOCX, XLSX, PNG or JPEG.")
                ]
            }
        )
    isi = jenis_isi(berkas)
    if isi != EKSTENSI[ext]:
        raise ValidationError(
            {
                "berkas": [
                    _("The file's content does not match its extension (.%(ext)s); it was refused.")
                    % {"ext": ext}
                ]
            }
        )
    return isi
