from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count
from django.shortcuts import render

from sinergi.portal.dasbor import dasbor_untuk
from sinergi.wilayah.models import Wilayah


def _jumlah_wilayah() -> dict[str, int]:
    def hitung():
        rows = Wilayah.objects.values("tingkat").annotate(n=Count("kode")).order_by()
        return {r["tingkat"]: r["n"] for r in rows}

    return cache.get_or_set("portal:jumlah_wilayah", hitung, 600)


def beranda(request):
    """The public home page."""
    return render(request, "portal/beranda.html", {"jumlah": _jumlah_wilayah()})


@login_required
def dasbor(request):
    """The staff dashboard: what this user has to do today in their region."""
    return render(request, "portal/dasbor.html", {"d": dasbor_untuk(pengguna=request.user)})
