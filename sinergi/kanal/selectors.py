"""Every read of the channel inbox, already scoped to the user (`izin.q_kotak`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from sinergi.kanal import izin
from sinergi.kanal.models import PesanMasuk

RELASI = ["saluran", "kejadian", "ditangani_oleh", "ditugaskan_ke", "pengirim_tepercaya__kontak"]


def pesan_visible(*, pengguna) -> QuerySet[PesanMasuk]:
    q = izin.q_kotak(pengguna)
    if q is None:
        return PesanMasuk.objects.none()
    return PesanMasuk.objects.filter(q)


def pesan_list(*, pengguna, filters: dict[str, Any] | None = None) -> QuerySet[PesanMasuk]:
    """The user's office inbox, the newest first; filters `jenis`, `status`, `q` (text or
    sender), `saya` (assigned to me)."""
    filters = filters or {}
    qs = pesan_visible(pengguna=pengguna)
    if filters.get("jenis"):
        qs = qs.filter(jenis=filters["jenis"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        from django.db.models import Q

        q = filters["q"]
        qs = qs.filter(
            Q(isi__icontains=q) | Q(alamat_pengirim__icontains=q) | Q(subjek__icontains=q)
        )
    if filters.get("saya"):
        qs = qs.filter(ditugaskan_ke=pengguna)
    return (
        qs.select_related(*RELASI)
        .annotate(jumlah_lampiran=Count("lampiran"))
        .order_by("-diterima_at", "-id")
    )


def pesan_get(*, pengguna, pk) -> PesanMasuk:
    """One message of the user's inbox; 404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    p = pesan_visible(pengguna=pengguna).select_related(*RELASI).filter(pk=pk).first()
    if p is None:
        raise Http404
    return p


def pesan_get_many(*, pengguna, ids: list) -> list[PesanMasuk]:
    """The messages among `ids` in the user's inbox (unknown ones are left out)."""
    bersih = []
    for i in ids:
        try:
            bersih.append(int(i))
        except (TypeError, ValueError):
            continue
    return list(pesan_visible(pengguna=pengguna).filter(pk__in=bersih).order_by("pk"))


def rekan_list(*, pengguna):
    """The colleagues a message may be assigned to: the inbox holders of the user's office."""
    from sinergi.akses.models import User
    from sinergi.kejadian.izin import PERAN_PELAKSANA

    if not izin.dapat_kotak(pengguna) or pengguna.lembaga_id is None:
        return User.objects.none()
    return User.objects.filter(
        lembaga_id=pengguna.lembaga_id, is_active=True, peran__in=PERAN_PELAKSANA
    ).order_by("nama", "email")
