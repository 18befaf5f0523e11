"""The early-warning API (`/api/v1/peringatan`): alerts (list, detail, acknowledge/close),
rules, the subscriptions of the caller's organization, the webhook delivery log of its alerts
and the dashboard data of a region (the same numbers as the dashboard page).

Every operation needs a signed-in user or a Bearer token; writes need a read-write token.
What the caller may not see answers 404.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.akses.api_auth import require_write, token_auth
from sinergi.core.angka import Id
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman, tolak_validasi
from sinergi.kejadian import dasbor as dasbor_sel
from sinergi.kejadian import peringatan as svc
from sinergi.kejadian.models import AturanPeringatan, Keparahan, StatusPeringatan

router = Router()


class PeringatanOut(Schema):
    id: int
    aturan: str = Field(..., alias="aturan.kode")
    jenis: str = Field(..., alias="aturan.jenis")
    kode_wilayah: str | None = Field(None, alias="wilayah_id")
    nama_wilayah: str | None = None
    kategori: str | None = Field(None, alias="kategori_id")
    judul: str = Field(..., alias="judul_tampil", description="In the request's language.")
    uraian: str
    data: dict
    keparahan: str
    kerahasiaan: str
    status: str
    status_alasan: str
    status_at: datetime.datetime | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_nama_wilayah(obj) -> str | None:
        return obj.wilayah.nama if obj.wilayah_id else None


class FilterPeringatan(Schema):
    status: str = ""
    wilayah: str = ""
    aturan: str = ""
    kategori: str = ""
    keparahan: str = ""
    q: str = ""


class StatusPeringatanIn(Schema):
    status: StatusPeringatan
    alasan: str = Field("", max_length=2000)


class AturanOut(Schema):
    id: int
    kode: str
    nama: str
    jenis: str
    kategori: str | None = Field(None, alias="kategori_id")
    tingkat_wilayah: str
    parameter: dict
    keparahan: str
    is_active: bool


class LanggananOut(Schema):
    id: int
    lembaga: int = Field(..., alias="lembaga_id")
    aturan: str | None = None
    kode_wilayah: str | None = Field(None, alias="wilayah_id")
    email: bool
    webhook: bool
    ringkasan_harian: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_aturan(obj) -> str | None:
        return obj.aturan.kode if obj.aturan_id else None


class LanggananIn(Schema):
    aturan: str = Field("", description="A rule code; empty: every rule.")
    kode_wilayah: str = Field("", description="Empty: the organization's own region.")
    email: bool = True
    webhook: bool = False
    ringkasan_harian: bool = True


class PengirimanWebhookPeringatanOut(Schema):
    id: int
    peristiwa: str
    status: str
    percobaan: int
    kode_http: int | None
    galat: str
    peringatan: int | None = None
    created_at: datetime.datetime
    terkirim_at: datetime.datetime | None

    @staticmethod
    def resolve_peringatan(obj) -> int | None:
        return (obj.payload or {}).get("id")


class KlasterOut(Schema):
    kode: str
    nama: str
    jumlah: int
    lat: float | None
    lng: float | None


class KategoriDeretOut(Schema):
    kode: str
    nama: str
    jumlah: int


class HariOut(Schema):
    tanggal: datetime.date
    jumlah: int
    per_kategori: dict[str, int]


class DeretOut(Schema):
    kategori: list[KategoriDeretOut]
    hari: list[HariOut]


class WilayahDasborOut(Schema):
    kode: str
    nama: str
    tingkat: str
    zona_waktu: str


class TindakLanjutDasborOut(Schema):
    terbuka: int
    terlambat: int


class DasborOut(Schema):
    wilayah: WilayahDasborOut
    hari: int
    sejak: datetime.datetime
    jumlah_kejadian: int
    antrean_triase: int
    status: dict[str, int]
    peta: list[KlasterOut]
    deret: DeretOut
    tindak_lanjut: TindakLanjutDasborOut
    peringatan_aktif: int
    peringatan: list[PeringatanOut]


@router.get(
    "",
    response=list[PeringatanOut],
    summary=gettext_lazy("List early-warning alerts"),
    auth=token_auth,
)
@paginate(Halaman)
def peringatan_list(request: HttpRequest, filters: Query[FilterPeringatan]):
    """Alerts the caller may see, newest first. `status` empty: active and acknowledged;
    `semua`: all; or `aktif`, `ditangani`, `ditutup`. `wilayah`: a region code (subtree)."""
    f = filters.dict()
    if f["status"] and f["status"] != "semua" and f["status"] not in StatusPeringatan.values:
        raise FieldInvalid("status", _("Unknown status."))
    if f["keparahan"] and f["keparahan"] not in Keparahan.values:
        raise FieldInvalid("keparahan", _("Unknown severity."))
    return svc.peringatan_list(pengguna=request.user, filters={k: v for k, v in f.items() if v})


@router.get(
    "/aturan",
    response=list[AturanOut],
    summary=gettext_lazy("Early-warning rules"),
    auth=token_auth,
)
@paginate(Halaman)
def aturan_list(request: HttpRequest):
    """The early-warning rules (system and organization administrators; 404 for others)."""
    from django.http import Http404

    if not svc.dapat_lihat_aturan(request.user):
        raise Http404
    return svc.aturan_list(pengguna=request.user)


@router.get(
    "/langganan",
    response=list[LanggananOut],
    summary=gettext_lazy("My organization's alert subscriptions"),
    auth=token_auth,
)
@paginate(Halaman)
def langganan_list(request: HttpRequest):
    """The subscriptions of the caller's organization."""
    return svc.langganan_list(pengguna=request.user)


@router.post(
    "/langganan",
    response={201: LanggananOut, 422: ErrorOut},
    summary=gettext_lazy("Subscribe to alerts"),
    auth=token_auth,
)
def langganan_create(request: HttpRequest, data: LanggananIn):
    """Subscribe the caller's organization (its administrators only; 404 for others)."""
    user = require_write(request)
    aturan = None
    if data.aturan:
        aturan = AturanPeringatan.objects.filter(kode=data.aturan, is_active=True).first()
        if aturan is None:
            raise FieldInvalid("aturan", _("Unknown rule."))
    try:
        obj = svc.langganan_create(
            pelaku=user,
            aturan=aturan,
            kode_wilayah=data.kode_wilayah.strip(),
            email=data.email,
            webhook=data.webhook,
            ringkasan_harian=data.ringkasan_harian,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, obj)


@router.delete(
    "/langganan/{langganan_id}",
    response={204: None},
    summary=gettext_lazy("Delete an alert subscription"),
    auth=token_auth,
)
def langganan_delete(request: HttpRequest, langganan_id: Id):
    user = require_write(request)
    obj = svc.langganan_get(pengguna=user, pk=langganan_id)
    svc.langganan_delete(pelaku=user, langganan=obj)
    return Status(204, None)


@router.get(
    "/webhook",
    response=list[PengirimanWebhookPeringatanOut],
    summary=gettext_lazy("Alert webhook delivery log"),
    auth=token_auth,
)
@paginate(Halaman)
def pengiriman_webhook_list(request: HttpRequest):
    """The calls of the caller's organization's webhook for alerts (`peringatan.baru`)."""
    return svc.pengiriman_webhook_list(pengguna=request.user)


@router.get(
    "/dasbor", response=DasborOut, summary=gettext_lazy("Region dashboard data"), auth=token_auth
)
def dasbor(request: HttpRequest, wilayah: str = "", hari: int = dasbor_sel.HARI_BAKU):
    """The dashboard numbers of a region in the caller's scope (default: the whole scope;
    outside it: 404): incidents per child region (map clusters), per day and category, the
    triage queue, open and overdue follow-ups, active alerts."""
    if not 1 <= hari <= dasbor_sel.HARI_MAKS:
        raise FieldInvalid("hari", _("Must be between 1 and %(n)s.") % {"n": dasbor_sel.HARI_MAKS})
    return dasbor_sel.dasbor_data(pengguna=request.user, kode=wilayah, hari=hari)


@router.get(
    "/{peringatan_id}", response=PeringatanOut, summary=gettext_lazy("One alert"), auth=token_auth
)
def peringatan_detail(request: HttpRequest, peringatan_id: Id):
    return svc.peringatan_get(pengguna=request.user, pk=peringatan_id)


@router.post(
    "/{peringatan_id}/status",
    response={200: PeringatanOut, 422: ErrorOut},
    summary=gettext_lazy("Acknowledge or close an alert"),
    auth=token_auth,
)
def peringatan_status(request: HttpRequest, peringatan_id: Id, data: StatusPeringatanIn):
    """`ditangani` (acknowledge) or `ditutup` (close, `alasan` required)."""
    user = require_write(request)
    p = svc.peringatan_get(pengguna=user, pk=peringatan_id)
    try:
        svc.peringatan_ubah_status(
            pelaku=user, peringatan=p, status=data.status, alasan=data.alasan
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, svc.peringatan_get(pengguna=user, pk=p.pk))
