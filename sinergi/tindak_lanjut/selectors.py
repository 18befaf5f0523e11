"""Every read of follow-ups, already scoped to the user (`izin.filter_baca`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from sinergi.akses import rules
from sinergi.tindak_lanjut import izin
from sinergi.tindak_lanjut.choices import STATUS_AKTIF
from sinergi.tindak_lanjut.models import PembaruanTindakLanjut, TindakLanjut


def _q_terlambat(sekarang: datetime.datetime) -> Q:
    return Q(status__in=STATUS_AKTIF, tenggat__lt=sekarang)


def dengan_terlambat(qs: QuerySet, sekarang: datetime.datetime | None = None) -> QuerySet:
    """Annotate `terlambat` (overdue now), derived at query time."""
    sekarang = sekarang or timezone.now()
    return qs.annotate(
        terlambat=Case(
            When(_q_terlambat(sekarang), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def tindak_lanjut_visible(*, pengguna) -> QuerySet[TindakLanjut]:
    return izin.filter_baca(TindakLanjut.objects.all(), pengguna)


def tindak_lanjut_list(
    *, pengguna, filters: dict[str, Any] | None = None, sekarang=None
) -> QuerySet[TindakLanjut]:
    """Follow-ups the user may read, filtered, overdue first, then by due time.

    filters: status ("" = open and in progress, "semua" = all, or one status), lembaga (id),
    wilayah (a region code: that subtree), terlambat (bool), tenggat_sampai (a date), q.
    """
    f = filters or {}
    sekarang = sekarang or timezone.now()
    qs = tindak_lanjut_visible(pengguna=pengguna)
    status = f.get("status") or ""
    if status == "":
        qs = qs.filter(status__in=STATUS_AKTIF)
    elif status != "semua":
        qs = qs.filter(status=status)
    if f.get("lembaga"):
        qs = qs.filter(lembaga_id=f["lembaga"])
    if f.get("wilayah"):
        qs = qs.filter(rules.q_wilayah(f["wilayah"]))
    if f.get("terlambat") is True:
        qs = qs.filter(_q_terlambat(sekarang))
    elif f.get("terlambat") is False:
        qs = qs.exclude(_q_terlambat(sekarang))
    if f.get("tenggat_sampai"):
        qs = qs.filter(tenggat__date__lte=f["tenggat_sampai"])
    if f.get("q"):
        qs = qs.filter(Q(judul__icontains=f["q"]) | Q(uraian__icontains=f["q"]))
    return (
        dengan_terlambat(qs, sekarang)
        .select_related("lembaga", "wilayah", "dieskalasi_ke")
        .order_by("-terlambat", "tenggat", "id")
    )


def tindak_lanjut_lembaga_saya(*, pengguna, filters=None) -> QuerySet[TindakLanjut]:
    """The follow-ups owned by the user's organization (none without one)."""
    if not pengguna.is_authenticated or not pengguna.lembaga_id:
        return TindakLanjut.objects.none()
    f = dict(filters or {})
    f["lembaga"] = pengguna.lembaga_id
    return tindak_lanjut_list(pengguna=pengguna, filters=f)


def tindak_lanjut_get(*, pengguna, pk) -> TindakLanjut:
    """One follow-up the user may read; 404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    tl = (
        dengan_terlambat(tindak_lanjut_visible(pengguna=pengguna))
        .select_related(
            "lembaga", "lembaga_pembuat", "wilayah", "dieskalasi_ke", "dibuat_oleh", "diakui_oleh"
        )
        .filter(pk=pk)
        .first()
    )
    if tl is None:
        raise Http404
    return tl


def tindak_lanjut_untuk_sumber(*, pengguna, sumber: models.Model) -> QuerySet[TindakLanjut]:
    """The follow-ups attached to `sumber` (e.g. an event's decision) that the user may read."""
    jenis = ContentType.objects.get_for_model(sumber)
    return tindak_lanjut_list(
        pengguna=pengguna,
        filters={"status": "semua"},
    ).filter(sumber_jenis=jenis, sumber_id=str(sumber.pk))


def pembaruan_list(*, tindak_lanjut: TindakLanjut) -> QuerySet[PembaruanTindakLanjut]:
    """Updates of a follow-up already read through `tindak_lanjut_get`."""
    return tindak_lanjut.pembaruan.select_related("dibuat_oleh", "lembaga").order_by(
        "-created_at", "-id"
    )


def pembaruan_get(*, pengguna, tindak_lanjut_pk, pk) -> PembaruanTindakLanjut:
    tl = tindak_lanjut_get(pengguna=pengguna, pk=tindak_lanjut_pk)
    found = tl.pembaruan.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def ringkasan_wilayah(*, pengguna, induk: str | None = None, sekarang=None) -> list[dict]:
    """Per region (of the user's scope): open, overdue, done and escalated follow-ups."""
    sekarang = sekarang or timezone.now()
    qs = tindak_lanjut_visible(pengguna=pengguna)
    if induk:
        qs = qs.filter(rules.q_wilayah(induk))
    rows = (
        qs.values("wilayah_id", "wilayah__nama")
        .annotate(
            aktif=Count("id", filter=Q(status__in=STATUS_AKTIF)),
            terlambat=Count("id", filter=_q_terlambat(sekarang)),
            selesai=Count("id", filter=Q(status="selesai")),
            dieskalasi=Count(
                "id", filter=Q(dieskalasi_pada__isnull=False, status__in=STATUS_AKTIF)
            ),
        )
        .order_by("-terlambat", "-aktif", "wilayah_id")
    )
    return list(rows)
