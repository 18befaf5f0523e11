"""Every write to elections and stages: validation, permission, audit and cache invalidation."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.akses.rules import dapat_kelola_referensi
from sinergi.core import audit
from sinergi.core.impor import BarisError, ImportGagal, baca_csv
from sinergi.core.memo import Memo
from sinergi.tahapan import teks
from sinergi.tahapan.choices import JenisPemilu, KategoriTahapan, Keyakinan, StatusPemilu
from sinergi.tahapan.izin import dapat_kelola_rancangan
from sinergi.tahapan.models import Pemilu, Tahapan

DATA_DIR = Path(__file__).resolve().parent / "data"
CACHE_VERSI = "tahapan:versi"
# With a per-process cache (the default), another process's version token expires after this
# many seconds, which bounds how long it can serve answers cached before a write elsewhere.
CACHE_VERSI_DETIK = 300

KOLOM_WAJIB = ["pemilu", "kode", "induk", "nama", "tanggal_mulai", "tanggal_selesai"]
KOLOM_OPSIONAL = [
    "nama_en",
    "kategori",
    "butir_uu",
    "aturan_waktu",
    "tanggal_aktual",
    "dasar_hukum",
    "penanggung_jawab",
    "keyakinan",
    "alasan_di_luar_induk",
    "sumber",
    "catatan",
    "deskripsi",
]
FIELD_TEKS = [
    "nama",
    "nama_en",
    "kategori",
    "butir_uu",
    "aturan_waktu",
    "dasar_hukum",
    "keyakinan",
    "alasan_di_luar_induk",
    "sumber",
    "catatan",
    "deskripsi",
]
FIELD_TANGGAL = ["tanggal_mulai", "tanggal_selesai", "tanggal_aktual"]


# --- cache --------------------------------------------------------------------------------------


# The version is read on every stage lookup (and every incident report); this process keeps it
# a few seconds. A write here changes it at once; a write in another process is seen within
# those seconds (with a shared cache such as Redis).
_versi = Memo(seconds=5)


def cache_versi() -> str:
    """The current version token of the stage data; cached answers are keyed by it."""
    versi = _versi.get(CACHE_VERSI)
    if versi is not None:
        return versi
    versi = cache.get(CACHE_VERSI)
    if versi is None:
        versi = uuid.uuid4().hex
        cache.set(CACHE_VERSI, versi, CACHE_VERSI_DETIK)
    _versi.set(CACHE_VERSI, versi)
    return versi


def invalidate_cache() -> None:
    """Forget every cached answer about elections and stages (call after each write)."""
    versi = uuid.uuid4().hex
    cache.set(CACHE_VERSI, versi, CACHE_VERSI_DETIK)
    _versi.set(CACHE_VERSI, versi)


def _setelah_commit() -> None:
    transaction.on_commit(invalidate_cache)
    invalidate_cache()


# --- validation ---------------------------------------------------------------------------------


@dataclass
class BarisJadwal:
    """One stage as read from a file or a form, before it is written."""

    kode: str
    induk: str = ""
    tanggal_mulai: dt.date | None = None
    tanggal_selesai: dt.date | None = None
    alasan_di_luar_induk: str = ""
    baris: int | None = None
    data: dict = field(default_factory=dict)


def _fmt(d: dt.date | None) -> str:
    return d.isoformat() if d else "…"


def validasi_jadwal(baris: list[BarisJadwal], *, berkas: str = "") -> list[BarisError]:
    """Check one election's schedule as a whole and return every problem found.

    - codes are unique;
    - a parent code refers to a stage of the same election, and parents do not form a loop;
    - the end date is not before the start date;
    - a sub-stage lies inside its parent's dates unless `alasan_di_luar_induk` says why (real
      schedules do this: the reference notes three cases).
    """
    errors: list[BarisError] = []
    per_kode: dict[str, BarisJadwal] = {}
    for b in baris:
        if b.kode in per_kode:
            errors.append(
                BarisError(
                    berkas,
                    b.baris,
                    "kode",
                    _("Duplicate code %(kode)s (already used on row %(row)s).")
                    % {"kode": b.kode, "row": per_kode[b.kode].baris or "?"},
                )
            )
            continue
        per_kode[b.kode] = b
    for b in per_kode.values():
        if b.tanggal_mulai and b.tanggal_selesai and b.tanggal_selesai < b.tanggal_mulai:
            errors.append(
                BarisError(
                    berkas,
                    b.baris,
                    "tanggal_selesai",
                    _("The end date %(selesai)s is before the start date %(mulai)s.")
                    % {"selesai": _fmt(b.tanggal_selesai), "mulai": _fmt(b.tanggal_mulai)},
                )
            )
        if not b.induk:
            continue
        if b.induk == b.kode:
            errors.append(
                BarisError(berkas, b.baris, "induk", _("A stage cannot be its own parent."))
            )
            continue
        induk = per_kode.get(b.induk)
        if induk is None:
            errors.append(
                BarisError(
                    berkas,
                    b.baris,
                    "induk",
                    _("Unknown parent code %(induk)s.") % {"induk": b.induk},
                )
            )
            continue
        # a loop: walk up until the top or back to b
        seen = {b.kode}
        cur = induk
        while cur is not None and cur.induk:
            if cur.kode in seen:
                errors.append(
                    BarisError(
                        berkas,
                        b.baris,
                        "induk",
                        _("The parent codes form a loop through %(kode)s.") % {"kode": b.kode},
                    )
                )
                break
            seen.add(cur.kode)
            cur = per_kode.get(cur.induk)
        mulai, selesai = b.tanggal_mulai, b.tanggal_selesai
        keluar = (mulai and induk.tanggal_mulai and mulai < induk.tanggal_mulai) or (
            selesai and induk.tanggal_selesai and selesai > induk.tanggal_selesai
        )
        if keluar and not b.alasan_di_luar_induk.strip():
            errors.append(
                BarisError(
                    berkas,
                    b.baris,
                    "alasan_di_luar_induk",
                    _(
                        "Sub-stage %(kode)s (%(mulai)s to %(selesai)s) lies outside its parent "
                        "%(induk)s (%(induk_mulai)s to %(induk_selesai)s); give the reason in "
                        "alasan_di_luar_induk."
                    )
                    % {
                        "kode": b.kode,
                        "mulai": _fmt(mulai),
                        "selesai": _fmt(selesai),
                        "induk": induk.kode,
                        "induk_mulai": _fmt(induk.tanggal_mulai),
                        "induk_selesai": _fmt(induk.tanggal_selesai),
                    },
                )
            )
    return errors


def _baris_dari_model(t: Tahapan, kode_induk: dict[int, str]) -> BarisJadwal:
    return BarisJadwal(
        kode=t.kode,
        induk=kode_induk.get(t.induk_id, "") if t.induk_id else "",
        tanggal_mulai=t.tanggal_mulai,
        tanggal_selesai=t.tanggal_selesai,
        alasan_di_luar_induk=t.alasan_di_luar_induk,
    )


# --- derived fields -----------------------------------------------------------------------------


def _rentang_efektif(semua: list[Tahapan]) -> dict[int, tuple[dt.date | None, dt.date | None]]:
    """Effective (start, end) of each stage, computed bottom-up from dates, actual dates and
    sub-stages. Nothing is invented: a stage with no date and no dated sub-stage stays empty."""
    anak: dict[int | None, list[Tahapan]] = {}
    for t in semua:
        anak.setdefault(t.induk_id, []).append(t)
    hasil: dict[int, tuple[dt.date | None, dt.date | None]] = {}

    def hitung(t: Tahapan, depth: int = 0) -> tuple[dt.date | None, dt.date | None]:
        if t.pk in hasil:
            return hasil[t.pk]
        rentang_anak = [hitung(a, depth + 1) for a in anak.get(t.pk, [])] if depth < 20 else []
        mulai_anak = [m for m, _s in rentang_anak if m]
        selesai_anak = [s for _m, s in rentang_anak if s]
        # A stage with only an end date is a deadline ("paling lambat 26 Januari 2024"): it
        # keeps no start, so it is never shown as a one-day stage running on its last day.
        mulai = t.tanggal_mulai or t.tanggal_aktual or (min(mulai_anak) if mulai_anak else None)
        if t.tanggal_selesai:
            selesai = t.tanggal_selesai
        else:
            calon = [d for d in [*selesai_anak, t.tanggal_aktual, t.tanggal_mulai] if d]
            selesai = max(calon) if calon else None
        if mulai and selesai and selesai < mulai:
            selesai = mulai
        hasil[t.pk] = (mulai, selesai)
        return hasil[t.pk]

    for t in semua:
        hitung(t)
    return hasil


def _indeks_tahapan(t: Tahapan) -> str:
    return teks.indeks(t.kode, t.nama, t.nama, t.nama_en, t.deskripsi, t.aturan_waktu, t.catatan)


def hitung_ulang(pemilu: Pemilu) -> int:
    """Recompute the effective dates and the search index of an election's stages."""
    semua = list(Tahapan.objects.filter(pemilu=pemilu))
    rentang = _rentang_efektif(semua)
    berubah = []
    for t in semua:
        mulai, selesai = rentang[t.pk]
        idx = _indeks_tahapan(t)
        if (t.mulai_efektif, t.selesai_efektif, t.indeks_cari) != (mulai, selesai, idx):
            t.mulai_efektif, t.selesai_efektif, t.indeks_cari = mulai, selesai, idx
            berubah.append(t)
    if berubah:
        Tahapan.objects.bulk_update(berubah, ["mulai_efektif", "selesai_efektif", "indeks_cari"])
    return len(berubah)


# --- permission ---------------------------------------------------------------------------------


def _cek_izin(pelaku) -> None:
    """`pelaku=None` is the system (reference loader, commands run by an operator)."""
    if pelaku is not None and not dapat_kelola_referensi(pelaku):
        raise PermissionDenied(_("You may not manage elections and stages."))


# --- elections ----------------------------------------------------------------------------------

FIELD_PEMILU = [
    "jenis",
    "nama",
    "nama_en",
    "hari_pemungutan",
    "dasar_hukum",
    "keterangan",
    "tahapan_uu",
    "sumber_tahapan_uu",
    "status",
    "pkpu_jadwal",
    "sumber",
    "keyakinan",
]


@transaction.atomic
def pemilu_simpan(*, pelaku, slug: str, **data) -> tuple[Pemilu, bool]:
    """Create or update an election by slug; returns (election, changed)."""
    _cek_izin(pelaku)
    pemilu = Pemilu.objects.filter(slug=slug).first()
    baru = pemilu is None
    if baru:
        pemilu = Pemilu(slug=slug)
    before = audit.snapshot(pemilu) if not baru else None
    for k, v in data.items():
        if k not in FIELD_PEMILU:
            raise ValueError(f"unknown field {k}")
        setattr(pemilu, k, v)
    pemilu.full_clean()
    after = audit.snapshot(pemilu)
    if not baru:
        b, a = audit.changes(before, after)
        b.pop("updated_at", None)
        a.pop("updated_at", None)
        if not a:
            return pemilu, False
        pemilu.save()
        audit.record(actor=pelaku, action="update", obj=pemilu, before=b, after=a)
    else:
        pemilu.save()
        audit.record(actor=pelaku, action="create", obj=pemilu, after=audit.snapshot(pemilu))
    _setelah_commit()
    return pemilu, True


# --- stages: one at a time (admin, pages) -------------------------------------------------------


def _validasi_satu(tahapan: Tahapan) -> None:
    """Validate one stage against the rest of its election's schedule (raises ValidationError)."""
    lain = list(Tahapan.objects.filter(pemilu=tahapan.pemilu_id).exclude(pk=tahapan.pk))
    kode_by_id = {t.pk: t.kode for t in lain}
    baris = [_baris_dari_model(t, kode_by_id) for t in lain]
    induk_kode = ""
    if tahapan.induk_id:
        induk_kode = kode_by_id.get(tahapan.induk_id, "")
        if not induk_kode:
            raise ValidationError({"induk": _("The parent must be a stage of the same election.")})
    sendiri = BarisJadwal(
        kode=tahapan.kode,
        induk=induk_kode,
        tanggal_mulai=tahapan.tanggal_mulai,
        tanggal_selesai=tahapan.tanggal_selesai,
        alasan_di_luar_induk=tahapan.alasan_di_luar_induk,
        baris=1,
    )
    anak_ids = {t.pk for t in lain if tahapan.pk and t.induk_id == tahapan.pk}
    for n, (t, br) in enumerate(zip(lain, baris, strict=True), start=2):
        br.baris = n if t.pk in anak_ids else None
    pesan: dict[str, list[str]] = {}
    for e in validasi_jadwal([sendiri, *baris]):
        if e.baris == 1:
            pesan.setdefault(e.kolom or "__all__", []).append(e.pesan)
        elif e.baris is not None and e.kolom == "alasan_di_luar_induk":
            # this edit moves the parent so that a sub-stage falls outside it
            pesan.setdefault("__all__", []).append(e.pesan)
    if pesan:
        raise ValidationError(pesan)


def _cek_kode_unik(tahapan: Tahapan) -> None:
    if (
        Tahapan.objects.filter(pemilu=tahapan.pemilu_id, kode=tahapan.kode)
        .exclude(pk=tahapan.pk)
        .exists()
    ):
        raise ValidationError(
            {"kode": _("Duplicate code %(kode)s in this election.") % {"kode": tahapan.kode}}
        )


def tahapan_validasi(tahapan: Tahapan) -> None:
    """Raise ValidationError (by field) if the stage does not fit its election's schedule."""
    _cek_kode_unik(tahapan)
    _validasi_satu(tahapan)


@transaction.atomic
def tahapan_simpan(*, pelaku, tahapan: Tahapan) -> Tahapan:
    """Create or update one stage after checking it against the whole schedule."""
    _cek_izin(pelaku)
    tahapan_validasi(tahapan)
    tahapan.full_clean(exclude=["pemilu", "induk"], validate_unique=False)
    baru = tahapan.pk is None
    before = None
    if not baru:
        before = audit.snapshot(Tahapan.objects.get(pk=tahapan.pk))
    tahapan.save()
    if baru:
        audit.record(actor=pelaku, action="create", obj=tahapan, after=audit.snapshot(tahapan))
    else:
        b, a = audit.changes(before, audit.snapshot(tahapan))
        audit.record(actor=pelaku, action="update", obj=tahapan, before=b, after=a)
    hitung_ulang(tahapan.pemilu)
    tahapan.refresh_from_db()
    _setelah_commit()
    return tahapan


@transaction.atomic
def tahapan_hapus(*, pelaku, tahapan: Tahapan) -> None:
    """Delete a stage and its sub-stages."""
    _cek_izin(pelaku)
    pemilu = tahapan.pemilu
    audit.record(actor=pelaku, action="delete", obj=tahapan, before=audit.snapshot(tahapan))
    tahapan.delete()
    hitung_ulang(pemilu)
    _setelah_commit()


# --- copying an election with a date shift ------------------------------------------------------


def _geser(d: dt.date | None, hari: int) -> dt.date | None:
    return d + dt.timedelta(days=hari) if d else None


@transaction.atomic
def pemilu_salin(
    *,
    pelaku,
    sumber: Pemilu,
    slug: str,
    nama: str,
    nama_en: str = "",
    hari_pemungutan: dt.date | None = None,
    geser_hari: int | None = None,
) -> Pemilu:
    """A new election (e.g. Pemilu 2029) with a copy of `sumber`'s schedule, shifted in time.

    The shift is `geser_hari`, or the distance between the two voting days. Milestones (events
    that happened) and actual dates are not copied: they are facts of the old election. Copied
    stages get low confidence until someone checks them against the new regulation. The new
    election is a draft ("rancangan") until `pemilu_terbitkan`; the copied stages keep the
    links to the regulations that still apply (see `_salin_regulasi`).
    """
    _cek_izin_rancangan(pelaku)
    _cek_slug_baru(slug)
    if geser_hari is None:
        if hari_pemungutan is None or sumber.hari_pemungutan is None:
            raise ValidationError(
                {"hari_pemungutan": _("Give the new voting day or the number of days to shift.")}
            )
        geser_hari = (hari_pemungutan - sumber.hari_pemungutan).days
    if hari_pemungutan is None:
        hari_pemungutan = _geser(sumber.hari_pemungutan, geser_hari)
    baru = Pemilu(
        slug=slug,
        jenis=sumber.jenis,
        nama=nama,
        nama_en=nama_en,
        hari_pemungutan=hari_pemungutan,
        dasar_hukum=sumber.dasar_hukum,
        keterangan=_("Schedule copied from %(nama)s, shifted by %(hari)s days; check it.")
        % {"nama": sumber.nama, "hari": geser_hari},
        tahapan_uu=sumber.tahapan_uu,
        sumber_tahapan_uu=sumber.sumber_tahapan_uu,
        status=StatusPemilu.RANCANGAN,
        sumber=_("Copy of %(slug)s shifted by %(hari)s days (Sinergi)")
        % {"slug": sumber.slug, "hari": geser_hari},
        keyakinan=Keyakinan.RENDAH,
    )
    baru.full_clean()
    baru.save()
    audit.record(actor=pelaku, action="create", obj=baru, after=audit.snapshot(baru))
    peta: dict[int, Tahapan] = {}
    asal = list(
        sumber.tahapan.exclude(kategori=KategoriTahapan.PERISTIWA).order_by("urutan", "kode")
    )
    ada = {t.pk for t in asal}
    catatan = _("Copied from %(slug)s %(kode)s, dates shifted by %(hari)s days.")
    for t in sorted(asal, key=lambda x: _kedalaman(x, {a.pk: a for a in asal})):
        salinan = Tahapan(
            pemilu=baru,
            induk=peta.get(t.induk_id) if t.induk_id in ada else None,
            kode=t.kode,
            nama=t.nama,
            nama_en=t.nama_en,
            urutan=t.urutan,
            tanggal_mulai=_geser(t.tanggal_mulai, geser_hari),
            tanggal_selesai=_geser(t.tanggal_selesai, geser_hari),
            aturan_waktu=t.aturan_waktu,
            deskripsi=t.deskripsi,
            dasar_hukum=t.dasar_hukum,
            alasan_di_luar_induk=t.alasan_di_luar_induk,
            sumber=catatan % {"slug": sumber.slug, "kode": t.kode, "hari": geser_hari},
            keyakinan=Keyakinan.RENDAH,
            kategori=t.kategori,
            butir_uu=t.butir_uu,
            penanggung_jawab=list(t.penanggung_jawab),
        )
        salinan.save()
        peta[t.pk] = salinan
    n_regulasi = _salin_regulasi(sumber, peta)
    audit.record(
        actor=pelaku,
        action="other",
        obj=baru,
        note=(
            f"salin jadwal dari {sumber.slug}: {len(peta)} tahapan, geser {geser_hari} hari, "
            f"{n_regulasi} tautan regulasi"
        ),
    )
    hitung_ulang(baru)
    _setelah_commit()
    return baru


def _cek_izin_rancangan(pelaku) -> None:
    """`pelaku=None` is the system (reference loader, commands run by an operator)."""
    if pelaku is not None and not dapat_kelola_rancangan(pelaku):
        raise PermissionDenied(_("You may not create or publish draft elections."))


def _cek_slug_baru(slug: str) -> None:
    if Pemilu.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("An election with this slug already exists.")})


def _salin_regulasi(sumber: Pemilu, peta: dict[int, Tahapan]) -> int:
    """Link the copied stages to the regulations that still apply to a new cycle.

    Kept: every regulation not revoked, except KPU decisions (they decide one election's facts)
    and regulations made for the old election alone (their title names its year, e.g. "…
    Pemilihan Umum Tahun 2024"). Returns the number of links made.
    """
    through = Tahapan.regulasi.through
    tahun = str(sumber.hari_pemungutan.year) if sumber.hari_pemungutan else None
    baru = []
    for link in through.objects.filter(tahapan_id__in=peta.keys()).select_related("regulasi"):
        r = link.regulasi
        if r.status == "dicabut" or r.jenis == "keputusan_kpu":
            continue
        if tahun and f"Tahun {tahun}" in r.judul:
            continue
        baru.append(through(regulasi_id=r.pk, tahapan_id=peta[link.tahapan_id].pk))
    through.objects.bulk_create(baru, ignore_conflicts=True)
    return len(baru)


def _geser_bulan(d: dt.date, bulan: int) -> dt.date:
    """`d` moved by whole calendar months (14 Feb 2024 - 20 months = 14 Jun 2022)."""
    n = d.year * 12 + d.month - 1 + bulan
    tahun, bln = divmod(n, 12)
    hari = min(d.day, calendar.monthrange(tahun, bln + 1)[1])
    return dt.date(tahun, bln + 1, hari)


def _titik(hari_pemungutan: dt.date, offset: dict | None) -> dt.date | None:
    if not offset:
        return None
    if "bulan" in offset:
        return _geser_bulan(hari_pemungutan, offset["bulan"])
    return hari_pemungutan + dt.timedelta(days=offset["hari"])


def periode_uu() -> list[dict]:
    """The statute's periods relative to voting day (data/periode_uu.json)."""
    return json.loads((DATA_DIR / "periode_uu.json").read_text(encoding="utf-8"))


def jadwal_dari_uu(hari_pemungutan: dt.date) -> list[dict]:
    """The stages the statute fixes relative to voting day, as dated rows.

    `tenggat` rows are deadlines (only an end: "paling lambat"), the others spans.
    """
    hasil = []
    for n, p in enumerate(periode_uu(), start=1):
        if "tenggat" in p:
            mulai, selesai = None, _titik(hari_pemungutan, p["tenggat"])
        else:
            mulai = _titik(hari_pemungutan, p.get("mulai"))
            selesai = _titik(hari_pemungutan, p.get("selesai"))
        hasil.append(
            {
                "kode": p["kode"],
                "nama": p["nama"],
                "nama_en": p["nama_en"],
                "butir_uu": p.get("butir_uu", ""),
                "tanggal_mulai": mulai,
                "tanggal_selesai": selesai,
                "aturan_waktu": p["aturan_waktu"],
                "dasar_hukum": p["dasar_hukum"],
                "sumber": p["sumber"],
                "keyakinan": p["keyakinan"],
                "penanggung_jawab": [x for x in p.get("penanggung_jawab", "").split(";") if x],
                "urutan": n * 10,
            }
        )
    return hasil


@transaction.atomic
def pemilu_rancang_uu(
    *,
    pelaku,
    slug: str,
    nama: str,
    hari_pemungutan: dt.date | None,
    jenis: str = JenisPemilu.PEMILU,
    nama_en: str = "",
) -> Pemilu:
    """A draft election whose stages come from the statute's periods relative to voting day
    (UU 7/2017: tahapan start at the latest 20 months before, masa tenang the 3 days before,
    …). Only general elections (Pemilu) have such rules here; copy a Pilkada instead."""
    _cek_izin_rancangan(pelaku)
    _cek_slug_baru(slug)
    if jenis != JenisPemilu.PEMILU:
        raise ValidationError(
            {
                "jenis": _(
                    "Periods from the law are available for general elections (UU 7/2017) "
                    "only; copy an earlier election instead."
                )
            }
        )
    if hari_pemungutan is None:
        raise ValidationError({"hari_pemungutan": _("Give the voting day.")})
    pemilu = Pemilu(
        slug=slug,
        jenis=jenis,
        nama=nama,
        nama_en=nama_en,
        hari_pemungutan=hari_pemungutan,
        dasar_hukum="UU 7/2017",
        keterangan=_(
            "Draft built from the periods UU 7/2017 sets relative to voting day; the KPU "
            "regulation on stages and schedule has not been set yet."
        ),
        status=StatusPemilu.RANCANGAN,
        sumber=_("Periods of UU 7/2017 (data/periode_uu.json)"),
        keyakinan=Keyakinan.RENDAH,
    )
    pemilu.full_clean()
    pemilu.save()
    audit.record(actor=pelaku, action="create", obj=pemilu, after=audit.snapshot(pemilu))
    for row in jadwal_dari_uu(hari_pemungutan):
        Tahapan.objects.create(pemilu=pemilu, **row)
    audit.record(
        actor=pelaku,
        action="other",
        obj=pemilu,
        note=f"rancangan dari periode UU 7/2017: {pemilu.tahapan.count()} tahapan",
    )
    hitung_ulang(pemilu)
    _setelah_commit()
    return pemilu


@transaction.atomic
def pemilu_terbitkan(*, pelaku, pemilu: Pemilu, pkpu_jadwal: str) -> Pemilu:
    """Publish a draft: it names the KPU regulation that set its schedule and becomes official.

    The stages keep their own confidence: publishing says the schedule is adopted, not that
    every copied date was checked.
    """
    _cek_izin_rancangan(pelaku)
    pkpu_jadwal = (pkpu_jadwal or "").strip()
    if not pemilu.rancangan:
        raise ValidationError({"status": _("This election is already official.")})
    if not pkpu_jadwal:
        raise ValidationError(
            {"pkpu_jadwal": _("Name the KPU regulation that sets this schedule.")}
        )
    before = audit.snapshot(pemilu)
    pemilu.status = StatusPemilu.RESMI
    pemilu.pkpu_jadwal = pkpu_jadwal
    pemilu.full_clean()
    pemilu.save(update_fields=["status", "pkpu_jadwal", "updated_at"])
    b, a = audit.changes(before, audit.snapshot(pemilu))
    audit.record(actor=pelaku, action="update", obj=pemilu, before=b, after=a, note="terbitkan")
    _setelah_commit()
    return pemilu


def _kedalaman(t: Tahapan, semua: dict[int, Tahapan]) -> int:
    n = 0
    while t.induk_id and t.induk_id in semua and n < 20:
        t = semua[t.induk_id]
        n += 1
    return n


# --- importing a schedule file ------------------------------------------------------------------


@dataclass
class HasilImpor:
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0

    def __str__(self) -> str:
        return _("%(dibuat)s created, %(diubah)s updated, %(tetap)s unchanged") % {
            "dibuat": self.dibuat,
            "diubah": self.diubah,
            "tetap": self.tetap,
        }


def _tanggal(nilai: str, berkas: str, baris: int, kolom: str, errors: list) -> dt.date | None:
    nilai = (nilai or "").strip()
    if not nilai:
        return None
    try:
        return dt.date.fromisoformat(nilai)
    except ValueError:
        errors.append(
            BarisError(
                berkas,
                baris,
                kolom,
                _("Not a valid date: %(value)s (use YYYY-MM-DD).") % {"value": nilai},
            )
        )
        return None


def _baca_jadwal(path: Path, berkas: str) -> dict[str, list[BarisJadwal]]:
    errors: list[BarisError] = []
    per_pemilu: dict[str, list[BarisJadwal]] = {}
    pemilu_ada = set(Pemilu.objects.values_list("slug", flat=True))
    kategori_ok = set(KategoriTahapan.values)
    keyakinan_ok = set(Keyakinan.values)
    urutan = 0
    for nomor, row in baca_csv(path, kolom_wajib=KOLOM_WAJIB):
        urutan += 10
        slug = row["pemilu"].strip()
        kode = row["kode"].strip()
        if slug not in pemilu_ada:
            errors.append(
                BarisError(
                    berkas, nomor, "pemilu", _("Unknown election %(slug)s.") % {"slug": slug}
                )
            )
        if not kode:
            errors.append(BarisError(berkas, nomor, "kode", _("The code is required.")))
        elif len(kode) > 20:
            errors.append(
                BarisError(berkas, nomor, "kode", _("At most %(n)s characters.") % {"n": 20})
            )
        if not row["nama"].strip():
            errors.append(BarisError(berkas, nomor, "nama", _("The name is required.")))
        data = {k: (row.get(k) or "").strip() for k in FIELD_TEKS}
        data["kategori"] = data["kategori"] or KategoriTahapan.TAHAPAN
        data["keyakinan"] = data["keyakinan"] or Keyakinan.TINGGI
        if data["kategori"] not in kategori_ok:
            errors.append(
                BarisError(
                    berkas,
                    nomor,
                    "kategori",
                    _("Must be one of: %(choices)s.") % {"choices": ", ".join(sorted(kategori_ok))},
                )
            )
        if data["keyakinan"] not in keyakinan_ok:
            errors.append(BarisError(berkas, nomor, "keyakinan", _("Must be one of: H, M, L.")))
        for k in FIELD_TEKS:
            batas = Tahapan._meta.get_field(k).max_length
            if batas and len(data[k]) > batas:
                errors.append(
                    BarisError(berkas, nomor, k, _("At most %(n)s characters.") % {"n": batas})
                )
        for k in FIELD_TANGGAL:
            data[k] = _tanggal(row.get(k, ""), berkas, nomor, k, errors)
        data["penanggung_jawab"] = [
            p.strip() for p in (row.get("penanggung_jawab") or "").split(";") if p.strip()
        ]
        data["urutan"] = urutan
        per_pemilu.setdefault(slug, []).append(
            BarisJadwal(
                kode=kode,
                induk=row["induk"].strip(),
                tanggal_mulai=data["tanggal_mulai"],
                tanggal_selesai=data["tanggal_selesai"],
                alasan_di_luar_induk=data["alasan_di_luar_induk"],
                baris=nomor,
                data=data,
            )
        )
    # whole-schedule checks: the file's rows merged with the stages already stored
    for slug, baris in per_pemilu.items():
        if slug not in pemilu_ada:
            continue
        di_berkas = {b.kode for b in baris}
        ada = list(Tahapan.objects.filter(pemilu__slug=slug))
        kode_by_id = {t.pk: t.kode for t in ada}
        lama = [_baris_dari_model(t, kode_by_id) for t in ada if t.kode not in di_berkas]
        errors.extend(e for e in validasi_jadwal(baris + lama, berkas=berkas) if e.baris)
    if errors:
        raise ImportGagal(errors)
    return per_pemilu


@transaction.atomic
def tahapan_impor(*, pelaku, path: Path | str, dry_run: bool = False) -> HasilImpor:
    """Import (create or update by code) stages from a CSV in the format of data/tahapan.csv.

    Everything is validated first; with any error nothing is written and `ImportGagal` lists
    every problem by row. Running it twice changes nothing the second time.
    """
    _cek_izin(pelaku)
    path = Path(path)
    per_pemilu = _baca_jadwal(path, path.name)
    hasil = HasilImpor()
    if dry_run:
        for baris in per_pemilu.values():
            hasil.dibuat += len(baris)
        return hasil
    for slug, baris in per_pemilu.items():
        pemilu = Pemilu.objects.get(slug=slug)
        ada = {t.kode: t for t in Tahapan.objects.filter(pemilu=pemilu)}
        for b in baris:
            t = ada.get(b.kode)
            baru = t is None
            if baru:
                t = Tahapan(pemilu=pemilu, kode=b.kode)
            before = audit.snapshot(t) if not baru else None
            for k, v in b.data.items():
                setattr(t, k, v)
            t.induk = ada.get(b.induk) if b.induk else None
            if baru:
                t.save()
                ada[b.kode] = t
                hasil.dibuat += 1
                audit.record(actor=pelaku, action="create", obj=t, after=audit.snapshot(t))
                continue
            b_, a_ = audit.changes(before, audit.snapshot(t))
            b_.pop("updated_at", None)
            a_.pop("updated_at", None)
            if a_:
                t.save()
                hasil.diubah += 1
                audit.record(actor=pelaku, action="update", obj=t, before=b_, after=a_)
            else:
                hasil.tetap += 1
        hitung_ulang(pemilu)
    if hasil.dibuat or hasil.diubah:
        _setelah_commit()
    return hasil


def tahapan_load(*, dry_run: bool = False) -> str:
    """Load the shipped reference data (elections, then stages). Idempotent."""
    pemilu_data = json.loads((DATA_DIR / "pemilu.json").read_text(encoding="utf-8"))
    n_pemilu = 0
    with transaction.atomic():
        for p in pemilu_data:
            p = dict(p)
            slug = p.pop("slug")
            if p.get("hari_pemungutan"):
                p["hari_pemungutan"] = dt.date.fromisoformat(p["hari_pemungutan"])
            ada = Pemilu.objects.filter(slug=slug).first()
            if ada is not None and not ada.rancangan:
                # an administrator published the shipped draft: a reload must not undo that
                p.pop("status", None)
                p.pop("pkpu_jadwal", None)
            if dry_run:
                continue
            _pemilu, changed = pemilu_simpan(pelaku=None, slug=slug, **p)
            n_pemilu += int(changed)
        hasil = tahapan_impor(pelaku=None, path=DATA_DIR / "tahapan.csv", dry_run=dry_run)
    return _("%(n)s elections changed; stages: %(hasil)s") % {"n": n_pemilu, "hasil": hasil}


__all__ = [
    "JenisPemilu",
    "cache_versi",
    "hitung_ulang",
    "invalidate_cache",
    "jadwal_dari_uu",
    "pemilu_rancang_uu",
    "pemilu_salin",
    "pemilu_simpan",
    "pemilu_terbitkan",
    "tahapan_hapus",
    "tahapan_impor",
    "tahapan_load",
    "tahapan_simpan",
    "validasi_jadwal",
]
