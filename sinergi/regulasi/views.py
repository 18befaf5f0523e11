"""Public pages: regulation search (with matching stages) and one regulation with its chain."""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from sinergi.core.angka import AngkaField, saring
from sinergi.regulasi import selectors
from sinergi.regulasi.choices import JenisRegulasi, StatusRegulasi


class FilterRegulasi(forms.Form):
    tahun = AngkaField(label=_("Year"), required=False, min_value=1945, max_value=2100)


def regulasi_index(request):
    """Search regulations and stages; without a query, the catalogue filtered by kind/year."""
    q = request.GET.get("q", "").strip()[:200]
    jenis = request.GET.get("jenis", "")
    jenis = jenis if jenis in JenisRegulasi.values else ""
    status = request.GET.get("status", "")
    status = status if status in StatusRegulasi.values else ""
    saringan = FilterRegulasi(request.GET)
    tahun = saring(saringan).get("tahun")
    filter_ = {"jenis": jenis or None, "tahun": tahun, "status": status or None}
    if q:
        hasil = selectors.cari_regulasi(q, **filter_)
        tahapan = selectors.cari_tahapan(q, batas=20)
    else:
        hasil = [selectors.Hasil(r, 0, None) for r in selectors.regulasi_list(**filter_)]
        tahapan = []
    context = {
        "q": q,
        "hasil": hasil,
        "tahapan": tahapan,
        "jenis": jenis,
        "status": status,
        "tahun": tahun,
        "saringan": saringan,
        "pilihan_jenis": JenisRegulasi.choices,
        "pilihan_status": StatusRegulasi.choices,
    }
    if request.htmx:
        return render(request, "regulasi/index.html#hasil", context)
    return render(request, "regulasi/index.html", context)


def regulasi_detail(request, pk: int):
    """One regulation: status, dates, summary, amendment chain, the stages it governs."""
    regulasi = selectors.regulasi_get(pk)
    if regulasi is None:
        raise Http404
    return render(
        request,
        "regulasi/detail.html",
        {"r": regulasi, "rantai": selectors.rantai_perubahan(regulasi)},
    )
