"""Safe uploads, shared by every app that takes files: a size limit, an allowed list of
extensions, and the real type decided by the file's first bytes (its "magic"), which must agree
with the extension. An `.exe` renamed `.pdf` is refused, and so is a PDF renamed `.docx`.

Accepted images (PNG, JPEG, WebP) are re-encoded with Pillow before they are stored: the
orientation is applied to the pixels (`ImageOps.exif_transpose`) and every metadata block is
dropped (EXIF with its GPS position, XMP, IPTC, comments), which also breaks image/HTML
polyglots. The upload object is rewritten in place, so whatever the caller saves is the clean
copy. Other documents (PDF, Office) are refused when their first KBs hold HTML or script, and
stored files are only ever served by `unduhan` (an attachment, nosniff, sandboxed).

Each app passes its own size limit and allowed types (extension → (content type, kind)); an
app may also pass its own wording for the refusals (already translated), else the defaults
below are used.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

# Kinds of content that `jenis_isi` recognises.
PDF, PNG, JPEG, WEBP, OLE = "pdf", "png", "jpeg", "webp", "ole"
DOCX, XLSX, PPTX = "docx", "xlsx", "pptx"
MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# The folder inside an Office Open XML package that marks each kind, in the order checked.
OOXML = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}
# Pillow's name of each image kind: these are re-encoded without their metadata.
GAMBAR = {PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP"}
# Largest image accepted, in pixels (a 48 MP phone photo fits); a bigger one is a memory bomb.
MAKS_PIKSEL = 50_000_000
# A document whose first bytes hold one of these would be rendered as a web page if a browser
# were ever talked into sniffing it (a PDF with `<html><script>` after its magic header).
PENANDA_HTML = (b"<html", b"<script", b"<!doctype html", b"<svg", b"<body", b"<iframe")
AWAL_DIPERIKSA = 8 * 1024
# The content type a stored file is served with, from the extension of its stored name (the
# extension was checked against the content when it was accepted).
TIPE_MENURUT_EXT = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "docx": MIME_DOCX,
    "xlsx": MIME_XLSX,
    "pptx": MIME_PPTX,
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}


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
    if kind in GAMBAR:
        bersihkan_gambar(upload, kind, field=field)
    elif berisi_html(upload):
        raise ValidationError(
            {field: [_("The file contains web page code (HTML or script); it was refused.")]}
        )
    return BerkasAman(nama=nama, ext=ext, jenis=kind, tipe=tipe, ukuran=upload.size)


def berisi_html(upload) -> bool:
    """Whether the first KBs of a document hold an HTML or script marker."""
    upload.seek(0)
    awal = upload.read(AWAL_DIPERIKSA).lower()
    upload.seek(0)
    return any(p in awal for p in PENANDA_HTML)


def bersihkan_gambar(upload, kind: str, *, field: str = "berkas") -> None:
    """Re-encode an image with its orientation applied and no metadata, rewriting `upload`
    in place (its size too). ValidationError when Pillow cannot decode it or it is too big."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if getattr(upload, "_sinergi_bersih", False):
        return  # already re-encoded by an earlier check of the same upload
    rusak = ValidationError({field: [_("The image could not be read; it may be damaged.")]})
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            if img.format != GAMBAR[kind]:
                raise rusak
            if img.width * img.height > MAKS_PIKSEL:
                raise ValidationError(
                    {
                        field: [
                            _(
                                "The image is %(w)s by %(h)s pixels; at most %(mp)s megapixels are "
                                "accepted. Send a smaller copy."
                            )
                            % {"w": img.width, "h": img.height, "mp": MAKS_PIKSEL // 1_000_000}
                        ]
                    }
                )
            img.load()
            icc = img.info.get("icc_profile")
            transparansi = img.info.get("transparency")
            bersih = ImageOps.exif_transpose(img)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise rusak from None
    # Nothing of the original's metadata may ride along (Pillow writes some of `info` back).
    bersih.info = {} if transparansi is None else {"transparency": transparansi}
    opsi: dict = {"icc_profile": icc} if icc else {}
    if kind == JPEG:
        if bersih.mode not in {"RGB", "L", "CMYK"}:
            bersih = bersih.convert("RGB")
        opsi["quality"] = 90
    elif kind == WEBP:
        opsi["quality"] = 90
    if transparansi is not None and kind == PNG:
        opsi["transparency"] = transparansi
    out = io.BytesIO()
    bersih.save(out, format=GAMBAR[kind], **opsi)
    _ganti_isi(upload, out.getvalue())
    upload._sinergi_bersih = True


def _ganti_isi(upload, data: bytes) -> None:
    """Put `data` in place of the upload's content (temporary file or memory alike)."""
    f = getattr(upload, "file", upload)
    try:
        f.seek(0)
        f.truncate()
        f.write(data)
        f.flush()
        f.seek(0)
    except (OSError, io.UnsupportedOperation, AttributeError):
        upload.file = io.BytesIO(data)  # a read-only handle: keep the clean copy in memory
    upload.size = len(data)
    upload.seek(0)


def simpan_lampiran(lampiran, *, upload, aman: BerkasAman, actor, fields: list[str]):
    """Write a checked upload into an unsaved attachment row (its file under the safe name),
    save the row and audit it with its stored path; the caller's transaction holds both."""
    from sinergi.core import audit

    lampiran.berkas.save(aman.nama, upload, save=False)
    lampiran.save()
    audit.record(
        actor=actor,
        action="create",
        obj=lampiran,
        after={**audit.snapshot(lampiran, fields=fields), "berkas": lampiran.berkas.name},
    )
    return lampiran


def unduhan(berkas, *, nama: str, tipe: str | None = None) -> FileResponse:
    """Serve a stored upload (a FieldFile): always an attachment named `nama`, with `tipe` or
    else the content type of its stored extension, `nosniff`, and a sandbox in case a browser
    renders it anyway. A missing file is 404."""
    ext = berkas.name.rsplit(".", 1)[-1].lower() if "." in berkas.name else ""
    tipe = tipe or TIPE_MENURUT_EXT.get(ext, "application/octet-stream")
    try:
        handle = berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=nama or f"berkas.{ext or 'bin'}",
        content_type=tipe,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
