from django import template

from sinergi.core.waktu import format_lokal

register = template.Library()


@register.filter
def waktu_lokal(value, zona="WIB"):
    """Render an aware datetime in a region's zone: {{ kegiatan.mulai|waktu_lokal:"WITA" }}."""
    return format_lokal(value, zona or "WIB")
