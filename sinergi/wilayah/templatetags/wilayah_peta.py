import functools

from django import template
from django.templatetags.static import static
from django.utils.html import json_script

from sinergi.wilayah.batas import TUJUAN

register = template.Library()


@functools.cache
def _kode_provinsi() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (TUJUAN / "kabupaten_kota").glob("*.json")))


@register.simple_tag
def batas_json(element_id: str = "batas"):
    """The boundary files' URLs (hashed by the static storage, so cached for good) as a
    `<script type="application/json">` for the map JS: {"provinsi": url, "kabupaten_kota":
    {kode provinsi: url}}."""
    return json_script(
        {
            "provinsi": static("wilayah/batas/provinsi.json"),
            "kabupaten_kota": {
                k: static(f"wilayah/batas/kabupaten_kota/{k}.json") for k in _kode_provinsi()
            },
        },
        element_id,
    )
