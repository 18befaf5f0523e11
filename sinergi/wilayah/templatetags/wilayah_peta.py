import functools
from urllib.parse import urlencode

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join, json_script

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


def _url_batas(kode: str) -> str | None:
    """The boundary file a map of region `kode` starts with: the provinces for the whole
    country (""), else the regencies of its province."""
    if not kode:
        return static("wilayah/batas/provinsi.json")
    if kode[:2] in _kode_provinsi():
        return static(f"wilayah/batas/kabupaten_kota/{kode[:2]}.json")
    return None


@register.simple_tag
def peta_preload(kode: str = "", *data_urls: str):
    """`<link rel="preload">` for what a map draws first: its boundary file and its data, so
    that they download while Leaflet does instead of after it (a round trip and the file's
    transfer saved on a slow connection). The map JS must fetch exactly these URLs."""
    urls = [u for u in (_url_batas(kode), *data_urls) if u]
    link = '<link rel="preload" href="{}" as="fetch" crossorigin="anonymous">'
    return format_html_join("", link, ((u,) for u in urls))


@register.simple_tag
def htmx_nanti():
    """htmx for a map page, loaded only once the map is drawn (`SinergiBatas.selesai()`):
    on a slow connection its 17 KB would otherwise share the bandwidth with Leaflet and the
    boundaries. Use as `{% block htmx %}{% htmx_nanti %}{% endblock %}`."""
    return format_html(
        '<script type="text/plain" data-nanti="{}"></script>', static("django_htmx/htmx-2.min.js")
    )


@register.simple_tag
def url_peta(base: str, **params) -> str:
    """`base?k=v…` of the non-empty params: the map data URL a template both preloads and
    hands to the map JS, so that the two are the same string."""
    q = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{base}?{q}" if q else base
