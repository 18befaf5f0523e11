"""Reads of elections and stages. Both are public reference data: no user scope applies.

Dates are Indonesian calendar dates and both ends are inclusive: a stage from 6 to 13 December
2022 is active on the 6th and on the 13th. Queries use the effective dates computed by the
services (scheduled dates, else actual dates, else the span of the sub-stages). Contingency
stages (the presidential run-off, only held if needed) are left out of the date queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from sinergi.tahapan.choices import KategoriTahapan
from sinergi.tahapan.models import Pemilu, Tahapan

# Absurd ranges are refused rather than answered slowly.
MAKS_RENTANG_HARI = 366 * 20


def pemilu_list() -> QuerySet[Pemilu]:
    return Pemilu.objects.order_by(F("hari_pemungutan").desc(nulls_last=True), "slug")


def pemilu_get(slug: str) -> Pemilu | None:
    return Pemilu.objects.filter(slug=slug).first()


def _dasar(pemilu: Pemilu | None) -> QuerySet[Tahapan]:
    qs = Tahapan.objects.select_related("pemilu").annotate(induk_kode=F("induk__kode"))
    if pemilu is not None:
        qs = qs.filter(pemilu=pemilu)
    return qs.order_by("pemilu__hari_pemungutan", "pemilu_id", "urutan", "kode")


def _berjalan(qs: QuerySet[Tahapan]) -> QuerySet[Tahapan]:
    return qs.exclude(kategori=KategoriTahapan.KONTINJENSI)


def tahapan_list(
    *,
    pemilu: Pemilu | None,
    aktif_pada: dt.date | None = None,
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
    induk: Tahapan | None = None,
    utama: bool = False,
) -> QuerySet[Tahapan]:
    """Stages of an election (or of all), filtered by date, range and parent.

    `aktif_pada`: running on that day. `dari`/`sampai`: overlapping the range (either end may be
    left open). `induk`: direct sub-stages of that stage; `utama`: top-level stages only.
    """
    qs = _dasar(pemilu)
    if aktif_pada is not None:
        qs = _berjalan(qs).filter(mulai_efektif__lte=aktif_pada, selesai_efektif__gte=aktif_pada)
    if dari is not None or sampai is not None:
        # a deadline (no start) overlaps the range when its date lies in it
        qs = _berjalan(qs).filter(selesai_efektif__isnull=False)
        if sampai is not None:
            qs = qs.filter(
                Q(mulai_efektif__lte=sampai)
                | Q(mulai_efektif__isnull=True, selesai_efektif__lte=sampai)
            )
        if dari is not None:
            qs = qs.filter(selesai_efektif__gte=dari)
    if induk is not None:
        qs = qs.filter(induk=induk)
    if utama:
        qs = qs.filter(induk__isnull=True)
    return qs


def tahapan_get(pemilu: Pemilu, kode: str) -> Tahapan | None:
    return _dasar(pemilu).filter(kode=kode).first()


def tahapan_anak(tahapan: Tahapan) -> QuerySet[Tahapan]:
    return _dasar(tahapan.pemilu).filter(induk=tahapan)


def tahapan_leluhur(tahapan: Tahapan) -> list[Tahapan]:
    """The parents of a stage, top first (stages nest only a few levels deep)."""
    rantai: list[Tahapan] = []
    cur = tahapan
    while cur.induk_id and len(rantai) < 10:
        cur = Tahapan.objects.get(pk=cur.induk_id)
        rantai.append(cur)
    return list(reversed(rantai))


@dataclass
class Tenggat:
    """A date ahead: a stage starting or a stage ending (its last day, a deadline)."""

    tanggal: dt.date
    # "mulai", "selesai", "sehari" (a one-day stage) or "tenggat" (a deadline: "paling lambat")
    jenis: str
    tahapan: Tahapan
    hari_lagi: int


def tenggat_mendatang(
    *, pemilu: Pemilu | None, tanggal: dt.date, hari: int = 30, batas: int = 20
) -> list[Tenggat]:
    """Stages that start or end within `hari` days after `tanggal` (ends on `tanggal` count)."""
    akhir = tanggal + dt.timedelta(days=hari)
    qs = _berjalan(_dasar(pemilu)).filter(
        Q(mulai_efektif__gt=tanggal, mulai_efektif__lte=akhir)
        | Q(selesai_efektif__gte=tanggal, selesai_efektif__lte=akhir)
    )
    hasil: list[Tenggat] = []
    for t in qs:
        mulai, selesai = t.mulai_efektif, t.selesai_efektif
        if mulai is None:
            hasil.append(Tenggat(selesai, "tenggat", t, (selesai - tanggal).days))
            continue
        if mulai == selesai:
            hasil.append(Tenggat(mulai, "sehari", t, (mulai - tanggal).days))
            continue
        if mulai and tanggal < mulai <= akhir:
            hasil.append(Tenggat(mulai, "mulai", t, (mulai - tanggal).days))
        if selesai and tanggal <= selesai <= akhir:
            hasil.append(Tenggat(selesai, "selesai", t, (selesai - tanggal).days))
    hasil.sort(key=lambda x: (x.tanggal, x.jenis != "selesai", x.tahapan.urutan))
    return hasil[:batas]


def hari_menuju_pemungutan(pemilu: Pemilu, tanggal: dt.date) -> int | None:
    """Days from `tanggal` to voting day (0 on the day, negative after it)."""
    if pemilu.hari_pemungutan is None:
        return None
    return (pemilu.hari_pemungutan - tanggal).days


def rentang_pemilu(pemilu: Pemilu) -> tuple[dt.date | None, dt.date | None]:
    """First and last effective day of an election's stages (contingencies included)."""
    rows = list(
        Tahapan.objects.filter(pemilu=pemilu, mulai_efektif__isnull=False).values_list(
            "mulai_efektif", "selesai_efektif"
        )
    )
    if not rows:
        return None, None
    return min(r[0] for r in rows), max(r[1] for r in rows)


def pemilu_mendatang(tanggal: dt.date) -> list[Pemilu]:
    """Elections whose voting day is after `tanggal`, drafts included (they carry their label)."""
    return list(Pemilu.objects.filter(hari_pemungutan__gt=tanggal).order_by("hari_pemungutan"))


def pemilu_berjalan(tanggal: dt.date) -> list[Pemilu]:
    """Elections with at least one stage running on `tanggal`."""
    ids = (
        _berjalan(Tahapan.objects.all())
        .filter(mulai_efektif__lte=tanggal, selesai_efektif__gte=tanggal)
        .values("pemilu_id")
    )
    return list(Pemilu.objects.filter(pk__in=ids).order_by("hari_pemungutan"))


def pemilu_acuan(tanggal: dt.date):
    """The election a user means "now": one with a stage running on `tanggal`, else the
    nearest one ahead, else the latest one held."""
    berjalan = pemilu_berjalan(tanggal)
    if berjalan:
        return berjalan[0]
    semua = pemilu_list()
    ke_depan = semua.filter(hari_pemungutan__gte=tanggal).order_by("hari_pemungutan").first()
    return ke_depan or semua.exclude(hari_pemungutan__isnull=True).first()
