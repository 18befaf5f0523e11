"""Every write to the regulation catalogue: validation, permission, audit, search index."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.akses.rules import dapat_kelola_referensi
from sinergi.core import audit
from sinergi.core.impor import BarisError, ImportGagal
from sinergi.regulasi.choices import JenisRegulasi
from sinergi.regulasi.models import Regulasi
from sinergi.tahapan import teks
from sinergi.tahapan.models import Tahapan

DATA_DIR = Path(__file__).resolve().parent / "data"
FIELD = [
    "judul",
    "tanggal_ditetapkan",
    "tanggal_diundangkan",
    "status",
    "ringkasan",
    "tautan",
    "sumber",
    "keyakinan",
]
RELASI = ["mengubah", "mencabut", "mencabut_sebagian", "menetapkan"]


def _cek_izin(pelaku) -> None:
    if pelaku is not None and not dapat_kelola_referensi(pelaku):
        raise PermissionDenied(_("You may not manage regulations."))


def indeks_regulasi(r: Regulasi) -> str:
    """Stems of everything a person might search a regulation by."""
    return teks.indeks(
        r.sebutan, r.get_jenis_display(), r.nomor, str(r.tahun), r.judul, r.judul, r.ringkasan
    )


@transaction.atomic
def regulasi_simpan(*, pelaku, regulasi: Regulasi) -> Regulasi:
    """Create or update one regulation (its search index is refreshed)."""
    _cek_izin(pelaku)
    regulasi.full_clean(exclude=["indeks_cari"])
    baru = regulasi.pk is None
    before = None if baru else audit.snapshot(Regulasi.objects.get(pk=regulasi.pk))
    regulasi.indeks_cari = indeks_regulasi(regulasi)
    regulasi.save()
    if baru:
        audit.record(actor=pelaku, action="create", obj=regulasi, after=audit.snapshot(regulasi))
    else:
        b, a = audit.changes(before, audit.snapshot(regulasi))
        audit.record(actor=pelaku, action="update", obj=regulasi, before=b, after=a)
    return regulasi


def _kunci(jenis: str, nomor: str, tahun: int) -> str:
    return f"{jenis}:{nomor}/{tahun}"


def regulasi_load(*, path: Path | None = None, dry_run: bool = False) -> str:
    """Load the shipped catalogue (data/regulasi.json) and link it to the stages. Idempotent."""
    path = path or DATA_DIR / "regulasi.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    errors: list[BarisError] = []
    jenis_ok = set(JenisRegulasi.values)
    kunci_semua = {_kunci(r["jenis"], r["nomor"], r["tahun"]) for r in rows}
    tahapan_ada = {
        (slug, kode): pk
        for pk, slug, kode in Tahapan.objects.values_list("pk", "pemilu__slug", "kode")
    }
    for n, r in enumerate(rows, start=1):
        if r["jenis"] not in jenis_ok:
            errors.append(BarisError(path.name, n, "jenis", _("Unknown kind %s.") % r["jenis"]))
        for rel in RELASI:
            for k in r.get(rel, []):
                if k not in kunci_semua:
                    errors.append(BarisError(path.name, n, rel, _("Unknown regulation %s.") % k))
        for slug, kode_list in (r.get("tahapan") or {}).items():
            for kode in kode_list:
                if tahapan_ada and (slug, kode) not in tahapan_ada:
                    errors.append(
                        BarisError(
                            path.name, n, "tahapan", _("Unknown stage %s.") % f"{slug} {kode}"
                        )
                    )
    if errors:
        raise ImportGagal(errors)
    if dry_run:
        return _("%(n)s regulations valid") % {"n": len(rows)}
    dibuat = diubah = 0
    with transaction.atomic():
        ada = {r.kunci: r for r in Regulasi.objects.all()}
        for r in rows:
            kunci = _kunci(r["jenis"], r["nomor"], r["tahun"])
            obj = ada.get(kunci) or Regulasi(jenis=r["jenis"], nomor=r["nomor"], tahun=r["tahun"])
            baru = obj.pk is None
            before = None if baru else audit.snapshot(obj)
            for f in FIELD:
                v = r.get(f, "" if f not in {"tanggal_ditetapkan", "tanggal_diundangkan"} else None)
                if f.startswith("tanggal") and v:
                    v = dt.date.fromisoformat(v)
                if f == "keyakinan" and not v:
                    v = "H"
                if f == "status" and not v:
                    v = "berlaku"
                setattr(obj, f, v)
            obj.indeks_cari = indeks_regulasi(obj)
            if baru:
                obj.full_clean(exclude=["indeks_cari"])
                obj.save()
                ada[kunci] = obj
                dibuat += 1
                audit.record(actor=None, action="create", obj=obj, after=audit.snapshot(obj))
            else:
                b, a = audit.changes(before, audit.snapshot(obj))
                b.pop("updated_at", None)
                a.pop("updated_at", None)
                if a:
                    obj.full_clean(exclude=["indeks_cari"])
                    obj.save()
                    diubah += 1
                    audit.record(actor=None, action="update", obj=obj, before=b, after=a)
        for r in rows:
            obj = ada[_kunci(r["jenis"], r["nomor"], r["tahun"])]
            berubah = False
            for rel in RELASI:
                mau = {ada[k].pk for k in r.get(rel, [])}
                sekarang = set(getattr(obj, rel).values_list("pk", flat=True))
                if mau != sekarang:
                    getattr(obj, rel).set(mau)
                    berubah = True
            mau_t = {
                tahapan_ada[(slug, kode)]
                for slug, kode_list in (r.get("tahapan") or {}).items()
                for kode in kode_list
                if (slug, kode) in tahapan_ada
            }
            if mau_t != set(obj.tahapan.values_list("pk", flat=True)):
                obj.tahapan.set(mau_t)
                berubah = True
            if berubah:
                audit.record(actor=None, action="update", obj=obj, note="relasi dan tahapan")
    return _("%(dibuat)s regulations created, %(diubah)s updated, %(n)s in the file") % {
        "dibuat": dibuat,
        "diubah": diubah,
        "n": len(rows),
    }
