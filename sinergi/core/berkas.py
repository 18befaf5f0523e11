"""Safe uploads, shared by every app that takes files: a size limit, an allowed list of
extensions, and the real type decided by the file's first bytes (its "magic"), which must agree
with the extension. An `.exe` renamed `.pdf` is refused, and so is a PDF renamed `.docx`.

Each app passes its own size limit and allowed types (extension → (content type, kind)); an
app may also pass its own wording for the refusals (already translated), else the defaults
below are used.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Kinds of content that `jenis_isi` recognises.
PDF, PNG, JPEG, WEBP, OLE = "pdf", "png", "jpeg", "webp", "ole"
DOCX, XLSX, PPTX = "docx", "xlsx", "pptx"
MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# The folder inside an Office Open XML package that marks each kind, in the order checked.
OOXML = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}


def nama_acak(folder: str, filename: str) -> str:
    """A random stored name under `folder` that keeps only the extension: the uploader's file
    name never reaches the disk (the original is kept in a model field)."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{folder}/{uuid.uuid4().hex}.{ext}"


@dataclass(frozen=True)
class BerkasAman:
    """An accepted upload: its file name (without folders), extension, kind of content,
    content type and size in bytes."""

    nama: str
    ext: str
    jenis: str
    tipe: str
    ukuran: int


def jenis_isi(upload) -> str | None:
    """The real kind of the file from its content, or None when it is none we know."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        for jenis, folder in OOXML.items():
            if any(n.startswith(folder) for n in names):
                return jenis
    return None


def nama_unggahan(upload) -> str:
    """The file name an upload was sent with, without any folder the browser put in front."""
    return (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200]


def periksa_unggahan(
    upload,
    *,
    jenis: dict[str, tuple[str, str]],
    maks_ukuran: int,
    field: str = "berkas",
    pesan_terlalu_besar: str | None = None,
    pesan_jenis: str | None = None,
    pesan_isi: str | None = None,
) -> BerkasAman:
    """Accept `upload` when it is at most `maks_ukuran` bytes, not empty, its extension is in
    `jenis` (extension → (content type, kind)) and its content is that kind; else raise
    ValidationError on `field` with the reason.

    `pesan_terlalu_besar` may use `%(max)s` (the limit in MB) and `pesan_isi` `%(ext)s`."""
    nama = nama_unggahan(upload)
    if upload.size is None or upload.size > maks_ukuran:
        pesan = pesan_terlalu_besar or _("The file is larger than %(max)s MB.")
        raise ValidationError({field: [pesan % {"max": maks_ukuran // 1024 // 1024}]})
    if upload.size == 0:
        raise ValidationError({field: [_("The file is empty.")]})
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if ext not in jenis:
        pesan = pesan_jenis or _("Only PDF, images (PNG, JPEG, WebP) and Office files are allowed.")
        raise ValidationError({field: [pesan]})
    tipe, kind = jenis[ext]
    if jenis_isi(upload) != kind:
        pesan = pesan_isi or _(
            "The content of the file does not match its extension .%(ext)s; it was refused."
        )
        raise ValidationError({field: [pesan % {"ext": ext}]})
    return BerkasAman(nama=nama, ext=ext, jenis=kind, tipe=tipe, ukuran=upload.size)
