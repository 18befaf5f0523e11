from django import template

from sinergi.kerawanan.models import Kategori

register = template.Library()


@register.filter
def kategori_label(kode: str) -> str:
    """The translated label of a category code (rendah, sedang, tinggi, kurang_rawan, ...)."""
    return dict(Kategori.choices).get(kode, kode or "-")


@register.filter
def ambil(d, key):
    return d.get(key) if hasattr(d, "get") else None
