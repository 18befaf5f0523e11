"""Safe evidence uploads (`sinergi.core.berkas`): up to 10 MB, PDF, images and Office files whose
content matches their extension. Nothing is ever served inline."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from sinergi.core import berkas as inti
from sinergi.core.berkas import BerkasAman

UKURAN_MAKS = 10 * 1024 * 1024  # 10 MB

# extension → (content type, kind of content that must be found)
JENIS = {
    "pdf": ("application/pdf", inti.PDF),
    "png": ("image/png", inti.PNG),
    "jpg": ("image/jpeg", inti.JPEG),
    "jpeg": ("image/jpeg", inti.JPEG),
    "webp": ("image/webp", inti.WEBP),
    "docx": (inti.MIME_DOCX, inti.DOCX),
    "xlsx": (inti.MIME_XLSX, inti.XLSX),
    "pptx": (inti.MIME_PPTX, inti.PPTX),
    "doc": ("application/msword", inti.OLE),
    "xls": ("application/vnd.ms-excel", inti.OLE),
    "ppt": ("application/vnd.ms-powerpoint", inti.OLE),
}


def periksa_berkas(upload: UploadedFile, *, field: str = "berkas") -> BerkasAman:
    """Accept a PDF, image or Office file up to 10 MB whose content matches its extension;
    raise ValidationError on `field` with the reason otherwise."""
    return inti.periksa_unggahan(upload, jenis=JENIS, maks_ukuran=UKURAN_MAKS, field=field)
