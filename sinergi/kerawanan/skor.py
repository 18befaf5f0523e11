"""The scoring engine: pure functions over a framework's structure (no writes).

`Struktur` is a framework loaded once (3 queries) and reused for every region. Values are
normalised to 0-`skor_maks` by each indicator's range; under the weighted-mean rule a
sub-dimension is the weighted mean of its indicators, a dimension of its sub-dimensions and the
total of its dimensions. Indicators without a value are left out and the remaining weights in
their group are rescaled; the explanation lists them as missing.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from sinergi.core.pesan import Label
from sinergi.kerawanan.models import AturanSkor, Kerangka

SATU = Decimal(1)
TOLERANSI_BOBOT = Decimal("0.001")


@dataclass
class IndikatorS:
    id: int
    kode: str
    nama: str
    bobot: Decimal
    nilai_min: Decimal
    nilai_maks: Decimal
    urutan: int
    nama_en: str = ""


@dataclass
class SubS:
    kode: str
    nama: str
    bobot: Decimal
    indikator: list[IndikatorS] = field(default_factory=list)
    nama_en: str = ""


@dataclass
class DimS:
    kode: str
    nama: str
    bobot: Decimal
    sub: list[SubS] = field(default_factory=list)
    nama_en: str = ""


@dataclass
class Struktur:
    kerangka: Kerangka
    dimensi: list[DimS]
    ambang: dict[str, list[tuple[Decimal, Decimal, str]]]

    @property
    def indikator(self) -> list[IndikatorS]:
        return [i for d in self.dimensi for s in d.sub for i in s.indikator]

    def langkah(self) -> Decimal:
        return Decimal(1).scaleb(-self.kerangka.presisi)

    def bulatkan(self, nilai: Decimal) -> Decimal:
        return nilai.quantize(self.langkah(), rounding=ROUND_HALF_UP)

    def kategori(self, tingkat: str, skor: Decimal | None) -> str:
        """The category whose band holds the rounded score (bands are contiguous, see
        `validasi_ambang`), or "" when the level has no thresholds."""
        if skor is None:
            return ""
        skor = self.bulatkan(skor)
        hasil = ""
        for bawah, _atas, kategori in self.ambang.get(tingkat, []):
            if skor >= bawah:
                hasil = kategori
        return hasil


def struktur(kerangka: Kerangka) -> Struktur:
    """Load a framework's tree and thresholds in three queries."""
    dims: dict[int, DimS] = {}
    subs: dict[int, SubS] = {}
    for d in kerangka.dimensi.all().order_by("urutan", "kode"):
        dims[d.pk] = DimS(d.kode, d.nama, d.bobot, nama_en=d.nama_en)
    from sinergi.kerawanan.models import Indikator, SubDimensi

    for s in SubDimensi.objects.filter(dimensi__kerangka=kerangka).order_by("urutan", "kode"):
        subs[s.pk] = SubS(s.kode, s.nama, s.bobot, nama_en=s.nama_en)
        dims[s.dimensi_id].sub.append(subs[s.pk])
    for i in Indikator.objects.filter(kerangka=kerangka).order_by("urutan", "kode"):
        subs[i.subdimensi_id].indikator.append(
            IndikatorS(
                i.pk, i.kode, i.nama, i.bobot, i.nilai_min, i.nilai_maks, i.urutan, i.nama_en
            )
        )
    ambang: dict[str, list] = {}
    for a in kerangka.ambang.all().order_by("tingkat", "batas_bawah"):
        ambang.setdefault(a.tingkat, []).append((a.batas_bawah, a.batas_atas, a.kategori))
    return Struktur(kerangka, list(dims.values()), ambang)


def validasi_bobot(s: Struktur) -> list[str]:
    """Messages for weights that do not sum as the scoring rule requires."""
    errors: list[str] = []
    if s.kerangka.aturan == AturanSkor.JUMLAH_POIN:
        for i in s.indikator:
            if i.bobot < 0:
                errors.append(
                    _("Indicator %(code)s has a negative weight (%(weight)s).")
                    % {"code": i.kode, "weight": i.bobot}
                )
        return errors

    def cek(bobot: list[Decimal], label: str) -> None:
        total = sum(bobot, Decimal(0))
        if abs(total - SATU) > TOLERANSI_BOBOT:
            errors.append(
                _("The weights of %(group)s sum to %(total)s; they must sum to 1.")
                % {"group": label, "total": f"{total.normalize():f}"}
            )

    if not s.dimensi:
        errors.append(_("The framework has no dimensions."))
        return errors
    cek([d.bobot for d in s.dimensi], _("the dimensions"))
    for d in s.dimensi:
        if not d.sub:
            errors.append(_("Dimension %(code)s has no sub-dimensions.") % {"code": d.kode})
            continue
        cek([x.bobot for x in d.sub], _("the sub-dimensions of dimension %s") % d.kode)
        for sub in d.sub:
            if not sub.indikator:
                errors.append(_("Sub-dimension %(code)s has no indicators.") % {"code": sub.kode})
                continue
            cek(
                [i.bobot for i in sub.indikator], _("the indicators of sub-dimension %s") % sub.kode
            )
    return errors


def skor_maksimum(s: Struktur) -> Decimal:
    if s.kerangka.aturan == AturanSkor.JUMLAH_POIN:
        return sum((i.bobot for i in s.indikator), Decimal(0))
    return Decimal(s.kerangka.skor_maks)


def validasi_ambang(
    ambang: dict[str, list[tuple[Decimal, Decimal, str]]], *, presisi: int, maks: Decimal
) -> list[str]:
    """Messages for bands that overlap, leave a gap, or do not cover 0 to the maximum score.

    Bands are read on scores rounded to `presisi` decimals: 21.70-68.50 followed by
    68.50-100 touch (the upper bound belongs to the next band) and 13.47-49.32 followed by
    49.33-100 are adjacent; 13.47-49.00 followed by 49.33 leaves a gap.
    """
    errors: list[str] = []
    langkah = Decimal(1).scaleb(-presisi)
    for tingkat, bands in ambang.items():
        bands = sorted(bands)
        for bawah, atas, kategori in bands:
            if atas < bawah:
                errors.append(
                    _(
                        "Level %(level)s: the band %(category)s ends (%(upper)s) before it starts "
                        "(%(lower)s)."
                    )
                    % {"level": tingkat, "category": kategori, "upper": atas, "lower": bawah}
                )
        if bands and bands[0][0] != 0:
            errors.append(
                _("Level %(level)s: the lowest band must start at 0, not %(lower)s.")
                % {"level": tingkat, "lower": bands[0][0]}
            )
        if bands and bands[-1][1] != maks:
            errors.append(
                _("Level %(level)s: the highest band must end at %(max)s, not %(upper)s.")
                % {"level": tingkat, "max": f"{maks.normalize():f}", "upper": bands[-1][1]}
            )
        for (_b1, a1, k1), (b2, _a2, k2) in itertools.pairwise(bands):
            jarak = b2 - a1
            if jarak < 0:
                errors.append(
                    _(
                        "Level %(level)s: the bands %(first)s and %(second)s overlap "
                        "(%(upper)s is above %(lower)s)."
                    )
                    % {"level": tingkat, "first": k1, "second": k2, "upper": a1, "lower": b2}
                )
            elif jarak > langkah:
                errors.append(
                    _(
                        "Level %(level)s: there is a gap between %(first)s (up to %(upper)s) and "
                        "%(second)s (from %(lower)s)."
                    )
                    % {"level": tingkat, "first": k1, "second": k2, "upper": a1, "lower": b2}
                )
    return errors


@dataclass
class Hasil:
    skor: Decimal | None
    rincian: dict
    kontribusi: list[dict]
    hilang: list[str]


def _label(x: DimS | SubS | IndikatorS) -> Label:
    """The name for display: `str()` gives it in the reader's language."""
    return Label(x.nama, x.nama_en)


def _nama(x: DimS | SubS | IndikatorS) -> dict:
    """Code, Indonesian name (stored) and display label of a node of the tree."""
    return {"kode": x.kode, "nama": x.nama, "label": _label(x)}


def hitung(s: Struktur, nilai: dict[int, Decimal]) -> Hasil:
    """Score one region from {indicator id: value}, with each indicator's contribution."""
    maks = Decimal(s.kerangka.skor_maks)
    kontribusi: list[dict] = []
    hilang: list[str] = []
    rincian: dict = {"dimensi": []}
    if s.kerangka.aturan == AturanSkor.JUMLAH_POIN:
        total = Decimal(0)
        for i in s.indikator:
            v = nilai.get(i.id)
            if v is None:
                hilang.append(i.kode)
            elif v > 0:
                total += i.bobot
                kontribusi.append(
                    {
                        "kode": i.kode,
                        "nama": i.nama,
                        "label": _label(i),
                        "nilai": v,
                        "sumbangan": i.bobot,
                    }
                )
        kontribusi.sort(key=lambda k: -k["sumbangan"])
        return Hasil(s.bulatkan(total), rincian, kontribusi, hilang)

    total = Decimal(0)
    bobot_total = Decimal(0)
    for d in s.dimensi:
        d_skor = Decimal(0)
        d_bobot = Decimal(0)
        subs = []
        sub_kontribusi: list[tuple[Decimal, list[dict]]] = []
        for sub in d.sub:
            sk = Decimal(0)
            sb = Decimal(0)
            items: list[dict] = []
            for i in sub.indikator:
                v = nilai.get(i.id)
                if v is None:
                    hilang.append(i.kode)
                    continue
                rentang = i.nilai_maks - i.nilai_min
                norm = (v - i.nilai_min) / rentang * maks if rentang else Decimal(0)
                sk += i.bobot * norm
                sb += i.bobot
                items.append(
                    {
                        "kode": i.kode,
                        "nama": i.nama,
                        "label": _label(i),
                        "nilai": v,
                        "norm": norm,
                        "w": i.bobot,
                    }
                )
            if sb == 0:
                subs.append(
                    {"kode": sub.kode, "nama": sub.nama, "label": _label(sub), "skor": None}
                )
                continue
            sub_skor = sk / sb
            for it in items:
                it["w"] = it["w"] / sb
            subs.append(
                {
                    "kode": sub.kode,
                    "nama": sub.nama,
                    "label": _label(sub),
                    "skor": s.bulatkan(sub_skor),
                }
            )
            d_skor += sub.bobot * sub_skor
            d_bobot += sub.bobot
            sub_kontribusi.append((sub.bobot, items))
        if d_bobot == 0:
            rincian["dimensi"].append(
                {"kode": d.kode, "nama": d.nama, "label": _label(d), "skor": None, "sub": subs}
            )
            continue
        dim_skor = d_skor / d_bobot
        rincian["dimensi"].append(
            {
                "kode": d.kode,
                "nama": d.nama,
                "label": _label(d),
                "skor": s.bulatkan(dim_skor),
                "sub": subs,
            }
        )
        total += d.bobot * dim_skor
        bobot_total += d.bobot
        for sbobot, items in sub_kontribusi:
            for it in items:
                kontribusi.append(
                    {
                        "kode": it["kode"],
                        "nama": it["nama"],
                        "label": it["label"],
                        "nilai": it["nilai"],
                        "dimensi": d.kode,
                        # weight of this indicator in the total, times its normalised value
                        "bobot_efektif": d.bobot * (sbobot / d_bobot) * it["w"],
                        "norm": it["norm"],
                    }
                )
    if bobot_total == 0:
        return Hasil(None, rincian, [], hilang)
    for k in kontribusi:
        k["bobot_efektif"] = k["bobot_efektif"] / bobot_total
        k["sumbangan"] = s.bulatkan(k["bobot_efektif"] * k["norm"])
        k["bobot_efektif"] = k["bobot_efektif"].quantize(Decimal("0.0001"))
        k["norm"] = s.bulatkan(k["norm"])
    kontribusi.sort(key=lambda k: -k["sumbangan"])
    return Hasil(s.bulatkan(total / bobot_total), rincian, kontribusi, hilang)


def rincian_json(rincian: dict) -> dict:
    """The breakdown with Decimals as strings, for the JSON field (names in Indonesian: the
    display labels are made again when shown)."""
    return {
        "dimensi": [
            {
                **{k: v for k, v in d.items() if k != "label"},
                "skor": None if d["skor"] is None else str(d["skor"]),
                "sub": [
                    {
                        **{k: v for k, v in x.items() if k != "label"},
                        "skor": None if x["skor"] is None else str(x["skor"]),
                    }
                    for x in d["sub"]
                ],
            }
            for d in rincian.get("dimensi", [])
        ]
    }
