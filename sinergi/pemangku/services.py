"""Writes to the stakeholder tables: reference loaders, organizations and contact people.

Every write validates (`full_clean`), checks permission with `sinergi.pemangku.izin` (built
on `sinergi.akses.rules`), and records an audit row in the same transaction. A user who may
not change an object gets Http404, as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.core import audit
from sinergi.core.impor import BarisError, ImportGagal, baca_csv
from sinergi.pemangku import izin
from sinergi.pemangku.choices import KelompokLembaga
from sinergi.pemangku.models import JenisLembaga, Kontak, Lembaga, Tupoksi
from sinergi.pemangku.validators import normalisasi_telepon
from sinergi.tahapan.choices import Keyakinan

DATA_DIR = Path(__file__).resolve().parent / "data"

LEMBAGA_FIELDS = [
    "nama",
    "singkatan",
    "jenis",
    "tingkat",
    "wilayah",
    "induk",
    "alamat",
    "telepon",
    "email",
    "situs",
]
KONTAK_FIELDS = ["nama", "jabatan", "unit", "telepon", "email"]


@dataclass
class HasilMuat:
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    dilewati: int = 0

    @property
    def berubah(self) -> bool:
        return bool(self.dibuat or self.diubah)

    def __str__(self) -> str:
        return _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped"
        ) % {
            "created": self.dibuat,
            "updated": self.diubah,
            "unchanged": self.tetap,
            "skipped": self.dilewati,
        }


# --- Reference data ------------------------------------------------------------------------


def jenis_lembaga_load(*, data_dir: Path | str | None = None, dry_run: bool = False) -> HasilMuat:
    """Load the organization types from `jenis_lembaga.csv` (idempotent: only changes are saved)."""
    path = Path(data_dir or DATA_DIR) / "jenis_lembaga.csv"
    kolom = ["kode", "nama", "nama_en", "kelompok", "urutan", "keterangan"]
    errors: list[BarisError] = []
    rows: dict[str, dict[str, Any]] = {}
    for line, row in baca_csv(path, kolom_wajib=kolom):
        if row["kelompok"] not in KelompokLembaga.values:
            errors.append(BarisError(path.name, line, "kelompok", _("Unknown group.")))
            continue
        try:
            urutan = int(row["urutan"])
        except ValueError:
            errors.append(BarisError(path.name, line, "urutan", _("Must be a whole number.")))
            continue
        if not row["kode"] or not row["nama"]:
            errors.append(BarisError(path.name, line, "kode", _("Code and name are required.")))
            continue
        rows[row["kode"]] = {
            "nama": row["nama"],
            "nama_en": row["nama_en"],
            "kelompok": row["kelompok"],
            "urutan": urutan,
            "keterangan": row["keterangan"],
        }
    if errors:
        raise ImportGagal(errors)
    hasil = HasilMuat()
    existing = {j.kode: j for j in JenisLembaga.objects.all()}
    with transaction.atomic():
        for kode, data in rows.items():
            obj = existing.get(kode)
            if obj is None:
                hasil.dibuat += 1
                if not dry_run:
                    JenisLembaga.objects.create(kode=kode, **data)
            elif any(getattr(obj, k) != v for k, v in data.items()):
                hasil.diubah += 1
                if not dry_run:
                    for k, v in data.items():
                        setattr(obj, k, v)
                    obj.save(update_fields=list(data))
            else:
                hasil.tetap += 1
        if hasil.berubah and not dry_run:
            audit.record(
                actor=None,
                action="other",
                object_type="pemangku.jenislembaga",
                note=f"load_pemangku: {hasil}",
            )
    return hasil


def tupoksi_load(*, data_dir: Path | str | None = None, dry_run: bool = False) -> HasilMuat:
    """Load the duty matrix from `tupoksi_*.csv`.

    Rows whose election or stage is not in the database yet (the stages are loaded by the
    tahapan app) are skipped and counted, so a later run picks them up.
    """
    from sinergi.tahapan.models import Pemilu, Tahapan

    kolom = [
        "kode",
        "jenis",
        "pemilu",
        "tahapan",
        "urutan",
        "uraian",
        "dasar_hukum",
        "pasal",
        "keyakinan",
        "catatan",
        "sumber",
    ]
    jenis = set(JenisLembaga.objects.values_list("kode", flat=True))
    pemilu = {p.slug: p for p in Pemilu.objects.all()}
    tahapan = {(t.pemilu_id, t.kode): t for t in Tahapan.objects.all()}
    errors: list[BarisError] = []
    rows: dict[str, dict[str, Any]] = {}
    hasil = HasilMuat()
    for path in sorted(Path(data_dir or DATA_DIR).glob("tupoksi_*.csv")):
        for line, row in baca_csv(path, kolom_wajib=kolom):
            err = len(errors)
            if row["jenis"] not in jenis:
                errors.append(BarisError(path.name, line, "jenis", _("Unknown organization type.")))
            if row["keyakinan"] not in Keyakinan.values:
                errors.append(BarisError(path.name, line, "keyakinan", _("Use H, M or L.")))
            elif row["keyakinan"] != Keyakinan.TINGGI and not row["catatan"].strip():
                errors.append(
                    BarisError(path.name, line, "catatan", _("Say why the confidence is not high."))
                )
            if not row["uraian"].strip() or not row["pasal"].strip():
                errors.append(
                    BarisError(path.name, line, "pasal", _("Duty and article are required."))
                )
            if row["kode"] in rows:
                errors.append(BarisError(path.name, line, "kode", _("Duplicate code.")))
            if len(errors) > err:
                continue
            p = pemilu.get(row["pemilu"]) if row["pemilu"] else None
            t = None
            if row["pemilu"] and p is None:
                hasil.dilewati += 1
                continue
            if row["tahapan"]:
                t = tahapan.get((p.pk if p else None, row["tahapan"]))
                if t is None:
                    hasil.dilewati += 1
                    continue
            rows[row["kode"]] = {
                "jenis_id": row["jenis"],
                "pemilu_id": p.pk if p else None,
                "tahapan_id": t.pk if t else None,
                "urutan": int(row["urutan"] or 100),
                "uraian": row["uraian"].strip(),
                "dasar_hukum": row["dasar_hukum"].strip(),
                "pasal": row["pasal"].strip(),
                "keyakinan": row["keyakinan"],
                "catatan": row["catatan"].strip(),
                "sumber": row["sumber"].strip(),
            }
    if errors:
        raise ImportGagal(errors)
    existing = {t.kode: t for t in Tupoksi.objects.all()}
    with transaction.atomic():
        for kode, data in rows.items():
            obj = existing.get(kode)
            if obj is None:
                hasil.dibuat += 1
                if not dry_run:
                    Tupoksi.objects.create(kode=kode, **data)
            elif any(getattr(obj, k) != v for k, v in data.items()):
                hasil.diubah += 1
                if not dry_run:
                    for k, v in data.items():
                        setattr(obj, k, v)
                    obj.save(update_fields=[*data, "updated_at"])
            else:
                hasil.tetap += 1
        if hasil.berubah and not dry_run:
            audit.record(
                actor=None,
                action="other",
                object_type="pemangku.tupoksi",
                note=f"load_pemangku: {hasil}",
            )
    return hasil


# --- Organizations -------------------------------------------------------------------------


def _bersihkan_kontak_data(data: dict[str, Any]) -> dict[str, Any]:
    """Normalize phone and email; a bad phone number raises a ValidationError on `telepon`."""
    if "telepon" in data:
        try:
            data["telepon"] = normalisasi_telepon(data["telepon"] or "")
        except ValidationError as exc:
            raise ValidationError({"telepon": exc.messages}) from None
    if "email" in data:
        data["email"] = (data["email"] or "").strip().lower()
    for key in ("nama", "jabatan", "unit", "singkatan", "alamat", "situs"):
        if key in data and isinstance(data[key], str):
            data[key] = data[key].strip()
    return data


def _cek_duplikat(lembaga: Lembaga) -> None:
    """A clear message instead of an IntegrityError for the same name, type and region."""
    qs = Lembaga.objects.filter(
        jenis_id=lembaga.jenis_id, wilayah_id=lembaga.wilayah_id, nama__iexact=lembaga.nama
    )
    if lembaga.pk:
        qs = qs.exclude(pk=lembaga.pk)
    if not qs.exists():
        return
    if lembaga.wilayah_id:
        pesan = _("“%(nama)s” is already registered in %(wilayah)s.") % {
            "nama": lembaga.nama,
            "wilayah": lembaga.wilayah.nama,
        }
    else:
        pesan = _("“%(nama)s” is already registered at the national level.") % {
            "nama": lembaga.nama
        }
    raise ValidationError({"nama": pesan})


def _cek_induk(lembaga: Lembaga) -> None:
    """The parent covers the child's region and is not the child itself or one of its children."""
    induk = lembaga.induk
    if induk is None:
        return
    if induk.wilayah_id and not rules.kode_dalam(induk.wilayah_id, lembaga.wilayah_id):
        raise ValidationError(
            {"induk": _("The parent organization must cover this organization's region.")}
        )
    seen = set()
    node = induk
    while node is not None and node.pk not in seen:
        if lembaga.pk and node.pk == lembaga.pk:
            raise ValidationError(
                {"induk": _("An organization cannot be placed under itself or its children.")}
            )
        seen.add(node.pk)
        node = node.induk


def _validasi_lembaga(lembaga: Lembaga) -> None:
    # Fields and the level/region rule first, then our clearer duplicate message, and the
    # database constraints last.
    lembaga.full_clean(validate_constraints=False)
    _cek_duplikat(lembaga)
    _cek_induk(lembaga)
    lembaga.validate_constraints()


@transaction.atomic
def lembaga_create(
    *,
    pelaku,
    nama: str,
    jenis: JenisLembaga,
    tingkat: str,
    wilayah=None,
    induk: Lembaga | None = None,
    singkatan: str = "",
    alamat: str = "",
    telepon: str = "",
    email: str = "",
    situs: str = "",
) -> Lembaga:
    """Register an organization at a level and in a region."""
    if not izin.dapat_kelola_lembaga(pelaku, wilayah_kode=getattr(wilayah, "kode", None)):
        raise Http404
    data = _bersihkan_kontak_data(
        {
            "nama": nama,
            "singkatan": singkatan,
            "alamat": alamat,
            "telepon": telepon,
            "email": email,
            "situs": situs,
        }
    )
    if induk is not None and not izin.dapat_pilih_induk(pelaku, induk):
        raise ValidationError(
            {
                "induk": _(
                    "You can only place a new organization under your own organization or one "
                    "below it."
                )
            }
        )
    lembaga = Lembaga(jenis=jenis, tingkat=tingkat, wilayah=wilayah, induk=induk, **data)
    _validasi_lembaga(lembaga)
    lembaga.save()
    audit.record(actor=pelaku, action="create", obj=lembaga, after=audit.snapshot(lembaga))
    return lembaga


@transaction.atomic
def lembaga_update(*, pelaku, lembaga: Lembaga, **perubahan: Any) -> Lembaga:
    """Change an organization's fields (only those given); the audit row lists what changed."""
    unknown = set(perubahan) - set(LEMBAGA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if not izin.dapat_kelola_lembaga(pelaku, wilayah_kode=lembaga.wilayah_id, lembaga=lembaga):
        raise Http404
    wilayah_baru = perubahan.get("wilayah", lembaga.wilayah)
    if "wilayah" in perubahan and not izin.dapat_kelola_lembaga(
        pelaku, wilayah_kode=getattr(wilayah_baru, "kode", None), lembaga=lembaga
    ):
        raise Http404
    if "induk" in perubahan:
        induk_baru = perubahan["induk"]
        if getattr(induk_baru, "pk", None) != lembaga.induk_id and not izin.dapat_ubah_induk(
            pelaku
        ):
            raise ValidationError(
                {"induk": _("Only system administrators can change the parent organization.")}
            )
    before = audit.snapshot(lembaga)
    perubahan = _bersihkan_kontak_data(dict(perubahan))
    for key, value in perubahan.items():
        setattr(lembaga, key, value)
    _validasi_lembaga(lembaga)
    after = audit.snapshot(lembaga)
    sebelum, sesudah = audit.changes(before, after)
    if sesudah:
        fields = [f for f in LEMBAGA_FIELDS if f in perubahan]
        lembaga.save(update_fields=[*fields, "updated_at"])
        audit.record(actor=pelaku, action="update", obj=lembaga, before=sebelum, after=sesudah)
    return lembaga


@transaction.atomic
def lembaga_deactivate(*, pelaku, lembaga: Lembaga) -> Lembaga:
    """Hide an organization from the directory (its history and users stay)."""
    if not izin.dapat_kelola_lembaga(pelaku, wilayah_kode=lembaga.wilayah_id, lembaga=lembaga):
        raise Http404
    if lembaga.is_active:
        lembaga.is_active = False
        lembaga.save(update_fields=["is_active", "updated_at"])
        audit.record(
            actor=pelaku,
            action="update",
            obj=lembaga,
            before={"is_active": True},
            after={"is_active": False},
        )
    return lembaga


# --- Contact people ------------------------------------------------------------------------


@transaction.atomic
def kontak_create(
    *,
    pelaku,
    lembaga: Lembaga,
    nama: str,
    jabatan: str,
    unit: str = "",
    telepon: str = "",
    email: str = "",
) -> Kontak:
    """Add a contact person to an organization."""
    if not izin.dapat_kelola_kontak(pelaku, lembaga):
        raise Http404
    data = _bersihkan_kontak_data(
        {"nama": nama, "jabatan": jabatan, "unit": unit, "telepon": telepon, "email": email}
    )
    kontak = Kontak(lembaga=lembaga, **data)
    kontak.full_clean()
    kontak.save()
    audit.record(actor=pelaku, action="create", obj=kontak, after=audit.snapshot(kontak))
    return kontak


@transaction.atomic
def kontak_update(*, pelaku, kontak: Kontak, **perubahan: Any) -> Kontak:
    """Change a contact person's fields (only those given)."""
    unknown = set(perubahan) - set(KONTAK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if not izin.dapat_kelola_kontak(pelaku, kontak.lembaga):
        raise Http404
    before = audit.snapshot(kontak)
    perubahan = _bersihkan_kontak_data(dict(perubahan))
    for key, value in perubahan.items():
        setattr(kontak, key, value)
    kontak.full_clean()
    sebelum, sesudah = audit.changes(before, audit.snapshot(kontak))
    if sesudah:
        kontak.save(update_fields=[*perubahan, "updated_at"])
        audit.record(actor=pelaku, action="update", obj=kontak, before=sebelum, after=sesudah)
    return kontak


@transaction.atomic
def kontak_deactivate(*, pelaku, kontak: Kontak) -> Kontak:
    """Remove a contact person from the directory (kept for the audit trail)."""
    if not izin.dapat_kelola_kontak(pelaku, kontak.lembaga):
        raise Http404
    if kontak.is_active:
        kontak.is_active = False
        kontak.save(update_fields=["is_active", "updated_at"])
        audit.record(
            actor=pelaku,
            action="update",
            obj=kontak,
            before={"is_active": True},
            after={"is_active": False},
        )
    return kontak
