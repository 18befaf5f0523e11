"""The incident API (`/api/v1/kejadian`): intake, list, detail, transitions, triage.

Every operation but the category list needs a signed-in user or a Bearer token; writes need a
read-write token. What the caller may not see answers 404.

The intake (`POST /api/v1/kejadian`) is the election-day hot path: the body size is checked
before it is read, the body is parsed once, and the service costs one INSERT and one audit
row (categories, regions and the stage of each day are cached). Under an `Idempotency-Key`
header the same key from the same submitter with the same body answers the first incident
again (200); with another body, 409.
"""

import datetime
import uuid

import pydantic
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate

from sinergi.akses.api_auth import require_write, token_auth, token_or_anonymous
from sinergi.core.angka import Id
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman, skema_sebaris, tolak_validasi
from sinergi.core.models import Kerahasiaan
from sinergi.kejadian import izin, selectors, services
from sinergi.kejadian.filters import FilterKejadian
from sinergi.kejadian.models import KategoriKejadian, Keparahan, StatusKejadian, SumberLaporan

router = Router()

MAKS_BODY = 64 * 1024  # an incident report is a few hundred bytes
MAKS_KUNCI = 100


# --- schemas ----------------------------------------------------------------------------------
class KategoriOut(Schema):
    kode: str
    nama: str
    nama_en: str
    uraian: str


class KejadianOut(Schema):
    ref: uuid.UUID
    kategori: str = Field(..., alias="kategori_id")
    kode_wilayah: str = Field(..., alias="wilayah_id")
    tahapan: int | None = Field(None, alias="tahapan_id")
    tps: int | None = Field(None, alias="tps_id")
    waktu_kejadian: datetime.datetime
    zona_waktu: str
    judul: str
    uraian: str
    sumber: str
    lembaga_pelapor: int | None = Field(None, alias="lembaga_pelapor_id")
    kerahasiaan: str
    keparahan: str
    status: str
    induk: uuid.UUID | None = None
    lat: float | None
    lng: float | None
    lembaga_verifikator: int | None = Field(None, alias="lembaga_verifikator_id")
    diverifikasi_at: datetime.datetime | None
    dirutekan_at: datetime.datetime | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_induk(obj) -> uuid.UUID | None:
        return obj.induk.ref if obj.induk_id else None

    @staticmethod
    def resolve_waktu_kejadian(obj) -> datetime.datetime:
        # Always in UTC, whether the object was just created or read back.
        return obj.waktu_kejadian.astimezone(datetime.UTC)


class RiwayatOut(Schema):
    dari: str
    ke: str
    alasan: str
    pelaku: str | None = None
    created_at: datetime.datetime

    @staticmethod
    def resolve_pelaku(obj) -> str | None:
        return str(obj.pelaku) if obj.pelaku_id else None


class LampiranKejadianOut(Schema):
    id: int
    nama: str
    jenis_mime: str
    ukuran: int
    unduh: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_unduh(obj) -> str:
        return f"/kejadian/{obj.kejadian.ref}/lampiran/{obj.pk}/"


class TindakLanjutRingkas(Schema):
    id: int
    judul: str
    lembaga: int = Field(..., alias="lembaga_id")
    lembaga_nama: str = Field(..., alias="lembaga.nama")
    status: str
    tenggat: datetime.datetime
    diakui_pada: datetime.datetime | None


class KejadianDetailOut(KejadianOut):
    kategori_nama: str = Field(..., alias="kategori.nama")
    wilayah_nama: str = Field(..., alias="wilayah.nama")
    nama_pelapor: str | None = None
    kontak_pelapor: str | None = None
    pelapor_dilindungi: bool = Field(
        False, description="The reporter's identity exists but is not for you (UU PDP 27/2022)."
    )
    riwayat: list[RiwayatOut] = Field(..., alias="riwayat_list")
    lampiran: list[LampiranKejadianOut] = Field(..., alias="lampiran_list")
    tindak_lanjut: list[TindakLanjutRingkas] = Field(..., alias="tindak_lanjut_list")
    duplikat: list[uuid.UUID] = Field(..., alias="duplikat_list")


class KejadianIn(Schema):
    kategori: str = Field(..., max_length=40, description="Category code, e.g. politik_uang.")
    kode_wilayah: str = Field(..., max_length=20, description="Region code at any level.")
    waktu_kejadian: datetime.datetime = Field(..., description="ISO 8601 with its offset.")
    uraian: str = Field(..., max_length=services.MAKS_URAIAN)
    judul: str = Field("", max_length=200)
    kode_tps: str = Field("", max_length=40, description="<village code>-<number>")
    nomor_tps: int | None = Field(None, ge=1, le=9999, description="TPS number in the village")
    keparahan: Keparahan = Keparahan.SEDANG
    kerahasiaan: Kerahasiaan = Kerahasiaan.RESTRICTED
    sumber: SumberLaporan | None = Field(
        None,
        description=(
            "Set by the server: petugas (KPU/Bawaslu staff) or pemangku (other organizations); "
            "send media or hotline when you relay a report received that way. publik is refused "
            "(only the public form makes a public report)."
        ),
    )
    lat: float | None = None
    lng: float | None = None
    tahapan: Id | None = Field(None, description="Stage id; suggested from the date if empty.")


class TransisiIn(Schema):
    status: StatusKejadian
    alasan: str = Field(..., max_length=2000)


class MassalIn(Schema):
    refs: list[uuid.UUID] = Field(..., min_length=1, max_length=200)
    status: StatusKejadian
    alasan: str = Field(..., max_length=2000)


class GagalOut(Schema):
    ref: uuid.UUID
    message: str


class MassalOut(Schema):
    berhasil: list[uuid.UUID]
    gagal: list[GagalOut]


class GabungIn(Schema):
    duplikat: list[uuid.UUID] = Field(..., min_length=1, max_length=100)
    alasan: str = Field("", max_length=2000)


class RuteOut(Schema):
    dibuat: list[TindakLanjutRingkas]
    sudah_ada: list[str]
    tanpa_lembaga: list[str]


class KejadianFilter(Schema):
    q: str = ""
    kategori: str = ""
    status: str = ""
    wilayah: str = ""
    sumber: str = ""
    keparahan: str = ""
    dari: datetime.date | None = None
    sampai: datetime.date | None = None


def _filters(filters: KejadianFilter) -> dict:
    form = FilterKejadian({k: v for k, v in filters.dict().items() if v is not None and v != ""})
    if not form.is_valid():
        field, messages = next(iter(form.errors.items()))
        raise FieldInvalid(field, str(messages[0]))
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}


def _detail(request: HttpRequest, k):
    k.riwayat_list = list(selectors.riwayat_list(kejadian=k))
    k.lampiran_list = list(selectors.lampiran_list(kejadian=k).select_related("kejadian"))
    k.tindak_lanjut_list = list(selectors.tindak_lanjut_list(pengguna=request.user, kejadian=k))
    k.duplikat_list = [
        d.ref for d in selectors.kejadian_duplikat(pengguna=request.user, kejadian=k)[:50]
    ]
    k.pelapor_dilindungi = False
    if not izin.dapat_lihat_pelapor(request.user, k):
        k.pelapor_dilindungi = bool(k.pelapor_id or k.nama_pelapor or k.kontak_pelapor)
        k.nama_pelapor = k.kontak_pelapor = None
    return k


# --- endpoints --------------------------------------------------------------------------------
@router.get(
    "/kategori",
    response=list[KategoriOut],
    summary=gettext_lazy("Incident categories"),
    auth=token_or_anonymous,
)
def kategori_list(request: HttpRequest):
    """The active incident categories (public reference data)."""
    return KategoriKejadian.objects.filter(is_active=True).order_by("urutan", "kode")


def _terlalu_besar() -> Status:
    return Status(
        413,
        {
            "message": _("The request body is larger than %(n)s KB.") % {"n": MAKS_BODY // 1024},
            "errors": [],
        },
    )


@router.post(
    "",
    response={200: KejadianOut, 201: KejadianOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary=gettext_lazy("Report an incident"),
    auth=token_auth,
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": False,
                "schema": {"type": "string", "maxLength": MAKS_KUNCI},
                "description": "Retries with the same key and body return the first incident.",
            }
        ],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": skema_sebaris(KejadianIn)}},
        },
    },
)
def kejadian_create(request: HttpRequest):
    """Report an incident (201). Under `Idempotency-Key`, a retry with the same body answers
    the first incident (200) and another body 409. Bodies over 64 KB answer 413."""
    user = require_write(request)
    try:
        panjang = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        panjang = 0
    if panjang > MAKS_BODY:
        return _terlalu_besar()
    try:
        isi = request.body
    except RequestDataTooBig:
        return _terlalu_besar()
    if len(isi) > MAKS_BODY:
        return _terlalu_besar()
    kunci = request.headers.get("Idempotency-Key", "").strip()
    if len(kunci) > MAKS_KUNCI:
        raise FieldInvalid("Idempotency-Key", _("At most %(n)s characters.") % {"n": MAKS_KUNCI})
    try:
        data = KejadianIn.model_validate_json(isi or b"{}")
    except pydantic.ValidationError as exc:
        errors = exc.errors(include_url=False)
        if any(e.get("type") == "json_invalid" for e in errors):
            raise FieldInvalid("__all__", _("The body is not valid JSON.")) from None
        raise NinjaValidationError(errors) from None
    try:
        # The body's meaning, not its bytes, decides "the same body": key order and spacing
        # may differ between a first try and a retry.
        hasil = services.kejadian_terima(
            pelaku=user,
            kunci_idempotensi=kunci,
            isi=data.model_dump_json(),
            **data.model_dump(),
        )
    except services.KunciBentrok:
        return Status(
            409,
            {
                "message": _(
                    "This Idempotency-Key was already used for a different report. Send a new "
                    "key for a new report, or the same body to retry."
                ),
                "errors": [{"field": "Idempotency-Key", "message": _("Key already used.")}],
            },
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201 if hasil.baru else 200, hasil.kejadian)


@router.get("", response=list[KejadianOut], summary=gettext_lazy("List incidents"), auth=token_auth)
@paginate(Halaman)
def kejadian_list(request: HttpRequest, filters: Query[KejadianFilter]):
    """Incidents the caller may read, latest first. `wilayah`: a region code or name (subtree);
    `status`: one status, or `terbuka` for everything not closed."""
    return selectors.kejadian_list(pengguna=request.user, filters=_filters(filters)).select_related(
        "induk"
    )


@router.post(
    "/massal",
    response={200: MassalOut, 422: ErrorOut},
    summary=gettext_lazy("Verify or reject incidents in bulk"),
    auth=token_auth,
)
def kejadian_massal(request: HttpRequest, data: MassalIn):
    """Verify or reject many incidents with one reason; each succeeds or fails on its own."""
    user = require_write(request)
    if not izin.is_verifikator(user):
        raise Http404
    daftar = selectors.kejadian_get_many(pengguna=user, refs=data.refs)
    if not daftar:
        raise Http404
    try:
        done, failed = services.kejadian_transisi_massal(
            pelaku=user, kejadian=daftar, status=data.status, alasan=data.alasan
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    found = {k.ref for k in daftar}
    gagal = [{"ref": k.ref, "message": m} for k, m in failed]
    gagal += [{"ref": r, "message": _("Not found.")} for r in data.refs if r not in found]
    return Status(200, {"berhasil": [k.ref for k in done], "gagal": gagal})


@router.get(
    "/{uuid:ref}", response=KejadianDetailOut, summary=gettext_lazy("One incident"), auth=token_auth
)
def kejadian_detail(request: HttpRequest, ref: uuid.UUID):
    """One incident with its history, attachments, follow-ups and possible duplicates. The
    reporter's name and contact are null unless the caller may see them."""
    return _detail(request, selectors.kejadian_get(pengguna=request.user, ref=ref))


@router.post(
    "/{uuid:ref}/transisi",
    response={200: KejadianDetailOut, 422: ErrorOut},
    summary=gettext_lazy("Change an incident's status"),
    auth=token_auth,
)
def kejadian_transisi(request: HttpRequest, ref: uuid.UUID, data: TransisiIn):
    """reported → verified | rejected (KPU/Bawaslu in scope); verified → in handling →
    resolved (also the organizations holding a follow-up). `alasan` is required. Verifying
    routes the incident to the duty-matrix organizations."""
    user = require_write(request)
    k = selectors.kejadian_get(pengguna=user, ref=ref)
    try:
        services.kejadian_transisi(pelaku=user, kejadian=k, status=data.status, alasan=data.alasan)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, _detail(request, selectors.kejadian_get(pengguna=user, ref=ref)))


@router.get(
    "/{uuid:ref}/duplikat",
    response=list[KejadianOut],
    summary=gettext_lazy("Possible duplicates"),
    auth=token_auth,
)
def kejadian_duplikat(request: HttpRequest, ref: uuid.UUID):
    """Same category, same region or one above/below it, within ±6 hours, not rejected or
    merged."""
    k = selectors.kejadian_get(pengguna=request.user, ref=ref)
    return selectors.kejadian_duplikat(pengguna=request.user, kejadian=k).select_related("induk")[
        :100
    ]


@router.post(
    "/{uuid:ref}/gabung",
    response={200: KejadianDetailOut, 422: ErrorOut},
    summary=gettext_lazy("Merge duplicates"),
    auth=token_auth,
)
def kejadian_gabung(request: HttpRequest, ref: uuid.UUID, data: GabungIn):
    """Merge the listed reports into this one; each original is kept (status `digabung`)."""
    user = require_write(request)
    k = selectors.kejadian_get(pengguna=user, ref=ref)
    duplikat = selectors.kejadian_get_many(pengguna=user, refs=data.duplikat)
    if len(duplikat) != len(set(data.duplikat)):
        raise FieldInvalid("duplikat", _("One or more reports were not found."))
    try:
        services.kejadian_gabung(pelaku=user, induk=k, duplikat=duplikat, alasan=data.alasan)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, _detail(request, selectors.kejadian_get(pengguna=user, ref=ref)))


@router.post(
    "/{uuid:ref}/rute",
    response={200: RuteOut, 422: ErrorOut},
    summary=gettext_lazy("Route an incident"),
    auth=token_auth,
)
def kejadian_rute(request: HttpRequest, ref: uuid.UUID):
    """Create the missing follow-ups of the duty matrix (idempotent)."""
    user = require_write(request)
    k = selectors.kejadian_get(pengguna=user, ref=ref)
    try:
        hasil = services.kejadian_rute(pelaku=user, kejadian=k)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(
        200,
        {
            "dibuat": hasil.dibuat,
            "sudah_ada": [lem.nama for lem in hasil.sudah_ada],
            "tanpa_lembaga": [b.jenis_lembaga_id for b in hasil.tanpa_lembaga],
        },
    )


_LAMPIRAN_SCHEMA = {
    "type": "object",
    "required": ["berkas"],
    "properties": {"berkas": {"type": "string", "format": "binary"}},
}


@router.post(
    "/{uuid:ref}/lampiran",
    response={201: LampiranKejadianOut, 422: ErrorOut},
    summary=gettext_lazy("Add an incident attachment"),
    auth=token_auth,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"multipart/form-data": {"schema": _LAMPIRAN_SCHEMA}},
        }
    },
)
def kejadian_lampiran(request: HttpRequest, ref: uuid.UUID):
    """`berkas` (multipart): a photo (PNG, JPEG, WebP) or PDF up to 10 MB whose content
    matches its extension."""
    user = require_write(request)
    k = selectors.kejadian_get(pengguna=user, ref=ref)
    try:
        lampiran = services.lampiran_tambah(
            pelaku=user, kejadian=k, berkas=request.FILES.get("berkas")
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, lampiran)
