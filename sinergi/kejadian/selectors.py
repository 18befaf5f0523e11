"""Every read of incidents, already scoped to the user (`izin.filter_baca`)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

from sinergi.akses import rules
from sinergi.core import format, waktu
from sinergi.kejadian import izin
from sinergi.kejadian.models import Kejadian, LampiranKejadian, RiwayatStatus
from sinergi.kejadian.services import JENDELA_DUPLIKAT, STATUS_TERBUKA, q_duplikat

RELASI_DAFTAR = ("kategori", "wilayah", "tahapan")


def kejadian_visible(*, pengguna) -> QuerySet[Kejadian]:
    return izin.filter_baca(Kejadian.objects.all(), pengguna)


def _batas(tanggal: datetime.date, akhir: bool = False) -> datetime.datetime:
    jam = datetime.time.max if akhir else datetime.time.min
    return waktu.dari_lokal(datetime.datetime.combine(tanggal, jam), "WIB")


def terapkan_filter(qs: QuerySet[Kejadian], f: dict[str, Any]) -> QuerySet[Kejadian]:
    """q (title or description), kategori, status ("terbuka": not closed), wilayah (a region
    code: its subtree), sumber, keparahan, dari/sampai (dates, WIB)."""
    if f.get("q"):
        from django.db.models import Q

        qs = qs.filter(Q(judul__icontains=f["q"]) | Q(uraian__icontains=f["q"]))
    if f.get("kategori"):
        qs = qs.filter(kategori_id=f["kategori"])
    status = f.get("status")
    if status == "terbuka":
        qs = qs.filter(status__in=STATUS_TERBUKA)
    elif status:
        qs = qs.filter(status=status)
    if f.get("wilayah"):
        qs = qs.filter(rules.q_wilayah(f["wilayah"]))
    if f.get("sumber"):
        qs = qs.filter(sumber=f["sumber"])
    if f.get("keparahan"):
        qs = qs.filter(keparahan=f["keparahan"])
    if f.get("dari"):
        qs = qs.filter(waktu_kejadian__gte=_batas(f["dari"]))
    if f.get("sampai"):
        qs = qs.filter(waktu_kejadian__lte=_batas(f["sampai"], akhir=True))
    return qs


def kejadian_list(*, pengguna, filters: dict[str, Any] | None = None) -> QuerySet[Kejadian]:
    """Incidents the user may read, filtered, the latest first."""
    qs = terapkan_filter(kejadian_visible(pengguna=pengguna), filters or {})
    return qs.select_related(*RELASI_DAFTAR).order_by("-waktu_kejadian", "-id")


def _uuid(ref) -> uuid.UUID:
    if isinstance(ref, uuid.UUID):
        return ref
    try:
        return uuid.UUID(str(ref))
    except (TypeError, ValueError):
        raise Http404 from None


def kejadian_get(*, pengguna, ref) -> Kejadian:
    """One incident the user may read; 404 otherwise."""
    k = (
        kejadian_visible(pengguna=pengguna)
        .select_related(
            *RELASI_DAFTAR,
            "tps",
            "lembaga_pelapor",
            "lembaga_verifikator",
            "pelapor",
            "induk",
        )
        .filter(ref=_uuid(ref))
        .first()
    )
    if k is None:
        raise Http404
    return k


def kejadian_get_many(*, pengguna, refs: list) -> list[Kejadian]:
    """The incidents among `refs` the user may read (unknown ones are left out)."""
    ids = []
    for ref in refs:
        try:
            ids.append(_uuid(ref))
        except Http404:
            continue
    return list(kejadian_visible(pengguna=pengguna).filter(ref__in=ids).order_by("pk"))


def kejadian_duplikat(*, pengguna, kejadian: Kejadian) -> QuerySet[Kejadian]:
    """Possible duplicates of `kejadian` the user may read."""
    return (
        kejadian_visible(pengguna=pengguna)
        .filter(q_duplikat(kejadian))
        .select_related(*RELASI_DAFTAR)
        .order_by("waktu_kejadian", "id")
    )


def jumlah_duplikat(*, pengguna, daftar: list[Kejadian]) -> dict[int, int]:
    """For a page of incidents, how many possible duplicates each has (one query)."""
    if not daftar:
        return {}
    kategori = {k.kategori_id for k in daftar}
    awal = min(k.waktu_kejadian for k in daftar) - JENDELA_DUPLIKAT
    akhir = max(k.waktu_kejadian for k in daftar) + JENDELA_DUPLIKAT
    calon = list(
        kejadian_visible(pengguna=pengguna)
        .filter(kategori_id__in=kategori, waktu_kejadian__range=(awal, akhir))
        .exclude(status__in=["ditolak", "digabung"])
        .values_list("pk", "kategori_id", "wilayah_id", "waktu_kejadian")
    )
    hasil = {}
    for k in daftar:
        n = 0
        for pk, kat, wil, t in calon:
            if pk == k.pk or kat != k.kategori_id:
                continue
            if abs(t - k.waktu_kejadian) > JENDELA_DUPLIKAT:
                continue
            if rules.kode_dalam(wil, k.wilayah_id) or rules.kode_dalam(k.wilayah_id, wil):
                n += 1
        hasil[k.pk] = n
    return hasil


def riwayat_list(*, kejadian: Kejadian) -> QuerySet[RiwayatStatus]:
    """The transitions of an incident already read through `kejadian_get`."""
    return kejadian.riwayat.select_related("pelaku").order_by("created_at", "id")


def lampiran_list(*, kejadian: Kejadian) -> QuerySet[LampiranKejadian]:
    return kejadian.lampiran.order_by("created_at", "id")


def lampiran_get(*, pengguna, ref, pk) -> LampiranKejadian:
    k = kejadian_get(pengguna=pengguna, ref=ref)
    found = k.lampiran.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def digabung_list(*, pengguna, kejadian: Kejadian) -> QuerySet[Kejadian]:
    """The reports merged into this one that the user may read."""
    return kejadian_visible(pengguna=pengguna).filter(induk=kejadian).order_by("waktu_kejadian")


def tindak_lanjut_list(*, pengguna, kejadian: Kejadian):
    """The follow-ups of this incident the user may read."""
    from sinergi.tindak_lanjut.selectors import tindak_lanjut_untuk_sumber

    return tindak_lanjut_untuk_sumber(pengguna=pengguna, sumber=kejadian)


def kejadian_publik_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Kejadian]:
    """Verified PUBLIC incidents, for the portal (never with the reporter)."""
    qs = Kejadian.objects.filter(izin.q_terverifikasi_publik())
    qs = terapkan_filter(qs, filters or {})
    return qs.select_related("kategori", "wilayah").order_by("-waktu_kejadian", "-id")


def sumber_tindak_lanjut(pengguna, tl) -> dict | None:
    """The incident a follow-up came from, for tindak_lanjut's detail page (registered in
    apps.py): title, link, place and the first photo, only for a user who may read the
    incident (the owner organization may: routing grants it); None otherwise."""
    if not str(tl.sumber_id).isdigit():
        return None
    k = (
        kejadian_visible(pengguna=pengguna)
        .select_related("wilayah", "tps__desa")
        .filter(pk=int(tl.sumber_id))
        .first()
    )
    if k is None:
        return None
    tempat = [k.wilayah.nama]
    if k.tps_id:
        tempat.append(f"TPS {k.tps.nomor:03d} {k.tps.desa.nama}")
    if k.lat is not None and k.lng is not None:
        tempat.append(format.koordinat(k.lat, k.lng))
    foto = k.lampiran.filter(jenis_mime__startswith="image/").order_by("created_at", "pk").first()
    return {
        "judul": str(k),
        "url": reverse("kejadian:detail", kwargs={"ref": k.ref}),
        "tempat": " · ".join(tempat),
        "foto_url": (
            reverse("kejadian:lampiran", kwargs={"ref": k.ref, "pk": foto.pk}) if foto else ""
        ),
        "foto_nama": foto.nama if foto else "",
    }
