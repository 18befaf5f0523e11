"""Early warning: rules as data (`AturanPeringatan`), their evaluation by the background runner,
raising alerts idempotently, the reads of alerts (scoped by `akses.rules`) and the writes
(acknowledge/close, subscriptions), the default rules in `data/aturan_peringatan.csv`, and the
check of a signed webhook on the receiving side.

Every rule is evaluated with a few aggregate queries grouped by region prefix (region codes are
hierarchical: `35` province, `35.19` regency, `35.19.01` district), never with a query per
region.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sinergi.akses import rules
from sinergi.akses.models import Peran
from sinergi.core import audit
from sinergi.core.models import Kerahasiaan
from sinergi.core.pesan import Angka, Label, Pesan, Tanggal
from sinergi.kejadian.models import (
    PERISTIWA_WEBHOOK,
    AturanPeringatan,
    JenisAturan,
    Kejadian,
    Keparahan,
    Langganan,
    Peringatan,
    StatusKejadian,
    StatusPeringatan,
)

logger = logging.getLogger("sinergi.kejadian")
DATA = Path(__file__).resolve().parent / "data"

# Length of a region code at each level: 35 / 35.19 / 35.19.01 / 35.19.01.2001.
PANJANG_KODE = {"provinsi": 2, "kabupaten_kota": 5, "kecamatan": 8, "desa": 13}
STATUS_TIDAK_DIHITUNG = (StatusKejadian.DITOLAK, StatusKejadian.DIGABUNG)
KATEGORI_IKP_TINGGI = ("tinggi", "sangat_rawan")
PERAN_TANGANI = {Peran.ADMIN_SISTEM, Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR, Peran.OPERATOR}

# Parameters of each kind, with defaults (documented in docs/peringatan.md).
PARAMETER_BAKU: dict[str, dict[str, Any]] = {
    JenisAturan.LONJAKAN: {"n": 5, "hari": 3},
    JenisAturan.DI_ATAS_BASELINE: {"hari": 7, "periode": 4, "faktor": 2.0, "minimum": 5},
    JenisAturan.RAWAN_TANPA_KOORDINASI: {
        "hari_tahapan": 14,
        "hari_kegiatan": 30,
        "kategori_ikp": list(KATEGORI_IKP_TINGGI),
    },
    JenisAturan.TINDAK_LANJUT_TERLAMBAT: {"minimum": 1, "hari": 7},
    JenisAturan.TENGGAT_TAHAPAN: {"hari": 7, "minimum": 1},
}


def parameter(aturan: AturanPeringatan) -> dict[str, Any]:
    """The rule's parameters over the defaults of its kind."""
    return {**PARAMETER_BAKU.get(aturan.jenis, {}), **(aturan.parameter or {})}


def validasi_aturan(aturan: AturanPeringatan) -> None:
    """Refuse a rule whose parameters cannot be evaluated (used by the admin form and loader)."""
    p = parameter(aturan)
    errors: dict[str, str] = {}
    if aturan.tingkat_wilayah not in PANJANG_KODE:
        errors["tingkat_wilayah"] = _("Choose one of: %(v)s.") % {"v": ", ".join(PANJANG_KODE)}
    for key, value in p.items():
        if key == "kategori_ikp":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors["parameter"] = _("%(k)s must be a list of categories.") % {"k": key}
        elif key == "kerahasiaan":
            if value not in Kerahasiaan.values:
                errors["parameter"] = _("Unknown confidentiality level: %(v)s.") % {"v": value}
        elif not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            errors["parameter"] = _("%(k)s must be a positive number.") % {"k": key}
    if errors:
        raise ValidationError(errors)


# --- Evaluation ------------------------------------------------------------------------------
@dataclass
class Calon:
    """A situation found by a rule in one region, not yet an alert."""

    kode: str
    kunci: str
    judul: Pesan
    uraian: str = ""
    data: dict = field(default_factory=dict)
    # The confidentiality of what the situation reveals (e.g. a confidential assessment); the
    # alert takes the stricter of this and the rule's level.
    kerahasiaan: str = Kerahasiaan.PUBLIC


URUTAN_KERAHASIAAN = [Kerahasiaan.PUBLIC, Kerahasiaan.RESTRICTED, Kerahasiaan.CONFIDENTIAL]


def _lebih_ketat(a: str, b: str) -> str:
    return max(a, b, key=URUTAN_KERAHASIAAN.index)


def _kejadian_dihitung(aturan: AturanPeringatan, sejak: dt.datetime) -> QuerySet[Kejadian]:
    qs = Kejadian.objects.filter(waktu_kejadian__gte=sejak).exclude(
        status__in=STATUS_TIDAK_DIHITUNG
    )
    if aturan.kategori_id:
        qs = qs.filter(kategori_id=aturan.kategori_id)
    return qs


def _per_prefix(qs: QuerySet, panjang: int, field_wilayah: str = "wilayah_id", **agregat):
    """Rows of `agregat` grouped by the region prefix of length `panjang` (regions above that
    level are left out: their prefix is shorter)."""
    rows = (
        qs.annotate(kode_grup=Substr(field_wilayah, 1, panjang))
        .values("kode_grup")
        .annotate(**agregat)
        .order_by()
    )
    return [r for r in rows if r["kode_grup"] and len(r["kode_grup"]) == panjang]


def _ember(now: dt.datetime, hari: int) -> str:
    """The start date of the `hari`-day period `now` falls in (periods counted from 1970)."""
    hari = max(int(hari), 1)
    n = (now.date() - dt.date(1970, 1, 1)).days
    return (dt.date(1970, 1, 1) + dt.timedelta(days=n - n % hari)).isoformat()


def _nama_kategori(aturan: AturanPeringatan) -> Label | Pesan:
    if aturan.kategori_id:
        return Label(aturan.kategori.nama, aturan.kategori.nama_en)
    return Pesan(gettext_noop("all categories"))


def _lonjakan(aturan: AturanPeringatan, now: dt.datetime) -> list[Calon]:
    p = parameter(aturan)
    n, hari = int(p["n"]), int(p["hari"])
    sejak = now - dt.timedelta(days=hari)
    rows = _per_prefix(
        _kejadian_dihitung(aturan, sejak),
        PANJANG_KODE[aturan.tingkat_wilayah],
        jumlah=Count("id"),
    )
    ember = _ember(now, hari)
    return [
        Calon(
            kode=r["kode_grup"],
            kunci=f"{aturan.kode}:{r['kode_grup']}:{ember}",
            judul=Pesan(
                gettext_noop("%(n)s incidents (%(kategori)s) in %(hari)s days"),
                n=r["jumlah"],
                kategori=_nama_kategori(aturan),
                hari=hari,
            ),
            data={"jumlah": r["jumlah"], "ambang": n, "hari": hari, "sejak": sejak.isoformat()},
        )
        for r in rows
        if r["jumlah"] >= n
    ]


def _di_atas_baseline(aturan: AturanPeringatan, now: dt.datetime) -> list[Calon]:
    p = parameter(aturan)
    hari, periode = int(p["hari"]), int(p["periode"])
    faktor, minimum = float(p["faktor"]), int(p["minimum"])
    batas = now - dt.timedelta(days=hari)
    awal = now - dt.timedelta(days=hari * (periode + 1))
    rows = _per_prefix(
        _kejadian_dihitung(aturan, awal),
        PANJANG_KODE[aturan.tingkat_wilayah],
        kini=Count("id", filter=Q(waktu_kejadian__gte=batas)),
        dulu=Count("id", filter=Q(waktu_kejadian__lt=batas)),
    )
    ember = _ember(now, hari)
    hasil = []
    for r in rows:
        rata = r["dulu"] / periode
        if r["kini"] >= minimum and r["kini"] >= faktor * rata:
            hasil.append(
                Calon(
                    kode=r["kode_grup"],
                    kunci=f"{aturan.kode}:{r['kode_grup']}:{ember}",
                    judul=Pesan(
                        gettext_noop(
                            "%(n)s incidents (%(kategori)s) in %(hari)s days, "
                            "against an average of %(rata)s"
                        ),
                        n=r["kini"],
                        kategori=_nama_kategori(aturan),
                        hari=hari,
                        rata=Angka(rata, 1),
                    ),
                    data={
                        "jumlah": r["kini"],
                        "rata_rata": round(rata, 2),
                        "faktor": faktor,
                        "hari": hari,
                        "periode": periode,
                    },
                )
            )
    return hasil


def _ikp_terakhir(tingkat: str, kategori: Iterable[str]) -> dict[str, dict]:
    """The latest regional vulnerability assessment of each region at `tingkat`, kept when its
    category is one of `kategori` (one query; the newest period wins)."""
    from sinergi.kerawanan.models import JenisKerangka, Penilaian

    terbaru: dict[str, dict] = {}
    for row in (
        Penilaian.objects.filter(
            kerangka__jenis=JenisKerangka.WILAYAH, wilayah__tingkat=tingkat, skor__isnull=False
        )
        .order_by("wilayah_id", "-periode", "-created_at")
        .values("wilayah_id", "periode", "skor", "kategori", "kerangka__slug", "kerahasiaan")
    ):
        terbaru.setdefault(row["wilayah_id"], row)
    kategori = set(kategori)
    return {k: v for k, v in terbaru.items() if v["kategori"] in kategori}


def _rawan_tanpa_koordinasi(aturan: AturanPeringatan, now: dt.datetime) -> list[Calon]:
    from sinergi.kegiatan.choices import StatusKegiatan
    from sinergi.kegiatan.models import Kegiatan
    from sinergi.kerawanan.models import Kategori as KategoriIkp
    from sinergi.tahapan.models import Tahapan

    p = parameter(aturan)
    hari_ini = timezone.localdate(now)
    tahapan = (
        Tahapan.objects.filter(
            mulai_efektif__gte=hari_ini,
            mulai_efektif__lte=hari_ini + dt.timedelta(days=int(p["hari_tahapan"])),
        )
        .select_related("pemilu")
        .order_by("mulai_efektif", "pk")
        .first()
    )
    if tahapan is None:
        return []
    rawan = _ikp_terakhir(aturan.tingkat_wilayah, p["kategori_ikp"])
    if not rawan:
        return []
    panjang = PANJANG_KODE[aturan.tingkat_wilayah]
    ada_kegiatan = {
        r["kode_grup"]
        for r in _per_prefix(
            Kegiatan.objects.filter(
                mulai__gte=now - dt.timedelta(days=int(p["hari_kegiatan"])), mulai__lte=now
            ).exclude(status=StatusKegiatan.DIBATALKAN),
            panjang,
            jumlah=Count("id"),
        )
    }
    return [
        Calon(
            kode=kode,
            kunci=f"{aturan.kode}:{kode}:tahapan-{tahapan.pk}",
            judul=Pesan(
                gettext_noop(
                    "High vulnerability (%(kategori)s), %(tahapan)s starts on %(tanggal)s, "
                    "no coordination event in %(hari)s days"
                ),
                kategori=Label.dari_pilihan(KategoriIkp, ikp["kategori"]),
                tahapan=Label(tahapan.nama, tahapan.nama_en),
                tanggal=Tanggal(tahapan.mulai_efektif),
                hari=p["hari_kegiatan"],
            ),
            data={
                "ikp": {
                    "kerangka": ikp["kerangka__slug"],
                    "periode": ikp["periode"],
                    "skor": str(ikp["skor"]),
                    "kategori": ikp["kategori"],
                },
                "tahapan": tahapan.pk,
                "tahapan_mulai": tahapan.mulai_efektif.isoformat(),
                "hari_kegiatan": p["hari_kegiatan"],
            },
            kerahasiaan=ikp["kerahasiaan"],
        )
        for kode, ikp in sorted(rawan.items())
        if kode not in ada_kegiatan
    ]


def _tindak_lanjut_aktif():
    from sinergi.tindak_lanjut.choices import STATUS_AKTIF
    from sinergi.tindak_lanjut.models import TindakLanjut

    return TindakLanjut.objects.filter(status__in=STATUS_AKTIF, wilayah__isnull=False)


def _tindak_lanjut_terlambat(aturan: AturanPeringatan, now: dt.datetime) -> list[Calon]:
    p = parameter(aturan)
    minimum = int(p["minimum"])
    rows = _per_prefix(
        _tindak_lanjut_aktif().filter(tenggat__lt=now),
        PANJANG_KODE[aturan.tingkat_wilayah],
        jumlah=Count("id"),
    )
    ember = _ember(now, int(p["hari"]))
    return [
        Calon(
            kode=r["kode_grup"],
            kunci=f"{aturan.kode}:{r['kode_grup']}:{ember}",
            judul=Pesan(gettext_noop("%(n)s overdue follow-ups"), n=r["jumlah"]),
            data={"jumlah": r["jumlah"]},
        )
        for r in rows
        if r["jumlah"] >= minimum
    ]


def _tenggat_tahapan(aturan: AturanPeringatan, now: dt.datetime) -> list[Calon]:
    from sinergi.tahapan.models import Tahapan

    p = parameter(aturan)
    hari_ini = timezone.localdate(now)
    daftar = list(
        Tahapan.objects.filter(
            induk__isnull=True,
            selesai_efektif__gte=hari_ini,
            selesai_efektif__lte=hari_ini + dt.timedelta(days=int(p["hari"])),
        ).order_by("selesai_efektif", "pk")
    )
    hasil = []
    for tahapan in daftar:  # the stages ending soon: a handful, never one per region
        batas = dt.datetime.combine(
            tahapan.selesai_efektif + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC
        )
        for r in _per_prefix(
            _tindak_lanjut_aktif().filter(tenggat__lt=batas),
            PANJANG_KODE[aturan.tingkat_wilayah],
            jumlah=Count("id"),
        ):
            if r["jumlah"] < int(p["minimum"]):
                continue
            hasil.append(
                Calon(
                    kode=r["kode_grup"],
                    kunci=f"{aturan.kode}:{r['kode_grup']}:tahapan-{tahapan.pk}",
                    judul=Pesan(
                        gettext_noop("%(tahapan)s ends on %(tanggal)s with %(n)s open follow-ups"),
                        tahapan=Label(tahapan.nama, tahapan.nama_en),
                        tanggal=Tanggal(tahapan.selesai_efektif),
                        n=r["jumlah"],
                    ),
                    data={
                        "tahapan": tahapan.pk,
                        "tahapan_selesai": tahapan.selesai_efektif.isoformat(),
                        "jumlah": r["jumlah"],
                    },
                )
            )
    return hasil


EVALUATOR = {
    JenisAturan.LONJAKAN: _lonjakan,
    JenisAturan.DI_ATAS_BASELINE: _di_atas_baseline,
    JenisAturan.RAWAN_TANPA_KOORDINASI: _rawan_tanpa_koordinasi,
    JenisAturan.TINDAK_LANJUT_TERLAMBAT: _tindak_lanjut_terlambat,
    JenisAturan.TENGGAT_TAHAPAN: _tenggat_tahapan,
}


def _masih_aktif(aturan: AturanPeringatan, kode: Iterable[str], now: dt.datetime) -> set[str]:
    """Regions where this rule already has an open alert raised within its window: an
    ongoing situation is one alert, even when it crosses a period boundary."""
    hari = int(parameter(aturan).get("hari") or parameter(aturan).get("hari_tahapan") or 1)
    return set(
        Peringatan.objects.filter(
            aturan=aturan,
            wilayah_id__in=list(kode),
            status__in=[StatusPeringatan.AKTIF, StatusPeringatan.DITANGANI],
            created_at__gte=now - dt.timedelta(days=hari),
        ).values_list("wilayah_id", flat=True)
    )


def aturan_evaluasi(aturan: AturanPeringatan, *, now: dt.datetime | None = None) -> list[int]:
    """Evaluate one rule and raise an alert for each new situation; returns the new alerts'
    ids. Raising is idempotent: `Peringatan.kunci` is unique per rule, region and window."""
    from sinergi.wilayah.models import Wilayah

    now = now or timezone.now()
    calon = EVALUATOR[aturan.jenis](aturan, now)
    if not calon:
        return []
    kode = {c.kode for c in calon}
    wilayah = dict(
        Wilayah.objects.filter(kode__in=kode, tingkat=aturan.tingkat_wilayah).values_list(
            "kode", "nama"
        )
    )
    kunci_ada = set(
        Peringatan.objects.filter(kunci__in=[c.kunci for c in calon]).values_list(
            "kunci", flat=True
        )
    )
    aktif = _masih_aktif(aturan, kode, now)
    kerahasiaan = parameter(aturan).get("kerahasiaan", Kerahasiaan.RESTRICTED)
    baru: list[int] = []
    for c in calon:
        if c.kode not in wilayah or c.kunci in kunci_ada or c.kode in aktif:
            continue
        judul = Pesan(
            gettext_noop("%(aturan)s — %(wilayah)s: %(judul)s"),
            aturan=Label(aturan.nama, aturan.nama_en),
            wilayah=wilayah[c.kode],
            judul=c.judul,
        )
        try:
            with transaction.atomic():
                p = Peringatan.objects.create(
                    aturan=aturan,
                    wilayah_id=c.kode,
                    kategori_id=aturan.kategori_id,
                    judul=judul.teks(settings.LANGUAGE_CODE)[:250],
                    judul_pesan=judul.simpan(),
                    uraian=c.uraian,
                    data=c.data,
                    keparahan=aturan.keparahan,
                    kerahasiaan=_lebih_ketat(kerahasiaan, c.kerahasiaan),
                    kunci=c.kunci,
                )
                audit.record(actor=None, action="create", obj=p, note="alert raised")
        except IntegrityError:
            continue  # raised by a concurrent runner in the meantime
        baru.append(p.pk)
    return baru


def evaluasi_semua(*, now: dt.datetime | None = None) -> dict[str, list[int]]:
    """Evaluate every active rule; new alerts are delivered by the task runner."""
    from sinergi.core.tasks import enqueue
    from sinergi.kejadian.tasks import kirim_peringatan

    hasil: dict[str, list[int]] = {}
    for aturan in AturanPeringatan.objects.filter(is_active=True).select_related("kategori"):
        baru = aturan_evaluasi(aturan, now=now)
        for pk in baru:
            enqueue(kirim_peringatan, pk)
        hasil[aturan.kode] = baru
    return hasil


# --- Default rules ---------------------------------------------------------------------------
@transaction.atomic
def load_aturan(path: Path | None = None) -> int:
    """Load the default rules from `data/aturan_peringatan.csv`. Idempotent, and it never
    overwrites a rule an administrator already has (matched by code)."""
    n = 0
    with open(path or DATA / "aturan_peringatan.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            aturan = AturanPeringatan(
                kode=row["kode"],
                nama=row["nama"],
                nama_en=row.get("nama_en", ""),
                jenis=row["jenis"],
                kategori_id=row["kategori"] or None,
                tingkat_wilayah=row["tingkat_wilayah"],
                parameter=json.loads(row["parameter"] or "{}"),
                keparahan=row["keparahan"] or Keparahan.TINGGI,
            )
            validasi_aturan(aturan)
            if not AturanPeringatan.objects.filter(kode=aturan.kode).exists():
                aturan.save()
                n += 1
            elif aturan.nama_en:  # the English name arrived later: fill it where still empty
                AturanPeringatan.objects.filter(kode=aturan.kode, nama_en="").update(
                    nama_en=aturan.nama_en
                )
    return n


# --- Reads -----------------------------------------------------------------------------------
def peringatan_visible(*, pengguna) -> QuerySet[Peringatan]:
    """Alerts the user may see: by confidentiality and region subtree (DESIGN.md). An alert has
    no authoring organization, so CONFIDENTIAL ones are for leadership in scope only."""
    qs = Peringatan.objects.annotate(pemilik_id=Value(None, output_field=models.IntegerField()))
    return rules.filter_kerahasiaan(qs, pengguna, field_lembaga="pemilik")


def peringatan_list(*, pengguna, filters: dict[str, Any] | None = None) -> QuerySet[Peringatan]:
    """Visible alerts, filtered: status ("" = active and acknowledged, "semua" = all),
    wilayah (subtree), aturan (code), kategori (code), keparahan, q (title)."""
    f = filters or {}
    qs = peringatan_visible(pengguna=pengguna)
    status = f.get("status") or ""
    if status == "":
        qs = qs.filter(status__in=[StatusPeringatan.AKTIF, StatusPeringatan.DITANGANI])
    elif status != "semua":
        qs = qs.filter(status=status)
    if f.get("wilayah"):
        qs = qs.filter(rules.q_wilayah(f["wilayah"]))
    if f.get("aturan"):
        qs = qs.filter(aturan__kode=f["aturan"])
    if f.get("kategori"):
        qs = qs.filter(kategori_id=f["kategori"])
    if f.get("keparahan"):
        qs = qs.filter(keparahan=f["keparahan"])
    if f.get("q"):
        qs = qs.filter(judul__icontains=f["q"])
    return qs.select_related("aturan", "wilayah", "kategori").order_by("-created_at", "-id")


def peringatan_get(*, pengguna, pk: int) -> Peringatan:
    """One visible alert, or 404."""
    p = peringatan_list(pengguna=pengguna, filters={"status": "semua"}).filter(pk=pk).first()
    if p is None:
        raise Http404
    return p


def aturan_list(*, pengguna) -> QuerySet[AturanPeringatan]:
    """The rules, for administrators (system and organization); nothing for others."""
    if not dapat_lihat_aturan(pengguna):
        return AturanPeringatan.objects.none()
    return AturanPeringatan.objects.select_related("kategori").annotate(
        jumlah_aktif=Count("peringatan", filter=Q(peringatan__status=StatusPeringatan.AKTIF))
    )


def langganan_list(*, pengguna) -> QuerySet[Langganan]:
    """The subscriptions of the user's organization (none without one)."""
    if rules.lingkup(pengguna) is None or not pengguna.lembaga_id:
        return Langganan.objects.none()
    return (
        Langganan.objects.filter(lembaga_id=pengguna.lembaga_id)
        .select_related("aturan", "wilayah", "lembaga")
        .order_by("id")
    )


def pengiriman_webhook_list(*, pengguna) -> QuerySet:
    """Webhook calls of alerts for the user's organization (its delivery log)."""
    from sinergi.komunikasi.models import PengirimanWebhook

    if rules.lingkup(pengguna) is None or not pengguna.lembaga_id:
        return PengirimanWebhook.objects.none()
    return PengirimanWebhook.objects.filter(
        webhook__lembaga_id=pengguna.lembaga_id, peristiwa=PERISTIWA_WEBHOOK
    ).order_by("-created_at", "-id")


# --- Permissions -----------------------------------------------------------------------------
def dapat_tangani(user, peringatan: Peringatan) -> bool:
    """Acknowledge or close an alert: organizers' and stakeholders' operators and leadership
    whose scope covers it (the alert must be visible to them, which the selector checks)."""
    if rules.is_system_admin(user):
        return True
    return bool(
        rules.lingkup(user) is not None
        and user.peran in PERAN_TANGANI
        and rules.dalam_lingkup(user, peringatan.wilayah_id)
    )


def dapat_lihat_aturan(user) -> bool:
    return rules.is_system_admin(user) or rules.is_admin_lembaga(user)


def dapat_kelola_langganan(user) -> bool:
    """Organization administrators manage their organization's subscriptions."""
    return bool(user.is_authenticated and user.lembaga_id) and (
        rules.is_admin_lembaga(user) or rules.is_system_admin(user)
    )


# --- Writes ----------------------------------------------------------------------------------
TRANSISI_PERINGATAN = {
    StatusPeringatan.AKTIF: {StatusPeringatan.DITANGANI, StatusPeringatan.DITUTUP},
    StatusPeringatan.DITANGANI: {StatusPeringatan.DITUTUP},
    StatusPeringatan.DITUTUP: set(),
}


@transaction.atomic
def peringatan_ubah_status(
    *, pelaku, peringatan: Peringatan, status: str, alasan: str = ""
) -> Peringatan:
    """Acknowledge (`ditangani`) or close (`ditutup`, a reason required) an alert."""
    if not dapat_tangani(pelaku, peringatan):
        raise Http404
    alasan = (alasan or "").strip()
    if status not in TRANSISI_PERINGATAN.get(peringatan.status, set()):
        raise ValidationError(
            {
                "status": _("This alert cannot move from %(dari)s to %(ke)s.")
                % {"dari": peringatan.get_status_display(), "ke": status}
            }
        )
    if status == StatusPeringatan.DITUTUP and not alasan:
        raise ValidationError({"alasan": _("Give the reason for closing the alert.")})
    if len(alasan) > 2000:
        raise ValidationError({"alasan": _("At most %(n)s characters.") % {"n": 2000}})
    before = audit.snapshot(peringatan, ["status", "status_alasan"])
    peringatan.status = status
    peringatan.status_alasan = alasan
    peringatan.status_oleh = pelaku
    peringatan.status_at = timezone.now()
    peringatan.save(update_fields=["status", "status_alasan", "status_oleh", "status_at"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=peringatan,
        before=before,
        after=audit.snapshot(peringatan, ["status", "status_alasan"]),
        note=f"alert {status}",
    )
    return peringatan


@transaction.atomic
def langganan_create(
    *,
    pelaku,
    aturan: AturanPeringatan | None = None,
    kode_wilayah: str = "",
    email: bool = True,
    webhook: bool = False,
    ringkasan_harian: bool = True,
) -> Langganan:
    """Subscribe the actor's organization to alerts (of one rule or all) in a region of its
    scope (empty: its own region subtree)."""
    from sinergi.wilayah.models import Wilayah

    if not dapat_kelola_langganan(pelaku):
        raise Http404
    errors: dict[str, str] = {}
    wilayah = None
    if kode_wilayah:
        wilayah = Wilayah.objects.filter(kode=kode_wilayah).first()
        if wilayah is None or not rules.dalam_lingkup(pelaku, wilayah.kode):
            errors["kode_wilayah"] = _("Unknown region or outside your scope.")
    if not (email or webhook or ringkasan_harian):
        errors["email"] = _("Choose at least one way to receive the alerts.")
    if Langganan.objects.filter(
        lembaga_id=pelaku.lembaga_id, aturan=aturan, wilayah=wilayah
    ).exists():
        errors["aturan"] = _("Your organization already has this subscription.")
    if errors:
        raise ValidationError(errors)
    langganan = Langganan.objects.create(
        lembaga_id=pelaku.lembaga_id,
        aturan=aturan,
        wilayah=wilayah,
        email=email,
        webhook=webhook,
        ringkasan_harian=ringkasan_harian,
    )
    audit.record(actor=pelaku, action="create", obj=langganan)
    return langganan


@transaction.atomic
def langganan_delete(*, pelaku, langganan: Langganan) -> None:
    """Remove a subscription of the actor's organization (anything else: 404)."""
    if not dapat_kelola_langganan(pelaku) or langganan.lembaga_id != pelaku.lembaga_id:
        raise Http404
    before = audit.snapshot(langganan)
    pk = langganan.pk
    langganan.delete()
    audit.record(
        actor=pelaku,
        action="delete",
        object_type="kejadian.langganan",
        object_id=str(pk),
        before=before,
    )


def langganan_get(*, pengguna, pk: int) -> Langganan:
    obj = langganan_list(pengguna=pengguna).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# --- Receiving a signed webhook --------------------------------------------------------------
TOLERANSI_DETIK = 300


def verifikasi_tanda_tangan(
    rahasia: str,
    header: str,
    body: bytes,
    toleransi: int = TOLERANSI_DETIK,
    *,
    sekarang: float | None = None,
) -> bool:
    """Whether `X-Sinergi-Signature: t=<unix time>,v1=<hex>` signs `body` with `rahasia`
    (HMAC-SHA256 over `<t>.<body>`) and is at most `toleransi` seconds old. A receiver answers
    anything else with 401 and does nothing. Constant-time comparison."""
    try:
        bagian = dict(p.strip().split("=", 1) for p in (header or "").split(",") if p.strip())
        t = int(bagian["t"])
        v1 = bagian["v1"]
    except (KeyError, ValueError):
        return False
    sekarang = time.time() if sekarang is None else sekarang
    if abs(sekarang - t) > toleransi:
        return False
    harapan = hmac.new(rahasia.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(harapan, v1)


def load_referensi(*, stdout) -> None:
    """Called by `referensi.load` (`sinergi up`): the default early-warning rules."""
    n = load_aturan()
    stdout.write(f"kejadian: {n} aturan peringatan baru\n")
