"""Real (decodable) images for tests: uploads are re-encoded by Pillow (`sinergi.core.berkas`),
so a magic header followed by zeros no longer passes as a photo."""

from __future__ import annotations

import functools
import io

from PIL import Image


@functools.cache
def png_kecil() -> bytes:
    """A 4x4 PNG."""
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def foto_gps(fmt: str = "JPEG") -> bytes:
    """A 40x20 photo taken "rotated" (EXIF orientation 6: the camera was turned; left half
    blue) with a GPS position in Madiun, a camera make, XMP, and (JPEG) an HTML comment."""
    img = Image.new("RGB", (40, 20), "red")
    img.paste((0, 0, 255), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Canon"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (7.0, 37.0, 0.0), 3: "E", 4: (111.5, 30.0, 0.0)})
    out = io.BytesIO()
    extra = {"comment": b"<html><script>alert(1)</script>"} if fmt == "JPEG" else {}
    img.save(out, fmt, exif=exif.tobytes(), xmp=b"<x:xmpmeta>GPSLatitude</x:xmpmeta>", **extra)
    return out.getvalue()


def tanpa_metadata(data: bytes) -> bool:
    """True when the image bytes carry no EXIF, XMP, comment, nor the test photo's markers."""
    if b"GPSLatitude" in data or b"Canon" in data or b"<script" in data or b"Exif\0\0" in data:
        return False
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        return not img.getexif() and not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(
            img.info
        )
