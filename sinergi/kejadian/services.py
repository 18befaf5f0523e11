"""Every write on incidents: intake (staff, API, public), attachments, status transitions,
merging duplicates and routing to the organizations of the duty matrix.

Anything the actor may not see or do raises Http404 (nothing changes); bad input raises
ValidationError with a message per field. The intake path is kept lean because it takes the
election-day load: the active categories, the regions and the stage of each day are cached,
and one incident costs one INSERT and one audit row.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.core import audit, waktu
from sinergi.core import berkas as inti
from sinergi.core.memo import Memo
from sinergi.core.models import Kerahasiaan
from sinergi.core.pesan import Label
from sinergi.kejadian import izin
from sinergi.kejadian.models import (
    KategoriKejadian,
    Kejadian,
    Keparahan,
    LampiranKejadian,
    RiwayatStatus,
    RuteKategori,
    StatusKejadian,
    SumberLaporan,
)

S = StatusKejadian
# The statuses an incident may move to from each status (merging has its own service).
TRANSISI: dict[str, set[str]] = {
    S.DILAPORKAN: {S.TERVERIFIKASI, S.DITOLAK},
    S.TERVERIFIKASI: {S.DITANGANI, S.SELESAI},
    S.DITANGANI: {S.SELESAI},
    S.SELESAI: set(),
    S.DITOLAK: set(),
    S.DIGABUNG: set(),
}
STATUS_VERIFIKASI = izin.STATUS_VERIFIKASI
STATUS_TERBUKA = (S.DILAPORKAN, S.TERVERIFIKASI, S.DITANGANI)

TOLERANSI_MASA_DEPAN = datetime.timedelta(minutes=10)
JENDELA_DUPLIKAT = datetime.timedelta(hours=6)
MAKS_URAIAN = 10_000
CACHE_DETIK = 300
CACHE_KATEGORI = "kejadian:kategori:aktif:2"  # 2: names in both languages

# Public reports: at most this many per client address in the window.
BATAS_PUBLIK = 5
JENDELA_PUBLIK = datetime.timedelta(hours=1)

UKURAN_LAMPIRAN = 10 * 1024 * 1024
MAKS_LAMPIRAN = 5  # evidence files with one report
JENIS_LAMPIRAN = {
    "pdf": ("application/pdf", inti.PDF),
    "png": ("image/png", inti.PNG),
    "jpg": ("image/jpeg", inti.JPEG),
    "jpeg": ("image/jpeg", inti.JPEG),
    "webp": ("image/webp", inti.WEBP),
}
PRIORITAS = {
    Keparahan.RENDAH: "rendah",
    Keparahan.SEDANG: "sedang",
    Keparahan.TINGGI: "tinggi",
    Keparahan.KRITIS: "mendesak",
}


# --- cached reference lookups -----------------------------------------------------------------
# What intake looks up for every report, also kept a few seconds in this process (no pickling).
_referensi = Memo(seconds=5)


def kategori_aktif() -> dict[str, Label]:
    """Active category codes → names (cached a few minutes; categories rarely change). A name
    is a `Label`: `str()` gives it in the active language."""
    data = _referensi.get(CACHE_KATEGORI)
    if data is not None:
        return data
    data = cache.get(CACHE_KATEGORI)
    if data is None:
        data = {
            kode: Label(nama, nama_en)
            for kode, nama, nama_en in KategoriKejadian.objects.filter(is_active=True).values_list(
                "kode", "nama", "nama_en"
            )
        }
        if data:  # an empty table is not cached: the reference data may be loading
            cache.set(CACHE_KATEGORI, data, CACHE_DETIK)
    if data:
        _referensi.set(CACHE_KATEGORI, data)
    return data


def lupakan_kategori() -> None:
    """Forget the cached categories (after the taxonomy changes)."""
    _referensi.forget(CACHE_KATEGORI)
    cache.delete(CACHE_KATEGORI)


def tahapan_saran(tanggal: datetime.date) -> int | None:
    """The stage to suggest for an incident on this local date: an active stage of a running
    election, the most specific first (a sub-stage, then the shortest). Cached per day and
    per version of the stage data."""
    from sinergi.tahapan.selectors import tahapan_list
    from sinergi.tahapan.services import cache_versi

    key = f"kejadian:tahapan:{cache_versi()}:{tanggal.isoformat()}"
    found = _referensi.get(key)
    if found is not None:
        return found or None
    found = cache.get(key)
    if found is None:
        rows = tahapan_list(pemilu=None, aktif_pada=tanggal).values_list(
            "pk", "induk_id", "mulai_efektif", "selesai_efektif"
        )
        pilihan = sorted(rows, key=lambda r: (r[1] is None, (r[3] - r[2]).days, r[0]))
        found = pilihan[0][0] if pilihan else 0
        cache.set(key, found, CACHE_DETIK)
    _referensi.set(key, found)
    return found or None


# --- intake -----------------------------------------------------------------------------------
def hash_isi(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode()
    return hashlib.sha256(data).hexdigest()


@dataclass
class Hasil:
    """The outcome of an intake: the incident and whether this call created it."""

    kejadian: Kejadian
    baru: bool = True
    errors: list = field(default_factory=list)


KODE_WILAYAH = re.compile(r"[0-9]{2}(\.[0-9]{1,4}){0,3}")


def _wilayah(kode: str):
    """The region for a code (old codes followed). Regions are reference data, so the lookup
    is cached (code → today's code, zone, name; unknown codes are not cached); the result is a
    bare instance that is enough to link the incident and read its zone."""
    from sinergi.wilayah.models import Wilayah
    from sinergi.wilayah.selectors import wilayah_get

    kode = (kode or "").strip()
    if not KODE_WILAYAH.fullmatch(kode):
        return wilayah_get(kode) if kode else None
    key = f"kejadian:wilayah:{kode}"
    found = _referensi.get(key)
    if found is None:
        found = cache.get(key)
        if found is None:
            w = wilayah_get(kode)
            if w is None:
                return None
            found = (w.kode, w.zona_waktu, w.nama, w.tingkat)
            cache.set(key, found, CACHE_DETIK * 12)
        _referensi.set(key, found)
    return Wilayah(kode=found[0], zona_waktu=found[1], nama=found[2], tingkat=found[3])


def _tps(wilayah, kode_tps: str, nomor_tps: int | None, errors: dict):
    """The polling station by `<village code>-<number>` or by its number in the village."""
    from sinergi.wilayah.models import TPS

    kode_tps = (kode_tps or "").strip()
    if not kode_tps and nomor_tps is None:
        return None
    desa, nomor = wilayah.kode if wilayah else "", nomor_tps
    if kode_tps:
        desa, _sep, teks = kode_tps.rpartition("-")
        try:
            nomor = int(teks)
        except ValueError:
            errors["kode_tps"] = _(
                "Write the TPS as <village code>-<number>, e.g. 35.19.01.2001-003."
            )
            return None
    tps = TPS.objects.filter(desa_id=desa, nomor=nomor).first() if desa and nomor else None
    field_name = "kode_tps" if kode_tps else "nomor_tps"
    if tps is None:
        errors[field_name] = _("No such polling station (TPS) in that village.")
        return None
    if wilayah is not None and not wilayah.mencakup(tps.desa_id):
        errors[field_name] = _("This polling station (TPS) does not lie in the incident's region.")
        return None
    return tps


# How a staff member may say a report reached them. `publik` is the public form's alone, and
# petugas/pemangku follow from the reporter's organization: the server decides the source.
SUMBER_SALURAN = {SumberLaporan.MEDIA, SumberLaporan.HOTLINE}


def sumber_laporan(pelaku, diminta: str, *, publik: bool, errors: dict) -> str:
    """The source of a report, decided by the server from the channel it came through: the
    public form → `publik`; staff → `petugas` (KPU/Bawaslu) or `pemangku` (other
    organizations), or `media`/`hotline` when they relay a report received that way."""
    if publik:
        return SumberLaporan.PUBLIK
    diminta = (diminta or "").strip()
    if diminta == SumberLaporan.PUBLIK:
        errors["sumber"] = _(
            "Only the public reporting form makes a report from the public. Leave the source "
            "empty, or choose media or hotline if the report reached you that way."
        )
    if diminta in SUMBER_SALURAN:
        return diminta
    lembaga = getattr(pelaku, "lembaga", None)
    if lembaga is not None and lembaga.jenis.kelompok not in rules.KELOMPOK_PIMPINAN:
        return SumberLaporan.PEMANGKU
    return SumberLaporan.PETUGAS


def siapkan_kejadian(
    *,
    pelaku,
    kategori: str,
    kode_wilayah: str,
    waktu_kejadian: datetime.datetime | None,
    uraian: str,
    judul: str = "",
    kode_tps: str = "",
    nomor_tps: int | None = None,
    keparahan: str = Keparahan.SEDANG,
    kerahasiaan: str = Kerahasiaan.RESTRICTED,
    sumber: str = "",
    lat: float | None = None,
    lng: float | None = None,
    tahapan: Any = None,
    nama_pelapor: str = "",
    kontak_pelapor: str = "",
    publik: bool = False,
) -> Kejadian:
    """Validate everything and build the unsaved incident (few queries, none per field)."""
    errors: dict[str, str] = {}
    if not publik and not izin.dapat_lapor(pelaku):
        raise Http404
    kategori = (kategori or "").strip()
    if kategori not in kategori_aktif():
        errors["kategori"] = _("Unknown incident category “%(kode)s”.") % {"kode": kategori[:40]}
    wilayah = _wilayah(kode_wilayah)
    if wilayah is None:
        errors["kode_wilayah"] = _("Unknown region code.")
    elif not publik and not rules.dalam_lingkup(pelaku, wilayah.kode):
        errors["kode_wilayah"] = _(
            "This region lies outside your organization's area; report it to the organization "
            "of that region."
        )
    if waktu_kejadian is None:
        errors["waktu_kejadian"] = _("This field is required.")
    elif timezone.is_naive(waktu_kejadian):
        errors["waktu_kejadian"] = _("Give the time with its offset, e.g. 2024-02-14T09:30+07:00.")
    elif waktu_kejadian > timezone.now() + TOLERANSI_MASA_DEPAN:
        errors["waktu_kejadian"] = _("The time of the incident cannot be in the future.")
    uraian = (uraian or "").strip()
    if not uraian:
        errors["uraian"] = _("Describe what happened.")
    elif len(uraian) > MAKS_URAIAN:
        errors["uraian"] = _("At most %(n)s characters.") % {"n": MAKS_URAIAN}
    if (lat is None) != (lng is None):
        errors["lat"] = _("Give both latitude and longitude, or neither.")
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lng <= 180):
        errors["lat"] = _("The coordinates are out of range.")
    tps = _tps(wilayah, kode_tps, nomor_tps, errors) if wilayah is not None else None
    sumber = sumber_laporan(pelaku, sumber, publik=publik, errors=errors)
    tahapan_id = None
    if tahapan not in (None, ""):
        from sinergi.tahapan.models import Tahapan

        tahapan_id = getattr(tahapan, "pk", tahapan)
        if not Tahapan.objects.filter(pk=tahapan_id).exists():
            errors["tahapan"] = _("Unknown stage.")
    elif wilayah is not None and "waktu_kejadian" not in errors:
        tahapan_id = tahapan_saran(waktu.ke_lokal(waktu_kejadian, wilayah.zona_waktu).date())
    k = Kejadian(
        kategori_id=kategori,
        wilayah=wilayah,
        tps=tps,
        tahapan_id=tahapan_id,
        lat=lat,
        lng=lng,
        waktu_kejadian=waktu_kejadian,
        zona_waktu=wilayah.zona_waktu if wilayah else "WIB",
        judul=(judul or "").strip()[:200],
        uraian=uraian,
        sumber=sumber,
        lembaga_pelapor_id=None if publik else pelaku.lembaga_id,
        pelapor=None if publik else pelaku,
        nama_pelapor=(nama_pelapor or "").strip()[:150],
        kontak_pelapor=(kontak_pelapor or "").strip()[:150],
        kerahasiaan=kerahasiaan,
        keparahan=keparahan,
    )
    try:
        # Foreign keys are checked above; skipping them and the unique checks saves queries.
        k.full_clean(
            exclude=[
                "kategori",
                "wilayah",
                "tps",
                "tahapan",
                "lembaga_pelapor",
                "pelapor",
                "induk",
                "lembaga_verifikator",
                "waktu_kejadian",
                "uraian",
                "lat",
                "lng",
                *errors.keys(),
            ],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)
    return k


# On PostgreSQL the intake writes the incident and its audit row with one statement (a
# data-modifying CTE, atomic by itself): one round trip and no transaction bracket, which is what
# lets election-day intake take about a thousand reports a second (docs/benchmarks.md).
_SISIP_PG = """
WITH k AS (
    INSERT INTO kejadian_kejadian ({kolom}) VALUES ({nilai})
    ON CONFLICT (pengaju, kunci_idempotensi) WHERE NOT (kunci_idempotensi = '') DO NOTHING
    RETURNING id
), a AS (
    INSERT INTO core_auditentry
        (created_at, actor_id, action, object_type, object_id, object_repr, after, note)
    SELECT %s, %s, 'create', 'kejadian.kejadian', k.id::text, %s,
        jsonb_set(%s::jsonb, '{{id}}', to_jsonb(k.id)), %s
    FROM k
)
SELECT id FROM k
"""


def _kolom(fields) -> str:
    return ", ".join(connection.ops.quote_name(f.column) for f in fields)


@functools.cache
def _sisip_pg() -> tuple[str, list]:
    fields = [f for f in Kejadian._meta.concrete_fields if not f.primary_key]
    return _SISIP_PG.format(kolom=_kolom(fields), nilai=", ".join(["%s"] * len(fields))), fields


@functools.cache
def _pertama_pg_sql() -> str:
    return (  # column names come from the model, never from input
        f"SELECT {_kolom(Kejadian._meta.concrete_fields)} FROM kejadian_kejadian "  # noqa: S608
        "WHERE pengaju = %s AND kunci_idempotensi = %s AND NOT (kunci_idempotensi = '')"
    )


def _satu_baris_pg(sql: str, params: list) -> tuple | None:
    """Run one statement as a prepared statement (PostgreSQL parses and plans it once per
    connection instead of once per report) and return its first row."""
    import psycopg  # only on PostgreSQL

    conn = connections[DEFAULT_DB_ALIAS]
    conn.ensure_connection()
    pg = conn.connection
    # One cursor per connection, kept: it remembers how each parameter type is sent, which a
    # new cursor per report would look up again (about a tenth of the intake's CPU).
    cursor = getattr(pg, "_sinergi_kursor", None)
    if cursor is None or cursor.closed:
        cursor = pg._sinergi_kursor = psycopg.Cursor(pg)
    with conn.wrap_database_errors:  # a violated constraint is Django's IntegrityError
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchone()


def _simpan_pg(k: Kejadian, *, pelaku, note: str) -> bool:
    """Insert `k` and its audit row in one statement; False when the idempotency key exists."""
    sekarang = timezone.now()
    k.created_at = k.updated_at = sekarang
    sql, fields = _sisip_pg()
    conn = connections[DEFAULT_DB_ALIAS]
    params = [f.get_db_prep_save(getattr(k, f.attname), conn) for f in fields]
    aktor = pelaku.pk if getattr(pelaku, "is_authenticated", False) else None
    params += [sekarang, aktor, str(k)[:255], json.dumps(audit.snapshot(k)), note]
    row = _satu_baris_pg(sql, params)
    if row is None:
        return False
    k.pk = row[0]
    k._state.adding, k._state.db = False, conn.alias
    return True


def _pertama_pg(pengaju: str, kunci: str) -> Kejadian:
    """The incident stored first under this idempotency key (a retry's answer)."""
    row = _satu_baris_pg(_pertama_pg_sql(), [pengaju, kunci])
    if row is None:  # not visible yet to this statement: read it the ordinary way
        return Kejadian.objects.get(pengaju=pengaju, kunci_idempotensi=kunci)
    fields = [f.attname for f in Kejadian._meta.concrete_fields]
    return Kejadian.from_db(DEFAULT_DB_ALIAS, fields, row)


def simpan_kejadian(k: Kejadian, *, pelaku, note: str = "") -> Hasil:
    """Insert the incident and its audit row in one transaction; a second request with the
    same idempotency key (even a concurrent one) gets the first incident back."""
    if connection.vendor == "postgresql":
        if _simpan_pg(k, pelaku=pelaku, note=note):
            return Hasil(k)
        return Hasil(_pertama_pg(k.pengaju, k.kunci_idempotensi), baru=False)
    try:
        with transaction.atomic():
            k.save(force_insert=True)
            audit.record(actor=pelaku, action="create", obj=k, after=audit.snapshot(k), note=note)
    except IntegrityError:
        if not k.kunci_idempotensi:
            raise
        first = Kejadian.objects.filter(
            pengaju=k.pengaju, kunci_idempotensi=k.kunci_idempotensi
        ).first()
        if first is None:
            raise
        return Hasil(first, baru=False)
    return Hasil(k)


def kejadian_terima(
    *, pelaku, kunci_idempotensi: str = "", isi: bytes | str = b"", **data: Any
) -> Hasil:
    """API intake: validate and store one report, idempotent under (submitter, key).

    The same key with another body raises `KunciBentrok` (the API answers 409)."""
    kunci = (kunci_idempotensi or "").strip()
    pengaju = f"u{pelaku.pk}" if kunci else ""
    h = hash_isi(isi) if kunci else ""
    try:
        k = siapkan_kejadian(pelaku=pelaku, **data)
    except ValidationError:
        if kunci:
            first = Kejadian.objects.filter(pengaju=pengaju, kunci_idempotensi=kunci).first()
            if first is not None and first.hash_isi != h:
                raise KunciBentrok(first) from None
        raise
    k.kunci_idempotensi, k.pengaju, k.hash_isi = kunci, pengaju, h
    hasil = simpan_kejadian(k, pelaku=pelaku)
    if not hasil.baru and hasil.kejadian.hash_isi != h:
        raise KunciBentrok(hasil.kejadian)
    return hasil


class KunciBentrok(Exception):
    """An idempotency key reused with a different body."""

    def __init__(self, kejadian: Kejadian):
        self.kejadian = kejadian
        super().__init__(str(kejadian.ref))


def kejadian_create(
    *,
    pelaku,
    lampiran: list | tuple = (),
    kunci_idempotensi: str = "",
    isi: bytes | str = b"",
    **data: Any,
) -> Kejadian:
    """Report an incident (staff), with up to `MAKS_LAMPIRAN` evidence files; all or nothing.
    Every file is checked before anything is written: a bad one is named in the message on
    `lampiran` and nothing is saved (neither the incident nor the other files).

    Under an idempotency key (the web form's, e.g. a report queued offline and sent again) a
    retry with the same body returns the first incident and saves nothing; another body under
    the same key raises `KunciBentrok`, as in the API."""
    kunci = (kunci_idempotensi or "").strip()
    pengaju = f"u{pelaku.pk}" if kunci and getattr(pelaku, "pk", None) else ""
    return _terima_formulir(
        pengaju=pengaju,
        kunci=kunci,
        isi=isi,
        siapkan=lambda: siapkan_kejadian(pelaku=pelaku, **data),
        pelaku=pelaku,
        lampiran=lampiran,
    )


def _terima_formulir(
    *,
    pengaju: str,
    kunci: str,
    isi: bytes | str,
    siapkan,
    pelaku,
    lampiran,
    note: str = "",
    kembar_dari: str = "",
) -> Kejadian:
    """Store a form's report once per (submitter, key): the first incident when the key was
    seen with the same body (nothing is validated or written again, so a replay of a report
    sent before is harmless even if the data changed meanwhile), `KunciBentrok` for another
    body, else validate and save it with its files.

    `kembar_dari` (a submitter prefix) also takes the first incident of another submitter of
    that kind when both key and body match: the same report sent again from elsewhere, also
    when both copies arrive at once (a unique constraint, `kejadian_kunci_publik_unik`)."""
    if kunci and not pengaju:
        kunci = ""
    h = hash_isi(isi) if kunci else ""

    def kembar() -> Kejadian | None:
        if not (kunci and kembar_dari):
            return None
        return Kejadian.objects.filter(
            pengaju__startswith=kembar_dari, kunci_idempotensi=kunci, hash_isi=h
        ).first()

    if kunci:
        first = Kejadian.objects.filter(pengaju=pengaju, kunci_idempotensi=kunci).first()
        if first is not None:
            if first.hash_isi != h:
                raise KunciBentrok(first)
            return first
        if (sama := kembar()) is not None:
            return sama
    k = siapkan()
    if kunci:
        k.kunci_idempotensi, k.hash_isi = kunci, h
    if pengaju:
        k.pengaju = pengaju
    try:
        hasil = _simpan_dengan_lampiran(k, pelaku=pelaku, lampiran=lampiran, note=note)
    except IntegrityError:
        # The twin from another address was stored between the look-up and this insert
        # (both copies at once): the unique constraint kept one row, and this is its answer.
        if (sama := kembar()) is None:
            raise
        return sama
    if not hasil.baru and hasil.kejadian.hash_isi != h:  # a concurrent twin won the race
        raise KunciBentrok(hasil.kejadian)
    return hasil.kejadian


def _simpan_dengan_lampiran(k: Kejadian, *, pelaku, lampiran, **simpan: Any) -> Hasil:
    """Save a prepared incident with its evidence files in one transaction, every file checked
    first; on any failure the files already written are removed with the rolled-back rows.
    When the idempotency key was taken meanwhile, the first incident is returned and no file
    is saved."""
    aman = periksa_lampiran_banyak(lampiran)
    disimpan: list[LampiranKejadian] = []
    try:
        with transaction.atomic():
            hasil = simpan_kejadian(k, pelaku=pelaku, **simpan)
            if not hasil.baru:
                return hasil
            for upload, ok in zip(lampiran, aman, strict=True):
                disimpan.append(_lampiran_simpan(pelaku=pelaku, kejadian=k, upload=upload, aman=ok))
    except BaseException:
        for lamp in disimpan:  # the rows were rolled back; their files must go too
            lamp.berkas.delete(save=False)
        raise
    return hasil


KLIEN_PUBLIK = "ip:"  # the submitter prefix of public reports


def kunci_klien(ip: str | None) -> str:
    """How a public reporter's address is kept: a hash, never the address itself."""
    return KLIEN_PUBLIK + hash_isi(f"kejadian-publik:{ip or '-'}")[:40]


def kejadian_lapor_publik(
    *,
    ip: str | None,
    lampiran: list | tuple = (),
    kunci_idempotensi: str = "",
    isi: bytes | str = b"",
    **data: Any,
) -> Kejadian:
    """A report from the public (no account): moderated, invisible until verified, throttled
    per client address. Stored PUBLIC, source `publik`; photos as with `kejadian_create`, all
    checked before anything is written.

    An idempotency key belongs to the client address (the submitter is the address's hash):
    another body under a key seen from that address is refused, and a key never gives another
    address someone else's report unless the body is the same too. That case is the phone's
    offline queue sending the report again after it moved to another connection (a new
    address, as on mobile data): it gets the first incident, not a second one. A retry of a
    report already stored is answered before the throttle, which counts only new reports."""
    pengaju = kunci_klien(ip)

    def siapkan() -> Kejadian:
        baru = Kejadian.objects.filter(
            pengaju=pengaju, created_at__gte=timezone.now() - JENDELA_PUBLIK
        ).count()
        if baru >= BATAS_PUBLIK:
            raise ValidationError(
                {
                    "__all__": _(
                        "Too many reports from your connection in the last hour (at most "
                        "%(n)s). Please try again later."
                    )
                    % {"n": BATAS_PUBLIK}
                }
            )
        data.pop("kerahasiaan", None)
        data.pop("sumber", None)
        return siapkan_kejadian(pelaku=None, publik=True, kerahasiaan=Kerahasiaan.PUBLIC, **data)

    return _terima_formulir(
        pengaju=pengaju,
        kunci=(kunci_idempotensi or "").strip(),
        isi=isi,
        siapkan=siapkan,
        pelaku=None,
        lampiran=lampiran,
        note="public report",
        kembar_dari=KLIEN_PUBLIK,
    )


# --- attachments ------------------------------------------------------------------------------
def _periksa_lampiran(upload, field: str = "lampiran") -> inti.BerkasAman:
    return inti.periksa_unggahan(
        upload,
        jenis=JENIS_LAMPIRAN,
        maks_ukuran=UKURAN_LAMPIRAN,
        field=field,
        pesan_jenis=_("Only photos (PNG, JPEG, WebP) and PDF files are allowed."),
    )


def periksa_lampiran_banyak(berkas: list | tuple) -> list[inti.BerkasAman]:
    """Check every evidence file of one report (at most `MAKS_LAMPIRAN`); the refusals name
    each bad file, all of them in one ValidationError on `lampiran`."""
    if len(berkas) > MAKS_LAMPIRAN:
        raise ValidationError(
            {
                "lampiran": _("At most %(n)s files per report; you chose %(jumlah)s.")
                % {"n": MAKS_LAMPIRAN, "jumlah": len(berkas)}
            }
        )
    aman, salah = [], []
    for upload in berkas:
        try:
            aman.append(_periksa_lampiran(upload))
        except ValidationError as exc:
            nama = inti.nama_unggahan(upload)
            for pesan in exc.message_dict["lampiran"]:
                salah.append(_("“%(nama)s”: %(pesan)s") % {"nama": nama, "pesan": pesan})
    if salah:
        raise ValidationError({"lampiran": salah})
    return aman


def _lampiran_simpan(*, pelaku, kejadian, upload, aman) -> LampiranKejadian:
    lampiran = LampiranKejadian(
        kejadian=kejadian,
        nama=aman.nama,
        jenis_mime=aman.tipe,
        ukuran=aman.ukuran,
        diunggah_oleh=pelaku if getattr(pelaku, "is_authenticated", False) else None,
    )
    return inti.simpan_lampiran(
        lampiran,
        upload=upload,
        aman=aman,
        actor=pelaku,
        fields=["id", "kejadian", "nama", "ukuran"],
    )


@transaction.atomic
def lampiran_tambah(*, pelaku, kejadian: Kejadian, berkas) -> LampiranKejadian:
    """Attach a photo or PDF whose content matches its extension (up to 10 MB)."""
    if not izin.dapat_lampir(pelaku, kejadian):
        raise Http404
    if berkas is None:
        raise ValidationError({"berkas": _("Choose a file to upload.")})
    aman = _periksa_lampiran(berkas, field="berkas")
    return _lampiran_simpan(pelaku=pelaku, kejadian=kejadian, upload=berkas, aman=aman)


# --- transitions ------------------------------------------------------------------------------
def _riwayat(*, pelaku, k: Kejadian, dari: str, ke: str, alasan: str) -> None:
    RiwayatStatus.objects.create(
        kejadian=k,
        dari=dari,
        ke=ke,
        alasan=alasan,
        pelaku=pelaku if getattr(pelaku, "is_authenticated", False) else None,
    )


@transaction.atomic
def kejadian_transisi(
    *, pelaku, kejadian: Kejadian, status: str, alasan: str, rute: bool = True
) -> Kejadian:
    """Move an incident along reported → verified | rejected, verified → in handling →
    resolved, with a reason. Verifying routes it (`kejadian_rute`) unless `rute` is false."""
    k = Kejadian.objects.select_for_update().select_related("wilayah").get(pk=kejadian.pk)
    if status not in S.values:
        raise ValidationError({"status": _("Unknown status.")})
    if not izin.dapat_transisi(pelaku, k, status):
        raise Http404
    dari, ke = S(k.status), S(status)
    if ke not in TRANSISI[dari]:
        raise ValidationError(
            {
                "status": _("An incident cannot go from “%(dari)s” to “%(ke)s”.")
                % {"dari": dari.label, "ke": ke.label}
            }
        )
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Give the reason for this change.")})
    before = audit.snapshot(k)
    k.status = ke
    fields = ["status", "updated_at"]
    if ke == S.TERVERIFIKASI:
        k.lembaga_verifikator_id = pelaku.lembaga_id
        k.diverifikasi_at = timezone.now()
        fields += ["lembaga_verifikator", "diverifikasi_at"]
    k.save(update_fields=fields)
    _riwayat(pelaku=pelaku, k=k, dari=dari, ke=ke, alasan=alasan)
    b, a = audit.changes(before, audit.snapshot(k))
    audit.record(actor=pelaku, action="update", obj=k, before=b, after=a, note=alasan[:400])
    if ke == S.TERVERIFIKASI and rute:
        kejadian_rute(pelaku=pelaku, kejadian=k)
        k.refresh_from_db()
    return k


@transaction.atomic
def kejadian_mulai_ditangani(*, pelaku, tindak_lanjut) -> Kejadian | None:
    """A follow-up of a verified incident was acknowledged for the first time: its work has
    started, so the incident moves to "in handling" by itself (a system step: the owner
    organization's acknowledgement is the permission). The history row names the
    organization, the audit entry the acknowledging user. Incidents in any other status, and
    follow-ups not from an incident, are left alone. Returns the incident when it moved."""
    jenis = ContentType.objects.get_for_model(Kejadian)
    if tindak_lanjut.sumber_jenis_id != jenis.pk or not tindak_lanjut.sumber_id:
        return None
    k = Kejadian.objects.select_for_update().filter(pk=tindak_lanjut.sumber_id).first()
    if k is None or k.status != S.TERVERIFIKASI:
        return None
    with translation.override(settings.LANGUAGE_CODE):  # stored text: the site's language
        alasan = _("Follow-up acknowledged by %(lembaga)s") % {
            "lembaga": tindak_lanjut.lembaga.nama
        }
    before = audit.snapshot(k)
    k.status = S.DITANGANI
    k.save(update_fields=["status", "updated_at"])
    _riwayat(pelaku=pelaku, k=k, dari=S.TERVERIFIKASI, ke=S.DITANGANI, alasan=alasan)
    b, a = audit.changes(before, audit.snapshot(k))
    audit.record(
        actor=pelaku,
        action="update",
        obj=k,
        before=b,
        after=a,
        note=f"follow-up {tindak_lanjut.pk} acknowledged: in handling (system step)",
    )
    return k


def kejadian_transisi_massal(*, pelaku, kejadian: list[Kejadian], status: str, alasan: str):
    """Verify or reject many incidents with one reason. Each one succeeds or fails on its own
    (a colleague may have handled one meanwhile); returns (done, [(incident, message)])."""
    if status not in STATUS_VERIFIKASI:
        raise ValidationError({"status": _("Only verifying or rejecting can be done in bulk.")})
    if not (alasan or "").strip():
        raise ValidationError({"alasan": _("Give the reason for this change.")})
    done, failed = [], []
    for k in kejadian:
        try:
            with transaction.atomic():
                done.append(
                    kejadian_transisi(pelaku=pelaku, kejadian=k, status=status, alasan=alasan)
                )
        except ValidationError as exc:
            failed.append((k, " ".join(exc.messages)))
        except Http404:
            failed.append((k, _("You may not change this incident.")))
    return done, failed


# --- duplicates and merging -------------------------------------------------------------------
def q_duplikat(k: Kejadian) -> Q:
    """Same category, the same region or one above or below it, within the time window, not
    rejected or merged."""
    w = k.wilayah_id
    leluhur = [".".join(w.split(".")[:i]) for i in range(1, len(w.split(".")))]
    return (
        Q(kategori_id=k.kategori_id)
        & Q(waktu_kejadian__gte=k.waktu_kejadian - JENDELA_DUPLIKAT)
        & Q(waktu_kejadian__lte=k.waktu_kejadian + JENDELA_DUPLIKAT)
        & (Q(wilayah_id=w) | Q(wilayah_id__in=leluhur) | Q(wilayah__pk__startswith=w + "."))
        & ~Q(status__in=[S.DITOLAK, S.DIGABUNG])
        & ~Q(pk=k.pk)
    )


@transaction.atomic
def kejadian_gabung(
    *, pelaku, induk: Kejadian, duplikat: list[Kejadian], alasan: str = ""
) -> list[Kejadian]:
    """Merge duplicates into `induk`. Every original stays (status merged, `induk` set), with
    its attachments and history."""
    ids = sorted({d.pk for d in duplikat} | {induk.pk})
    rows = {k.pk: k for k in Kejadian.objects.select_for_update().filter(pk__in=ids)}
    utama = rows[induk.pk]
    if not izin.dapat_verifikasi(pelaku, utama):
        raise Http404
    if utama.status in (S.DITOLAK, S.DIGABUNG):
        raise ValidationError(
            {"induk": _("A rejected or merged incident cannot take other reports.")}
        )
    lain = [rows[d.pk] for d in duplikat if d.pk != utama.pk]
    if not lain:
        raise ValidationError({"duplikat": _("Choose at least one other report to merge.")})
    alasan = (alasan or "").strip() or _("Duplicate of %(ref)s") % {"ref": utama.ref}
    for k in lain:
        if not izin.dapat_verifikasi(pelaku, k):
            raise Http404
        if k.status == S.DIGABUNG:
            raise ValidationError({"duplikat": _("This report is already merged.")})
    for k in lain:
        before = audit.snapshot(k)
        dari = k.status
        k.status, k.induk = S.DIGABUNG, utama
        k.save(update_fields=["status", "induk", "updated_at"])
        _riwayat(pelaku=pelaku, k=k, dari=dari, ke=S.DIGABUNG, alasan=alasan)
        b, a = audit.changes(before, audit.snapshot(k))
        audit.record(actor=pelaku, action="update", obj=k, before=b, after=a, note="merged")
    return lain


# --- routing (tupoksi) ------------------------------------------------------------------------
@dataclass
class HasilRute:
    dibuat: list = field(default_factory=list)  # new follow-ups
    sudah_ada: list = field(default_factory=list)  # organizations that already had one
    tanpa_lembaga: list = field(default_factory=list)  # matrix rows with no organization found


def _kode_cakupan(kode: str) -> list[str]:
    """The region and its ancestors, nearest first."""
    parts = kode.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def lembaga_terdekat(jenis: set[str], kode_wilayah: str) -> dict[str, Any]:
    """For each organization type, the active organization whose region is the nearest one
    covering `kode_wilayah` (regency, then province, then national)."""
    from sinergi.pemangku.models import Lembaga

    cakupan = _kode_cakupan(kode_wilayah)
    rank = {kode: i for i, kode in enumerate(cakupan)}
    calon = Lembaga.objects.filter(jenis_id__in=jenis, is_active=True).filter(
        Q(wilayah_id__in=cakupan) | Q(wilayah__isnull=True)
    )
    best: dict[str, Any] = {}
    for lem in calon.order_by("pk"):
        r = rank.get(lem.wilayah_id, len(cakupan))
        cur = best.get(lem.jenis_id)
        if cur is None or r < rank.get(cur.wilayah_id, len(cakupan)):
            best[lem.jenis_id] = lem
    return best


def _tenggat_lokal(jam: int, zona: str) -> tuple[datetime.date, datetime.time]:
    lokal = waktu.ke_lokal(timezone.now() + datetime.timedelta(hours=jam), zona)
    return lokal.date(), lokal.time().replace(second=0, microsecond=0)


def _tindak_lanjut_sistem(*, pelaku, k: Kejadian, lembaga, judul, uraian, jam, prioritas):
    """The follow-up created by the routing itself, when the verifier could not assign to that
    organization (e.g. the provincial police, above a regency verifier's scope). Audited with
    the verifier as actor and a note; tindak_lanjut's own service is used whenever it allows."""
    from sinergi.tindak_lanjut.models import TindakLanjut

    wilayah = k.wilayah
    if lembaga.wilayah_id is not None and not rules.kode_dalam(lembaga.wilayah_id, k.wilayah_id):
        wilayah = lembaga.wilayah
    zona = wilayah.zona_waktu if wilayah is not None else "WIB"
    tanggal, pukul = _tenggat_lokal(jam, zona)
    tl = TindakLanjut(
        judul=judul,
        uraian=uraian,
        lembaga=lembaga,
        lembaga_pembuat_id=getattr(pelaku, "lembaga_id", None),
        dibuat_oleh=pelaku if getattr(pelaku, "is_authenticated", False) else None,
        wilayah=wilayah,
        zona_waktu=zona,
        tenggat=waktu.dari_lokal(datetime.datetime.combine(tanggal, pukul), zona),
        tenggat_ada_jam=True,
        prioritas=prioritas,
        kerahasiaan=k.kerahasiaan,
        sumber_jenis=ContentType.objects.get_for_model(Kejadian),
        sumber_id=str(k.pk),
        sumber_label=str(k)[:255],
    )
    tl.full_clean()
    tl.save()
    audit.record(
        actor=pelaku,
        action="create",
        obj=tl,
        after=audit.snapshot(tl),
        note="routed by the incident duty matrix (system path)",
    )
    # The owner's members learn of it in their inbox, as with tindak_lanjut's own service.
    from sinergi.komunikasi.services import notifikasi_tindak_lanjut

    transaction.on_commit(lambda: notifikasi_tindak_lanjut(tl.pk), robust=True)
    return tl


@transaction.atomic
def kejadian_rute(*, pelaku, kejadian: Kejadian) -> HasilRute:
    """Create one follow-up per organization that the duty matrix assigns to this verified
    incident (its category, in its stage or in every stage), at the nearest organization of
    that type covering its region. Idempotent: an organization that already holds a follow-up
    of this incident gets no second one."""
    from sinergi.tindak_lanjut import izin as izin_tl
    from sinergi.tindak_lanjut.models import TindakLanjut
    from sinergi.tindak_lanjut.services import tindak_lanjut_create

    k = (
        Kejadian.objects.select_for_update()
        .select_related("wilayah", "kategori")
        .get(pk=kejadian.pk)
    )
    if not izin.dapat_verifikasi(pelaku, k):
        raise Http404
    if k.status not in (S.TERVERIFIKASI, S.DITANGANI):
        raise ValidationError({"status": _("Only a verified incident can be routed.")})
    baris = list(
        RuteKategori.objects.filter(kategori_id=k.kategori_id)
        .filter(Q(tahapan__isnull=True) | Q(tahapan_id=k.tahapan_id))
        .select_related("jenis_lembaga")
        .order_by("peran", "jenis_lembaga__urutan", "pk")
    )
    terdekat = lembaga_terdekat({b.jenis_lembaga_id for b in baris}, k.wilayah_id)
    jenis_ct = ContentType.objects.get_for_model(Kejadian)
    ada = set(
        TindakLanjut.objects.filter(sumber_jenis=jenis_ct, sumber_id=str(k.pk)).values_list(
            "lembaga_id", flat=True
        )
    )
    hasil = HasilRute()
    for b in baris:
        lembaga = terdekat.get(b.jenis_lembaga_id)
        if lembaga is None:
            hasil.tanpa_lembaga.append(b)
            continue
        if lembaga.pk in ada:
            hasil.sudah_ada.append(lembaga)
            continue
        # A follow-up is a shared record, edited and read by many: the system writes it in the
        # default language, whatever the language of whoever routed the incident.
        with translation.override(settings.LANGUAGE_CODE):
            judul = f"{k.kategori.nama}: {k.judul or k.uraian[:120]}"[:200]
            uraian = "\n".join(
                x
                for x in [
                    f"{b.get_peran_display()}: {b.uraian_tugas}" if b.uraian_tugas else "",
                    _("Legal basis: %(dasar)s") % {"dasar": b.dasar_hukum} if b.dasar_hukum else "",
                    _("Incident: %(url)s") % {"url": f"/kejadian/{k.ref}/"},
                ]
                if x
            )
        prioritas = PRIORITAS.get(k.keparahan, "sedang")
        if izin_tl.dapat_buat(pelaku, lembaga):
            zona = k.zona_waktu
            tanggal, pukul = _tenggat_lokal(b.tenggat_jam, zona)
            tl = tindak_lanjut_create(
                pelaku=pelaku,
                sumber=k,
                lembaga=lembaga,
                judul=judul,
                uraian=uraian,
                tenggat_tanggal=tanggal,
                tenggat_jam=pukul,
                prioritas=prioritas,
                kerahasiaan=k.kerahasiaan,
            )
        else:
            tl = _tindak_lanjut_sistem(
                pelaku=pelaku,
                k=k,
                lembaga=lembaga,
                judul=judul,
                uraian=uraian,
                jam=b.tenggat_jam,
                prioritas=prioritas,
            )
        ada.add(lembaga.pk)
        hasil.dibuat.append(tl)
    if hasil.dibuat or k.dirutekan_at is None:
        k.dirutekan_at = timezone.now()
        k.save(update_fields=["dirutekan_at", "updated_at"])
        audit.record(
            actor=pelaku,
            action="other",
            obj=k,
            after={"tindak_lanjut": [t.pk for t in hasil.dibuat]},
            note="routed",
        )
    return hasil
