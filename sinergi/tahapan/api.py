"""Elections and their stages: `/pemilu`, `/pemilu/{slug}`, `/pemilu/{slug}/tahapan`, `.ics`.

The stage list is cached (Django cache) by its parameters and the data version; every write
goes through `services`, which bumps the version.
"""

import datetime as dt
import json

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from sinergi.akses.api_auth import require_write, token_auth
from sinergi.core.angka import Offset
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman, tolak_validasi
from sinergi.core.waktu import hari_ini
from sinergi.tahapan import selectors, services
from sinergi.tahapan.izin import dapat_kelola_rancangan
from sinergi.tahapan.kalender import kalender_ics
from sinergi.tahapan.models import Pemilu, Tahapan
from sinergi.tahapan.services import cache_versi

router = Router()
CACHE_DETIK = 300


LABEL_RANCANGAN = "rancangan — belum resmi"


class PemiluOut(Schema):
    slug: str
    jenis: str
    nama: str
    nama_en: str
    hari_pemungutan: dt.date | None
    dasar_hukum: str
    status: str = Field(description='"resmi" (official) or "rancangan" (draft, not official).')
    resmi: bool
    label_status: str = Field(description='"rancangan — belum resmi" for a draft, else "".')
    pkpu_jadwal: str
    sumber: str
    keyakinan: str

    @staticmethod
    def resolve_resmi(obj) -> bool:
        return not obj.rancangan

    @staticmethod
    def resolve_label_status(obj) -> str:
        return LABEL_RANCANGAN if obj.rancangan else ""


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
    jenis_waktu: str = Field(
        description='"rentang" (a span), "tenggat" (a deadline: only an end, "paling lambat") '
        'or "aturan" (a rule without a date yet).'
    )
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


@router.get("/pemilu", response=list[PemiluOut], summary=gettext_lazy("List elections"))
@paginate(Halaman)
def pemilu_list(request: HttpRequest):
    """Every election Sinergi knows, the most recent voting day first."""
    return selectors.pemilu_list()


@router.get("/pemilu/{slug}", response=PemiluDetail, summary=gettext_lazy("One election"))
def pemilu_detail(request: HttpRequest, slug: str):
    """One election with its statutory list of stages, span and countdown to voting day."""
    return _detail(request, _pemilu_or_404(slug))


class PemiluBaruIn(Schema):
    cara: str = Field(description='"salin" (copy `sumber` to the new voting day) or "uu".')
    slug: str = Field(..., min_length=1, max_length=60, pattern=r"^[-a-z0-9]+$")
    nama: str = Field(..., min_length=1, max_length=200)
    nama_en: str = Field("", max_length=200)
    hari_pemungutan: dt.date
    sumber: str | None = Field(None, max_length=60, description='Slug to copy (cara "salin").')
    jenis: str = Field("pemilu", max_length=20, description='Kind (cara "uu"): "pemilu".')


class TerbitkanIn(Schema):
    pkpu_jadwal: str = Field(..., max_length=200)


def _admin_sistem_or_404(request: HttpRequest) -> None:
    require_write(request)
    if not dapat_kelola_rancangan(request.user):
        raise Http404


def _detail(request: HttpRequest, pemilu: Pemilu) -> Pemilu:
    pemilu.mulai, pemilu.selesai = selectors.rentang_pemilu(pemilu)
    pemilu.hari_menuju_pemungutan = selectors.hari_menuju_pemungutan(pemilu, hari_ini())
    pemilu.kalender = request.build_absolute_uri(
        reverse("api:tahapan_kalender", kwargs={"slug": pemilu.slug})
    )
    return pemilu


@router.post(
    "/pemilu",
    response={201: PemiluDetail, 422: ErrorOut},
    summary=gettext_lazy("Create a draft election"),
    auth=token_auth,
)
def pemilu_baru(request: HttpRequest, data: PemiluBaruIn):
    """A new election as a draft ("rancangan"), for system administrators (404 otherwise):
    `cara="salin"` copies `sumber`'s schedule shifted to `hari_pemungutan`; `cara="uu"` builds
    it from the periods UU 7/2017 sets relative to voting day. Audited."""
    _admin_sistem_or_404(request)
    umum = {
        "pelaku": request.user,
        "slug": data.slug,
        "nama": data.nama,
        "nama_en": data.nama_en,
        "hari_pemungutan": data.hari_pemungutan,
    }
    try:
        if data.cara == "salin":
            sumber = selectors.pemilu_get(data.sumber or "")
            if sumber is None:
                raise FieldInvalid("sumber", _("Choose the election to copy."))
            baru = services.pemilu_salin(sumber=sumber, **umum)
        elif data.cara == "uu":
            baru = services.pemilu_rancang_uu(jenis=data.jenis, **umum)
        else:
            raise FieldInvalid("cara", _('Use "salin" or "uu".'))
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, _detail(request, baru))


@router.post(
    "/pemilu/{slug}/terbitkan",
    response={200: PemiluDetail, 422: ErrorOut},
    summary=gettext_lazy("Publish a draft election"),
    auth=token_auth,
)
def pemilu_terbitkan(request: HttpRequest, slug: str, data: TerbitkanIn):
    """Publish a draft once the KPU regulation on its schedule is set (system administrators;
    404 otherwise). Audited."""
    _admin_sistem_or_404(request)
    pemilu = _pemilu_or_404(slug)
    try:
        services.pemilu_terbitkan(pelaku=request.user, pemilu=pemilu, pkpu_jadwal=data.pkpu_jadwal)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, _detail(request, pemilu))


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
    summary=gettext_lazy("Stages of an election"),
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
    summary=gettext_lazy("Stage calendar (iCalendar)"),
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
