"""The staff dashboard of one region: incidents on the map (clustered on the server by region
centroid), incidents over time by category, the triage queue, open and overdue follow-ups and
active alerts. The page and `GET /api/v1/peringatan/dasbor` both call `dasbor_data`, so they
can never disagree.

Every number is scoped to the user (region subtree and confidentiality, `akses.rules`) and to
the requested region, which must lie inside that scope (404 otherwise). Each block is one
aggregate query over the region prefix (`wilayah_id LIKE '35.%'`), served on PostgreSQL by the
`kejadian_prefix_waktu_idx` pattern index (migration 0002).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import Substr, TruncDate
from django.http import Http404
from django.utils import timezone

from sinergi.akses import rules
from sinergi.core.waktu import tzinfo
from sinergi.kejadian.models import KategoriKejadian, Kejadian, StatusKejadian, StatusPeringatan
from sinergi.kejadian.peringatan import PANJANG_KODE, STATUS_TIDAK_DIHITUNG, peringatan_list

HARI_BAKU = 30
HARI_MAKS = 366
# The level whose centroids cluster the map for each level of the region shown.
ANAK = {
    "": "provinsi",
    "provinsi": "kabupaten_kota",
    "kabupaten_kota": "kecamatan",
    "kecamatan": "desa",
    "desa": "desa",
}


def wilayah_dasbor(*, pengguna, kode: str | None):
    """The region of the dashboard: the one asked for if it lies in the user's scope, else
    404; nothing asked: the user's own scope. Returns (root code, Wilayah or None)."""
    from sinergi.wilayah.models import Wilayah

    root = rules.lingkup(pengguna)
    if root is None:
        raise Http404
    kode = (kode or "").strip() or root
    if kode == rules.SEMUA:
        return rules.SEMUA, None
    wilayah = Wilayah.objects.filter(kode=kode).first()
    if wilayah is None or not rules.kode_dalam(root, wilayah.kode):
        raise Http404
    return wilayah.kode, wilayah


def kejadian_dasbor(*, pengguna, kode: str) -> QuerySet[Kejadian]:
    """Incidents the user may see in the region subtree `kode` (rejected and merged left out)."""
    qs = rules.filter_kerahasiaan(
        Kejadian.objects.all(), pengguna, field_lembaga="lembaga_pelapor"
    ).exclude(status__in=STATUS_TIDAK_DIHITUNG)
    return filter_wilayah(qs, kode)


def filter_wilayah(qs: QuerySet, kode: str) -> QuerySet:
    """The region subtree `kode`. A province is one equality on the code's first two
    characters (a single index range, served by `kejadian_provinsi_waktu_idx`); below that a
    prefix match (`kejadian_prefix_waktu_idx`)."""
    if kode == rules.SEMUA:
        return qs
    if len(kode) == PANJANG_KODE["provinsi"]:
        return qs.alias(kode_provinsi=Substr("wilayah_id", 1, 2)).filter(kode_provinsi=kode)
    return qs.filter(rules.q_wilayah(kode))


def _klaster(qs: QuerySet, tingkat_anak: str) -> list[dict]:
    """One marker per child region: its centroid (`Wilayah.lat/lng`, else the mean position
    of its incidents) and the count, largest first."""
    from sinergi.wilayah.models import Wilayah

    panjang = PANJANG_KODE[tingkat_anak]
    rows = list(
        qs.annotate(kode_grup=Substr("wilayah_id", 1, panjang))
        .values("kode_grup")
        .annotate(jumlah=Count("*"), lat=Avg("lat"), lng=Avg("lng"))
        .order_by()
    )
    wilayah = {
        w["kode"]: w
        for w in Wilayah.objects.filter(kode__in=[r["kode_grup"] for r in rows]).values(
            "kode", "nama", "lat", "lng"
        )
    }
    hasil = []
    for r in rows:
        w = wilayah.get(r["kode_grup"], {})
        lat = w.get("lat") if w.get("lat") is not None else r["lat"]
        lng = w.get("lng") if w.get("lng") is not None else r["lng"]
        hasil.append(
            {
                "kode": r["kode_grup"],
                "nama": w.get("nama", r["kode_grup"]),
                "jumlah": r["jumlah"],
                "lat": lat,
                "lng": lng,
            }
        )
    hasil.sort(key=lambda x: (-x["jumlah"], x["kode"]))
    return hasil


def _deret(qs: QuerySet, sejak: dt.datetime, zona: str, hari: int) -> dict[str, Any]:
    """Incidents per local day and category since `sejak` (one GROUP BY), as a dense list of
    days with a count per category, ready for bars."""
    rows = (
        qs.filter(waktu_kejadian__gte=sejak)
        .annotate(hari=TruncDate("waktu_kejadian", tzinfo=tzinfo(zona)))
        .values("hari", "kategori_id")
        .annotate(jumlah=Count("*"))
        .order_by()
    )
    per_hari: dict[dt.date, dict[str, int]] = {}
    kategori_ada: set[str] = set()
    for r in rows:
        per_hari.setdefault(r["hari"], {})[r["kategori_id"]] = r["jumlah"]
        kategori_ada.add(r["kategori_id"])
    akhir = timezone.now().astimezone(tzinfo(zona)).date()
    hari_list = [akhir - dt.timedelta(days=i) for i in range(hari - 1, -1, -1)]
    kategori = [
        {"kode": k.kode, "nama": k.label}
        for k in KategoriKejadian.objects.filter(kode__in=kategori_ada)
    ]
    for k in kategori:
        k["jumlah"] = sum(isi.get(k["kode"], 0) for isi in per_hari.values())
    kategori.sort(key=lambda k: (-k["jumlah"], k["kode"]))
    deret = []
    for d in hari_list:
        isi = per_hari.get(d, {})
        deret.append(
            {
                "tanggal": d.isoformat(),
                "jumlah": sum(isi.values()),
                "per_kategori": {k["kode"]: isi.get(k["kode"], 0) for k in kategori},
            }
        )
    maks = max((x["jumlah"] for x in deret), default=0)
    for x in deret:  # bar segments for the page: colour index and height in % of the top day
        x["segmen"] = [
            (i, n, round(100 * n / maks, 1)) for i, n in enumerate(x["per_kategori"].values()) if n
        ]
    return {"kategori": kategori, "hari": deret, "maks": maks}


def _tindak_lanjut(pengguna, kode: str, now: dt.datetime) -> dict[str, int]:
    from sinergi.tindak_lanjut.choices import STATUS_AKTIF
    from sinergi.tindak_lanjut.selectors import tindak_lanjut_visible

    qs = tindak_lanjut_visible(pengguna=pengguna).filter(status__in=STATUS_AKTIF)
    if kode != rules.SEMUA:
        qs = qs.filter(rules.q_wilayah(kode))
    return qs.aggregate(terbuka=Count("*"), terlambat=Count("id", filter=Q(tenggat__lt=now)))


def dasbor_data(*, pengguna, kode: str | None = None, hari: int = HARI_BAKU) -> dict[str, Any]:
    """Every number of the dashboard of one region (see the module docstring)."""
    root, wilayah = wilayah_dasbor(pengguna=pengguna, kode=kode)
    hari = max(1, min(int(hari or HARI_BAKU), HARI_MAKS))
    now = timezone.now()
    zona = wilayah.zona_waktu if wilayah else "WIB"
    sejak = now - dt.timedelta(days=hari)
    qs = kejadian_dasbor(pengguna=pengguna, kode=root)
    status = dict(
        qs.filter(waktu_kejadian__gte=sejak).values_list("status").annotate(n=Count("*")).order_by()
    )
    peringatan = peringatan_list(
        pengguna=pengguna, filters={"wilayah": root, "status": StatusPeringatan.AKTIF}
    )
    return {
        "wilayah": {
            "kode": root,
            "nama": wilayah.nama if wilayah else "Indonesia",
            "tingkat": wilayah.tingkat if wilayah else "",
            "lat": wilayah.lat if wilayah else None,
            "lng": wilayah.lng if wilayah else None,
            "zona_waktu": zona,
        },
        "hari": hari,
        "sejak": sejak,
        "antrean_triase": qs.filter(status=StatusKejadian.DILAPORKAN).count(),
        "jumlah_kejadian": sum(status.values()),
        "status": status,
        "peta": _klaster(
            qs.filter(waktu_kejadian__gte=sejak), ANAK[wilayah.tingkat if wilayah else ""]
        ),
        "deret": _deret(qs, sejak, zona, hari),
        "tindak_lanjut": _tindak_lanjut(pengguna, root, now),
        "peringatan_aktif": peringatan.count(),
        "peringatan": list(peringatan[:10]),
    }
