"""One filter schema per list, shared by the directory pages and the API."""

from typing import Literal

from ninja import Field, Schema
from pydantic import ValidationError

from sinergi.core.angka import Id

TingkatParam = Literal["nasional", "provinsi", "kabupaten_kota", "kecamatan"]


class LembagaFilter(Schema):
    jenis: str | None = Field(None, max_length=40)
    tingkat: TingkatParam | None = None
    wilayah: str | None = Field(None, max_length=13)
    induk: Id | None = None
    q: str = Field("", max_length=100)


class KontakFilter(Schema):
    wilayah: str | None = Field(None, max_length=13)
    q: str = Field("", max_length=100)


class TupoksiFilter(Schema):
    jenis: str | None = Field(None, max_length=40)
    pemilu: str | None = Field(None, max_length=60)
    tahapan: str | None = Field(None, max_length=20)


def dari_querydict(schema: type[Schema], data) -> Schema:
    """Parse request.GET for a page: values that do not validate are dropped, not fatal."""
    values = {k: data.get(k) for k in schema.model_fields if data.get(k) not in (None, "")}
    try:
        return schema(**values)
    except ValidationError as exc:
        bad = {str(e["loc"][0]) for e in exc.errors() if e.get("loc")}
        return schema(**{k: v for k, v in values.items() if k not in bad})
