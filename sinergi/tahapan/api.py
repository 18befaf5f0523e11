"""Elections and their stages: `/pemilu`, `/pemilu/{slug}`, `/pemilu/{slug}/tahapan`, `.ics`.

The stage list is cached (Django cache) by its parameters and the data version; every write
goes through `services`, which bumps the version.
"""

import datetime as dt
import json

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from sinergi.core.angka import Offset
from sinergi.core.api import FieldInvalid, Halaman
from sinergi.core.waktu import hari_ini
from sinergi.tahapan import selectors
from sinergi.tahapan.kalender import kalender_ics
from sinergi.tahapan.models import Pemilu, Tahapan
from sinergi.tahapan.services import cache_versi

router = Router()
CACHE_DETIK = 300


class PemiluOut(Schema):
    slug: str
    jenis: str
    nama: str
    nama_en: str
    hari_pemungutan: dt.date | None
    dasar_hukum: str


class ButirUU(Schema):
    butir: str
    teks: str


class PemiluDetail(PemiluOut):
    keterangan: str
    tahapan_uu: list[ButirUU]
    sumber_tahapan_uu: str
    mulai: dt.date | None
    selesai: dt.date | None
    hari_menuju_pemungutan: int | None
    kalender: str


class TahapanOut(Schema):
    kode: str
    nama: str
    nama_en: str
    induk: str | None = Field(None, alias="induk_kode")
    urutan: int
    kategori: str
    butir_uu: str
    tanggal_mulai: dt.date | None
    tanggal_selesai: dt.date | None
    aturan_waktu: str
    tanggal_aktual: dt.date | None
    mulai_efektif: dt.date | None
    selesai_efektif: dt.date | None
    dasar_hukum: str
    penanggung_jawab: list[str]
    keyakinan: str
    alasan_di_luar_induk: str
    aktif: bool
    sisa_hari: int | None
    progres: int | None


class TahapanPage(Schema):
    items: list[TahapanOut]
    count: int


class TahapanFilter(Schema):
    aktif_pada: dt.date | None = Field(None, description="Running on this day (YYYY-MM-DD).")
    dari: dt.date | None = Field(None, description="Overlapping a range from this day.")
    sampai: dt.date | None = Field(None, description="… to this day (inclusive).")
    induk: str | None = Field(None, max_length=20, description="Sub-stages of this stage code.")
    utama: bool = Field(False, description="Top-level stages only.")
    limit: int = Field(100, ge=1, le=500)
    offset: Offset = 0


def _pemilu_or_404(slug: str) -> Pemilu:
    pemilu = selectors.pemilu_get(slug)
    if pemilu is None:
        raise HttpError(404, _("Unknown election: %(slug)s.") % {"slug": slug[:60]})
    return pemilu


@router.get("/pemilu", response=list[PemiluOut], summary="Daftar pemilu")
@paginate(Halaman)
def pemilu_list(request: HttpRequest):
    """Every election Sinergi knows, the most recent voting day first."""
    return selectors.pemilu_list()


@router.get("/pemilu/{slug}", response=PemiluDetail, summary="Satu pemilu")
def pemilu_detail(request: HttpRequest, slug: str):
    """One election with its statutory list of stages, span and countdown to voting day."""
    pemilu = _pemilu_or_404(slug)
    pemilu.mulai, pemilu.selesai = selectors.rentang_pemilu(pemilu)
    pemilu.hari_menuju_pemungutan = selectors.hari_menuju_pemungutan(pemilu, hari_ini())
    pemilu.kalender = request.build_absolute_uri(
        reverse("api:tahapan_kalender", kwargs={"slug": pemilu.slug})
    )
    return pemilu


def _validasi(f: TahapanFilter) -> None:
    if f.dari and f.sampai:
        if f.sampai < f.dari:
            raise FieldInvalid("sampai", _("Must not be before dari."))
        if (f.sampai - f.dari).days > selectors.MAKS_RENTANG_HARI:
            raise FieldInvalid(
                "sampai",
                _("The range is too long (at most %(n)s days).")
                % {"n": selectors.MAKS_RENTANG_HARI},
            )
    if f.aktif_pada and (f.dari or f.sampai):
        raise FieldInvalid("aktif_pada", _("Use either aktif_pada or dari/sampai, not both."))


def _isi_daftar(pemilu: Pemilu, f: TahapanFilter) -> bytes:
    induk = None
    if f.induk:
        induk = selectors.tahapan_get(pemilu, f.induk)
        if induk is None:
            raise FieldInvalid("induk", _("Unknown stage code in this election."))
    qs = selectors.tahapan_list(
        pemilu=pemilu,
        aktif_pada=f.aktif_pada,
        dari=f.dari,
        sampai=f.sampai,
        induk=induk,
        utama=f.utama,
    )
    acuan = f.aktif_pada or hari_ini()
    semua = list(qs)
    items = []
    for t in semua[f.offset : f.offset + f.limit]:
        t.aktif = bool(t.mulai_efektif and t.mulai_efektif <= acuan <= (t.selesai_efektif or acuan))
        t.sisa_hari = t.sisa_hari(acuan) if t.aktif else None
        t.progres = t.progres(acuan)
        items.append(TahapanOut.from_orm(t).model_dump(mode="json", by_alias=False))
    return json.dumps(
        {"items": items, "count": len(semua)}, ensure_ascii=False, separators=(",", ":")
    ).encode()


@router.get(
    "/pemilu/{slug}/tahapan",
    response=TahapanPage,
    summary="Tahapan sebuah pemilu",
    url_name="tahapan_list",
)
def tahapan_list(request: HttpRequest, slug: str, filters: Query[TahapanFilter]):
    """Stages and sub-stages, in schedule order.

    `aktif_pada=YYYY-MM-DD`: running on that day (both ends inclusive). `dari`/`sampai`:
    overlapping the range. `induk=T03`: the sub-stages of T03; `utama=true`: top-level only.
    `sisa_hari` (days left after the reference day, 0 on the last day) and `progres` (percent)
    are counted from `aktif_pada`, or from today (WIB) without it. Contingency stages (the
    presidential run-off) are left out of the date filters.
    """
    _validasi(filters)
    acuan = filters.aktif_pada or hari_ini()
    params = filters.model_dump_json()
    key = f"tahapan:list:{cache_versi()}:{slug[:60]}:{acuan.isoformat()}:{params}"
    body = cache.get(key)
    if body is None:
        body = _isi_daftar(_pemilu_or_404(slug), filters)
        cache.set(key, body, CACHE_DETIK)
    return HttpResponse(body, content_type="application/json")


@router.get(
    "/pemilu/{slug}/kalender.ics",
    summary="Kalender tahapan (iCalendar)",
    url_name="tahapan_kalender",
    response={200: None},
)
def tahapan_kalender(request: HttpRequest, slug: str):
    """An iCalendar feed (RFC 5545) to subscribe to in Google Calendar, Thunderbird or Outlook:
    one all-day event per stage and sub-stage, `DTEND` exclusive, stable UIDs."""
    base = request.build_absolute_uri("/")
    key = f"tahapan:ics:{cache_versi()}:{slug[:60]}:{base}:{get_language()}"
    body = cache.get(key)
    if body is None:
        pemilu = _pemilu_or_404(slug)

        def url_tahapan(kode: str) -> str:
            return request.build_absolute_uri(
                reverse("tahapan:tahapan", kwargs={"slug": pemilu.slug, "kode": kode})
            )

        body = kalender_ics(pemilu, url_tahapan=url_tahapan)
        cache.set(key, body, CACHE_DETIK)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug[:60]}.ics"'
    return response


__all__ = ["Tahapan", "router"]
