"""The channel inbox in the API (`/api/v1/kanal`): list, make an incident, mark noise.

The providers' webhooks are plain views (`/kanal/<channel>/webhook`), not part of this API.
Every operation needs a signed-in user or a Bearer token of an inbox holder; writes need a
read-write token. A message of another office answers 404.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.akses.api_auth import require_write, token_auth
from sinergi.core.angka import Id
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman, tolak_validasi
from sinergi.core.models import Kerahasiaan
from sinergi.kanal import izin, selectors, services
from sinergi.kanal.forms import FilterPesan
from sinergi.kanal.models import JenisKanal, StatusPesan
from sinergi.kejadian.models import Keparahan

router = Router()


class PesanOut(Schema):
    id: int
    jenis: str
    id_eksternal: str
    alamat_pengirim: str
    nama_pengirim: str
    subjek: str
    isi: str
    lat: float | None
    lng: float | None
    diterima_at: datetime.datetime
    status: str
    kejadian: str | None = None
    tepercaya: bool = False
    ditugaskan_ke: int | None = Field(None, alias="ditugaskan_ke_id")

    @staticmethod
    def resolve_kejadian(obj) -> str | None:
        return str(obj.kejadian.ref) if obj.kejadian_id else None

    @staticmethod
    def resolve_tepercaya(obj) -> bool:
        return obj.pengirim_tepercaya_id is not None


class PesanFilter(Schema):
    jenis: JenisKanal | None = None
    status: StatusPesan | None = None
    q: str = Field("", max_length=100)


class JadikanKejadianIn(Schema):
    kategori: str = Field(..., min_length=1, max_length=40)
    tempat: str = Field(..., min_length=1, max_length=200)
    waktu_kejadian: datetime.datetime | None = None
    uraian: str = Field("", max_length=10_000)
    nomor_tps: int | None = Field(None, ge=1, le=999)
    keparahan: Keparahan = Keparahan.SEDANG
    kerahasiaan: Kerahasiaan = Kerahasiaan.RESTRICTED


class KejadianDibuatOut(Schema):
    ref: str
    pesan: PesanOut


class DerauIn(Schema):
    pesan: list[Id] = Field(..., min_length=1, max_length=200)


class GagalDerauOut(Schema):
    id: int
    message: str


class DerauOut(Schema):
    diubah: list[int]
    gagal: list[GagalDerauOut]


def _wajib(user) -> None:
    if not izin.dapat_kotak(user):
        raise Http404


@router.get(
    "/pesan", response=list[PesanOut], summary=gettext_lazy("Channel inbox"), auth=token_auth
)
@paginate(Halaman)
def pesan_list(request: HttpRequest, filters: Query[PesanFilter]):
    """The caller's office inbox, the newest first; filter by `jenis`, `status`, `q`."""
    _wajib(request.user)
    form = FilterPesan({k: v for k, v in filters.dict().items() if v not in (None, "")})
    if not form.is_valid():
        field, messages = next(iter(form.errors.items()))
        raise FieldInvalid(field, str(messages[0]))
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", False)}
    return selectors.pesan_list(pengguna=request.user, filters=data)


@router.post(
    "/pesan/{pesan_id}/kejadian",
    response={201: KejadianDibuatOut, 422: ErrorOut},
    summary=gettext_lazy("Make a message an incident"),
    auth=token_auth,
)
def pesan_jadikan_kejadian(request: HttpRequest, pesan_id: Id, data: JadikanKejadianIn):
    """Make a new message an incident: category, place (name or code), time (default: the
    message's), description (default: the message's text)."""
    user = require_write(request)
    pesan = selectors.pesan_get(pengguna=user, pk=pesan_id)
    if data.waktu_kejadian is not None and data.waktu_kejadian.tzinfo is None:
        raise FieldInvalid(
            "waktu_kejadian", _("Give the time with its offset, e.g. 2024-02-14T09:30+07:00.")
        )
    try:
        k = services.pesan_jadikan_kejadian(
            pelaku=user,
            pesan=pesan,
            kategori=data.kategori,
            tempat=data.tempat,
            waktu_kejadian=data.waktu_kejadian,
            uraian=data.uraian,
            nomor_tps=data.nomor_tps,
            keparahan=data.keparahan,
            kerahasiaan=data.kerahasiaan,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(
        201, {"ref": str(k.ref), "pesan": selectors.pesan_get(pengguna=user, pk=pesan.pk)}
    )


@router.post(
    "/pesan/derau",
    response={200: DerauOut, 422: ErrorOut},
    summary=gettext_lazy("Mark messages as noise"),
    auth=token_auth,
)
def pesan_derau(request: HttpRequest, data: DerauIn):
    """Mark many messages as noise; each succeeds or fails on its own. Ids outside the
    caller's inbox are not found (404 when none is)."""
    user = require_write(request)
    _wajib(user)
    daftar = selectors.pesan_get_many(pengguna=user, ids=data.pesan)
    if not daftar:
        raise Http404
    done, failed = services.pesan_tandai_derau(pelaku=user, pesan=daftar)
    return {
        "diubah": [p.pk for p in done],
        "gagal": [{"id": p.pk, "message": m} for p, m in failed],
    }
