"""Vulnerability API: frameworks, scores by level and parent, explanations, TPS counts and lists.

Everything goes through the selectors, which apply region scope and confidentiality; anything
the caller may not see answers 404.
"""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.akses.api_auth import require_write, token_auth, token_or_anonymous
from sinergi.core.angka import Id
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman, tolak_validasi
from sinergi.kerawanan import selectors
from sinergi.kerawanan import skor as mesin

router = Router(auth=token_or_anonymous)

TingkatParam = Literal["provinsi", "kabupaten_kota"]


def _pengguna(request: HttpRequest):
    auth = getattr(request, "auth", None)
    return auth if getattr(auth, "is_authenticated", False) else request.user


class KerangkaOut(Schema):
    slug: str
    nama: str
    jenis: str
    pemilu: str
    versi: int
    tingkat: list[str]
    aturan: str
    publik: bool


class IndikatorOut(Schema):
    kode: str
    nama: str
    bobot: Decimal
    nilai_min: Decimal
    nilai_maks: Decimal


class SubDimensiOut(Schema):
    kode: str
    nama: str
    bobot: Decimal
    indikator: list[IndikatorOut]


class DimensiOut(Schema):
    kode: str
    nama: str
    bobot: Decimal
    subdimensi: list[SubDimensiOut]


class AmbangOut(Schema):
    tingkat: str
    kategori: str
    batas_bawah: Decimal
    batas_atas: Decimal


class KerangkaDetail(KerangkaOut):
    sumber: str
    catatan: str
    sebelumnya: str | None
    dimensi: list[DimensiOut]
    ambang: list[AmbangOut]
    periode: list[str]


class SkorOut(Schema):
    kode_wilayah: str
    nama: str
    tingkat: str
    periode: str
    skor: Decimal | None
    kategori: str
    peringkat: int
    dimensi: dict[str, Decimal | None]
    sumber: str
    sintetis: bool = Field(description="True for demo values (not Bawaslu's published data).")


class SkorFilter(Schema):
    tingkat: TingkatParam | None = None
    induk: str | None = Field(None, max_length=13)
    periode: str | None = Field(None, max_length=20)


class KontribusiOut(Schema):
    kode: str
    nama: str
    nilai: Decimal
    sumbangan: Decimal
    bobot_efektif: Decimal | None = None


class TrenOut(Schema):
    periode: str
    skor: Decimal | None
    kategori: str
    perubahan: Decimal | None


class PenjelasanOut(Schema):
    kode_wilayah: str
    nama: str
    periode: str
    skor: Decimal | None
    kategori: str
    sumber: str
    sintetis: bool = Field(description="True for demo values (not Bawaslu's published data).")
    catatan: str
    kerahasiaan: str
    rincian: dict
    kontribusi: list[KontribusiOut]
    indikator_tanpa_nilai: list[str]
    tren: list[TrenOut]


class ProvinsiOut(Schema):
    kode_wilayah: str
    nama: str
    skor_langsung: Decimal | None
    kategori_langsung: str
    skor_agregat: Decimal | None
    kategori_agregat: str
    jumlah_kabupaten_kota: int
    sintetis_langsung: bool
    sintetis_agregat: bool


def _kerangka(request, slug: str):
    k = selectors.kerangka_get(slug=slug, pengguna=_pengguna(request))
    if k is None:
        raise Http404
    return k


@router.get(
    "/kerangka", response=list[KerangkaOut], summary=gettext_lazy("List vulnerability frameworks")
)
@paginate(Halaman)
def kerangka_list(request: HttpRequest):
    """Frameworks: public ones for everyone, the others for signed-in stakeholders."""
    return selectors.kerangka_list(pengguna=_pengguna(request))


@router.get(
    "/kerangka/{slug}", response=KerangkaDetail, summary=gettext_lazy("One vulnerability framework")
)
def kerangka_detail(request: HttpRequest, slug: str):
    """A framework's dimensions, sub-dimensions, indicators, weights and thresholds."""
    k = _kerangka(request, slug)
    s = mesin.struktur(k)
    return {
        "slug": k.slug,
        "nama": k.nama,
        "jenis": k.jenis,
        "pemilu": k.pemilu,
        "versi": k.versi,
        "tingkat": k.tingkat,
        "aturan": k.aturan,
        "publik": k.publik,
        "sumber": k.sumber,
        "catatan": k.catatan,
        "sebelumnya": k.sebelumnya.slug if k.sebelumnya_id else None,
        "dimensi": [
            {
                "kode": d.kode,
                "nama": d.nama,
                "bobot": d.bobot,
                "subdimensi": [
                    {"kode": x.kode, "nama": x.nama, "bobot": x.bobot, "indikator": x.indikator}
                    for x in d.sub
                ],
            }
            for d in s.dimensi
        ],
        "ambang": [
            {"tingkat": t, "kategori": kat, "batas_bawah": b, "batas_atas": a}
            for t, bands in s.ambang.items()
            for b, a, kat in bands
        ],
        "periode": selectors.periode_list(pengguna=_pengguna(request), kerangka=k),
    }


@router.get(
    "/kerangka/{slug}/skor", response=list[SkorOut], summary=gettext_lazy("Scores per region")
)
@paginate(Halaman)
def skor_list(request: HttpRequest, slug: str, filters: Query[SkorFilter]):
    """Scores ranked within a level (`tingkat`) and parent (`induk`) for a period (latest by
    default); `kategori` is rendah, sedang or tinggi."""
    k = _kerangka(request, slug)
    if filters.induk and not selectors.Wilayah.objects.filter(kode=filters.induk).exists():
        raise FieldInvalid("induk", _("Unknown region code."))
    _periode, daftar = selectors.skor_list(
        pengguna=_pengguna(request),
        kerangka=k,
        periode=filters.periode,
        tingkat=filters.tingkat,
        induk=filters.induk,
    )
    return [
        {
            "kode_wilayah": p.wilayah_id,
            "nama": p.wilayah.nama,
            "tingkat": p.wilayah.tingkat,
            "periode": p.periode,
            "skor": p.skor,
            "kategori": p.kategori,
            "peringkat": p.peringkat,
            "dimensi": {d["kode"]: d["skor"] for d in p.rincian.get("dimensi", [])},
            "sumber": p.sumber,
            "sintetis": p.sintetis,
        }
        for p in daftar
    ]


@router.get(
    "/kerangka/{slug}/provinsi",
    response=list[ProvinsiOut],
    summary=gettext_lazy("The province's two approaches"),
)
def provinsi_list(request: HttpRequest, slug: str, periode: str | None = None):
    """Province scores entered at province level next to the mean of their regencies."""
    k = _kerangka(request, slug)
    pengguna = _pengguna(request)
    if periode is None:
        daftar = selectors.periode_list(pengguna=pengguna, kerangka=k)
        periode = daftar[0] if daftar else None
    return selectors.provinsi_dua_pendekatan(pengguna=pengguna, kerangka=k, periode=periode)


@router.get(
    "/kerangka/{slug}/skor/{kode}",
    response=PenjelasanOut,
    summary=gettext_lazy("Explanation of one region's score"),
)
def skor_detail(request: HttpRequest, slug: str, kode: str, periode: str | None = None):
    """One region's score: dimension and sub-dimension scores, each indicator's share of the
    total (largest first), indicators without a value, and the trend over periods."""
    k = _kerangka(request, slug)
    pengguna = _pengguna(request)
    p = selectors.penilaian_get(pengguna=pengguna, kerangka=k, kode=kode, periode=periode)
    if p is None:
        raise Http404
    h = selectors.penjelasan(p)
    return {
        "kode_wilayah": p.wilayah_id,
        "nama": p.wilayah.nama,
        "periode": p.periode,
        "skor": p.skor,
        "kategori": p.kategori,
        "sumber": p.sumber,
        "sintetis": p.sintetis,
        "catatan": p.catatan,
        "kerahasiaan": p.kerahasiaan,
        "rincian": p.rincian,
        "kontribusi": h.kontribusi,
        "indikator_tanpa_nilai": h.hilang,
        "tren": selectors.tren(pengguna=pengguna, kerangka=k, kode=p.wilayah_id),
    }


# --- TPS ---------------------------------------------------------------------------------


class SurveiOut(Schema):
    id: int
    nama: str
    kerangka: str = Field(..., alias="kerangka.slug")
    periode: str
    wilayah: str | None = Field(None, alias="wilayah_id")
    jumlah_tps: int
    kerahasiaan: str


class IndikatorJumlah(Schema):
    kode: str
    nama: str
    jumlah: int


class AnakRekap(Schema):
    kode: str
    nama: str
    jumlah_tps: int
    jumlah: list[int]
    kategori: dict[str, int]


class RekapOut(Schema):
    kode: str
    nama: str
    tingkat: str
    jumlah_tps: int
    kategori: dict[str, int]
    indikator: list[IndikatorJumlah]
    anak: list[AnakRekap]


class TPSOut(Schema):
    kode_desa: str
    nama_desa: str
    nomor: int
    jumlah_pemilih: int
    skor: Decimal
    kategori: str
    indikator: list[str]


class TPSFilter(Schema):
    kode: str = Field("", max_length=13)
    indikator: str | None = Field(None, max_length=40)
    kategori: Literal["kurang_rawan", "rawan", "sangat_rawan"] | None = None


def _survei(request, pk: int):
    s = selectors.survei_get(pengguna=_pengguna(request), pk=pk)
    if s is None:
        raise Http404
    return s


@router.get("/survei", response=list[SurveiOut], summary=gettext_lazy("List TPS surveys"))
@paginate(Halaman)
def survei_list(request: HttpRequest):
    """TPS vulnerability surveys the caller may open."""
    return selectors.survei_qs(pengguna=_pengguna(request)).order_by("-created_at")


@router.get(
    "/survei/{pk}/rekap", response=RekapOut, summary=gettext_lazy("TPS count per indicator")
)
def survei_rekap(request: HttpRequest, pk: Id, kode: str = ""):
    """Counts per indicator and TPS category for a region (`kode`, empty for the nation), with
    the same counts for each of its child regions."""
    survei = _survei(request, pk)
    data = selectors.rekap_get(pengguna=_pengguna(request), survei=survei, kode=kode)
    if data is None:
        raise Http404
    return data


@router.get(
    "/survei/{pk}/tps", response=list[TPSOut], summary=gettext_lazy("TPS with an indicator")
)
@paginate(Halaman)
def survei_tps(request: HttpRequest, pk: Id, filters: Query[TPSFilter]):
    """The surveyed TPS in a region, optionally those with one indicator or one category."""
    survei = _survei(request, pk)
    qs = selectors.tps_list(
        pengguna=_pengguna(request),
        survei=survei,
        kode=filters.kode,
        indikator=filters.indikator,
        kategori=filters.kategori,
    )
    if qs is None:
        raise Http404
    kode_ind = list(
        survei.kerangka.indikator.order_by("urutan", "kode").values_list("kode", flat=True)
    )
    return _TPSList(qs, kode_ind)


class _TPSList:
    """A lazy list for the paginator: slices the queryset, then shapes only that page."""

    def __init__(self, qs, kode_ind):
        self.qs, self.kode_ind = qs, kode_ind

    def count(self):
        return self.qs.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, s):
        return [
            {
                "kode_desa": t.kode_desa,
                "nama_desa": t.tps.desa.nama,
                "nomor": t.tps.nomor,
                "jumlah_pemilih": t.tps.jumlah_pemilih,
                "skor": t.skor,
                "kategori": t.kategori,
                "indikator": [
                    k for n, k in enumerate(self.kode_ind) if t.indikator_bits & (1 << n)
                ],
            }
            for t in self.qs[s]
        ]


# --- follow-ups from a score or a TPS indicator ------------------------------------------


class TindakLanjutKerawananIn(Schema):
    judul: str = Field(..., min_length=1, max_length=200)
    uraian: str = Field("", max_length=5000)
    lembaga: Id = Field(..., description="The owner organization (in the caller's scope).")
    tenggat_tanggal: datetime.date


class TindakLanjutTPSIn(TindakLanjutKerawananIn):
    kode: str = Field("", description="The region code; empty for the nation.")
    indikator: str = Field(..., description="The indicator code, e.g. km_kekerasan.")


class TindakLanjutDibuat(Schema):
    id: int
    judul: str
    lembaga: int = Field(..., alias="lembaga_id")
    sumber_label: str
    status: str


def _lembaga(user, pk: int):
    from sinergi.kerawanan import services

    lembaga = services.lembaga_tindak_lanjut(user).filter(pk=pk).first()
    if lembaga is None:
        raise FieldInvalid("lembaga", _("Choose an organization in your area."))
    return lembaga


def _isi(data: TindakLanjutKerawananIn) -> dict:
    return {"judul": data.judul, "uraian": data.uraian, "tenggat_tanggal": data.tenggat_tanggal}


def _dibuat(buat):
    """201 with the follow-up `buat()` creates, or 422 with the service's field errors."""
    try:
        return Status(201, buat())
    except ValidationError as exc:
        return tolak_validasi(exc)


@router.post(
    "/kerangka/{slug}/skor/{kode}/tindak-lanjut",
    response={201: TindakLanjutDibuat, 422: ErrorOut},
    auth=token_auth,
    summary=gettext_lazy("Open a follow-up from a region's score"),
)
def skor_tindak_lanjut(
    request: HttpRequest,
    slug: str,
    kode: str,
    data: TindakLanjutKerawananIn,
    periode: str | None = None,
):
    """Open a follow-up on a region's score (the latest period unless `periode`). It points
    back to the assessment and is as confidential as it is. 404 when the caller may not see
    the score or may not open follow-ups for its region."""
    from sinergi.kerawanan import services

    user = require_write(request)
    k = _kerangka(request, slug)
    p = selectors.penilaian_get(pengguna=user, kerangka=k, kode=kode, periode=periode)
    if p is None or not services.dapat_buka_tindak_lanjut(user, p.wilayah_id):
        raise Http404
    return _dibuat(
        lambda: services.tindak_lanjut_dari_skor(
            pelaku=user, penilaian=p, lembaga=_lembaga(user, data.lembaga), **_isi(data)
        )
    )


@router.post(
    "/survei/{pk}/tindak-lanjut",
    response={201: TindakLanjutDibuat, 422: ErrorOut},
    auth=token_auth,
    summary=gettext_lazy("Open a follow-up from a TPS indicator in a region"),
)
def survei_tindak_lanjut(request: HttpRequest, pk: Id, data: TindakLanjutTPSIn):
    """Open a follow-up on the TPS with an indicator in a region; it points back to that
    region-indicator and is as confidential as the survey."""
    from sinergi.kerawanan import services
    from sinergi.wilayah.models import Wilayah

    user = require_write(request)
    sv = selectors.survei_get(pengguna=user, pk=pk)
    if sv is None:
        raise Http404
    if selectors.tps_list(pengguna=user, survei=sv, kode=data.kode) is None:
        raise Http404
    ind = sv.kerangka.indikator.filter(kode=data.indikator).first()
    if ind is None:
        raise FieldInvalid("indikator", _("Unknown indicator %(code)s.") % {"code": data.indikator})
    wilayah = Wilayah.objects.filter(kode=data.kode).first() if data.kode else None
    if data.kode and wilayah is None:
        raise FieldInvalid("kode", _("Unknown region code “%(code)s”.") % {"code": data.kode})
    if not services.dapat_buka_tindak_lanjut(user, data.kode or None):
        raise Http404
    return _dibuat(
        lambda: services.tindak_lanjut_dari_indikator(
            pelaku=user,
            survei=sv,
            wilayah=wilayah,
            indikator=ind,
            lembaga=_lembaga(user, data.lembaga),
            **_isi(data),
        )
    )
