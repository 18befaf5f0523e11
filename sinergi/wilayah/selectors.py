"""Reads of regions. Regions are public reference data: no user scope applies."""

from __future__ import annotations

import re

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


KODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
URUTAN_TINGKAT = {"provinsi": 0, "kabupaten_kota": 1, "kecamatan": 2, "desa": 3}


def label_wilayah(w: Wilayah) -> str:
    """`Kebonsari, Kabupaten Madiun` — the region's name with its district and regency, enough
    to tell apart the many villages that share a name."""
    bagian, cur = [w.nama], w.induk
    while cur is not None and cur.tingkat != "provinsi":
        bagian.append(cur.nama)
        cur = cur.induk
    if cur is not None and len(bagian) == 1:
        bagian.append(cur.nama)
    return ", ".join(bagian)


def wilayah_saran(q: str, *, batas: int = 15) -> list[Wilayah]:
    """Regions for a place field as the user types: by code prefix, else names starting with
    the text, then names containing it; larger regions first."""
    q = (q or "").strip()
    if len(q) < 2:
        return []
    qs = Wilayah.objects.select_related("induk__induk__induk")
    if q[0].isdigit():
        return list(qs.filter(kode__startswith=q).order_by("kode")[:batas])
    awal = list(qs.filter(nama__istartswith=q).order_by("nama", "kode")[: batas * 4])
    awal.sort(key=lambda w: (URUTAN_TINGKAT.get(w.tingkat, 9), w.nama, w.kode))
    hasil = awal[:batas]
    if len(hasil) < batas:
        sudah = {w.kode for w in hasil}
        lain = qs.filter(nama__icontains=q).exclude(kode__in=sudah).order_by("kode")
        hasil += list(lain[: batas - len(hasil)])
    return hasil


def wilayah_dari_teks(teks: str) -> tuple[Wilayah | None, list[Wilayah]]:
    """The region a person meant by `teks`: a code ("35.19.01"), a suggestion picked from the
    list ("35.19.01 — Kebonsari, Kabupaten Madiun") or a name ("kebonsari"). Returns the region,
    or None and the candidates when the name is unknown (none) or shared by several."""
    teks = (teks or "").strip()
    kode = teks.split(" ", 1)[0]
    if KODE.match(kode):
        return wilayah_get(kode), []
    nama = teks.split(",", 1)[0].strip()
    if not nama:
        return None, []
    kandidat = list(
        Wilayah.objects.select_related("induk__induk__induk")
        .filter(nama__iexact=nama)
        .order_by("kode")[:6]
    )
    if not kandidat:  # "Ngawi" for Kabupaten Ngawi; "Madiun": the regency or the city
        kandidat = list(
            Wilayah.objects.select_related("induk__induk__induk")
            .filter(
                Q(nama__iexact=f"Kabupaten {nama}") | Q(nama__iexact=f"Kota {nama}"),
                tingkat="kabupaten_kota",
            )
            .order_by("kode")[:6]
        )
    if len(kandidat) == 1:
        return kandidat[0], []
    if len(kandidat) > 1 and "," in teks:  # "Balerejo, Kebonsari, ..." narrows it down
        cocok = [w for w in kandidat if label_wilayah(w).lower() == teks.lower()]
        if len(cocok) == 1:
            return cocok[0], []
    return None, kandidat
