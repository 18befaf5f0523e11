"""Reads of regions. Regions are public reference data: no user scope applies."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sinergi.wilayah.models import KodeLama, Wilayah


def wilayah_list(
    *, tingkat: str | None = None, induk: Wilayah | None = None, q: str = ""
) -> QuerySet[Wilayah]:
    """Regions filtered by level, parent (direct children) and a name or code search."""
    qs = Wilayah.objects.all()
    if tingkat:
        qs = qs.filter(tingkat=tingkat)
    if induk is not None:
        qs = qs.filter(induk=induk) if not q else qs.filter(kode__startswith=induk.kode + ".")
    q = q.strip()
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__startswith=q))
    return qs.order_by("kode")


def wilayah_get(kode: str) -> Wilayah | None:
    """The region with this code, following the old-code crosswalk; None when unknown."""
    kode = (kode or "").strip()
    wilayah = Wilayah.objects.filter(kode=kode).first()
    if wilayah is None:
        lama = KodeLama.objects.select_related("wilayah").filter(kode_lama=kode).first()
        wilayah = lama.wilayah if lama else None
    return wilayah


def kode_terkini(kode: str) -> str | None:
    """Map a possibly old code to today's code, for importers (None when unknown)."""
    wilayah = wilayah_get(kode)
    return wilayah.kode if wilayah else None


def wilayah_leluhur(wilayah: Wilayah) -> list[Wilayah]:
    """The ancestors of a region, province first, in one query."""
    kode = wilayah.kode_leluhur
    if not kode:
        return []
    found = {w.kode: w for w in Wilayah.objects.filter(kode__in=kode)}
    return [found[k] for k in kode if k in found]
