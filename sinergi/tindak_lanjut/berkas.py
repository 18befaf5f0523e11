"""Safe evidence uploads: a size limit, and the type decided by the file's first bytes (its
"magic"), which must agree with its extension. Nothing is ever served inline."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

UKURAN_MAKS = 10 * 1024 * 1024  # 10 MB

# extension → (content type, kind of content that must be found)
JENIS = {
    "pdf": ("application/pdf", "pdf"),
    "png": ("image/png", "png"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
    "webp": ("image/webp", "webp"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ooxml:word/",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml:xl/"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ooxml:ppt/",
    ),
    "doc": ("application/msword", "ole"),
    "xls": ("application/vnd.ms-excel", "ole"),
    "ppt": ("application/vnd.ms-powerpoint", "ole"),
}


@dataclass(frozen=True)
class BerkasAman:
    nama: str
    tipe: str
    ukuran: int


def _kind(head: bytes, upload: UploadedFile) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        for prefix in ("word/", "xl/", "ppt/"):
            if any(n.startswith(prefix) for n in names):
                return f"ooxml:{prefix}"
    return None


def periksa_berkas(upload: UploadedFile, *, field: str = "berkas") -> BerkasAman:
    """Accept a PDF, image or Office file up to 10 MB whose content matches its extension;
    raise ValidationError on `field` with the reason otherwise."""
    nama = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200]
    if upload.size is None or upload.size > UKURAN_MAKS:
        raise ValidationError(
            {field: _("The file is larger than %(max)s MB.") % {"max": UKURAN_MAKS // 1024 // 1024}}
        )
    if upload.size == 0:
        raise ValidationError({field: _("The file is empty.")})
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ext not in JENIS:
        raise ValidationError(
            {
                field: _("Only PDF, images (PNG, JPEG, WebP) and Office files are allowed."),
            }
        )
    tipe, kind = JENIS[ext]
    upload.seek(0)
    head = upload.read(16)
    found = _kind(head, upload)
    upload.seek(0)
    if found != kind:
        raise ValidationError(
            {
                field: _(
                    "The content of the file does not match its extension .%(ext)s; it was refused."
                )
                % {"ext": ext}
            }
        )
    return BerkasAman(nama=nama, tipe=tipe, ukuran=upload.size)
