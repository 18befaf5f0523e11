"""Directory pages: organizations, one organization, and who does what in a stage."""

from django.core.paginator import Paginator
from django.shortcuts import render

from sinergi.pemangku import selectors
from sinergi.pemangku.choices import TingkatLembaga
from sinergi.pemangku.filters import LembagaFilter, dari_querydict


def _provinsi():
    from sinergi.wilayah.selectors import wilayah_list

    return wilayah_list(tingkat="provinsi")


def _kabkota(provinsi: str | None):
    from sinergi.wilayah.models import Wilayah

    if not provinsi:
        return Wilayah.objects.none()
    return Wilayah.objects.filter(induk_id=provinsi, tingkat="kabupaten_kota").order_by("kode")


def lembaga_index(request):
    """The directory: organizations by type, level, region and name (HTMX-filtered)."""
    filters = dari_querydict(LembagaFilter, request.GET)
    provinsi = request.GET.get("provinsi") or (filters.wilayah or "")[:2] or ""
    kabkota = request.GET.get("kabkota") or ""
    wilayah = kabkota if kabkota.startswith(provinsi + ".") and provinsi else provinsi
    data = filters.dict()
    data["wilayah"] = filters.wilayah or wilayah or None
    daftar = selectors.lembaga_list(pengguna=request.user, **data)
    halaman = Paginator(daftar, 50).get_page(request.GET.get("page"))
    context = {
        "halaman": halaman,
        "f": filters,
        "jenis_list": selectors.jenis_lembaga_list(),
        "tingkat_list": TingkatLembaga.choices,
        "provinsi_list": _provinsi(),
        "kabkota_list": _kabkota(provinsi),
        "provinsi": provinsi,
        "kabkota": kabkota,
        "query": request.GET.urlencode() if request.GET else "",
    }
    if request.htmx and request.htmx.target == "hasil":
        return render(request, "pemangku/index.html#hasil", context)
    return render(request, "pemangku/index.html", context)


def opsi_kabkota(request):
    """The regency/city <option>s of a province, for the directory filter (HTMX)."""
    return render(
        request,
        "pemangku/index.html#opsi_kabkota",
        {"kabkota_list": _kabkota(request.GET.get("provinsi", "")[:2]), "kabkota": ""},
    )


def lembaga_detail(request, pk: int):
    """One organization: contacts (if your scope covers it), duties, parent and children."""
    lembaga = selectors.lembaga_get(pengguna=request.user, pk=pk)
    boleh_kontak = selectors.dapat_lihat_kontak(request.user, lembaga)
    kontak = selectors.kontak_list(pengguna=request.user, lembaga=lembaga) if boleh_kontak else []
    return render(
        request,
        "pemangku/detail.html",
        {
            "lembaga": lembaga,
            "boleh_kontak": boleh_kontak,
            "kontak": kontak,
            "anak": selectors.lembaga_anak(lembaga)[:200],
            "tupoksi": selectors.tupoksi_list(jenis=lembaga.jenis_id),
        },
    )


def tupoksi_matriks(request):
    """Who does what in a stage: the duty matrix for a chosen stage and region."""
    from sinergi.tahapan.models import Pemilu, Tahapan

    pemilu_list = list(Pemilu.objects.order_by("-hari_pemungutan", "slug"))
    slug = request.GET.get("pemilu") or (pemilu_list[0].slug if pemilu_list else "")
    pemilu = next((p for p in pemilu_list if p.slug == slug), None)
    tahapan_list = (
        list(Tahapan.objects.filter(pemilu=pemilu).order_by("urutan", "kode")) if pemilu else []
    )
    kode = request.GET.get("tahapan", "")
    tahapan = next((t for t in tahapan_list if t.kode == kode), None)
    provinsi = request.GET.get("provinsi", "")[:2]
    kabkota = request.GET.get("kabkota", "")
    wilayah = kabkota if provinsi and kabkota.startswith(provinsi + ".") else provinsi
    baris = selectors.matriks_tahapan(tahapan=tahapan, wilayah=wilayah or None) if tahapan else []
    umum = (
        list(selectors.tupoksi_list(pemilu=pemilu).filter(tahapan__isnull=True))
        if pemilu and not tahapan
        else []
    )
    context = {
        "pemilu_list": pemilu_list,
        "pemilu": pemilu,
        "tahapan_list": tahapan_list,
        "tahapan": tahapan,
        "provinsi_list": _provinsi(),
        "kabkota_list": _kabkota(provinsi),
        "provinsi": provinsi,
        "kabkota": kabkota,
        "wilayah": wilayah,
        "baris": baris,
        "umum": umum,
    }
    if request.htmx and request.htmx.target == "matriks":
        return render(request, "pemangku/tupoksi.html#matriks", context)
    return render(request, "pemangku/tupoksi.html", context)
