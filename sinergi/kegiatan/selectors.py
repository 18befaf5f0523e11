"""Reads of events, already scoped to the user (region and confidentiality via `izin`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from sinergi.akses import rules
from sinergi.core.models import Kerahasiaan
from sinergi.core.pesan import pilih_nama
from sinergi.kegiatan import izin
from sinergi.kegiatan.choices import StatusKegiatan
from sinergi.kegiatan.models import Kegiatan, Kehadiran, Undangan


def _jumlah(model) -> Coalesce:
    """The number of `model` rows (invitations, attendances) of each event, as a correlated
    subquery. Two `Count(..., distinct=True)` over joins would multiply an event's invitations
    by its attendances before grouping (161 x 139 rows for one demo event) and drag that join
    into the visibility subquery: the event list took 470 ms instead of 30 ms."""
    jumlah = (
        model.objects.filter(kegiatan=OuterRef("pk"))
        .order_by()
        .values("kegiatan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(jumlah), 0)


def _dasar() -> QuerySet[Kegiatan]:
    return Kegiatan.objects.select_related("penyelenggara", "wilayah").annotate(
        jumlah_undangan=_jumlah(Undangan), jumlah_hadir=_jumlah(Kehadiran)
    )


def kegiatan_list(
    *,
    pengguna,
    q: str | None = None,
    jenis: str | None = None,
    wilayah: str | None = None,
    tahapan: int | None = None,
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
    status: str | None = None,
) -> QuerySet[Kegiatan]:
    """Events the user may see, filtered; `dari`/`sampai` are inclusive local dates (WIB
    midnight is close enough for a filter: events are never shorter than a minute)."""
    from sinergi.core import waktu

    qs = izin.filter_terlihat(_dasar(), pengguna)
    if q:
        qs = qs.filter(
            Q(judul__icontains=q) | Q(tempat__icontains=q) | Q(penyelenggara__nama__icontains=q)
        )
    if jenis:
        qs = qs.filter(jenis=jenis)
    if wilayah:
        qs = qs.filter(rules.q_wilayah(wilayah))
    if tahapan:
        qs = qs.filter(Q(tahapan__id=tahapan) | Q(tahapan__induk_id=tahapan)).distinct()
    if dari:
        awal = waktu.dari_lokal(dt.datetime.combine(dari, dt.time.min), "WIT")
        qs = qs.filter(selesai__gte=awal)
    if sampai:
        akhir = waktu.dari_lokal(dt.datetime.combine(sampai, dt.time.max), "WIB")
        qs = qs.filter(mulai__lte=akhir)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-mulai", "-id")


def kegiatan_get(*, pengguna, pk: int) -> Kegiatan:
    """One event the user may see, or Http404."""
    obj = (
        izin.filter_terlihat(_dasar(), pengguna)
        .prefetch_related("tahapan", "regulasi", "penyelenggara_bersama")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise Http404
    return obj


def kegiatan_kelola_get(*, pengguna, pk: int) -> Kegiatan:
    """One event the user may run, or Http404 (even if they may only read it)."""
    obj = kegiatan_get(pengguna=pengguna, pk=pk)
    if not izin.dapat_kelola(pengguna, obj):
        raise Http404
    return obj


def kegiatan_hadir_get(*, pengguna, pk: int) -> tuple[Kegiatan, Undangan | None]:
    """The event of the one-tap check-in page and the user's invitation: the event must be
    visible to the user or hold an invitation for them (a regency invitee of a provincial
    event may not otherwise see it), else Http404."""
    obj = Kegiatan.objects.select_related("penyelenggara", "wilayah").filter(pk=pk).first()
    if obj is None:
        raise Http404
    undangan = undangan_pengguna(pengguna=pengguna, kegiatan=obj)
    terlihat = izin.filter_terlihat(Kegiatan.objects.filter(pk=pk), pengguna).exists()
    if undangan is None and not terlihat:
        raise Http404
    return obj, undangan


def kegiatan_publik(*, dari: dt.datetime | None = None) -> QuerySet[Kegiatan]:
    """Public events for the portal: PUBLIC confidentiality, not cancelled."""
    qs = _dasar().filter(kerahasiaan=Kerahasiaan.PUBLIC).exclude(status=StatusKegiatan.DIBATALKAN)
    if dari is not None:
        qs = qs.filter(selesai__gte=dari)
    return qs.order_by("mulai", "id")


def kegiatan_publik_untuk_kalender(pemilu) -> list[Kegiatan]:
    """Public events covering a stage of `pemilu`, for the election's iCalendar feed.

    Each item has `judul`, `mulai`/`selesai` (aware, UTC), `tempat`, `alamat`, `tautan_daring`,
    `deskripsi`, `pk` and `zona_waktu`; cancelled events are left out.
    """
    return list(
        Kegiatan.objects.filter(
            kerahasiaan=Kerahasiaan.PUBLIC,
            tahapan__pemilu=pemilu,
        )
        .exclude(status=StatusKegiatan.DIBATALKAN)
        .select_related("penyelenggara", "wilayah")
        .distinct()
        .order_by("mulai", "id")
    )


def undangan_list(*, kegiatan: Kegiatan) -> QuerySet[Undangan]:
    """Invitations of an event the caller was already allowed to run."""
    return (
        Undangan.objects.filter(kegiatan=kegiatan)
        .select_related("lembaga", "lembaga__jenis", "lembaga__wilayah", "kontak")
        .select_related("kehadiran")
    )


def undangan_pengguna(*, pengguna, kegiatan: Kegiatan) -> Undangan | None:
    """The invitation a signed-in user checks in with: the one sent to their e-mail address,
    else their organization's invitation without a named contact, else their organization's
    only invitation; None when they are not invited."""
    qs = Undangan.objects.filter(kegiatan=kegiatan).select_related("lembaga")
    u = qs.filter(email__iexact=pengguna.email).first() if pengguna.email else None
    if u is None and pengguna.lembaga_id:
        milik = qs.filter(lembaga_id=pengguna.lembaga_id)
        u = milik.filter(kontak__isnull=True).first()
        if u is None and len(semua := list(milik[:2])) == 1:
            u = semua[0]
    return u


def undangan_by_token(token: str) -> Undangan:
    """The invitation of a personal link, or Http404."""
    obj = (
        Undangan.objects.select_related("kegiatan", "kegiatan__wilayah", "lembaga")
        .filter(token=token)
        .first()
        if token
        else None
    )
    if obj is None:
        raise Http404
    return obj


def kehadiran_list(*, kegiatan: Kegiatan) -> QuerySet[Kehadiran]:
    """Attendance of an event the caller was already allowed to run."""
    return Kehadiran.objects.filter(kegiatan=kegiatan).select_related(
        "lembaga", "lembaga__jenis", "undangan"
    )


def daftar_hadir_per_lembaga(kegiatan: Kegiatan) -> list[tuple[str, list[Kehadiran]]]:
    """Attendance grouped by organization (as written), in directory order."""
    grup: dict[str, list[Kehadiran]] = {}
    rows = kehadiran_list(kegiatan=kegiatan).order_by(
        "lembaga__jenis__urutan", "lembaga__wilayah_id", "instansi", "nama"
    )
    for k in rows:
        grup.setdefault(k.lembaga.nama if k.lembaga else k.instansi, []).append(k)
    return list(grup.items())


def hadir_per_jenis(kegiatan: Kegiatan) -> list[tuple[str, int]]:
    """Attendance counts by organization type (walk-ins outside the directory: 'Other')."""
    from django.utils.translation import gettext as _

    rows = (
        Kehadiran.objects.filter(kegiatan=kegiatan)
        .values("lembaga__jenis__nama", "lembaga__jenis__nama_en", "lembaga__jenis__urutan")
        .annotate(n=Count("id"))
        .order_by("lembaga__jenis__urutan")
    )
    return [
        (pilih_nama(r["lembaga__jenis__nama"], r["lembaga__jenis__nama_en"]) or _("Other"), r["n"])
        for r in rows
    ]


# --- Invitation targets ------------------------------------------------------------------------
def sasaran_undangan(
    *,
    pengguna,
    jenis: str,
    wilayah: str,
    tingkat: str | None = None,
    unit: str = "",
) -> list[tuple]:
    """(organization, contact or None) pairs for a bulk invitation: every active organization
    of a type in a region subtree (optionally of one level), with the first active contact
    whose unit or position contains `unit` (or the first contact when `unit` is empty).

    Only organizations the user's scope covers (national ones for national users).
    """
    from sinergi.pemangku.models import Kontak, Lembaga

    root = rules.lingkup(pengguna)
    if root is None:
        return []
    qs = Lembaga.objects.filter(jenis_id=jenis, is_active=True).filter(rules.q_wilayah(wilayah))
    qs = qs.filter(rules.q_wilayah(root)) if root != rules.SEMUA else qs
    if tingkat:
        qs = qs.filter(tingkat=tingkat)
    kontak_qs = Kontak.objects.filter(is_active=True).order_by("pk")
    if unit:
        kontak_qs = kontak_qs.filter(Q(unit__icontains=unit) | Q(jabatan__icontains=unit))
    qs = qs.select_related("wilayah").prefetch_related(
        Prefetch("kontak", queryset=kontak_qs, to_attr="kontak_cocok")
    )
    return [(lem, lem.kontak_cocok[0] if lem.kontak_cocok else None) for lem in qs]


# --- Calendar ----------------------------------------------------------------------------------
@dataclass
class HariKalender:
    tanggal: dt.date
    bulan_ini: bool
    kegiatan: list = field(default_factory=list)


def kalender_bulan(*, pengguna, tahun: int, bulan: int, zona: str = "WIB", **filters):
    """Weeks (Monday first) of a month with the visible events starting on each day."""
    import calendar

    from sinergi.core import waktu

    awal = dt.date(tahun, bulan, 1)
    akhir = dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])
    events = list(kegiatan_list(pengguna=pengguna, dari=awal, sampai=akhir, **filters))
    per_hari: dict[dt.date, list] = {}
    for k in events:
        mulai = waktu.ke_lokal(k.mulai, k.zona_waktu).date()
        selesai = waktu.ke_lokal(k.selesai, k.zona_waktu).date()
        hari = max(mulai, awal - dt.timedelta(days=7))
        while hari <= selesai and hari <= akhir + dt.timedelta(days=7):
            per_hari.setdefault(hari, []).append(k)
            hari += dt.timedelta(days=1)
    minggu = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(tahun, bulan):
        minggu.append([HariKalender(d, d.month == bulan, per_hari.get(d, [])) for d in week])
    return minggu, events


def kegiatan_lembaga_mendatang(
    *, pengguna, dari: dt.datetime, sampai: dt.datetime
) -> QuerySet[Kegiatan]:
    """Events not cancelled, still running after `dari` and starting by `sampai`, that the
    user's organization runs, co-runs or is invited to (none without an organization); the
    first first. Without the list's per-event counts, so it stays cheap."""
    if not pengguna.lembaga_id:
        return Kegiatan.objects.none()
    lembaga = pengguna.lembaga_id
    bersama = Kegiatan.penyelenggara_bersama.through.objects.filter(
        kegiatan_id=OuterRef("pk"), lembaga_id=lembaga
    )
    diundang = Undangan.objects.filter(kegiatan_id=OuterRef("pk"), lembaga_id=lembaga)
    qs = (
        Kegiatan.objects.filter(selesai__gte=dari, mulai__lte=sampai)
        .exclude(status=StatusKegiatan.DIBATALKAN)
        .filter(Q(penyelenggara_id=lembaga) | Exists(bersama) | Exists(diundang))
    )
    return izin.filter_terlihat(qs, pengguna).select_related("wilayah").order_by("mulai", "id")
