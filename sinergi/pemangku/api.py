"""The stakeholder API: organizations (public), contact people (scoped), duties (public).

Mounted at the root of /api/v1/, so the paths are /lembaga, /kontak, /tupoksi, /jenis-lembaga.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.akses.api_auth import require_write, token_auth, token_or_anonymous
from sinergi.core.angka import Id, angka
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman, tolak_validasi
from sinergi.pemangku import selectors, services
from sinergi.pemangku.filters import KontakFilter, LembagaFilter, TupoksiFilter
from sinergi.pemangku.models import JenisLembaga, Lembaga

router = Router()


class JenisLembagaOut(Schema):
    kode: str
    nama: str
    nama_en: str
    kelompok: str


class LembagaRingkas(Schema):
    id: int
    nama: str


class LembagaOut(Schema):
    id: int
    nama: str
    singkatan: str
    jenis: str = Field(..., alias="jenis_id")
    tingkat: str
    wilayah: str | None = Field(None, alias="wilayah_id")
    wilayah_nama: str | None = Field(None, alias="wilayah.nama")
    induk: int | None = Field(None, alias="induk_id")
    alamat: str
    telepon: str
    email: str
    situs: str
    is_active: bool


class LembagaIn(Schema):
    nama: str = Field(..., max_length=200)
    jenis: str = Field(..., max_length=40)
    tingkat: str = Field(..., max_length=20)
    wilayah: str | None = Field(None, max_length=13)
    induk: Id | None = None
    singkatan: str = Field("", max_length=40)
    alamat: str = Field("", max_length=300)
    telepon: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    situs: str = Field("", max_length=200)


class LembagaPatch(Schema):
    nama: str | None = Field(None, max_length=200)
    singkatan: str | None = Field(None, max_length=40)
    induk: Id | None = None
    alamat: str | None = Field(None, max_length=300)
    telepon: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)
    situs: str | None = Field(None, max_length=200)


class KontakOut(Schema):
    id: int
    lembaga: LembagaRingkas
    nama: str
    jabatan: str
    unit: str
    telepon: str
    email: str


class KontakIn(Schema):
    nama: str = Field(..., max_length=150)
    jabatan: str = Field(..., max_length=150)
    unit: str = Field("", max_length=150)
    telepon: str = Field("", max_length=30)
    email: str = Field("", max_length=254)


class KontakPatch(Schema):
    nama: str | None = Field(None, max_length=150)
    jabatan: str | None = Field(None, max_length=150)
    unit: str | None = Field(None, max_length=150)
    telepon: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)


class TahapanRingkasPemangku(Schema):
    id: int
    kode: str
    nama: str


class TupoksiOut(Schema):
    kode: str
    jenis: str = Field(..., alias="jenis_id")
    pemilu: str | None = Field(None, alias="pemilu.slug")
    tahapan: TahapanRingkasPemangku | None = None
    uraian: str
    dasar_hukum: str
    pasal: str
    keyakinan: str
    catatan: str
    sumber: str


def _wilayah(kode: str | None):
    if not kode:
        return None
    from sinergi.wilayah.selectors import wilayah_get

    wilayah = wilayah_get(kode)
    if wilayah is None:
        raise FieldInvalid("wilayah", _("Unknown region code."))
    return wilayah


def _induk(pk: int | None, pengguna) -> Lembaga | None:
    if pk is None:
        return None
    try:
        return selectors.lembaga_get(pengguna=pengguna, pk=pk)
    except Http404:
        raise FieldInvalid("induk", _("Unknown organization.")) from None


@router.get(
    "/jenis-lembaga", response=list[JenisLembagaOut], summary=gettext_lazy("Organization types")
)
def jenis_lembaga_list(request: HttpRequest):
    """Organization types (KPU, Bawaslu, Polri, …), the vocabulary of `jenis` filters."""
    return list(selectors.jenis_lembaga_list())


@router.get(
    "/lembaga",
    response=list[LembagaOut],
    summary=gettext_lazy("List organizations"),
    auth=token_or_anonymous,
)
@paginate(Halaman)
def lembaga_list(request: HttpRequest, filters: Query[LembagaFilter]):
    """Active organizations by type (`jenis`), level (`tingkat`), region subtree (`wilayah`),
    parent organization (`induk`) and name (`q`). A public directory."""
    return selectors.lembaga_list(pengguna=request.user, **filters.dict())


@router.get(
    "/lembaga/{lembaga_id}",
    response=LembagaOut,
    summary=gettext_lazy("One organization"),
    auth=token_or_anonymous,
)
def lembaga_detail(request: HttpRequest, lembaga_id: Id):
    return selectors.lembaga_get(pengguna=request.user, pk=lembaga_id)


@router.post(
    "/lembaga",
    response={201: LembagaOut, 422: ErrorOut},
    summary=gettext_lazy("Register an organization"),
    auth=token_auth,
)
def lembaga_create(request: HttpRequest, data: LembagaIn):
    """Register an organization (KPU/Bawaslu leadership in their region, system admins)."""
    user = require_write(request)
    jenis = JenisLembaga.objects.filter(kode=data.jenis).first()
    if jenis is None:
        raise FieldInvalid("jenis", _("Unknown organization type."))
    try:
        lembaga = services.lembaga_create(
            pelaku=user,
            nama=data.nama,
            jenis=jenis,
            tingkat=data.tingkat,
            wilayah=_wilayah(data.wilayah),
            induk=_induk(data.induk, user),
            singkatan=data.singkatan,
            alamat=data.alamat,
            telepon=data.telepon,
            email=data.email,
            situs=data.situs,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, lembaga)


@router.patch(
    "/lembaga/{lembaga_id}",
    response={200: LembagaOut, 422: ErrorOut},
    summary=gettext_lazy("Change an organization"),
    auth=token_auth,
)
def lembaga_update(request: HttpRequest, lembaga_id: Id, data: LembagaPatch):
    user = require_write(request)
    lembaga = selectors.lembaga_get(pengguna=user, pk=lembaga_id)
    perubahan = data.dict(exclude_unset=True)
    if "induk" in perubahan:
        perubahan["induk"] = _induk(perubahan["induk"], user)
    perubahan = {k: v for k, v in perubahan.items() if v is not None or k == "induk"}
    try:
        lembaga = services.lembaga_update(pelaku=user, lembaga=lembaga, **perubahan)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, lembaga)


@router.get(
    "/lembaga/{lembaga_id}/kontak",
    response=list[KontakOut],
    summary=gettext_lazy("Contacts of one organization"),
    auth=token_or_anonymous,
)
@paginate(Halaman)
def lembaga_kontak(request: HttpRequest, lembaga_id: Id):
    """The organization's contact people: 404 unless your region scope covers it."""
    lembaga = selectors.lembaga_get(pengguna=request.user, pk=lembaga_id)
    if not selectors.dapat_lihat_kontak(request.user, lembaga):
        raise Http404
    return selectors.kontak_list(pengguna=request.user, lembaga=lembaga)


@router.post(
    "/lembaga/{lembaga_id}/kontak",
    response={201: KontakOut, 422: ErrorOut},
    summary=gettext_lazy("Add a contact"),
    auth=token_auth,
)
def kontak_create(request: HttpRequest, lembaga_id: Id, data: KontakIn):
    user = require_write(request)
    lembaga = selectors.lembaga_get(pengguna=user, pk=lembaga_id)
    if not selectors.dapat_lihat_kontak(user, lembaga):
        raise Http404
    try:
        kontak = services.kontak_create(pelaku=user, lembaga=lembaga, **data.dict())
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, kontak)


@router.get(
    "/kontak",
    response=list[KontakOut],
    summary=gettext_lazy("List contacts"),
    auth=token_or_anonymous,
)
@paginate(Halaman)
def kontak_list(request: HttpRequest, filters: Query[KontakFilter]):
    """Contact people you may see (your region subtree); empty for anonymous visitors."""
    return selectors.kontak_list(pengguna=request.user, **filters.dict())


@router.get(
    "/kontak/{kontak_id}",
    response=KontakOut,
    summary=gettext_lazy("One contact"),
    auth=token_or_anonymous,
)
def kontak_detail(request: HttpRequest, kontak_id: Id):
    return selectors.kontak_get(pengguna=request.user, pk=kontak_id)


@router.patch(
    "/kontak/{kontak_id}",
    response={200: KontakOut, 422: ErrorOut},
    summary=gettext_lazy("Change a contact"),
    auth=token_auth,
)
def kontak_update(request: HttpRequest, kontak_id: Id, data: KontakPatch):
    user = require_write(request)
    kontak = selectors.kontak_get(pengguna=user, pk=kontak_id)
    perubahan = {k: v for k, v in data.dict(exclude_unset=True).items() if v is not None}
    try:
        kontak = services.kontak_update(pelaku=user, kontak=kontak, **perubahan)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, kontak)


@router.get("/tupoksi", response=list[TupoksiOut], summary=gettext_lazy("Duty matrix (tupoksi)"))
@paginate(Halaman)
def tupoksi_list(request: HttpRequest, filters: Query[TupoksiFilter]):
    """Duties by organization type (`jenis`) and stage (`tahapan`: its id, or `kode` with
    `pemilu` slug). A stage includes its parent stages' duties and those of every stage."""
    from sinergi.tahapan.models import Pemilu, Tahapan

    pemilu = None
    if filters.pemilu:
        pemilu = Pemilu.objects.filter(slug=filters.pemilu).first()
        if pemilu is None:
            raise FieldInvalid("pemilu", _("Unknown election."))
    tahapan = None
    if filters.tahapan:
        qs = Tahapan.objects.all()
        if (pk := angka(filters.tahapan, minimum=1)) is not None:
            tahapan = qs.filter(pk=pk).first()
        elif pemilu is not None:
            tahapan = qs.filter(pemilu=pemilu, kode=filters.tahapan).first()
        if tahapan is None:
            raise FieldInvalid("tahapan", _("Unknown stage; give its id, or its code with pemilu."))
    return selectors.tupoksi_list(jenis=filters.jenis, tahapan=tahapan, pemilu=pemilu)
