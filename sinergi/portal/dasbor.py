"""The staff dashboard: what this user has to do today, from every room, each item a link.

Every section reads through the owning app's scoped selector, so the dashboard can show nothing
the user could not open. Each section is a bounded query (a few rows and a count); the numbers
are pinned by a test and timed by `bench/bench_dasbor.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from sinergi.core import waktu

# How far ahead the dashboard looks, and how many rows a section lists before "see all".
HARI_KE_DEPAN = 14
BARIS = 5


@dataclass
class Bagian:
    """One section: a few rows, how many there are in all, and where the full list is."""

    baris: list = field(default_factory=list)
    jumlah: int = 0


@dataclass
class Dasbor:
    hari_ini: dt.date
    zona: str
    pemilu: object  # the election the coverage refers to, or None
    tindak_lanjut: Bagian
    tindak_lanjut_terlambat: int
    pengumuman: Bagian
    undangan: Bagian
    kegiatan: Bagian
    kejadian: Bagian
    peringatan: Bagian
    cakupan: object  # kegiatan.cakupan.Cakupan of the user's region, or None
    celah: list


def _bagian(qs, n: int = BARIS) -> Bagian:
    baris = list(qs[: n + 1])
    if len(baris) <= n:
        return Bagian(baris=baris, jumlah=len(baris))
    return Bagian(baris=baris[:n], jumlah=qs.count())


def _tindak_lanjut(pengguna, sekarang, sampai: dt.date) -> tuple[Bagian, int]:
    from sinergi.tindak_lanjut import selectors as tl

    qs = tl.tindak_lanjut_lembaga_saya(pengguna=pengguna, filters={"tenggat_sampai": sampai})
    bagian = _bagian(qs)
    terlambat = sum(1 for t in bagian.baris if t.terlambat)
    if bagian.jumlah > len(bagian.baris):
        terlambat = qs.filter(tenggat__lt=sekarang).count()
    return bagian, terlambat


def _pengumuman(pengguna) -> Bagian:
    """Announcements to this user not yet read, or not yet acknowledged where asked."""
    from sinergi.komunikasi.models import Penerimaan

    qs = (
        Penerimaan.objects.filter(pengguna=pengguna)
        .filter(
            Q(dibaca_at__isnull=True)
            | Q(pengumuman__perlu_tanda_terima=True, diakui_at__isnull=True)
        )
        .select_related("pengumuman", "pengumuman__lembaga")
        .order_by("-dikirim_at", "-id")
    )
    return _bagian(qs)


def _undangan(pengguna, sekarang) -> Bagian:
    """Invitations of this user (by e-mail) or their organization not yet answered, for events
    still ahead."""
    from sinergi.kegiatan.choices import StatusKegiatan, StatusRSVP
    from sinergi.kegiatan.models import Undangan

    milik = Q(email__iexact=pengguna.email) if pengguna.email else Q(pk__in=[])
    if pengguna.lembaga_id:
        milik |= Q(lembaga_id=pengguna.lembaga_id, kontak__isnull=True, email="")
    qs = (
        Undangan.objects.filter(milik, rsvp=StatusRSVP.BELUM, kegiatan__mulai__gt=sekarang)
        .exclude(kegiatan__status=StatusKegiatan.DIBATALKAN)
        .select_related("kegiatan", "kegiatan__wilayah")
        .order_by("kegiatan__mulai", "id")
    )
    return _bagian(qs)


def _kegiatan(pengguna, sekarang, sampai: dt.date) -> Bagian:
    """Events ahead that the user's organization runs, co-runs or is invited to."""
    from sinergi.kegiatan import selectors as kegiatan

    akhir = waktu.dari_lokal(dt.datetime.combine(sampai, dt.time.max), "WIB")
    return _bagian(
        kegiatan.kegiatan_lembaga_mendatang(pengguna=pengguna, dari=sekarang, sampai=akhir)
    )


def _kejadian(pengguna) -> Bagian:
    """Open (not yet closed) incidents the user may read, the latest reported first."""
    from sinergi.kejadian import selectors as kejadian

    qs = kejadian.kejadian_list(pengguna=pengguna, filters={"status": "terbuka"})
    return _bagian(qs.order_by("-created_at", "-id"))


def _peringatan(pengguna) -> Bagian:
    from sinergi.kejadian.models import StatusPeringatan
    from sinergi.kejadian.peringatan import peringatan_list

    qs = peringatan_list(pengguna=pengguna, filters={"status": StatusPeringatan.AKTIF})
    return _bagian(qs)


def _cakupan(pengguna, pemilu, tanggal: dt.date):
    """Coverage of the user's own region by the stages started so far (regional users only)."""
    from sinergi.kegiatan import cakupan

    lembaga = getattr(pengguna, "lembaga", None)
    if pemilu is None or lembaga is None or not lembaga.wilayah_id:
        return None
    return cakupan.cakupan(
        pengguna=pengguna, pemilu=pemilu, wilayah=lembaga.wilayah, tanggal=tanggal
    )


def dasbor_untuk(*, pengguna, sekarang: dt.datetime | None = None) -> Dasbor:
    """Everything the dashboard shows to `pengguna`, as of `sekarang` (now by default)."""
    from sinergi.komunikasi.selectors import zona_pengguna
    from sinergi.tahapan import selectors as tahapan

    sekarang = sekarang or timezone.now()
    zona = zona_pengguna(pengguna)
    hari_ini = waktu.ke_lokal(sekarang, zona).date()
    sampai = hari_ini + dt.timedelta(days=HARI_KE_DEPAN)
    pemilu = tahapan.pemilu_acuan(hari_ini)
    tindak_lanjut, terlambat = _tindak_lanjut(pengguna, sekarang, sampai)
    c = _cakupan(pengguna, pemilu, hari_ini)
    return Dasbor(
        hari_ini=hari_ini,
        zona=zona,
        pemilu=pemilu,
        tindak_lanjut=tindak_lanjut,
        tindak_lanjut_terlambat=terlambat,
        pengumuman=_pengumuman(pengguna),
        undangan=_undangan(pengguna, sekarang),
        kegiatan=_kegiatan(pengguna, sekarang, sampai),
        kejadian=_kejadian(pengguna),
        peringatan=_peringatan(pengguna),
        cakupan=c,
        celah=c.celah()[:BARIS] if c is not None else [],
    )
