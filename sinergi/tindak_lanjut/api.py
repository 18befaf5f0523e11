"""Follow-ups in the API (`/api/v1/tindak-lanjut`): list, detail, create, status, updates.

Every operation needs a signed-in user or a Bearer token; writes need a read-write token.
What the caller may not see answers 404.
"""

import datetime
import json

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.akses.api_auth import require_write, token_auth
from sinergi.core.angka import Id
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman, tolak_validasi
from sinergi.core.models import Kerahasiaan
from sinergi.tindak_lanjut import selectors, services
from sinergi.tindak_lanjut.choices import Prioritas, StatusTindakLanjut
from sinergi.tindak_lanjut.filters import FilterTindakLanjut

router = Router()


class TindakLanjutOut(Schema):
    id: int
    judul: str
    uraian: str
    lembaga: int = Field(..., alias="lembaga_id")
    lembaga_nama: str = Field(..., alias="lembaga.nama")
    lembaga_pembuat: int | None = Field(None, alias="lembaga_pembuat_id")
    kode_wilayah: str | None = Field(None, alias="wilayah_id")
    zona_waktu: str
    tenggat: datetime.datetime
    tenggat_ada_jam: bool
    status: str
    prioritas: str
    kerahasiaan: str
    persentase: int
    terlambat: bool = Field(..., alias="is_terlambat")
    alasan_batal: str
    diakui_pada: datetime.datetime | None
    dieskalasi_ke: int | None = Field(None, alias="dieskalasi_ke_id")
    dieskalasi_pada: datetime.datetime | None
    alasan_eskalasi: str
    sumber_jenis: str | None = None
    sumber_id: str
    sumber_label: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_sumber_jenis(obj) -> str | None:
        if not obj.sumber_jenis_id:
            return None
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_id(obj.sumber_jenis_id)  # cached by Django
        return f"{ct.app_label}.{ct.model}"


class PembaruanOut(Schema):
    id: int
    teks: str
    persentase: int | None
    nama_berkas: str
    tipe_berkas: str
    ukuran_berkas: int | None
    unduh: str | None = None
    created_at: datetime.datetime

    @staticmethod
    def resolve_unduh(obj) -> str | None:
        if not obj.berkas:
            return None
        return f"/tindak-lanjut/{obj.tindak_lanjut_id}/pembaruan/{obj.pk}/berkas/"


class TindakLanjutDetailOut(TindakLanjutOut):
    pembaruan: list[PembaruanOut] = Field(..., alias="pembaruan_list")


class TindakLanjutIn(Schema):
    judul: str = Field(..., min_length=1, max_length=200)
    uraian: str = Field("", max_length=5000)
    lembaga: Id
    tenggat_tanggal: datetime.date
    tenggat_jam: datetime.time | None = None
    prioritas: Prioritas = Prioritas.SEDANG
    kerahasiaan: Kerahasiaan = Kerahasiaan.RESTRICTED


class StatusTindakLanjutIn(Schema):
    status: StatusTindakLanjut
    alasan: str = Field("", max_length=2000)


class TindakLanjutFilter(Schema):
    status: str = ""
    lembaga: Id | None = None
    wilayah: str = ""
    terlambat: bool | None = None
    tenggat_sampai: datetime.date | None = None
    q: str = ""


def _filters(filters: TindakLanjutFilter) -> dict:
    form = FilterTindakLanjut(
        {k: v for k, v in filters.dict().items() if v is not None and v != ""}
    )
    if not form.is_valid():
        field, messages = next(iter(form.errors.items()))
        raise FieldInvalid(field, str(messages[0]))
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}


@router.get(
    "",
    response=list[TindakLanjutOut],
    summary=gettext_lazy("List follow-ups"),
    auth=token_auth,
)
@paginate(Halaman)
def tindak_lanjut_list(request: HttpRequest, filters: Query[TindakLanjutFilter]):
    """Follow-ups the caller may read, overdue first. `status` empty: open and in progress;
    `semua`: all. `wilayah`: a region code (its subtree). `terlambat`: overdue now."""
    return selectors.tindak_lanjut_list(pengguna=request.user, filters=_filters(filters))


@router.get(
    "/{tindak_lanjut_id}",
    response=TindakLanjutDetailOut,
    summary=gettext_lazy("One follow-up"),
    auth=token_auth,
)
def tindak_lanjut_detail(request: HttpRequest, tindak_lanjut_id: Id):
    tl = selectors.tindak_lanjut_get(pengguna=request.user, pk=tindak_lanjut_id)
    tl.pembaruan_list = list(selectors.pembaruan_list(tindak_lanjut=tl))
    return tl


@router.post(
    "",
    response={201: TindakLanjutOut, 422: ErrorOut},
    summary=gettext_lazy("Create a follow-up"),
    auth=token_auth,
)
def tindak_lanjut_create(request: HttpRequest, data: TindakLanjutIn):
    """Assign a follow-up to an organization in the caller's scope; due on a local date (and
    optional time) in the region's zone."""
    from sinergi.pemangku.selectors import lembaga_pilih

    user = require_write(request)
    try:
        lembaga = lembaga_pilih(pengguna=user, pk=data.lembaga)
        tl = services.tindak_lanjut_create(
            pelaku=user,
            lembaga=lembaga,
            judul=data.judul,
            uraian=data.uraian,
            tenggat_tanggal=data.tenggat_tanggal,
            tenggat_jam=data.tenggat_jam,
            prioritas=data.prioritas,
            kerahasiaan=data.kerahasiaan,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, selectors.tindak_lanjut_get(pengguna=user, pk=tl.pk))


@router.post(
    "/{tindak_lanjut_id}/status",
    response={200: TindakLanjutOut, 422: ErrorOut},
    summary=gettext_lazy("Change a follow-up's status"),
    auth=token_auth,
)
def tindak_lanjut_status(request: HttpRequest, tindak_lanjut_id: Id, data: StatusTindakLanjutIn):
    """open → in progress → done, or cancelled (with `alasan`) by the assigning organization."""
    user = require_write(request)
    tl = selectors.tindak_lanjut_get(pengguna=user, pk=tindak_lanjut_id)
    try:
        services.tindak_lanjut_update_status(
            pelaku=user, tindak_lanjut=tl, status=data.status, alasan=data.alasan
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, selectors.tindak_lanjut_get(pengguna=user, pk=tl.pk))


_PEMBARUAN_SCHEMA = {
    "type": "object",
    "required": ["teks"],
    "properties": {
        "teks": {"type": "string", "maxLength": 5000},
        "persentase": {"type": "integer", "minimum": 0, "maximum": 100},
        "berkas": {"type": "string", "format": "binary"},
    },
}


def _baca_pembaruan(request: HttpRequest) -> tuple[str, int | None, object]:
    """`teks`, `persentase`, `berkas` from a multipart form or a JSON body."""
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            raise FieldInvalid("__all__", _("The body is not valid JSON.")) from None
        if not isinstance(body, dict):
            raise FieldInvalid("__all__", _("The body is not valid JSON."))
        teks, persentase, berkas = body.get("teks"), body.get("persentase"), None
    else:
        teks, persentase = request.POST.get("teks"), request.POST.get("persentase")
        berkas = request.FILES.get("berkas")
    if not isinstance(teks, str) or not teks.strip():
        raise FieldInvalid("teks", _("This field is required."))
    if len(teks) > 5000:
        raise FieldInvalid("teks", _("At most %(n)s characters.") % {"n": 5000})
    if persentase in (None, ""):
        persentase = None
    else:
        try:
            persentase = int(persentase)
        except (TypeError, ValueError):
            raise FieldInvalid("persentase", _("Must be a whole number.")) from None
        if not 0 <= persentase <= 100:
            raise FieldInvalid("persentase", _("Must be between 0 and 100."))
    return teks, persentase, berkas


@router.post(
    "/{tindak_lanjut_id}/pembaruan",
    response={201: PembaruanOut, 422: ErrorOut},
    summary=gettext_lazy("Add a follow-up update"),
    auth=token_auth,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {"schema": _PEMBARUAN_SCHEMA},
                "application/json": {"schema": _PEMBARUAN_SCHEMA},
            },
        }
    },
)
def tindak_lanjut_pembaruan(request: HttpRequest, tindak_lanjut_id: Id):
    """A progress update: `teks`, optional `persentase` (0 to 100) and, in a multipart form,
    `berkas` (PDF, image or Office file up to 10 MB, checked by its content)."""
    user = require_write(request)
    tl = selectors.tindak_lanjut_get(pengguna=user, pk=tindak_lanjut_id)
    teks, persentase, berkas = _baca_pembaruan(request)
    try:
        pembaruan = services.tindak_lanjut_add_update(
            pelaku=user, tindak_lanjut=tl, teks=teks, persentase=persentase, berkas=berkas
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, pembaruan)
