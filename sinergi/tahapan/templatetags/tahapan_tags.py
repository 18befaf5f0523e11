"""`{% load tahapan_tags %}{% tahapan_hari_ini_ringkas %}`: today's stages on the home page."""

from django import template
from django.core.cache import cache

from sinergi.core.waktu import hari_ini
from sinergi.tahapan import selectors
from sinergi.tahapan.services import cache_versi

register = template.Library()


@register.inclusion_tag("tahapan/_ringkas.html")
def tahapan_hari_ini_ringkas():
    """The elections with stages running today (top-level stages only), the next dates, and
    the elections ahead (a draft carries its "not yet official" label)."""
    tanggal = hari_ini()
    key = f"tahapan:ringkas:{cache_versi()}:{tanggal.isoformat()}"
    data = cache.get(key)
    if data is None:
        data = []
        for pemilu in selectors.pemilu_list():
            aktif = list(selectors.tahapan_list(pemilu=pemilu, aktif_pada=tanggal, utama=True))
            tenggat = selectors.tenggat_mendatang(pemilu=pemilu, tanggal=tanggal, hari=30, batas=3)
            if aktif or tenggat:
                data.append(
                    {
                        "pemilu": pemilu,
                        "aktif": [(t, t.sisa_hari(tanggal), t.progres(tanggal)) for t in aktif],
                        "tenggat": tenggat,
                        "hari_menuju": selectors.hari_menuju_pemungutan(pemilu, tanggal),
                    }
                )
        cache.set(key, data, 300)
    return {
        "daftar": data,
        "tanggal": tanggal,
        "mendatang": selectors.pemilu_mendatang(tanggal),
    }
