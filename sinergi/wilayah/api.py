from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sinergi.core.api import FieldInvalid, Halaman
from sinergi.wilayah import selectors

router = Router()

TingkatParam = Literal["provinsi", "kabupaten_kota", "kecamatan", "desa"]


class WilayahOut(Schema):
    kode: str
    nama: str
    tingkat: str
    jenis: str
    induk: str | None = Field(None, alias="induk_id")
    zona_waktu: str


class WilayahRingkas(Schema):
    kode: str
    nama: str
    tingkat: str


class WilayahDetail(WilayahOut):
    lat: float | None
    lng: float | None
    leluhur: list[WilayahRingkas]
    jumlah_anak: int


class WilayahFilter(Schema):
    tingkat: TingkatParam | None = None
    induk: str | None = Field(None, max_length=13)
    q: str = Field("", max_length=100)


@router.get("", response=list[WilayahOut], summary=gettext_lazy("List regions"))
@paginate(Halaman)
def wilayah_list(request: HttpRequest, filters: Query[WilayahFilter]):
    """Regions by level (`tingkat`), direct parent (`induk`) and name or code (`q`).

    With both `induk` and `q`, the search covers the whole subtree of `induk`.
    """
    induk = None
    if filters.induk:
        induk = selectors.wilayah_get(filters.induk)
        if induk is None:
            raise FieldInvalid("induk", _("Unknown region code."))
    return selectors.wilayah_list(tingkat=filters.tingkat, induk=induk, q=filters.q)


@router.get("/{kode}", response=WilayahDetail, summary=gettext_lazy("One region"))
def wilayah_detail(request: HttpRequest, kode: str):
    """One region with its ancestors and time zone; old codes (92.xx) resolve to today's."""
    wilayah = selectors.wilayah_get(kode)
    if wilayah is None:
        raise Http404
    wilayah.leluhur = selectors.wilayah_leluhur(wilayah)
    wilayah.jumlah_anak = wilayah.anak.count()
    return wilayah
