"""Events API at /api/v1/kegiatan: events, invitations, RSVP, check-in and attendance.

Reads follow the event's confidentiality and region (hidden → 404); writes need a signed-in
user who may run the event (else 404), a read-write token or a CSRF-checked session.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.akses.api_auth import require_write, token_auth, token_or_anonymous
from sinergi.akses.backends import client_ip
from sinergi.core import waktu
from sinergi.core.angka import Id
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman, tolak_validasi
from sinergi.core.models import Kerahasiaan
from sinergi.kegiatan import selectors, services
from sinergi.kegiatan.choices import JenisKegiatan, PeranUndangan, Sasaran, StatusKegiatan

router = Router()


class LembagaRingkasKegiatan(Schema):
    id: int
    nama: str


class TahapanRingkasKegiatan(Schema):
    id: int
    kode: str
    nama: str
    pemilu: str = Field(..., alias="pemilu.slug")


class RegulasiRingkasKegiatan(Schema):
    id: int
    sebutan: str
    judul: str


class KegiatanOut(Schema):
    id: int
    jenis: str
    judul: str
    status: str
    alasan_batal: str
    penyelenggara: LembagaRingkasKegiatan
    wilayah: str = Field(..., alias="wilayah_id")
    tempat: str
    alamat: str
    lintang: float | None
    bujur: float | None
    tautan_daring: str
    mulai: dt.datetime
    selesai: dt.datetime
    zona_waktu: str
    mulai_lokal: str
    selesai_lokal: str
    sasaran: str
    kerahasiaan: str
    jumlah_undangan: int = 0
    jumlah_hadir: int = 0

    @staticmethod
    def resolve_mulai_lokal(obj) -> str:
        return waktu.ke_lokal(obj.mulai, obj.zona_waktu).isoformat()

    @staticmethod
    def resolve_selesai_lokal(obj) -> str:
        return waktu.ke_lokal(obj.selesai, obj.zona_waktu).isoformat()


class KegiatanDetailOut(KegiatanOut):
    deskripsi: str
    agenda: str
    penyelenggara_bersama: list[LembagaRingkasKegiatan]
    tahapan: list[TahapanRingkasKegiatan]
    regulasi: list[RegulasiRingkasKegiatan]

    @staticmethod
    def resolve_penyelenggara_bersama(obj):
        return list(obj.penyelenggara_bersama.all())

    @staticmethod
    def resolve_tahapan(obj):
        return list(obj.tahapan.select_related("pemilu"))

    @staticmethod
    def resolve_regulasi(obj):
        return list(obj.regulasi.all())


class KegiatanFilter(Schema):
    q: str | None = None
    jenis: JenisKegiatan | None = None
    wilayah: str | None = None
    tahapan: Id | None = None
    dari: dt.date | None = None
    sampai: dt.date | None = None
    status: StatusKegiatan | None = None


class KegiatanIn(Schema):
    jenis: JenisKegiatan
    judul: str = Field(..., min_length=3, max_length=300)
    wilayah: str
    mulai: dt.datetime = Field(..., description="Local time of the region (or with an offset).")
    selesai: dt.datetime
    penyelenggara: Id | None = None
    penyelenggara_bersama: list[Id] = []
    tempat: str = ""
    alamat: str = ""
    lintang: float | None = None
    bujur: float | None = None
    tautan_daring: str = ""
    tahapan: list[Id] = []
    regulasi: list[Id] = []
    sasaran: Sasaran = Sasaran.PEMANGKU
    kerahasiaan: Kerahasiaan = Kerahasiaan.RESTRICTED
    deskripsi: str = ""
    agenda: str = ""


class KegiatanPatch(Schema):
    jenis: JenisKegiatan | None = None
    judul: str | None = Field(None, min_length=3, max_length=300)
    wilayah: str | None = None
    mulai: dt.datetime | None = None
    selesai: dt.datetime | None = None
    tempat: str | None = None
    alamat: str | None = None
    lintang: float | None = None
    bujur: float | None = None
    tautan_daring: str | None = None
    tahapan: list[Id] | None = None
    regulasi: list[Id] | None = None
    penyelenggara_bersama: list[Id] | None = None
    sasaran: Sasaran | None = None
    kerahasiaan: Kerahasiaan | None = None
    deskripsi: str | None = None
    agenda: str | None = None
    notulen: str | None = None
    siaran_pers: str | None = None


class BatalIn(Schema):
    alasan: str


class UndanganOut(Schema):
    id: int
    lembaga: LembagaRingkasKegiatan
    kontak: int | None = Field(None, alias="kontak_id")
    nama: str
    jabatan: str
    unit: str
    email: str
    peran: str
    rsvp: str
    rsvp_at: dt.datetime | None
    hadir: bool

    @staticmethod
    def resolve_hadir(obj) -> bool:
        return hasattr(obj, "kehadiran")


class UndanganIn(Schema):
    kontak: Id | None = None
    lembaga: Id | None = None
    peran: PeranUndangan = PeranUndangan.PESERTA
    nama: str = Field("", max_length=150)
    jabatan: str = Field("", max_length=150)
    email: str = ""


class UndanganMassalIn(Schema):
    jenis: str
    wilayah: str
    tingkat: str | None = None
    unit: str = ""
    peran: PeranUndangan = PeranUndangan.PESERTA
    pratinjau: bool = Field(False, description="Only count who would be invited.")


class UndanganMassalOut(Schema):
    jumlah: int
    pratinjau: bool


class RsvpIn(Schema):
    jawaban: str = Field(..., description="hadir or tidak")
    catatan: str = ""


class RsvpOut(Schema):
    kegiatan: str
    rsvp: str


class HadirIn(Schema):
    token: str | None = Field(None, description="The scanned QR code (the URL or the token).")
    undangan: Id | None = None
    nama: str = ""
    instansi: str = ""
    jabatan: str = ""


class HadirMandiriIn(Schema):
    kode: str
    nama: str
    instansi: str
    jabatan: str = ""
    tanda: str = Field("", max_length=64, description="the `t` of the venue's QR link, if any")


class KehadiranOut(Schema):
    id: int
    undangan: int | None = Field(None, alias="undangan_id")
    lembaga: int | None = Field(None, alias="lembaga_id")
    nama: str
    instansi: str
    jabatan: str
    cara: str
    waktu: dt.datetime
    baru: bool = False


def _wilayah(kode: str):
    from sinergi.wilayah.selectors import wilayah_get

    w = wilayah_get(kode) if kode else None
    if w is None:
        raise FieldInvalid("wilayah", _("Unknown region code."))
    return w


def _lembaga(user, pk: int | None, field: str = "penyelenggara"):
    """An organization named in the body, through the directory selector (422 if unknown)."""
    from sinergi.pemangku.selectors import lembaga_pilih

    return None if pk is None else lembaga_pilih(pengguna=user, pk=pk, field=field)


def _ids(model, ids: list[int] | None, field: str):
    """Ids of the public catalogues (stages, regulations): all must exist."""
    if ids is None:
        return None
    found = list(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if len(set(found)) != len(set(ids)):
        raise FieldInvalid(
            field, _("Unknown id: %(ids)s.") % {"ids": sorted(set(ids) - set(found))}
        )
    return found


def _m2m(user, data: dict) -> dict:
    from sinergi.pemangku.selectors import lembaga_pilih_banyak
    from sinergi.regulasi.models import Regulasi
    from sinergi.tahapan.models import Tahapan

    out = {}
    for name, model in (("tahapan", Tahapan), ("regulasi", Regulasi)):
        if name in data:
            out[name] = _ids(model, data[name], name)
    if data.get("penyelenggara_bersama") is not None:
        out["penyelenggara_bersama"] = lembaga_pilih_banyak(
            pengguna=user, ids=data["penyelenggara_bersama"], field="penyelenggara_bersama"
        )
    elif "penyelenggara_bersama" in data:
        out["penyelenggara_bersama"] = None
    return out


@router.get(
    "", response=list[KegiatanOut], summary=gettext_lazy("List events"), auth=token_or_anonymous
)
@paginate(Halaman)
def kegiatan_list(request: HttpRequest, filters: Query[KegiatanFilter]):
    """Events you may see: public ones for everyone, restricted and confidential ones by
    region and organization. Filter by text (`q`), kind, region subtree, stage, and local
    dates (`dari`/`sampai`, inclusive)."""
    return selectors.kegiatan_list(pengguna=request.user, **filters.dict())


@router.post(
    "/rsvp/{token}",
    response={200: RsvpOut, 422: ErrorOut},
    summary=gettext_lazy("Answer an invitation (RSVP)"),
    auth=token_or_anonymous,
)
def rsvp(request: HttpRequest, token: str, data: RsvpIn):
    """The invitee's answer through their personal link token; no login."""
    try:
        u = services.rsvp(token=token, jawaban=data.jawaban, catatan=data.catatan)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, {"kegiatan": u.kegiatan.judul, "rsvp": u.rsvp})


@router.post(
    "/hadir-mandiri",
    response={200: KehadiranOut, 201: KehadiranOut, 422: ErrorOut},
    summary=gettext_lazy("Self check-in with the event code"),
    auth=token_or_anonymous,
)
def hadir_mandiri(request: HttpRequest, data: HadirMandiriIn):
    """A walk-in checks in with the event's code; a second check-in returns the same record
    (200) instead of a new one (201)."""
    try:
        row, baru = services.hadir_mandiri(
            kode=data.kode,
            nama=data.nama,
            instansi=data.instansi,
            jabatan=data.jabatan,
            tanda=data.tanda,
            ip=client_ip(request),
            pengguna=request.user,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    row.baru = baru
    return Status(201 if baru else 200, row)


@router.get(
    "/{kegiatan_id}",
    response=KegiatanDetailOut,
    summary=gettext_lazy("One event"),
    auth=token_or_anonymous,
)
def kegiatan_detail(request: HttpRequest, kegiatan_id: Id):
    return selectors.kegiatan_get(pengguna=request.user, pk=kegiatan_id)


@router.post(
    "",
    response={201: KegiatanDetailOut, 422: ErrorOut},
    summary=gettext_lazy("Plan an event"),
    auth=token_auth,
)
def kegiatan_create(request: HttpRequest, data: KegiatanIn):
    """Plan an event. `mulai`/`selesai` without an offset are the region's local time
    (WIB/WITA/WIT); the organizer defaults to your own organization."""
    user = require_write(request)
    d = data.dict()
    try:
        m2m = _m2m(user, d)
        k = services.kegiatan_create(
            pelaku=user,
            jenis=d["jenis"],
            judul=d["judul"],
            wilayah=_wilayah(d["wilayah"]),
            mulai=d["mulai"],
            selesai=d["selesai"],
            penyelenggara=_lembaga(user, d["penyelenggara"]),
            tempat=d["tempat"],
            alamat=d["alamat"],
            lintang=d["lintang"],
            bujur=d["bujur"],
            tautan_daring=d["tautan_daring"],
            sasaran=d["sasaran"],
            kerahasiaan=d["kerahasiaan"],
            deskripsi=d["deskripsi"],
            agenda=d["agenda"],
            **m2m,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, selectors.kegiatan_get(pengguna=user, pk=k.pk))


@router.patch(
    "/{kegiatan_id}",
    response={200: KegiatanDetailOut, 422: ErrorOut},
    summary=gettext_lazy("Change an event"),
    auth=token_auth,
)
def kegiatan_update(request: HttpRequest, kegiatan_id: Id, data: KegiatanPatch):
    user = require_write(request)
    k = selectors.kegiatan_kelola_get(pengguna=user, pk=kegiatan_id)
    d = data.dict(exclude_unset=True)
    perubahan = {n: v for n, v in d.items() if v is not None or n in {"lintang", "bujur"}}
    if "wilayah" in perubahan:
        perubahan["wilayah"] = _wilayah(perubahan["wilayah"])
    try:
        perubahan.update(_m2m(user, perubahan))
        services.kegiatan_update(pelaku=user, kegiatan=k, **perubahan)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, selectors.kegiatan_get(pengguna=user, pk=k.pk))


@router.post(
    "/{kegiatan_id}/batal",
    response={200: KegiatanDetailOut, 422: ErrorOut},
    summary=gettext_lazy("Cancel an event"),
    auth=token_auth,
)
def kegiatan_cancel(request: HttpRequest, kegiatan_id: Id, data: BatalIn):
    user = require_write(request)
    k = selectors.kegiatan_kelola_get(pengguna=user, pk=kegiatan_id)
    try:
        services.kegiatan_cancel(pelaku=user, kegiatan=k, alasan=data.alasan)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, selectors.kegiatan_get(pengguna=user, pk=k.pk))


@router.post(
    "/{kegiatan_id}/terlaksana",
    response={200: KegiatanDetailOut, 422: ErrorOut},
    summary=gettext_lazy("Mark an event as held (the report is prepared in the background)"),
    auth=token_auth,
)
def kegiatan_terlaksana(request: HttpRequest, kegiatan_id: Id):
    user = require_write(request)
    k = selectors.kegiatan_kelola_get(pengguna=user, pk=kegiatan_id)
    try:
        services.kegiatan_tandai_terlaksana(pelaku=user, kegiatan=k)
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(200, selectors.kegiatan_get(pengguna=user, pk=k.pk))


@router.get(
    "/{kegiatan_id}/undangan",
    response=list[UndanganOut],
    summary=gettext_lazy("Event invitations"),
    auth=token_auth,
)
@paginate(Halaman)
def undangan_list(request: HttpRequest, kegiatan_id: Id):
    """Invitations, for those who run the event."""
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=kegiatan_id)
    return selectors.undangan_list(kegiatan=k)


@router.post(
    "/{kegiatan_id}/undangan",
    response={201: UndanganOut, 422: ErrorOut},
    summary=gettext_lazy("Invite one person or organization"),
    auth=token_auth,
)
def undangan_create(request: HttpRequest, kegiatan_id: Id, data: UndanganIn):
    from sinergi.pemangku.selectors import kontak_pilih

    user = require_write(request)
    k = selectors.kegiatan_kelola_get(pengguna=user, pk=kegiatan_id)
    try:
        kontak = None if data.kontak is None else kontak_pilih(pengguna=user, pk=data.kontak)
        u = services.undangan_create(
            pelaku=user,
            kegiatan=k,
            kontak=kontak,
            lembaga=_lembaga(user, data.lembaga, "lembaga"),
            peran=data.peran,
            nama=data.nama,
            jabatan=data.jabatan,
            email=data.email,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, u)


@router.post(
    "/{kegiatan_id}/undangan/massal",
    response={200: UndanganMassalOut, 201: UndanganMassalOut, 422: ErrorOut},
    summary=gettext_lazy("Invite organizations by type and region"),
    auth=token_auth,
)
def undangan_massal(request: HttpRequest, kegiatan_id: Id, data: UndanganMassalIn):
    """Invite every organization of a type (`jenis`) in a region subtree (`wilayah`),
    addressed to the contact whose unit or position contains `unit` (e.g. "Sat Intelkam").
    With `pratinjau: true` only the count is returned and nothing is written."""
    user = require_write(request)
    k = selectors.kegiatan_kelola_get(pengguna=user, pk=kegiatan_id)
    _wilayah(data.wilayah)
    if data.pratinjau:
        sudah = set(k.undangan.values_list("lembaga_id", flat=True))
        sasaran = selectors.sasaran_undangan(
            pengguna=user,
            jenis=data.jenis,
            wilayah=data.wilayah,
            tingkat=data.tingkat,
            unit=data.unit,
        )
        return Status(
            200,
            {
                "jumlah": sum(1 for lem, _k in sasaran if lem.pk not in sudah),
                "pratinjau": True,
            },
        )
    try:
        baru = services.undangan_massal(
            pelaku=user,
            kegiatan=k,
            jenis=data.jenis,
            wilayah=data.wilayah,
            tingkat=data.tingkat,
            unit=data.unit,
            peran=data.peran,
        )
    except ValidationError as exc:
        return tolak_validasi(exc)
    return Status(201, {"jumlah": len(baru), "pratinjau": False})


@router.post(
    "/{kegiatan_id}/kehadiran",
    response={200: KehadiranOut, 201: KehadiranOut, 422: ErrorOut},
    summary=gettext_lazy("Record attendance"),
    auth=token_auth,
)
def hadir(request: HttpRequest, kegiatan_id: Id, data: HadirIn):
    """Check someone in: a scanned QR (`token`), an invitation id (`undangan`), or a walk-in
    by `nama` and `instansi`. Idempotent: 201 the first time, 200 with the same record after."""
    user = require_write(request)
    k = selectors.kegiatan_kelola_get(pengguna=user, pk=kegiatan_id)
    try:
        if data.token:
            row, baru = services.hadir_qr(pelaku=user, kegiatan=k, token=data.token)
        else:
            undangan = None
            if data.undangan is not None:
                undangan = k.undangan.filter(pk=data.undangan).first()
                if undangan is None:
                    raise FieldInvalid("undangan", _("Unknown invitation for this event."))
            row, baru = services.hadir_manual(
                pelaku=user,
                kegiatan=k,
                undangan=undangan,
                nama=data.nama,
                instansi=data.instansi,
                jabatan=data.jabatan,
            )
    except ValidationError as exc:
        return tolak_validasi(exc)
    row.baru = baru
    return Status(201 if baru else 200, row)


@router.get(
    "/{kegiatan_id}/kehadiran",
    response=list[KehadiranOut],
    summary=gettext_lazy("Attendance list"),
    auth=token_auth,
)
@paginate(Halaman)
def kehadiran_list(request: HttpRequest, kegiatan_id: Id):
    """The attendance list, for those who run the event."""
    k = selectors.kegiatan_kelola_get(pengguna=request.user, pk=kegiatan_id)
    return selectors.kehadiran_list(kegiatan=k)
