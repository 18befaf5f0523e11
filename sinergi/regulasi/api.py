"""The regulation catalogue: `GET /regulasi?q=&jenis=&tahun=&status=`, `GET /regulasi/{id}`."""

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from sinergi.core.angka import Id
from sinergi.core.api import Halaman
from sinergi.regulasi import selectors
from sinergi.regulasi.choices import JenisRegulasi, StatusRegulasi

router = Router()


class RegulasiOut(Schema):
    id: int
    jenis: str
    nomor: str
    tahun: int
    judul: str
    sebutan: str
    status: str
    tanggal_ditetapkan: dt.date | None
    tanggal_diundangkan: dt.date | None
    tautan: str
    jenis_tautan: str = Field(
        description='"dokumen" (JDIH document page), "situs_resmi", "beranda_jdih", '
        '"salinan" (third-party copy) or "berita" (news).'
    )
    label_tautan: str
    skor: float | None = None
    cuplikan: str | None = Field(None, description="HTML snippet, escaped, matches in <mark>.")


class RegulasiRingkas(Schema):
    id: int
    sebutan: str
    judul: str
    status: str


class TahapanRingkasRegulasi(Schema):
    pemilu: str
    kode: str
    nama: str


class LangkahOut(Schema):
    regulasi: RegulasiRingkas
    relasi: list[dict]


class RegulasiDetail(RegulasiOut):
    ringkasan: str
    sumber: str
    keyakinan: str
    mengubah: list[RegulasiRingkas]
    diubah_oleh: list[RegulasiRingkas]
    mencabut: list[RegulasiRingkas]
    dicabut_oleh: list[RegulasiRingkas]
    mencabut_sebagian: list[RegulasiRingkas]
    dicabut_sebagian_oleh: list[RegulasiRingkas]
    menetapkan: list[RegulasiRingkas]
    ditetapkan_oleh: list[RegulasiRingkas]
    rantai: list[LangkahOut]
    tahapan: list[TahapanRingkasRegulasi]


class RegulasiFilter(Schema):
    q: str = Field("", max_length=200, description="Full-text search (Indonesian stemming).")
    jenis: JenisRegulasi | None = None
    tahun: int | None = Field(None, ge=1945, le=2100)
    status: StatusRegulasi | None = None


def _ringkas(r) -> dict:
    return {"id": r.pk, "sebutan": r.sebutan, "judul": r.judul, "status": r.status}


@router.get("", response=list[RegulasiOut], summary=gettext_lazy("Search regulations"))
@paginate(Halaman)
def regulasi_list(request: HttpRequest, filters: Query[RegulasiFilter]):
    """Regulations by kind, year and status; with `q`, ranked full-text results with a
    highlighted snippet (`cuplikan`). "kampanye" and "berkampanye" find the same regulations."""
    kwargs = {
        "jenis": filters.jenis.value if filters.jenis else None,
        "tahun": filters.tahun,
        "status": filters.status.value if filters.status else None,
    }
    q = filters.q.strip()
    if not q:
        return selectors.regulasi_list(**kwargs)
    hasil = []
    for h in selectors.cari_regulasi(q, **kwargs):
        h.obj.skor = h.skor
        h.obj.cuplikan = str(h.cuplikan)
        hasil.append(h.obj)
    return hasil


@router.get("/{regulasi_id}", response=RegulasiDetail, summary=gettext_lazy("One regulation"))
def regulasi_detail(request: HttpRequest, regulasi_id: Id):
    """One regulation with what it amends, revokes or enacts, what amended it, the whole
    amendment chain (oldest first) and the stages it governs."""
    r = selectors.regulasi_get(regulasi_id)
    if r is None:
        raise HttpError(404, _("Unknown regulation: %(id)s.") % {"id": regulasi_id})
    data = RegulasiOut.from_orm(r).model_dump()
    data.update(
        ringkasan=r.ringkasan,
        sumber=r.sumber,
        keyakinan=r.keyakinan,
        **{
            nama: [_ringkas(x) for x in getattr(r, nama).all()]
            for nama in (
                "mengubah",
                "diubah_oleh",
                "mencabut",
                "dicabut_oleh",
                "mencabut_sebagian",
                "dicabut_sebagian_oleh",
                "menetapkan",
                "ditetapkan_oleh",
            )
        },
        rantai=[
            {
                "regulasi": _ringkas(langkah.regulasi),
                "relasi": [
                    {"jenis": j, "id": t.pk, "sebutan": t.sebutan} for j, t in langkah.relasi
                ],
            }
            for langkah in selectors.rantai_perubahan(r)
        ],
        tahapan=[
            {"pemilu": t.pemilu.slug, "kode": t.kode, "nama": t.nama} for t in r.tahapan.all()
        ],
    )
    return data
