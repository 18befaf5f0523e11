"""Komunikasi in the API (`/api/v1/komunikasi`): announcements (audience preview, create,
read, acknowledge, receipts, remind), the inbox (list, unread count, mark read),
preferences, discussion threads with posts, materials, and an organization's outgoing
webhooks (manage, rotate the secret, test, delivery log, retry).

Every operation needs a signed-in user or a Bearer token; writes need a read-write token.
What the caller may not see answers 404.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BaseModel

from sinergi.akses.api_auth import require_write, token_auth, token_or_anonymous
from sinergi.core.angka import ID_MAKS, Id
from sinergi.core.api import ErrorOut, Halaman, skema_sebaris, tolak_validasi
from sinergi.core.models import Kerahasiaan
from sinergi.komunikasi import selectors, services
from sinergi.komunikasi.choices import JenisMateri, Prioritas

router = Router(auth=token_auth)


def _skema_multipart(skema_in, berkas: str) -> dict:
    """The OpenAPI body of an operation that takes JSON, or multipart with a file."""
    skema = skema_sebaris(skema_in)
    skema["properties"][berkas] = {"type": "string", "format": "binary"}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {"schema": skema},
                "application/json": {"schema": skema_sebaris(skema_in)},
            },
        }
    }


class BadanTidakSah(Exception):
    def __init__(self, status: Status):
        self.status = status


def _baca_badan(request: HttpRequest, skema_in, *, daftar: tuple[str, ...], berkas: str):
    """The validated body (JSON, or multipart fields with `daftar` repeated) and the list of
    uploaded files named `berkas`; BadanTidakSah carries the 422 answer."""
    import json

    from pydantic import ValidationError as PydanticError

    from sinergi.core.api import field_errors

    files = []
    if request.content_type == "multipart/form-data":
        mentah = {
            k: request.POST.getlist(k) if k in daftar else request.POST[k] for k in request.POST
        }
        files = request.FILES.getlist(berkas)
    else:
        try:
            mentah = json.loads(request.body or b"{}")
        except ValueError:
            mentah = None
        if not isinstance(mentah, dict):
            raise BadanTidakSah(
                Status(422, {"message": _("The body is not a JSON object."), "errors": []})
            )
    try:
        return skema_in.model_validate(mentah), files
    except PydanticError as exc:
        pesan = _("Some parameters are not valid.")
        raise BadanTidakSah(
            Status(422, {"message": pesan, "errors": field_errors(exc.errors())})
        ) from exc


# --- Schemas --------------------------------------------------------------------------------
class AudiensIn(Schema):
    audiens_jenis: list[str] = Field(..., description="organization type codes, e.g. kpu")
    audiens_tingkat: list[str] = Field([], description="levels: provinsi, kabupaten_kota, …")
    audiens_wilayah: list[str] = Field([], description="region codes; empty: your whole scope")
    audiens_peran: list[str] = Field([], description="roles; empty: every role")


class PratinjauOut(Schema):
    pengguna: int
    lembaga: int


class PengumumanIn(AudiensIn):
    judul: str = Field(..., max_length=200)
    isi: str
    prioritas: Prioritas = Prioritas.BIASA
    kerahasiaan: Kerahasiaan = Kerahasiaan.RESTRICTED
    perlu_tanda_terima: bool = False
    tahapan: Id | None = None
    regulasi: Id | None = None
    kegiatan: Id | None = None


class PengumumanOut(Schema):
    id: int
    judul: str
    isi: str
    lembaga: int = Field(..., alias="lembaga_id")
    lembaga_nama: str = Field(..., alias="lembaga.nama")
    prioritas: str
    kerahasiaan: str
    perlu_tanda_terima: bool
    audiens_jenis: list[str]
    audiens_tingkat: list[str]
    audiens_wilayah: list[str]
    audiens_peran: list[str]
    tahapan: int | None = Field(None, alias="tahapan_id")
    regulasi: int | None = Field(None, alias="regulasi_id")
    kegiatan: int | None = Field(None, alias="kegiatan_id")
    status: str
    jumlah_penerima: int
    dikirim_at: datetime.datetime | None
    created_at: datetime.datetime


class PengumumanDetailOut(PengumumanOut):
    whatsapp: str | None = None
    dibaca_at: datetime.datetime | None = None
    diakui_at: datetime.datetime | None = None


class PenerimaanSayaOut(Schema):
    dibaca_at: datetime.datetime | None
    diakui_at: datetime.datetime | None


# Plain pydantic models for the summary's dicts: validated in pydantic's core, without
# ninja's per-object attribute resolver (the summary of a national announcement lists about
# a thousand organizations).
class LembagaRingkasKomunikasi(BaseModel):
    id: int
    nama: str


class LembagaRingkasSchema(Schema):
    id: int
    nama: str


class KelompokOut(BaseModel):
    label: str
    kalimat: str
    lembaga: int
    baca: int
    akui: int
    belum_baca: list[LembagaRingkasKomunikasi]
    belum_akui: list[LembagaRingkasKomunikasi]


class PenerimaOut(Schema):
    pengguna: int = Field(..., alias="pengguna_id")
    nama: str = Field(..., alias="pengguna.nama")
    email: str = Field(..., alias="pengguna.email")
    lembaga: int = Field(..., alias="lembaga_id")
    lembaga_nama: str = Field(..., alias="lembaga.nama")
    dikirim_at: datetime.datetime
    email_at: datetime.datetime | None
    email_gagal: str
    dibaca_at: datetime.datetime | None
    diakui_at: datetime.datetime | None
    diingatkan_at: datetime.datetime | None


class RingkasanOut(Schema):
    orang: int
    orang_baca: int
    orang_akui: int
    lembaga: int
    lembaga_baca: int
    kelompok: list[KelompokOut]
    penerima: list[PenerimaOut]


class JumlahOut(Schema):
    jumlah: int


class NotifikasiOut(Schema):
    id: int
    jenis: str
    judul: str = Field(..., alias="judul_tampil", description="In the request's language.")
    isi: str = Field(..., alias="isi_tampil", description="In the request's language.")
    tautan: str
    created_at: datetime.datetime
    dibaca_at: datetime.datetime | None


class PreferensiIO(Schema):
    preferensi: dict[str, str]


class UtasIn(Schema):
    judul: str = Field(..., max_length=200)
    isi: str
    wilayah: str | None = None
    tahapan: Id | None = None
    kegiatan: Id | None = None
    topik: str = Field("", max_length=100)
    kerahasiaan: Kerahasiaan = Kerahasiaan.RESTRICTED


class UtasOut(Schema):
    id: int
    judul: str
    lembaga: int = Field(..., alias="lembaga_id")
    lembaga_nama: str = Field(..., alias="lembaga.nama")
    wilayah: str | None = Field(None, alias="wilayah_id")
    tahapan: int | None = Field(None, alias="tahapan_id")
    kegiatan: int | None = Field(None, alias="kegiatan_id")
    topik: str
    kerahasiaan: str
    selesai: bool
    kesimpulan: str
    created_at: datetime.datetime


class PosIn(Schema):
    isi: str
    sebut: list[str] = Field([], description="people to mention, by e-mail or exact name")
    sebut_lembaga: list[str] = Field(
        [], description="organizations to mention, by exact name or id (or @[Name] in isi)"
    )


class LampiranPosOut(Schema):
    id: int
    nama_berkas: str
    jenis_berkas: str
    ukuran: int
    unduh: str = ""

    @staticmethod
    def resolve_unduh(obj) -> str:
        return f"/komunikasi/pos/{obj.pos_id}/lampiran/{obj.pk}/"


class PosOut(Schema):
    id: int
    penulis: int | None = Field(None, alias="penulis_id")
    penulis_nama: str = ""
    isi: str
    disembunyikan: bool
    alasan_sembunyi: str
    lembaga_disebut: list[LembagaRingkasSchema] = []
    lampiran: list[LampiranPosOut] = []
    created_at: datetime.datetime

    @staticmethod
    def resolve_lembaga_disebut(obj):
        return list(obj.lembaga_disebut.all())

    @staticmethod
    def resolve_lampiran(obj):
        return [] if obj.disembunyikan else list(obj.lampiran.all())

    @staticmethod
    def resolve_penulis_nama(obj) -> str:
        return (obj.penulis.nama or obj.penulis.email) if obj.penulis else ""

    @staticmethod
    def resolve_isi(obj) -> str:
        return "" if obj.disembunyikan else obj.isi


class UtasDetailOut(UtasOut):
    pos: list[PosOut] = Field(..., alias="pos_daftar")


# --- Announcements --------------------------------------------------------------------------
@router.post("/pengumuman/pratinjau", response={200: PratinjauOut, 422: ErrorOut})
def pengumuman_pratinjau(request: HttpRequest, data: AudiensIn):
    """How many people and organizations this audience reaches (nothing is sent)."""
    user = require_write(request)
    try:
        hasil = services.audiens_pratinjau(
            pelaku=user,
            jenis=data.audiens_jenis,
            tingkat=data.audiens_tingkat,
            wilayah=data.audiens_wilayah,
            peran=data.audiens_peran,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, hasil)


@router.get("/pengumuman", response=list[PengumumanOut])
@paginate(Halaman)
def pengumuman_list(request: HttpRequest):
    """Announcements received by the caller or sent by their organization."""
    return selectors.pengumuman_list(pengguna=request.user)


@router.post("/pengumuman", response={201: PengumumanOut, 422: ErrorOut})
def pengumuman_create(request: HttpRequest, data: PengumumanIn):
    """Send an announcement; deliveries are made in the background."""
    user = require_write(request)
    try:
        p = services.pengumuman_create(
            pelaku=user,
            judul=data.judul,
            isi=data.isi,
            audiens_jenis=data.audiens_jenis,
            audiens_tingkat=data.audiens_tingkat,
            audiens_wilayah=data.audiens_wilayah,
            audiens_peran=data.audiens_peran,
            prioritas=data.prioritas,
            kerahasiaan=data.kerahasiaan,
            perlu_tanda_terima=data.perlu_tanda_terima,
            tahapan_id=data.tahapan,
            regulasi_id=data.regulasi,
            kegiatan_id=data.kegiatan,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    p.refresh_from_db()
    return Status(201, p)


@router.get("/pengumuman/{id}", response=PengumumanDetailOut)
def pengumuman_detail(request: HttpRequest, id: Id):
    """One announcement; the caller's own read and acknowledgement times."""
    p = selectors.pengumuman_get(pengguna=request.user, pk=id)
    r = selectors.penerimaan_saya(pengguna=request.user, pengumuman=p)
    p.whatsapp = selectors.tautan_whatsapp(p)
    p.dibaca_at = r.dibaca_at if r else None
    p.diakui_at = r.diakui_at if r else None
    return p


@router.post("/pengumuman/{id}/baca", response={200: PenerimaanSayaOut, 404: ErrorOut})
def pengumuman_baca(request: HttpRequest, id: Id):
    """Record that the caller read it (recipients only)."""
    user = require_write(request)
    p = selectors.pengumuman_get(pengguna=user, pk=id)
    r = services.pengumuman_baca(pengguna=user, pengumuman=p)
    if r is None:
        return Status(404, {"message": _("Not found."), "errors": []})
    return Status(200, r)


@router.post("/pengumuman/{id}/tanda-terima", response={200: PenerimaanSayaOut, 422: ErrorOut})
def pengumuman_akui(request: HttpRequest, id: Id):
    """Acknowledge receipt (tanda terima), when the announcement asks for it."""
    user = require_write(request)
    p = selectors.pengumuman_get(pengguna=user, pk=id)
    try:
        return Status(200, services.pengumuman_akui(pengguna=user, pengumuman=p))
    except ValidationError as exc:
        return tolak_validasi(exc)


@router.get("/pengumuman/{id}/penerimaan", response=RingkasanOut)
def pengumuman_penerimaan(
    request: HttpRequest,
    id: Id,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=ID_MAKS),
):
    """Read receipts per organization group, and one page of people (`limit`/`offset`;
    `orang` is the total) — author organization only."""
    p = selectors.pengumuman_kelola_get(pengguna=request.user, pk=id)
    hasil = selectors.ringkasan_penerimaan(pengumuman=p)
    hasil["penerima"] = selectors.penerimaan_halaman(
        pengumuman=p, ringkasan=hasil, offset=offset, limit=limit
    )
    return hasil


@router.post("/pengumuman/{id}/ingatkan", response={200: JumlahOut, 422: ErrorOut})
def pengumuman_ingatkan(request: HttpRequest, id: Id):
    """Remind only those who have not read (or not acknowledged) it."""
    user = require_write(request)
    p = selectors.pengumuman_get(pengguna=user, pk=id)
    try:
        return Status(200, {"jumlah": services.pengumuman_ingatkan(pelaku=user, pengumuman=p)})
    except ValidationError as exc:
        return tolak_validasi(exc)


# --- Inbox ----------------------------------------------------------------------------------
@router.get("/notifikasi", response=list[NotifikasiOut])
@paginate(Halaman)
def notifikasi_list(request: HttpRequest, belum_dibaca: bool = False):
    """The caller's inbox, newest first."""
    return selectors.notifikasi_list(pengguna=request.user, belum_dibaca=belum_dibaca)


@router.get("/notifikasi/belum-dibaca", response=JumlahOut)
def notifikasi_belum_dibaca(request: HttpRequest):
    return {"jumlah": selectors.jumlah_belum_dibaca(pengguna=request.user)}


@router.post("/notifikasi/{id}/baca", response=NotifikasiOut)
def notifikasi_baca(request: HttpRequest, id: Id):
    user = require_write(request)
    n = selectors.notifikasi_get(pengguna=user, pk=id)
    return services.notifikasi_baca(pengguna=user, notifikasi=n)


@router.get("/preferensi", response=PreferensiIO)
def preferensi_get(request: HttpRequest):
    """Delivery per kind: aplikasi (in the app only), email (now) or ringkasan (daily)."""
    return {"preferensi": selectors.preferensi_saya(pengguna=request.user)}


@router.put("/preferensi", response={200: PreferensiIO, 422: ErrorOut})
def preferensi_put(request: HttpRequest, data: PreferensiIO):
    user = require_write(request)
    try:
        return Status(
            200,
            {"preferensi": services.preferensi_simpan(pengguna=user, preferensi=data.preferensi)},
        )
    except ValidationError as exc:
        return tolak_validasi(exc)


# --- Threads --------------------------------------------------------------------------------
@router.get("/utas", response=list[UtasOut])
@paginate(Halaman)
def utas_list(request: HttpRequest):
    """Discussion threads the caller may see."""
    return selectors.utas_list(pengguna=request.user)


@router.post("/utas", response={201: UtasOut, 422: ErrorOut})
def utas_create(request: HttpRequest, data: UtasIn):
    user = require_write(request)
    try:
        u = services.utas_create(
            pelaku=user,
            judul=data.judul,
            isi=data.isi,
            wilayah_id=data.wilayah,
            tahapan_id=data.tahapan,
            kegiatan_id=data.kegiatan,
            topik=data.topik,
            kerahasiaan=data.kerahasiaan,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, u)


@router.get("/utas/{id}", response=UtasDetailOut)
def utas_detail(request: HttpRequest, id: Id):
    u = selectors.utas_get(pengguna=request.user, pk=id)
    u.pos_daftar = list(selectors.pos_list(utas=u))
    return u


@router.post(
    "/utas/{id}/pos",
    response={201: PosOut, 422: ErrorOut},
    openapi_extra=_skema_multipart(PosIn, "lampiran"),
)
def pos_create(request: HttpRequest, id: Id):
    """Reply in a thread; mention people (by e-mail or name) and organizations (by name or
    id, or `@[Name]` in the text); they must be able to see the thread. JSON, or multipart
    with one or more `lampiran` files (repeat `sebut` and `sebut_lembaga`)."""
    user = require_write(request)
    u = selectors.utas_get(pengguna=user, pk=id)
    try:
        data, files = _baca_badan(
            request, PosIn, daftar=("sebut", "sebut_lembaga"), berkas="lampiran"
        )
    except BadanTidakSah as exc:
        return exc.status
    try:
        p = services.pos_create(
            pelaku=user,
            utas=u,
            isi=data.isi,
            sebut=data.sebut,
            sebut_lembaga=data.sebut_lembaga,
            lampiran=files,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, p)


class SelesaiIn(Schema):
    kesimpulan: str = Field(..., description="the conclusion of the thread")


class SembunyikanIn(Schema):
    alasan: str = Field(..., max_length=300, description="why the post is hidden")


@router.post("/utas/{id}/selesai", response={200: UtasOut, 422: ErrorOut})
def utas_selesai(request: HttpRequest, id: Id, data: SelesaiIn):
    """Mark a thread resolved with its conclusion: its starter, its organization's writers
    and moderators; a resolved thread takes no more posts."""
    user = require_write(request)
    u = selectors.utas_get(pengguna=user, pk=id)
    try:
        return Status(
            200, services.utas_selesaikan(pelaku=user, utas=u, kesimpulan=data.kesimpulan)
        )
    except ValidationError as exc:
        return tolak_validasi(exc)


@router.post("/pos/{id}/sembunyikan", response={200: PosOut, 422: ErrorOut})
def pos_sembunyikan(request: HttpRequest, id: Id, data: SembunyikanIn):
    """Moderators hide a post with a reason (audited; the text is kept for the audit trail
    and others see the reason)."""
    user = require_write(request)
    p = selectors.pos_get(pengguna=user, pk=id)
    try:
        return Status(200, services.pos_sembunyikan(pelaku=user, pos=p, alasan=data.alasan))
    except ValidationError as exc:
        return tolak_validasi(exc)


# --- Public socialization materials ---------------------------------------------------------
class TahapanRingkasKomunikasi(Schema):
    id: int
    kode: str
    nama: str
    pemilu: str = Field(..., alias="pemilu.slug")


class MateriOut(Schema):
    id: int
    judul: str
    penjelasan: str
    jenis: str
    tahapan: list[TahapanRingkasKomunikasi]
    regulasi: list[int]
    lembaga: int = Field(..., alias="lembaga_id")
    lembaga_nama: str = Field(..., alias="lembaga.nama")
    wilayah: str | None = Field(None, alias="wilayah_id")
    kerahasiaan: str
    terbit: bool
    nama_berkas: str
    jenis_berkas: str
    ukuran: int
    tautan_video: str
    unduh: str | None = None
    jumlah_unduhan: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_tahapan(obj):
        return list(obj.tahapan.all())

    @staticmethod
    def resolve_regulasi(obj):
        return [r.pk for r in obj.regulasi.all()]

    @staticmethod
    def resolve_unduh(obj):
        if obj.berkas or obj.tautan_video:
            return f"/api/v1/komunikasi/materi/{obj.pk}/berkas"
        return None


class MateriIn(Schema):
    judul: str = Field(..., max_length=200)
    penjelasan: str
    jenis: JenisMateri
    tahapan: list[Id] = Field(..., description="stage ids (repeat the field for several)")
    regulasi: list[Id] = Field([], description="regulation ids (optional)")
    tautan_video: str = Field("", description="https:// address; only for jenis=video")
    kerahasiaan: Kerahasiaan = Kerahasiaan.PUBLIC
    wilayah: str | None = Field(None, description="region code; default: your organization's")
    terbit: bool = False


class TerbitIn(Schema):
    terbit: bool


class UnduhanWilayahOut(Schema):
    wilayah: str | None = Field(None, alias="wilayah_id")
    wilayah_nama: str | None = Field(None, alias="wilayah__nama")
    jumlah: int


class UnduhanHariOut(Schema):
    tanggal: datetime.date
    wilayah: str | None = Field(None, alias="wilayah_id")
    jumlah: int


class StatistikUnduhanOut(Schema):
    total: int
    per_wilayah: list[UnduhanWilayahOut]
    per_hari: list[UnduhanHariOut]


@router.get("/materi", response=list[MateriOut], auth=token_or_anonymous)
@paginate(Halaman)
def materi_list(request: HttpRequest, tahapan: Id | None = None, jenis: str = "", q: str = ""):
    """The socialization materials library (public: published PUBLIC materials; signed-in
    users also see what their scope allows and the unpublished ones they manage)."""
    return selectors.materi_list(pengguna=request.user, tahapan=tahapan, jenis=jenis, q=q)


@router.get("/materi/{id}", response=MateriOut, auth=token_or_anonymous)
def materi_detail(request: HttpRequest, id: Id):
    return selectors.materi_get(pengguna=request.user, pk=id)


@router.get("/materi/{id}/berkas", auth=token_or_anonymous)
def materi_berkas(request: HttpRequest, id: Id):
    """Download the material's file (or follow its video link); counted per region."""
    from sinergi.komunikasi.views import unduh_materi

    return unduh_materi(request, selectors.materi_get(pengguna=request.user, pk=id))


@router.post(
    "/materi",
    response={201: MateriOut, 422: ErrorOut},
    openapi_extra=_skema_multipart(MateriIn, "berkas"),
)
def materi_create(request: HttpRequest):
    """Add a material: multipart/form-data with the fields (repeat `tahapan` for several
    stages) and the `berkas` file; JSON is accepted for materials without a file."""
    from django.http import Http404

    from sinergi.komunikasi import izin

    user = require_write(request)
    if not izin.dapat_buat_materi(user):
        raise Http404
    try:
        data, files = _baca_badan(
            request, MateriIn, daftar=("tahapan", "regulasi"), berkas="berkas"
        )
    except BadanTidakSah as exc:
        return exc.status
    berkas = files[0] if files else None
    try:
        m = services.materi_create(
            pelaku=user,
            judul=data.judul,
            penjelasan=data.penjelasan,
            jenis=data.jenis,
            tahapan_ids=data.tahapan,
            regulasi_ids=data.regulasi,
            berkas=berkas,
            tautan_video=data.tautan_video,
            wilayah_id=data.wilayah,
            kerahasiaan=data.kerahasiaan,
            terbit=data.terbit,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, selectors.materi_get(pengguna=user, pk=m.pk))


@router.post("/materi/{id}/terbit", response=MateriOut)
def materi_terbit(request: HttpRequest, id: Id, data: TerbitIn):
    """Publish or unpublish a material (its managers only)."""
    user = require_write(request)
    m = selectors.materi_kelola_get(pengguna=user, pk=id)
    services.materi_set_terbit(pelaku=user, materi=m, terbit=data.terbit)
    return selectors.materi_kelola_get(pengguna=user, pk=id)


@router.get("/materi/{id}/unduhan", response=StatistikUnduhanOut)
def materi_unduhan(request: HttpRequest, id: Id):
    """Download counts of one material per region and per day (its managers only)."""
    m = selectors.materi_kelola_get(pengguna=request.user, pk=id)
    return selectors.statistik_unduhan_materi(materi=m)


# --- Outgoing webhooks ----------------------------------------------------------------------
class WebhookIn(Schema):
    url: str = Field(..., max_length=500, description="https address of the receiver")
    lembaga: Id | None = Field(
        None, description="organization id (system admins); default: your own organization"
    )


class WebhookPatch(Schema):
    url: str | None = Field(None, max_length=500)
    is_active: bool | None = None


class WebhookOut(Schema):
    id: int
    lembaga: int = Field(..., alias="lembaga_id")
    lembaga_nama: str = Field(..., alias="lembaga.nama")
    url: str
    is_active: bool
    created_at: datetime.datetime
    terakhir_status: str | None = None
    terakhir_at: datetime.datetime | None = None


class WebhookRahasiaOut(WebhookOut):
    rahasia: str = Field(..., description="the signing secret: shown only in this answer")


class PengirimanWebhookKomunikasiOut(Schema):
    id: int
    webhook: int = Field(..., alias="webhook_id")
    peristiwa: str
    status: str
    percobaan: int
    kode_http: int | None
    galat: str
    created_at: datetime.datetime
    terkirim_at: datetime.datetime | None


def _webhook_dengan_rahasia(user, pk: int, rahasia: str):
    w = selectors.webhook_get(pengguna=user, pk=pk)
    w.rahasia = rahasia
    return w


def _pengiriman_segar(user, pk: int):
    return selectors.pengiriman_webhook_get(pengguna=user, pk=pk)


@router.get("/webhook", response=list[WebhookOut])
@paginate(Halaman)
def webhook_list(request: HttpRequest):
    """The outgoing webhooks the caller manages (their organization's, all for system
    admins) with the status and time of the last delivery; the secret is never listed."""
    return selectors.webhook_list(pengguna=request.user)


@router.post("/webhook", response={201: WebhookRahasiaOut, 422: ErrorOut})
def webhook_create(request: HttpRequest, data: WebhookIn):
    """Add a webhook (https; no localhost or private addresses). The server makes the signing
    secret and returns it in this answer only: store it now."""
    user = require_write(request)
    try:
        w, rahasia = services.webhook_create(pelaku=user, url=data.url, lembaga_id=data.lembaga)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, _webhook_dengan_rahasia(user, w.pk, rahasia))


@router.get("/webhook/{id}", response=WebhookOut)
def webhook_detail(request: HttpRequest, id: Id):
    return selectors.webhook_get(pengguna=request.user, pk=id)


@router.patch("/webhook/{id}", response={200: WebhookOut, 422: ErrorOut})
def webhook_update(request: HttpRequest, id: Id, data: WebhookPatch):
    """Change the address and/or switch the webhook on (`is_active: true`) or off."""
    user = require_write(request)
    w = selectors.webhook_get(pengguna=user, pk=id)
    try:
        services.webhook_ubah(pelaku=user, webhook=w, url=data.url, is_active=data.is_active)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, selectors.webhook_get(pengguna=user, pk=id))


@router.delete("/webhook/{id}", response={204: None})
def webhook_delete(request: HttpRequest, id: Id):
    """Delete the webhook and its delivery log."""
    user = require_write(request)
    services.webhook_hapus(pelaku=user, webhook=selectors.webhook_get(pengguna=user, pk=id))
    return Status(204, None)


@router.post("/webhook/{id}/rotasi", response=WebhookRahasiaOut)
def webhook_rotasi(request: HttpRequest, id: Id):
    """Replace the signing secret; the new one is returned in this answer only."""
    user = require_write(request)
    w = selectors.webhook_get(pengguna=user, pk=id)
    return _webhook_dengan_rahasia(user, id, services.webhook_rotasi(pelaku=user, webhook=w))


@router.post("/webhook/{id}/uji", response={202: PengirimanWebhookKomunikasiOut})
def webhook_uji(request: HttpRequest, id: Id):
    """Queue a signed test call (event `ping`); follow it in the delivery log."""
    user = require_write(request)
    log = services.webhook_uji(pelaku=user, webhook=selectors.webhook_get(pengguna=user, pk=id))
    return Status(202, _pengiriman_segar(user, log.pk))


@router.get("/webhook/{id}/pengiriman", response=list[PengirimanWebhookKomunikasiOut])
@paginate(Halaman)
def webhook_pengiriman(request: HttpRequest, id: Id):
    """The webhook's delivery log, newest first."""
    w = selectors.webhook_get(pengguna=request.user, pk=id)
    return selectors.pengiriman_webhook_list(webhook=w)


@router.post(
    "/webhook/pengiriman/{id}/ulang", response={202: PengirimanWebhookKomunikasiOut, 422: ErrorOut}
)
def pengiriman_webhook_ulang(request: HttpRequest, id: Id):
    """Queue a failed delivery again."""
    user = require_write(request)
    d = selectors.pengiriman_webhook_get(pengguna=user, pk=id)
    try:
        services.pengiriman_webhook_ulang(pelaku=user, pengiriman=d)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(202, _pengiriman_segar(user, id))
