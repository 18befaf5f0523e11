"""Reads of the regulation catalogue and the full-text search over regulations and stages.

PostgreSQL: full-text search with the `indonesian` configuration (stemming in the database),
ranked with `ts_rank`, snippets from `ts_headline`. SQLite: the stored index of PySastrawi stems
(`indeks_cari`), ranked by how many query stems match and where (title first). Either way a
search for "berkampanye" finds PKPU 15/2023 tentang Kampanye, and snippets are HTML-escaped with
only our own <mark> tags added.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Prefetch, QuerySet, TextField
from django.utils.safestring import SafeString

from sinergi.regulasi.models import Regulasi
from sinergi.tahapan import teks
from sinergi.tahapan.models import Tahapan

CONFIG = "indonesian"


def regulasi_list(
    *, jenis: str | None = None, tahun: int | None = None, status: str | None = None
) -> QuerySet[Regulasi]:
    qs = Regulasi.objects.all()
    if jenis:
        qs = qs.filter(jenis=jenis)
    if tahun:
        qs = qs.filter(tahun=tahun)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-tahun", "jenis", "nomor")


def regulasi_get(pk: int) -> Regulasi | None:
    return (
        Regulasi.objects.prefetch_related(
            "mengubah",
            "diubah_oleh",
            "mencabut",
            "dicabut_oleh",
            "mencabut_sebagian",
            "dicabut_sebagian_oleh",
            "menetapkan",
            "ditetapkan_oleh",
            Prefetch(
                "tahapan",
                queryset=Tahapan.objects.select_related("pemilu").order_by(
                    "pemilu__hari_pemungutan", "urutan"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class LangkahRantai:
    """One regulation in an amendment chain and how it relates to the others."""

    regulasi: Regulasi
    # ("mengubah" | "mencabut" | "mencabut_sebagian" | "menetapkan", target)
    relasi: list[tuple[str, Regulasi]]


def rantai_perubahan(regulasi: Regulasi, *, batas: int = 30) -> list[LangkahRantai]:
    """The whole family linked by amend/revoke/enact, oldest first (a few queries)."""
    relasi = ("mengubah", "mencabut", "mencabut_sebagian", "menetapkan")
    kebalikan = ("diubah_oleh", "dicabut_oleh", "dicabut_sebagian_oleh", "ditetapkan_oleh")
    dikenal: dict[int, Regulasi] = {regulasi.pk: regulasi}
    antrian = [regulasi.pk]
    while antrian and len(dikenal) < batas:
        batch = list(Regulasi.objects.filter(pk__in=antrian).prefetch_related(*relasi, *kebalikan))
        antrian = []
        for r in batch:
            dikenal[r.pk] = r
            for nama in relasi + kebalikan:
                for lain in getattr(r, nama).all():
                    if lain.pk not in dikenal:
                        dikenal[lain.pk] = lain
                        antrian.append(lain.pk)
    if len(dikenal) == 1:
        return []
    ids = list(dikenal)
    lengkap = {r.pk: r for r in Regulasi.objects.filter(pk__in=ids).prefetch_related(*relasi)}
    langkah = []
    for r in sorted(
        lengkap.values(),
        key=lambda x: (
            x.tahun,
            x.tanggal_ditetapkan or x.tanggal_diundangkan or x.created_at.date(),
            x.pk,
        ),
    ):
        rel = [(nama, t) for nama in relasi for t in getattr(r, nama).all() if t.pk in lengkap]
        langkah.append(LangkahRantai(r, rel))
    return langkah


# --- search -------------------------------------------------------------------------------------


@dataclass
class Hasil:
    obj: Regulasi | Tahapan
    skor: float
    cuplikan: SafeString


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _stems(q: str) -> list[str]:
    return list(dict.fromkeys(t for t in teks.token(q) if t))


def _teks_regulasi(r: Regulasi) -> str:
    return f"{r.judul}. {r.ringkasan}"


def _teks_tahapan(t: Tahapan) -> str:
    return " ".join(x for x in [t.nama + ".", t.aturan_waktu, t.deskripsi, t.nama_en] if x)


def _cari_sqlite(qs: QuerySet, q: str, judul_attr: str, teks_fn) -> list[Hasil]:
    stems = _stems(q)
    if not stems:
        return []
    for s in stems:
        qs = qs.filter(indeks_cari__contains=f" {s} ")
    hasil = []
    kumpulan = set(stems)
    for obj in qs:
        judul = {teks.stem_kata(k) for k in teks.token(getattr(obj, judul_attr))}
        isi = teks.token(teks_fn(obj))
        skor = sum(2.0 for s in kumpulan if s in judul) + sum(1.0 for k in isi if k in kumpulan) / (
            1 + len(isi) / 50
        )
        hasil.append(Hasil(obj, round(skor, 4), teks.cuplikan(teks_fn(obj), kumpulan)))
    hasil.sort(key=lambda h: -h.skor)
    return hasil


def _cari_postgres(qs: QuerySet, q: str, kolom: list[tuple[str, str]], teks_expr) -> list[Hasil]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    vektor = None
    for nama, bobot in kolom:
        v = SearchVector(nama, config=CONFIG, weight=bobot)
        vektor = v if vektor is None else vektor + v
    query = SearchQuery(q, config=CONFIG, search_type="websearch")
    rows = (
        qs.annotate(_v=vektor)
        .filter(_v=query)
        .annotate(
            _rank=SearchRank(vektor, query),
            _headline=SearchHeadline(
                teks_expr,
                query,
                config=CONFIG,
                start_sel=teks.MULAI,
                stop_sel=teks.SELESAI,
                max_words=30,
                min_words=12,
            ),
        )
        .order_by("-_rank", "pk")
    )
    return [Hasil(r, round(float(r._rank), 4), teks.sorot_aman(r._headline)) for r in rows]


def cari_regulasi(
    q: str, *, jenis: str | None = None, tahun: int | None = None, status: str | None = None
) -> list[Hasil]:
    """Regulations matching `q`, best first, each with a highlighted snippet."""
    qs = regulasi_list(jenis=jenis, tahun=tahun, status=status)
    if _is_postgres():
        from django.db.models import Value
        from django.db.models.functions import Concat

        return _cari_postgres(
            qs,
            q,
            [("jenis", "A"), ("nomor", "A"), ("judul", "A"), ("ringkasan", "B")],
            Concat("judul", Value(". "), "ringkasan", output_field=TextField()),
        )
    return _cari_sqlite(qs, q, "judul", _teks_regulasi)


def cari_tahapan(q: str, *, batas: int = 50) -> list[Hasil]:
    """Stages of every election matching `q`, best first."""
    qs = Tahapan.objects.select_related("pemilu").order_by("pemilu__hari_pemungutan", "urutan")
    if _is_postgres():
        from django.db.models import Value
        from django.db.models.functions import Concat

        hasil = _cari_postgres(
            qs,
            q,
            [("nama", "A"), ("kode", "A"), ("aturan_waktu", "B"), ("deskripsi", "B")],
            Concat("nama", Value(". "), "aturan_waktu", output_field=TextField()),
        )
    else:
        hasil = _cari_sqlite(qs, q, "nama", _teks_tahapan)
    return hasil[:batas]
