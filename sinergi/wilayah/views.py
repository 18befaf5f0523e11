from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from sinergi.wilayah import selectors
from sinergi.wilayah.choices import Tingkat
from sinergi.wilayah.forms import PEMISAH


def wilayah_index(request):
    """The region browser: all provinces, with a search over every region."""
    provinsi = selectors.wilayah_list(tingkat=Tingkat.PROVINSI)
    return render(request, "wilayah/index.html", {"daftar": provinsi, "q": ""})


def wilayah_cari(request):
    """Search results (an HTMX fragment when asked by htmx, else the full page)."""
    q = request.GET.get("q", "").strip()[:100]
    induk = (
        selectors.wilayah_get(request.GET.get("induk", "")) if request.GET.get("induk") else None
    )
    hasil = (
        selectors.wilayah_list(q=q, induk=induk)
        if q
        else selectors.wilayah_list(tingkat=Tingkat.PROVINSI)
    )
    halaman = Paginator(hasil, 50).get_page(request.GET.get("page"))
    context = {"halaman": halaman, "q": q, "induk": induk}
    if request.htmx:
        return render(request, "wilayah/index.html#hasil", context)
    return render(request, "wilayah/cari.html", context)


def wilayah_saran(request):
    """Suggestions for a place field (a `<datalist>`'s options, swapped in by htmx as the
    user types): `?q=`, or the box's own value under whatever name the form gives it.

    With `banyak=1` (a box of several regions, `WilayahBanyakField`) the text after the last
    semicolon is looked up and each option keeps the regions typed before it."""
    teks = request.GET.get("q") or next(
        (v for k, v in request.GET.items() if k != "banyak" and v.strip()), ""
    )
    awalan = ""
    if request.GET.get("banyak") == "1":
        *sebelum, teks = PEMISAH.split(teks)
        sebelum = [b.strip() for b in sebelum if b.strip()]
        awalan = "".join(f"{b}; " for b in sebelum)
    saran = [(w.kode, selectors.label_wilayah(w)) for w in selectors.wilayah_saran(teks[:100])]
    return render(request, "wilayah/_saran.html", {"saran": saran, "awalan": awalan})


def wilayah_detail(request, kode: str):
    """One region: its ancestors (breadcrumbs), zone and children."""
    wilayah = selectors.wilayah_get(kode)
    if wilayah is None:
        raise Http404
    if wilayah.kode != kode:
        return redirect("wilayah:detail", kode=wilayah.kode, permanent=True)
    anak = Paginator(selectors.wilayah_list(induk=wilayah), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "wilayah/detail.html",
        {"wilayah": wilayah, "leluhur": selectors.wilayah_leluhur(wilayah), "anak": anak},
    )
