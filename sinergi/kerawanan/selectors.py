"""Every read of the vulnerability app, already scoped to the user (anything hidden is None/404).

- Frameworks: public ones for everyone; the others for signed-in users with a region scope.
- Assessments: by confidentiality and region scope (`akses.rules.filter_kerahasiaan`).
- TPS surveys: PUBLIC to anyone; otherwise a region's counts only inside the user's scope.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Q, QuerySet

from sinergi.akses import rules
from sinergi.core.models import Kerahasiaan
from sinergi.core.pesan import pilih_nama
from sinergi.kerawanan import skor as mesin
from sinergi.kerawanan.models import (
    Kerangka,
    NilaiIndikator,
    Penilaian,
    RekapTPS,
    SurveiTPS,
    TemuanTPS,
    sintetis,
)
from sinergi.kerawanan.services import KATEGORI_TPS, sql_hitung
from sinergi.wilayah.models import TPS, Wilayah

# --- frameworks --------------------------------------------------------------------------


def kerangka_list(*, pengguna) -> QuerySet[Kerangka]:
    qs = Kerangka.objects.all().order_by("jenis", "-versi", "slug")
    if rules.lingkup(pengguna) is None:
        qs = qs.filter(publik=True)
    return qs


def kerangka_get(*, slug: str, pengguna) -> Kerangka | None:
    return kerangka_list(pengguna=pengguna).filter(slug=slug).first()


# --- assessments -------------------------------------------------------------------------


def penilaian_qs(*, pengguna, kerangka: Kerangka) -> QuerySet[Penilaian]:
    return rules.filter_kerahasiaan(Penilaian.objects.filter(kerangka=kerangka), pengguna)


def periode_list(*, pengguna, kerangka: Kerangka) -> list[str]:
    return sorted(
        set(penilaian_qs(pengguna=pengguna, kerangka=kerangka).values_list("periode", flat=True)),
        reverse=True,
    )


def skor_list(
    *,
    pengguna,
    kerangka: Kerangka,
    periode: str | None = None,
    tingkat: str | None = None,
    induk: str | None = None,
) -> tuple[str | None, list[Penilaian]]:
    """(period, ranked assessments) for a level and parent; the latest period by default."""
    qs = penilaian_qs(pengguna=pengguna, kerangka=kerangka)
    if periode is None:
        periode = qs.order_by("-periode").values_list("periode", flat=True).first()
    qs = qs.filter(periode=periode).select_related("wilayah")
    if tingkat:
        qs = qs.filter(wilayah__tingkat=tingkat)
    if induk:
        qs = qs.filter(Q(wilayah__induk_id=induk) | Q(wilayah__kode__startswith=induk + "."))
    daftar = list(qs.order_by("-skor", "wilayah_id"))
    peringkat = 0
    sebelumnya = None
    for n, p in enumerate(daftar, start=1):
        if p.skor != sebelumnya:
            peringkat = n
            sebelumnya = p.skor
        p.peringkat = peringkat
    return periode, daftar


def skor_ringkas(
    *, pengguna, kerangka: Kerangka, periode: str | None, tingkat: str, induk: str | None
) -> tuple[str | None, list[tuple]]:
    """(period, [(kode, skor, kategori)]) for the map: one light query, no model objects."""
    qs = penilaian_qs(pengguna=pengguna, kerangka=kerangka)
    if periode is None:
        periode = qs.order_by("-periode").values_list("periode", flat=True).first()
    qs = qs.filter(periode=periode, wilayah__tingkat=tingkat)
    if induk:
        qs = qs.filter(wilayah__kode__startswith=induk + ".")
    return periode, list(
        qs.order_by("-skor", "wilayah_id").values_list("wilayah_id", "skor", "kategori")
    )


def skor_terbaru(*, pengguna, kerangka: Kerangka, kode: list[str]) -> dict[str, tuple]:
    """{kode: (skor, kategori, periode)}: each region's score in the latest period that has one
    the user may see (one query)."""
    hasil: dict[str, tuple] = {}
    rows = (
        penilaian_qs(pengguna=pengguna, kerangka=kerangka)
        .filter(wilayah_id__in=kode, skor__isnull=False)
        .order_by("wilayah_id", "-periode")
        .values_list("wilayah_id", "skor", "kategori", "periode")
    )
    for k, skor, kategori, periode in rows:
        hasil.setdefault(k, (skor, kategori, periode))
    return hasil


@dataclass
class Agregat:
    wilayah: Wilayah
    skor: Decimal | None
    kategori: str
    jumlah: int


def provinsi_dua_pendekatan(*, pengguna, kerangka: Kerangka, periode: str | None) -> list[dict]:
    """Both of Bawaslu's province approaches side by side.

    Approach 1: the province's own assessment. Approach 2: the mean of its regencies' scores
    (visible to the user), categorised with the province thresholds.
    """
    s = mesin.struktur(kerangka)
    qs = penilaian_qs(pengguna=pengguna, kerangka=kerangka).filter(periode=periode)
    langsung = {
        p.wilayah_id: p for p in qs.filter(wilayah__tingkat="provinsi").select_related("wilayah")
    }
    per_prov: dict[str, list[Decimal]] = defaultdict(list)
    demo_prov: set[str] = set()
    for kode, skor, sumber in qs.filter(
        wilayah__tingkat="kabupaten_kota", skor__isnull=False
    ).values_list("wilayah_id", "skor", "sumber"):
        per_prov[kode[:2]].append(skor)
        if sintetis(sumber):
            demo_prov.add(kode[:2])
    kode_semua = set(langsung) | set(per_prov)
    nama = dict(Wilayah.objects.filter(kode__in=kode_semua).values_list("kode", "nama"))
    hasil = []
    for kode in sorted(kode_semua):
        skor_list_ = per_prov.get(kode, [])
        agregat = s.bulatkan(sum(skor_list_, Decimal(0)) / len(skor_list_)) if skor_list_ else None
        p = langsung.get(kode)
        hasil.append(
            {
                "kode_wilayah": kode,
                "nama": nama.get(kode, kode),
                "skor_langsung": p.skor if p else None,
                "kategori_langsung": p.kategori if p else "",
                "skor_agregat": agregat,
                "kategori_agregat": s.kategori("provinsi", agregat),
                "jumlah_kabupaten_kota": len(skor_list_),
                "sintetis_langsung": bool(p and p.sintetis),
                "sintetis_agregat": kode in demo_prov,
            }
        )
    hasil.sort(key=lambda r: -(r["skor_langsung"] or r["skor_agregat"] or 0))
    return hasil


def penilaian_get(*, pengguna, kerangka: Kerangka, kode: str, periode: str | None):
    qs = penilaian_qs(pengguna=pengguna, kerangka=kerangka).filter(wilayah_id=kode)
    if periode:
        qs = qs.filter(periode=periode)
    return qs.select_related("wilayah", "lembaga").order_by("-periode").first()


def penjelasan(p: Penilaian, s: mesin.Struktur | None = None) -> mesin.Hasil:
    """Recompute a score from its stored values: the breakdown and every indicator's share."""
    s = s or mesin.struktur(p.kerangka)
    nilai = dict(NilaiIndikator.objects.filter(penilaian=p).values_list("indikator_id", "nilai"))
    return mesin.hitung(s, nilai)


def tren(*, pengguna, kerangka: Kerangka, kode: str) -> list[dict]:
    """The region's score in every visible period, oldest first, with the change."""
    rows = list(
        penilaian_qs(pengguna=pengguna, kerangka=kerangka)
        .filter(wilayah_id=kode)
        .order_by("periode")
        .values("periode", "skor", "kategori", "rincian")
    )
    prev = None
    for r in rows:
        r["perubahan"] = (
            (r["skor"] - prev) if (prev is not None and r["skor"] is not None) else None
        )
        prev = r["skor"]
    return rows


# --- TPS surveys -------------------------------------------------------------------------


def survei_qs(*, pengguna) -> QuerySet[SurveiTPS]:
    """Surveys the user may open: PUBLIC, in scope by confidentiality, or national RESTRICTED
    surveys for any signed-in stakeholder (who then sees only their own region's counts)."""
    qs = SurveiTPS.objects.select_related("kerangka", "wilayah")
    visible = rules.filter_kerahasiaan(qs, pengguna)
    if rules.lingkup(pengguna) is not None:
        root = rules.lingkup(pengguna)
        extra = qs.filter(kerahasiaan=Kerahasiaan.RESTRICTED).filter(
            Q(wilayah__isnull=True)
            | Q(wilayah_id__in=[root[:i] for i in (2, 5, 8) if len(root) >= i])
        )
        return (visible | extra).distinct()
    return visible


def survei_get(*, pengguna, pk: int) -> SurveiTPS | None:
    return survei_qs(pengguna=pengguna).filter(pk=pk).first()


def boleh_lihat_wilayah_survei(pengguna, survei: SurveiTPS, kode: str) -> bool:
    """Counts of a non-public survey are shown only inside the user's region scope."""
    if survei.kerahasiaan == Kerahasiaan.PUBLIC:
        return True
    return rules.dalam_lingkup(pengguna, kode or None)


def rekap_get(*, pengguna, survei: SurveiTPS, kode: str) -> dict | None:
    """Counts per indicator and category for one region ("" for the nation) and its children."""
    if not boleh_lihat_wilayah_survei(pengguna, survei, kode):
        return None
    inds = [
        {**i, "label": pilih_nama(i["nama"], i.pop("nama_en"))}
        for i in survei.kerangka.indikator.order_by("urutan", "kode").values(
            "kode", "nama", "nama_en"
        )
    ]
    tingkat = {0: "nasional", 2: "provinsi", 5: "kabupaten_kota", 8: "kecamatan", 13: "desa"}
    if len(kode) in (0, 2, 5, 8):
        sendiri = RekapTPS.objects.filter(survei=survei, kode_wilayah=kode).first()
        if sendiri is None:
            return None
        if len(kode) == 8:
            anak = _hitung_desa(survei, len(inds), kode)
        else:
            panjang = {0: 2, 2: 5, 5: 8}[len(kode)]
            anak_qs = RekapTPS.objects.filter(survei=survei, tingkat=tingkat[panjang])
            if kode:
                anak_qs = anak_qs.filter(kode_wilayah__startswith=kode + ".")
            anak = [
                {
                    "kode": r.kode_wilayah,
                    "jumlah_tps": r.jumlah_tps,
                    "jumlah": r.jumlah,
                    "kategori": r.kategori,
                }
                for r in anak_qs.order_by("kode_wilayah")
            ]
        data = {
            "jumlah_tps": sendiri.jumlah_tps,
            "jumlah": sendiri.jumlah,
            "kategori": sendiri.kategori,
        }
    elif len(kode) == 13:
        rows = _hitung_desa(survei, len(inds), kode[:8], desa=kode)
        if not rows:
            return None
        data = rows[0]
        anak = []
    else:
        return None
    nama = dict(
        Wilayah.objects.filter(kode__in=[kode] + [a["kode"] for a in anak]).values_list(
            "kode", "nama"
        )
    )
    for a in anak:
        a["nama"] = nama.get(a["kode"], a["kode"])
    return {
        "kode": kode,
        "nama": nama.get(kode, "Indonesia"),
        "tingkat": tingkat[len(kode)],
        "jumlah_tps": data["jumlah_tps"],
        "kategori": data["kategori"],
        "indikator": [
            {**i, "jumlah": data["jumlah"][n] if n < len(data["jumlah"]) else 0}
            for n, i in enumerate(inds)
        ],
        "anak": anak,
    }


def _hitung_desa(survei: SurveiTPS, n: int, kecamatan: str, desa: str | None = None) -> list[dict]:
    """Village counts of one district, computed on demand with the same GROUP BY."""
    # through the registry's village index to the (survey, TPS) index of the findings
    tps = TPS._meta.db_table
    where = f" AND tps_id IN (SELECT id FROM {tps} WHERE desa_id {'=' if desa else 'LIKE'} %s)"  # noqa: S608
    sql = sql_hitung(n, "kode_desa").replace("{filter}", where)
    with connection.cursor() as cur:
        cur.execute(sql, [survei.pk, desa or kecamatan + ".%"])
        rows = cur.fetchall()
    return [
        {
            "kode": r[0],
            "jumlah_tps": r[1],
            "jumlah": [int(x) for x in r[2 : 2 + n]],
            "kategori": dict(zip(KATEGORI_TPS, [int(x) for x in r[2 + n :]], strict=True)),
        }
        for r in sorted(rows)
    ]


def tps_list(
    *,
    pengguna,
    survei: SurveiTPS,
    kode: str,
    indikator: str | None = None,
    kategori: str | None = None,
) -> QuerySet[TemuanTPS] | None:
    """The surveyed TPS in a region, optionally only those with an indicator or category."""
    if not boleh_lihat_wilayah_survei(pengguna, survei, kode):
        return None
    qs = TemuanTPS.objects.filter(survei=survei).select_related("tps", "tps__desa")
    if len(kode) > 2:
        # a regency or smaller: its TPS come from the registry's village indexes, then each
        # finding from the (survey, TPS) index (the findings keep no index by village, for
        # cheaper imports); a province is a tenth of the nation, read in one pass instead
        di_wilayah = TPS.objects.filter(Q(desa_id=kode) | Q(desa__kode__startswith=kode + "."))
        qs = qs.filter(tps__in=di_wilayah.values("id"))
    elif kode:
        qs = qs.filter(kode_desa__startswith=kode + ".")
    if indikator:
        urut = list(
            survei.kerangka.indikator.order_by("urutan", "kode").values_list("kode", flat=True)
        )
        if indikator not in urut:
            return None
        bit = 1 << urut.index(indikator)
        from django.db.models import F

        qs = qs.annotate(_b=F("indikator_bits").bitand(bit)).exclude(_b=0)
    if kategori:
        qs = qs.filter(kategori=kategori)
    return qs.order_by("kode_desa", "tps__nomor")


def indikator_tps(survei: SurveiTPS, bits: int) -> list[str]:
    kode = list(survei.kerangka.indikator.order_by("urutan", "kode").values_list("kode", flat=True))
    return [k for n, k in enumerate(kode) if bits & (1 << n)]


def tindak_lanjut_terkait(*, pengguna, sumber) -> list:
    """The follow-ups opened from this assessment or region-indicator that the user may read."""
    from django.contrib.contenttypes.models import ContentType

    from sinergi.tindak_lanjut import izin
    from sinergi.tindak_lanjut.models import TindakLanjut

    qs = TindakLanjut.objects.filter(
        sumber_jenis=ContentType.objects.get_for_model(sumber), sumber_id=str(sumber.pk)
    ).select_related("lembaga")
    return list(izin.filter_baca(qs, pengguna).order_by("-created_at")[:20])
