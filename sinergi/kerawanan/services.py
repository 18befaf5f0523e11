"""Every write of the vulnerability app: frameworks, assessments, TPS registry and surveys.

Imports read and validate the whole file first (collecting every error by row and column), then
write in one transaction with bulk inserts; aggregation is one GROUP BY over code prefixes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.core import audit
from sinergi.core.impor import BarisError, ImportGagal, pesan_terlalu_besar
from sinergi.kerawanan import skor as mesin
from sinergi.kerawanan.models import (
    Ambang,
    AturanSkor,
    Dimensi,
    ImporBerkas,
    Indikator,
    JenisKerangka,
    Kerangka,
    NilaiIndikator,
    Penilaian,
    RekapTPS,
    SubDimensi,
    SurveiTPS,
    TemuanTPS,
)
from sinergi.kerawanan.tabel import Tabel, maks_byte
from sinergi.wilayah.models import TPS, KodeLama, Wilayah
from sinergi.wilayah.selectors import kode_terkini

DATA_DIR = Path(__file__).resolve().parent / "data"
BERKAS_REFERENSI = ["ikp-2024.json", "tps-pemilu-2024.json", "tps-pilkada-2024.json"]
MAKS_ERROR = 1000
Progres = Callable[[int, str], None]


def _diam(persen: int, tahap: str) -> None:
    return None


class KerangkaTidakValid(ValidationError):
    """Weights or thresholds that break the rules; `messages` lists every reason."""


# --- permissions -------------------------------------------------------------------------


def dapat_menilai(user, kode_wilayah: str | None) -> bool:
    """Whether a user may write assessments, TPS data or surveys for a region.

    System admins anywhere; otherwise a member (not a mere viewer) of a supervisor (Bawaslu)
    or organizer (KPU) organization whose region scope covers the region.
    """
    if rules.is_system_admin(user):
        return True
    if not rules.dapat_menulis(user):
        return False
    lembaga = user.lembaga
    if lembaga.jenis.kelompok not in rules.KELOMPOK_PIMPINAN:
        return False
    return rules.dalam_lingkup(user, kode_wilayah)


def dapat_kelola_kerangka(user) -> bool:
    """Frameworks are shared reference data: system admins and national leadership."""
    return rules.is_system_admin(user) or (
        rules.is_pimpinan(user) and rules.lingkup(user) == rules.SEMUA
    )


# --- frameworks --------------------------------------------------------------------------


def validasi_kerangka(kerangka: Kerangka) -> list[str]:
    """Every reason the framework's weights or thresholds are not acceptable."""
    s = mesin.struktur(kerangka)
    errors = mesin.validasi_bobot(s)
    errors += mesin.validasi_ambang(s.ambang, presisi=kerangka.presisi, maks=mesin.skor_maksimum(s))
    if kerangka.jenis == JenisKerangka.TPS and len(s.indikator) > 62:
        errors.append(_("A TPS checklist can have at most 62 indicators."))
    return errors


def _pastikan_valid(kerangka: Kerangka) -> None:
    errors = validasi_kerangka(kerangka)
    if errors:
        raise KerangkaTidakValid(errors)


@transaction.atomic
def kerangka_dari_data(data: dict, *, pelaku=None) -> Kerangka:
    """Create a framework (tree, weights, thresholds) from its JSON description.

    Refused with every reason (and nothing kept) when weights or thresholds break the rules.
    """
    if pelaku is not None and not dapat_kelola_kerangka(pelaku):
        raise PermissionDenied
    if Kerangka.objects.filter(slug=data["slug"]).exists():
        raise KerangkaTidakValid(
            [_("A framework with the slug “%(slug)s” already exists.") % {"slug": data["slug"]}]
        )
    sebelumnya = None
    if data.get("sebelumnya"):
        sebelumnya = Kerangka.objects.get(slug=data["sebelumnya"])
    k = Kerangka.objects.create(
        slug=data["slug"],
        nama=data["nama"],
        nama_en=data.get("nama_en", ""),
        jenis=data.get("jenis", JenisKerangka.WILAYAH),
        pemilu=data.get("pemilu", ""),
        versi=data.get("versi", 1),
        sebelumnya=sebelumnya,
        tingkat=data.get("tingkat", []),
        aturan=data.get("aturan", AturanSkor.RATA_TERTIMBANG),
        presisi=data.get("presisi", 2),
        skor_maks=Decimal(str(data.get("skor_maks", 100))),
        publik=data.get("publik", False),
        sumber=data.get("sumber", ""),
        catatan=data.get("catatan", ""),
    )
    urutan_ind = 0
    for du, d in enumerate(data["dimensi"], start=1):
        dim = Dimensi.objects.create(
            kerangka=k,
            kode=d["kode"],
            nama=d["nama"],
            nama_en=d.get("nama_en", ""),
            bobot=Decimal(d["bobot"]),
            urutan=du,
        )
        for su, s in enumerate(d["subdimensi"], start=1):
            sub = SubDimensi.objects.create(
                dimensi=dim,
                kode=s["kode"],
                nama=s["nama"],
                nama_en=s.get("nama_en", ""),
                bobot=Decimal(s["bobot"]),
                urutan=su,
            )
            for i in s["indikator"]:
                urutan_ind += 1
                Indikator.objects.create(
                    subdimensi=sub,
                    kerangka=k,
                    kode=i["kode"],
                    nama=i["nama"],
                    nama_en=i.get("nama_en", ""),
                    bobot=Decimal(i["bobot"]),
                    nilai_min=Decimal(i.get("nilai_min", "0")),
                    nilai_maks=Decimal(i.get("nilai_maks", "100")),
                    urutan=urutan_ind,
                    catatan=i.get("catatan", ""),
                )
    for tingkat, bands in data.get("ambang", {}).items():
        for kategori, bawah, atas in bands:
            Ambang.objects.create(
                kerangka=k,
                tingkat=tingkat,
                kategori=kategori,
                batas_bawah=Decimal(bawah),
                batas_atas=Decimal(atas),
            )
    _pastikan_valid(k)  # raising here rolls the whole framework back
    audit.record(actor=pelaku, action="create", obj=k, after=audit.snapshot(k))
    return k


@transaction.atomic
def ambang_simpan(*, pelaku, kerangka: Kerangka, tingkat: str, bands: list[tuple]) -> None:
    """Replace the thresholds of one level; refused with the reason on overlap or gap."""
    if not dapat_kelola_kerangka(pelaku):
        raise PermissionDenied
    if kerangka.terkunci:
        raise KerangkaTidakValid(
            [_("This framework has results and is locked; create a new version instead.")]
        )
    before = list(
        kerangka.ambang.filter(tingkat=tingkat).values("kategori", "batas_bawah", "batas_atas")
    )
    kerangka.ambang.filter(tingkat=tingkat).delete()
    for kategori, bawah, atas in bands:
        Ambang.objects.create(
            kerangka=kerangka,
            tingkat=tingkat,
            kategori=kategori,
            batas_bawah=Decimal(str(bawah)),
            batas_atas=Decimal(str(atas)),
        )
    _pastikan_valid(kerangka)
    audit.record(
        actor=pelaku,
        action="update",
        obj=kerangka,
        before={"ambang": before},
        after={"ambang": [list(map(str, b)) for b in bands]},
        note=f"ambang {tingkat}",
    )


def _isi_nama_en(k: Kerangka, data: dict) -> None:
    """English names shipped after a framework was loaded: filled where still empty (they only
    label the tree; weights, thresholds and results stay as they are)."""

    def isi(qs, nama_en: str) -> None:
        if nama_en:
            qs.filter(nama_en="").update(nama_en=nama_en)

    isi(Kerangka.objects.filter(pk=k.pk), data.get("nama_en", ""))
    for d in data["dimensi"]:
        isi(Dimensi.objects.filter(kerangka=k, kode=d["kode"]), d.get("nama_en", ""))
        for s in d["subdimensi"]:
            isi(
                SubDimensi.objects.filter(dimensi__kerangka=k, kode=s["kode"]),
                s.get("nama_en", ""),
            )
            for i in s["indikator"]:
                isi(Indikator.objects.filter(kerangka=k, kode=i["kode"]), i.get("nama_en", ""))


def muat_referensi(*, data_dir: Path | None = None) -> list[str]:
    """Load the shipped frameworks that are not in the database yet (idempotent)."""
    data_dir = Path(data_dir or DATA_DIR)
    hasil = []
    for nama in BERKAS_REFERENSI:
        data = json.loads((data_dir / nama).read_text(encoding="utf-8"))
        k = Kerangka.objects.filter(slug=data["slug"]).first()
        if k is not None:
            _isi_nama_en(k, data)
            hasil.append(f"{data['slug']}: ada")
            continue
        kerangka_dari_data(data)
        hasil.append(f"{data['slug']}: dimuat")
    return hasil


@transaction.atomic
def kerangka_versi_baru(*, pelaku, kerangka: Kerangka, slug: str, nama: str = "") -> Kerangka:
    """Copy a framework as its next version (the old one and its results stay as they were)."""
    data = kerangka_ke_data(kerangka)
    data.update(slug=slug, nama=nama or kerangka.nama, versi=kerangka.versi + 1)
    data["sebelumnya"] = kerangka.slug
    return kerangka_dari_data(data, pelaku=pelaku)


def kerangka_ke_data(kerangka: Kerangka) -> dict:
    s = mesin.struktur(kerangka)
    return {
        "slug": kerangka.slug,
        "nama": kerangka.nama,
        "nama_en": kerangka.nama_en,
        "jenis": kerangka.jenis,
        "pemilu": kerangka.pemilu,
        "versi": kerangka.versi,
        "tingkat": kerangka.tingkat,
        "aturan": kerangka.aturan,
        "presisi": kerangka.presisi,
        "skor_maks": str(kerangka.skor_maks),
        "publik": kerangka.publik,
        "sumber": kerangka.sumber,
        "catatan": kerangka.catatan,
        "dimensi": [
            {
                "kode": d.kode,
                "nama": d.nama,
                "nama_en": d.nama_en,
                "bobot": str(d.bobot),
                "subdimensi": [
                    {
                        "kode": sub.kode,
                        "nama": sub.nama,
                        "nama_en": sub.nama_en,
                        "bobot": str(sub.bobot),
                        "indikator": [
                            {
                                "kode": i.kode,
                                "nama": i.nama,
                                "nama_en": i.nama_en,
                                "bobot": str(i.bobot),
                                "nilai_min": str(i.nilai_min),
                                "nilai_maks": str(i.nilai_maks),
                            }
                            for i in sub.indikator
                        ],
                    }
                    for sub in d.sub
                ],
            }
            for d in s.dimensi
        ],
        "ambang": {t: [[k, str(b), str(a)] for b, a, k in bands] for t, bands in s.ambang.items()},
    }


def _kunci(kerangka: Kerangka) -> None:
    if not kerangka.terkunci:
        Kerangka.objects.filter(pk=kerangka.pk).update(terkunci=True)
        kerangka.terkunci = True


# --- assessments -------------------------------------------------------------------------


def _simpan_skor(p: Penilaian, s: mesin.Struktur, nilai: dict[int, Decimal]) -> None:
    h = mesin.hitung(s, nilai)
    p.skor = h.skor
    p.kategori = s.kategori(p.wilayah.tingkat, h.skor)
    p.rincian = mesin.rincian_json(h.rincian)


@transaction.atomic
def penilaian_simpan(
    *,
    pelaku,
    kerangka: Kerangka,
    wilayah: Wilayah,
    periode: str,
    nilai: dict[str, Decimal],
    sumber: str = "",
    catatan: str = "",
    kerahasiaan: str = "RESTRICTED",
    struktur: mesin.Struktur | None = None,
) -> Penilaian:
    """Create or replace one region's indicator values for a period and store its score."""
    if pelaku is not None and not dapat_menilai(pelaku, wilayah.kode):
        raise PermissionDenied
    if wilayah.tingkat not in kerangka.tingkat:
        raise ValidationError(
            _("This framework does not apply to the level %(level)s.") % {"level": wilayah.tingkat}
        )
    s = struktur or mesin.struktur(kerangka)
    per_kode = {i.kode: i for i in s.indikator}
    errors = []
    for kode, v in nilai.items():
        i = per_kode.get(kode)
        if i is None:
            errors.append(_("Unknown indicator %(code)s.") % {"code": kode})
        elif not (i.nilai_min <= v <= i.nilai_maks):
            errors.append(
                _("%(code)s: the value must be between %(min)s and %(max)s.")
                % {
                    "code": kode,
                    "min": f"{i.nilai_min.normalize():f}",
                    "max": f"{i.nilai_maks.normalize():f}",
                }
            )
    if errors:
        raise ValidationError(errors)
    p = Penilaian.objects.filter(kerangka=kerangka, wilayah=wilayah, periode=periode).first()
    before = audit.snapshot(p) if p else None
    if p is None:
        p = Penilaian(kerangka=kerangka, wilayah=wilayah, periode=periode)
    p.sumber, p.catatan, p.kerahasiaan = sumber, catatan, kerahasiaan
    p.lembaga = getattr(pelaku, "lembaga", None) if pelaku is not None else p.lembaga
    by_id = {per_kode[k].id: v for k, v in nilai.items()}
    _simpan_skor(p, s, by_id)
    p.full_clean(exclude=["rincian", "kategori", "lembaga"])
    p.save()
    p.nilai.all().delete()
    NilaiIndikator.objects.bulk_create(
        [
            NilaiIndikator(penilaian=p, indikator_id=iid, nilai=v, sumber=sumber)
            for iid, v in by_id.items()
        ]
    )
    _kunci(kerangka)
    audit.record(
        actor=pelaku,
        action="update" if before else "create",
        obj=p,
        before=before,
        after={**audit.snapshot(p), "nilai": {k: str(v) for k, v in nilai.items()}},
    )
    return p


@dataclass
class HasilImpor:
    dibuat: int = 0
    diubah: int = 0
    jumlah: int = 0
    catatan: str = ""

    def __str__(self) -> str:
        return _("%(total)s rows: %(created)s created, %(updated)s updated.") % {
            "total": self.jumlah,
            "created": self.dibuat,
            "updated": self.diubah,
        }


def _tolak_jika(errors: list[BarisError]) -> None:
    if errors:
        raise ImportGagal(errors)


def _angka(v: str) -> Decimal | None:
    try:
        d = Decimal(v.replace(",", "."))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _lingkup_pelaku(pelaku) -> str | None:
    """The region root an importing user may write (SEMUA for the CLI with no user)."""
    if pelaku is None:
        return rules.SEMUA
    root = rules.lingkup(pelaku)
    if root is None or not dapat_menilai(pelaku, root or None):
        raise PermissionDenied
    return root


def impor_penilaian(
    *,
    pelaku,
    path: Path | str,
    kerangka: Kerangka,
    periode: str,
    kerahasiaan: str = "RESTRICTED",
    nama_berkas: str = "",
    progres: Progres = _diam,
    dry_run: bool = False,
) -> HasilImpor:
    """Import assessments: one row per region (`kode_wilayah`), one column per indicator code.

    Optional columns `sumber` and `catatan`. Everything is validated first; then one transaction.
    """
    root = _lingkup_pelaku(pelaku)
    s = mesin.struktur(kerangka)
    kolom_ind = [i.kode for i in s.indikator]
    tabel = Tabel(
        path, sheet="penilaian", kolom_wajib=["kode_wilayah", *kolom_ind], nama=nama_berkas
    )
    h = tabel.header
    i_kode = h.index("kode_wilayah")
    i_sumber = h.index("sumber") if "sumber" in h else None
    i_catatan = h.index("catatan") if "catatan" in h else None
    pos = [(ind, h.index(ind.kode)) for ind in s.indikator]
    errors: list[BarisError] = []
    baris: list[tuple] = []
    dilihat: dict[str, int] = {}
    wilayah_cache: dict[str, Wilayah | None] = {}
    progres(5, _("Validating"))
    for line, row in tabel.baris():

        def err(kolom, pesan, line=line):
            errors.append(BarisError(tabel.nama, line, kolom, pesan))

        kode_asli = row[i_kode].strip()
        kode = kode_terkini(kode_asli) if kode_asli else None
        if kode is None:
            err("kode_wilayah", _("Unknown region code “%(code)s”.") % {"code": kode_asli})
            continue
        if kode not in wilayah_cache:
            wilayah_cache[kode] = Wilayah.objects.filter(kode=kode).first()
        w = wilayah_cache[kode]
        if w.tingkat not in kerangka.tingkat:
            err(
                "kode_wilayah",
                _("Region %(code)s is a %(level)s; this framework applies to: %(levels)s.")
                % {"code": kode, "level": w.tingkat, "levels": ", ".join(kerangka.tingkat)},
            )
            continue
        if not rules.kode_dalam(root, kode):
            err(
                "kode_wilayah",
                _("Region %(code)s is outside your area (%(area)s).")
                % {"code": kode, "area": root},
            )
            continue
        if kode in dilihat:
            err(
                "kode_wilayah",
                _("Region %(code)s is listed twice (first on row %(row)s).")
                % {"code": kode, "row": dilihat[kode]},
            )
            continue
        dilihat[kode] = line
        nilai: dict[int, Decimal] = {}
        for ind, c in pos:
            teks = row[c].strip()
            if teks == "":
                continue
            v = _angka(teks)
            if v is None:
                err(ind.kode, _("“%(value)s” is not a number.") % {"value": teks})
            elif not (ind.nilai_min <= v <= ind.nilai_maks):
                err(
                    ind.kode,
                    _("%(value)s is out of range: the value must be between %(min)s and %(max)s.")
                    % {
                        "value": teks,
                        "min": f"{ind.nilai_min.normalize():f}",
                        "max": f"{ind.nilai_maks.normalize():f}",
                    },
                )
            else:
                nilai[ind.id] = v
        sumber = row[i_sumber].strip()[:300] if i_sumber is not None else ""
        catatan = row[i_catatan].strip() if i_catatan is not None else ""
        baris.append((w, nilai, sumber, catatan))
        if len(errors) >= MAKS_ERROR:
            break
    _tolak_jika(errors)
    if not baris:
        raise ImportGagal([BarisError(tabel.nama, None, None, _("The file has no data rows."))])
    hasil = HasilImpor(jumlah=len(baris))
    if dry_run:
        return hasil
    progres(50, _("Saving"))
    with transaction.atomic():
        ada = {
            p.wilayah_id: p
            for p in Penilaian.objects.filter(
                kerangka=kerangka, periode=periode, wilayah_id__in=[b[0].kode for b in baris]
            )
        }
        lembaga = getattr(pelaku, "lembaga", None)
        simpan: list[Penilaian] = []
        for w, nilai, sumber, catatan in baris:
            p = ada.get(w.kode) or Penilaian(kerangka=kerangka, wilayah=w, periode=periode)
            if p.pk:
                hasil.diubah += 1
            else:
                hasil.dibuat += 1
            p.wilayah = w
            p.sumber, p.catatan, p.kerahasiaan = sumber, catatan, kerahasiaan
            if lembaga is not None:
                p.lembaga = lembaga
            _simpan_skor(p, s, nilai)
            simpan.append(p)
        baru = [p for p in simpan if not p.pk]
        lama = [p for p in simpan if p.pk]
        Penilaian.objects.bulk_create(baru)
        Penilaian.objects.bulk_update(
            lama, ["sumber", "catatan", "kerahasiaan", "lembaga", "skor", "kategori", "rincian"]
        )
        if lama:
            NilaiIndikator.objects.filter(penilaian__in=lama).delete()
        NilaiIndikator.objects.bulk_create(
            [
                NilaiIndikator(penilaian=p, indikator_id=iid, nilai=v, sumber=b[2])
                for p, b in zip(simpan, baris, strict=True)
                for iid, v in b[1].items()
            ]
        )
        _kunci(kerangka)
        audit.record(
            actor=pelaku,
            action="other",
            obj=kerangka,
            note=f"impor penilaian {periode}: {hasil}",
            after={"periode": periode, "berkas": tabel.nama, "wilayah": [b[0].kode for b in baris]},
        )
    progres(100, _("Done"))
    return hasil


# --- TPS registry ------------------------------------------------------------------------


class _Desa:
    """Village codes for fast row checks, with the old-code crosswalk as a fallback."""

    def __init__(self, root: str):
        qs = Wilayah.objects.filter(tingkat="desa")
        if root:
            qs = qs.filter(kode__startswith=root + ".")
        self.kode = set(qs.order_by().values_list("kode", flat=True).iterator(chunk_size=20000))
        self.ada_kode_lama = KodeLama.objects.exists()
        self._cache: dict[str, str | None] = {}

    def terkini(self, kode: str) -> str | None:
        if kode in self.kode:
            return kode
        if not self.ada_kode_lama:
            return None
        if kode not in self._cache:
            self._cache[kode] = kode_terkini(kode)
        return self._cache[kode]


def _sisip_massal(model, kolom: list[str], rows: list[tuple], batch: int = 20000) -> None:
    """Insert many rows: COPY on PostgreSQL, executemany on SQLite (no model objects)."""
    table = model._meta.db_table
    cols = ", ".join(kolom)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(kolom))})"  # noqa: S608
        for start in range(0, len(rows), batch):
            cur.executemany(sql, rows[start : start + batch])


def _cek_wilayah_baris(
    desa: _Desa, kode_asli: str, root: str, wilayah: Wilayah | None
) -> tuple[str | None, str | None]:
    """(today's village code, error message)."""
    kode = desa.terkini(kode_asli)
    if kode is None:
        return None, _("Unknown village code “%(code)s”.") % {"code": kode_asli}
    if wilayah is not None and not wilayah.mencakup(kode):
        return None, _("Village %(code)s is not in %(region)s (%(region_code)s).") % {
            "code": kode,
            "region": wilayah.nama,
            "region_code": wilayah.kode,
        }
    if not rules.kode_dalam(root, kode):
        return None, _("Village %(code)s is outside your area (%(area)s).") % {
            "code": kode,
            "area": root,
        }
    return kode, None


def _nomor(teks: str) -> int | None:
    if teks.isdigit():
        n = int(teks)
        return n if 0 < n < 100000 else None
    return None


def impor_tps(
    *,
    pelaku,
    path: Path | str,
    nama_berkas: str = "",
    progres: Progres = _diam,
    dry_run: bool = False,
) -> HasilImpor:
    """Import the TPS registry: `kode_desa`, `nomor_tps`, `jumlah_pemilih` (one row per TPS).

    New TPS are added and the voter count of existing ones updated.
    """
    root = _lingkup_pelaku(pelaku)
    tabel = Tabel(
        path,
        sheet="tps",
        kolom_wajib=["kode_desa", "nomor_tps", "jumlah_pemilih"],
        nama=nama_berkas,
    )
    h = tabel.header
    i_desa, i_nomor, i_pemilih = (
        h.index("kode_desa"),
        h.index("nomor_tps"),
        h.index("jumlah_pemilih"),
    )
    progres(2, _("Reading village codes"))
    desa = _Desa(root)
    errors: list[BarisError] = []
    dilihat: dict[tuple[str, int], int] = {}
    rows: list[tuple[str, int, int]] = []
    progres(5, _("Validating"))
    for line, row in tabel.baris():
        kode_asli = row[i_desa].strip()
        kode = kode_asli if kode_asli in desa.kode else None
        if kode is None:
            kode, pesan = _cek_wilayah_baris(desa, kode_asli, root, None)
            if pesan:
                errors.append(BarisError(tabel.nama, line, "kode_desa", pesan))
                if len(errors) >= MAKS_ERROR:
                    break
                continue
        nomor = _nomor(row[i_nomor].strip())
        if nomor is None:
            errors.append(
                BarisError(
                    tabel.nama,
                    line,
                    "nomor_tps",
                    _("The TPS number must be a whole number from 1 to 99999."),
                )
            )
            continue
        pemilih_teks = row[i_pemilih].strip()
        if not pemilih_teks.isdigit():
            errors.append(
                BarisError(
                    tabel.nama,
                    line,
                    "jumlah_pemilih",
                    _("“%(value)s” is not a whole number.") % {"value": pemilih_teks},
                )
            )
            continue
        key = (kode, nomor)
        if key in dilihat:
            errors.append(
                BarisError(
                    tabel.nama,
                    line,
                    "nomor_tps",
                    _("TPS %(number)s of village %(code)s is listed twice (first on row %(row)s).")
                    % {"number": nomor, "code": kode, "row": dilihat[key]},
                )
            )
            if len(errors) >= MAKS_ERROR:
                break
            continue
        dilihat[key] = line
        rows.append((kode, nomor, int(pemilih_teks)))
    _tolak_jika(errors)
    del dilihat
    hasil = HasilImpor(jumlah=len(rows))
    if dry_run:
        return hasil
    progres(40, _("Saving"))
    with transaction.atomic():
        qs = TPS.objects.all()
        if root:
            qs = qs.filter(desa__kode__startswith=root + ".")
        ada = {
            (d, n): (pk, p)
            for pk, d, n, p in qs.order_by()
            .values_list("id", "desa_id", "nomor", "jumlah_pemilih")
            .iterator(chunk_size=50000)
        }
        baru = [r for r in rows if (r[0], r[1]) not in ada]
        ubah = [
            (r[2], ada[(r[0], r[1])][0])
            for r in rows
            if (r[0], r[1]) in ada and ada[(r[0], r[1])][1] != r[2]
        ]
        _sisip_massal(TPS, ["desa_id", "nomor", "jumlah_pemilih"], baru)
        if ubah:
            with connection.cursor() as cur:
                cur.executemany(
                    f"UPDATE {TPS._meta.db_table} SET jumlah_pemilih = %s WHERE id = %s",  # noqa: S608
                    ubah,
                )
        hasil.dibuat, hasil.diubah = len(baru), len(ubah)
        audit.record(
            actor=pelaku,
            action="other",
            object_type="wilayah.tps",
            note=f"impor TPS {tabel.nama}: {hasil}",
            after={"dibuat": hasil.dibuat, "diubah": hasil.diubah, "lingkup": root},
        )
    progres(100, _("Done"))
    return hasil


# --- TPS surveys -------------------------------------------------------------------------


def _pesan_nomor() -> str:
    return _("The TPS number must be a whole number from 1 to 99999.")


def _pesan_tidak_terdaftar(nomor, kode: str) -> str:
    return _(
        "TPS %(number)s of village %(code)s is not in the TPS registry; import the registry first."
    ) % {"number": nomor, "code": kode}


def _pesan_ganda(nomor, kode: str, pertama: int) -> str:
    return _("TPS %(number)s of village %(code)s is listed twice (first on row %(row)s).") % {
        "number": nomor,
        "code": kode,
        "row": pertama,
    }


def _pesan_sel(v: str) -> str:
    """The message for a survey cell that is not 1, 0 or empty."""
    angka = _angka(v)
    return (
        _("“%(value)s” is not a number; use 1 (found) or 0 (not found).")
        if angka is None
        else _("%(value)s is out of range; use 1 (found) or 0 (not found).")
    ) % {"value": v}


def _pesan_luar_survei(kode: str) -> str:
    return _("Village %(code)s is outside the survey area.") % {"code": kode}


@dataclass
class _Survei:
    """What both survey import paths need: the checklist, the file, the area and the rule."""

    pelaku: object
    kerangka: Kerangka
    periode: str
    nama: str
    wilayah: Wilayah | None
    kerahasiaan: str
    root: str
    s: mesin.Struktur
    tabel: Tabel
    progres: Progres

    @property
    def scope(self) -> str:
        return self.wilayah.kode if self.wilayah is not None else (self.root or "")

    def simpan_survei(self, jumlah: int) -> tuple[SurveiTPS, bool]:
        """Create the survey row, or empty the findings of the survey being replaced."""
        survei, dibuat = SurveiTPS.objects.get_or_create(
            kerangka=self.kerangka,
            periode=self.periode,
            wilayah=self.wilayah,
            defaults={
                "nama": self.nama or f"{self.kerangka.nama} {self.periode}",
                "kerahasiaan": self.kerahasiaan,
                "lembaga": getattr(self.pelaku, "lembaga", None),
            },
        )
        if not dibuat:
            TemuanTPS.objects.filter(survei=survei)._raw_delete(TemuanTPS.objects.db)
            survei.kerahasiaan = self.kerahasiaan
            if self.nama:
                survei.nama = self.nama
        survei.jumlah_tps = jumlah
        survei.save()
        return survei, dibuat

    def selesai(self, survei: SurveiTPS, dibuat: bool) -> HasilImpor:
        _kunci(self.kerangka)
        hasil = HasilImpor(jumlah=survei.jumlah_tps)
        hasil.dibuat = survei.jumlah_tps if dibuat else 0
        hasil.diubah = 0 if dibuat else survei.jumlah_tps
        hasil.catatan = str(survei.pk)
        audit.record(
            actor=self.pelaku,
            action="create" if dibuat else "update",
            obj=survei,
            note=f"impor survei TPS {self.tabel.nama}: {hasil}",
            after={**audit.snapshot(survei), "maks_poin": str(mesin.skor_maksimum(self.s))},
        )
        return hasil


def _pakai_sql(sql: bool | None) -> bool:
    """The COPY + SQL path runs on PostgreSQL; `sql=False` forces the row-by-row path."""
    if sql is None:
        return connection.vendor == "postgresql"
    if sql and connection.vendor != "postgresql":
        raise ValueError("The SQL survey import needs PostgreSQL.")
    return sql


def impor_survei_tps(
    *,
    pelaku,
    path: Path | str,
    kerangka: Kerangka,
    periode: str,
    nama: str = "",
    wilayah: Wilayah | None = None,
    kerahasiaan: str = "RESTRICTED",
    nama_berkas: str = "",
    progres: Progres = _diam,
    dry_run: bool = False,
    sql: bool | None = None,
) -> HasilImpor:
    """Import a TPS survey: `kode_desa`, `nomor_tps`, then one 0/1 column per indicator code.

    Every TPS must be in the registry. A second import of the same survey (framework, period,
    region) replaces its findings. Counts per region are aggregated at the end. On PostgreSQL
    the file is loaded with COPY and checked in SQL (`survei_sql`); elsewhere row by row in
    Python. Both give the same findings, counts and error messages.
    """
    root = _lingkup_pelaku(pelaku)
    if wilayah is not None and not rules.kode_dalam(root, wilayah.kode):
        raise PermissionDenied
    if kerangka.jenis != JenisKerangka.TPS:
        raise ValidationError(_("This framework is not a TPS checklist."))
    s = mesin.struktur(kerangka)
    kolom_wajib = ["kode_desa", "nomor_tps", *[i.kode for i in s.indikator]]
    if not s.ambang.get("tps"):
        raise ValidationError(_("This checklist has no TPS category thresholds."))

    def buka() -> Tabel:
        return Tabel(path, sheet="survei_tps", kolom_wajib=kolom_wajib, nama=nama_berkas)

    tabel = buka()
    ctx = _Survei(pelaku, kerangka, periode, nama, wilayah, kerahasiaan, root, s, tabel, progres)
    if _pakai_sql(sql):
        tabel.tutup()
        hasil = _survei_sql(ctx, path=Path(path), buka=buka, dry_run=dry_run)
    else:
        hasil = _survei_python(ctx, dry_run=dry_run)
    progres(100, _("Done"))
    return hasil


def _survei_python(ctx: _Survei, *, dry_run: bool) -> HasilImpor:
    """Row by row: the registry in a dict, each cell checked in Python, then one bulk insert."""
    s, tabel, root, wilayah, progres = ctx.s, ctx.tabel, ctx.root, ctx.wilayah, ctx.progres
    inds = s.indikator
    h = tabel.header
    i_desa, i_nomor = h.index("kode_desa"), h.index("nomor_tps")
    cols = [(h.index(i.kode), 1 << n, i.bobot, i.kode) for n, i in enumerate(inds)]

    # category per points value, memoised: few distinct point totals exist
    kategori_cache: dict[Decimal, str] = {}

    def kategori(poin: Decimal) -> str:
        k = kategori_cache.get(poin)
        if k is None:
            k = kategori_cache[poin] = s.kategori("tps", poin)
        return k

    progres(2, _("Reading the TPS registry"))
    scope = ctx.scope
    desa = _Desa(scope)
    qs = TPS.objects.all()
    if scope:
        qs = qs.filter(desa__kode__startswith=scope + ".")
    registry = {
        (d, n): pk
        for pk, d, n in qs.order_by()
        .values_list("id", "desa_id", "nomor")
        .iterator(chunk_size=50000)
    }
    errors: list[BarisError] = []
    dilihat: dict[int, int] = {}
    rows: list[tuple] = []
    nol = Decimal(0)
    progres(8, _("Validating"))
    nama_f = tabel.nama
    for line, row in tabel.baris():
        kode_asli = row[i_desa]
        kode = kode_asli if kode_asli in desa.kode else None
        if kode is None:
            kode, pesan = _cek_wilayah_baris(desa, kode_asli.strip(), root, wilayah)
            if pesan is None and kode not in desa.kode:
                pesan = _pesan_luar_survei(kode)
            if pesan:
                errors.append(BarisError(nama_f, line, "kode_desa", pesan))
                if len(errors) >= MAKS_ERROR:
                    break
                continue
        nomor = _nomor(row[i_nomor].strip())
        if nomor is None:
            errors.append(BarisError(nama_f, line, "nomor_tps", _pesan_nomor()))
            continue
        tps_id = registry.get((kode, nomor))
        if tps_id is None:
            errors.append(
                BarisError(nama_f, line, "nomor_tps", _pesan_tidak_terdaftar(nomor, kode))
            )
            if len(errors) >= MAKS_ERROR:
                break
            continue
        if tps_id in dilihat:
            errors.append(
                BarisError(nama_f, line, "nomor_tps", _pesan_ganda(nomor, kode, dilihat[tps_id]))
            )
            if len(errors) >= MAKS_ERROR:
                break
            continue
        dilihat[tps_id] = line
        bits = 0
        poin = nol
        for c, bit, bobot, ikode in cols:
            v = row[c]
            if v == "1":
                bits |= bit
                poin += bobot
            elif v != "0" and v != "":
                v = v.strip()
                if v in {"0", ""}:
                    continue
                if v == "1":
                    bits |= bit
                    poin += bobot
                    continue
                errors.append(BarisError(nama_f, line, ikode, _pesan_sel(v)))
        rows.append((tps_id, kode, bits, poin, kategori(poin)))
        if len(errors) >= MAKS_ERROR:
            break
    _tolak_jika(errors)
    del dilihat, registry
    if not rows:
        raise ImportGagal([BarisError(nama_f, None, None, _("The file has no data rows."))])
    if dry_run:
        return HasilImpor(jumlah=len(rows))
    progres(45, _("Saving"))
    with transaction.atomic():
        survei, dibuat = ctx.simpan_survei(len(rows))
        _sisip_massal(
            TemuanTPS,
            ["survei_id", "tps_id", "kode_desa", "indikator_bits", "skor", "kategori"],
            [(survei.pk, *r) for r in rows],
        )
        del rows
        progres(80, _("Counting per region"))
        rekap_survei(survei, jumlah_indikator=len(inds))
        return ctx.selesai(survei, dibuat)


class _DryRun(Exception):
    """Roll back a dry run of the SQL path after its checks passed."""


def _survei_sql(ctx: _Survei, *, path: Path, buka: Callable[[], Tabel], dry_run: bool):
    """PostgreSQL: COPY into a staging table, check and write with set-based SQL."""
    from sinergi.kerawanan import survei_sql

    s, progres, scope = ctx.s, ctx.progres, ctx.scope
    stg = survei_sql.Staging(
        ctx.tabel, kolom_desa="kode_desa", kolom_nomor="nomor_tps", indikator=s.indikator
    )
    hasil = None

    def tulis(cur, jumlah: int, penulis=stg) -> tuple[SurveiTPS, bool]:
        survei, dibuat = ctx.simpan_survei(jumlah)
        penulis.tulis(
            cur,
            survei_id=survei.pk,
            jumlah=jumlah,
            scope=scope,
            bands=s.ambang["tps"],
            presisi=s.kerangka.presisi,
        )
        return survei, dibuat

    progres(5, _("Loading the file"))
    kode_ind = [i.kode for i in s.indikator]
    try:
        with transaction.atomic(), connection.cursor() as cur:
            if not dry_run and survei_sql.Ringkas.cocok(ctx.tabel, path, kode_ind):
                cepat = survei_sql.Ringkas(stg.nama, s.indikator)
                try:
                    with transaction.atomic():
                        jumlah = cepat.muat(cur, path)
                        if not jumlah:
                            raise survei_sql._Tolak
                        progres(40, _("Validating and saving"))
                        survei, dibuat = tulis(cur, jumlah, cepat)
                        progres(80, _("Counting per region"))
                        survei_sql.rekap(survei.pk, len(s.indikator))
                        cur.execute(f"DROP TABLE {cepat.nama}")
                        return ctx.selesai(survei, dibuat)
                except survei_sql._Tolak:
                    pass  # not the usual file: the general path below reports or cleans
            stg.buat(cur)
            jumlah = stg.muat(cur, path, buka)
            if not jumlah:
                raise ImportGagal(
                    [BarisError(ctx.tabel.nama, None, None, _("The file has no data rows."))]
                )
            progres(40, _("Validating and saving"))
            try:
                if dry_run:
                    raise survei_sql._Tolak
                with transaction.atomic():
                    survei, dibuat = tulis(cur, jumlah)
            except survei_sql._Tolak:
                progres(50, _("Validating"))
                stg.rapikan(cur)
                _tolak_jika(_kesalahan_sql(ctx, stg, cur))
                if dry_run:
                    hasil = HasilImpor(jumlah=jumlah)
                    raise _DryRun from None
                # only spaces or old village codes: the cleaned rows now pass
                try:
                    survei, dibuat = tulis(cur, jumlah)
                except survei_sql._Tolak:
                    raise ImportGagal(
                        [BarisError(ctx.tabel.nama, None, None, _("Some rows could not be read."))]
                    ) from None
            progres(80, _("Counting per region"))
            survei_sql.rekap(survei.pk, len(s.indikator))
            stg.hapus(cur)
            return ctx.selesai(survei, dibuat)
    except _DryRun:
        return hasil


def _kesalahan_sql(ctx: _Survei, stg, cur) -> list[BarisError]:
    """The report of the SQL path: the failing rows come from one query, the messages (the
    same as the Python path's) are written here."""
    nama_f, root, wilayah = ctx.tabel.nama, ctx.root, ctx.wilayah
    errors: list[BarisError] = []
    for baris, asli, kode, tingkat, nomor_teks, tps_id, pertama, *sel in stg.baris_bermasalah(
        cur, scope=ctx.scope, limit=MAKS_ERROR
    ):

        def err(kolom, pesan, baris=baris):
            errors.append(BarisError(nama_f, baris, kolom, pesan))

        if kode is None:
            err("kode_desa", _("Unknown village code “%(code)s”.") % {"code": asli or ""})
            continue
        if wilayah is not None and not wilayah.mencakup(kode):
            err(
                "kode_desa",
                _("Village %(code)s is not in %(region)s (%(region_code)s).")
                % {"code": kode, "region": wilayah.nama, "region_code": wilayah.kode},
            )
            continue
        if not rules.kode_dalam(root, kode):
            err(
                "kode_desa",
                _("Village %(code)s is outside your area (%(area)s).")
                % {"code": kode, "area": root},
            )
            continue
        if tingkat != "desa":
            err("kode_desa", _pesan_luar_survei(kode))
            continue
        nomor = _nomor(nomor_teks or "")
        if nomor is None:
            err("nomor_tps", _pesan_nomor())
            continue
        if tps_id is None:
            err("nomor_tps", _pesan_tidak_terdaftar(nomor, kode))
            continue
        if pertama < baris:
            err("nomor_tps", _pesan_ganda(nomor, kode, pertama))
            continue
        for (_c, _b, _w, ikode), v in zip(stg.ind, sel, strict=True):
            if v is not None and v not in {"0", "1"}:
                err(ikode, _pesan_sel(v))
    return errors[:MAKS_ERROR]


KATEGORI_TPS = ["kurang_rawan", "rawan", "sangat_rawan"]


def sql_hitung(jumlah_indikator: int, kolom_grup: str) -> str:
    """One GROUP BY query: TPS, each indicator's count and each category's count per group."""
    sums = ", ".join(
        f"SUM(CASE WHEN (indikator_bits & {1 << n}) <> 0 THEN 1 ELSE 0 END)"
        for n in range(jumlah_indikator)
    )
    kats = ", ".join(f"SUM(CASE WHEN kategori = '{k}' THEN 1 ELSE 0 END)" for k in KATEGORI_TPS)
    return (
        f"SELECT {kolom_grup} AS g, COUNT(*), {sums}, {kats} "  # noqa: S608
        f"FROM {TemuanTPS._meta.db_table} WHERE survei_id = %s{{filter}} GROUP BY {kolom_grup}"
    )


def rekap_survei(survei: SurveiTPS, *, jumlah_indikator: int | None = None) -> int:
    """(Re)compute the district, regency, province and national counts of a survey.

    One set-based GROUP BY on the district prefix of the village code; the higher levels are
    sums of the district rows.
    """
    if jumlah_indikator is None:
        jumlah_indikator = survei.kerangka.indikator.count()
    n = jumlah_indikator
    sql = sql_hitung(n, "SUBSTR(kode_desa, 1, 8)").replace("{filter}", "")
    with connection.cursor() as cur:
        cur.execute(sql, [survei.pk])
        kec_rows = cur.fetchall()
    totals: dict[str, list[int]] = {}
    for row in kec_rows:
        kec = row[0]
        vals = list(row[1:])
        for kode in (kec, kec[:5], kec[:2], ""):
            acc = totals.get(kode)
            if acc is None:
                totals[kode] = vals.copy()
            else:
                for j, v in enumerate(vals):
                    acc[j] += v
    RekapTPS.objects.filter(survei=survei).delete()
    tingkat = {8: "kecamatan", 5: "kabupaten_kota", 2: "provinsi", 0: "nasional"}
    RekapTPS.objects.bulk_create(
        [
            RekapTPS(
                survei=survei,
                kode_wilayah=kode,
                tingkat=tingkat[len(kode)],
                jumlah_tps=v[0],
                jumlah=[int(x) for x in v[1 : 1 + n]],
                kategori=dict(zip(KATEGORI_TPS, [int(x) for x in v[1 + n :]], strict=True)),
            )
            for kode, v in totals.items()
        ],
        batch_size=2000,
    )
    return len(totals)


# --- web imports (a task of the task runner per upload) ----------------------------------


def impor_jalankan(job_id: int) -> str:
    """Run one uploaded import, recording stage, progress and errors on its ImporBerkas row.

    Called by the task `tasks.jalankan_impor`. A job that already ended is left alone (a task
    run twice does not import twice). Returns the final status.
    """
    job = ImporBerkas.objects.select_related("pengguna").filter(pk=job_id).first()
    if job is None or job.status in {ImporBerkas.Status.SELESAI, ImporBerkas.Status.GAGAL}:
        return job.status if job else ""
    terakhir = [-1]

    def progres(persen: int, tahap: str) -> None:
        if persen != terakhir[0]:
            terakhir[0] = persen
            ImporBerkas.objects.filter(pk=job_id).update(progres=persen, tahap=tahap[:100])

    def akhiri(status: str, **data) -> str:
        ImporBerkas.objects.filter(pk=job_id).update(status=status, **data)
        return status

    ImporBerkas.objects.filter(pk=job_id).update(status=ImporBerkas.Status.BERJALAN)
    p = job.parameter
    try:
        kerangka = Kerangka.objects.filter(slug=p.get("kerangka", "")).first()
        umum = {
            "pelaku": job.pengguna,
            "path": job.berkas,
            "nama_berkas": job.nama_asli,
            "progres": progres,
        }
        if job.jenis == ImporBerkas.Jenis.PENILAIAN:
            hasil = impor_penilaian(
                **umum, kerangka=kerangka, periode=p["periode"], kerahasiaan=p["kerahasiaan"]
            )
        elif job.jenis == ImporBerkas.Jenis.TPS:
            hasil = impor_tps(**umum)
        else:
            wilayah = Wilayah.objects.filter(kode=p.get("wilayah") or "").first()
            hasil = impor_survei_tps(
                **umum,
                kerangka=kerangka,
                periode=p["periode"],
                wilayah=wilayah,
                kerahasiaan=p["kerahasiaan"],
            )
    except ImportGagal as exc:
        return akhiri(
            ImporBerkas.Status.GAGAL,
            pesan=_("%(n)s problems found; nothing was written.") % {"n": len(exc.errors)},
            kesalahan=[
                {"baris": e.baris, "kolom": e.kolom or "", "pesan": e.pesan} for e in exc.errors
            ],
        )
    except (ValidationError, PermissionDenied) as exc:
        pesan = "; ".join(getattr(exc, "messages", [])) or _("You may not import into this area.")
        return akhiri(ImporBerkas.Status.GAGAL, pesan=pesan)
    except Exception as exc:  # a crash must still end the job visibly
        akhiri(ImporBerkas.Status.GAGAL, pesan=_("Unexpected error: %s") % exc)
        raise
    return akhiri(ImporBerkas.Status.SELESAI, progres=100, pesan=str(hasil))


def impor_mulai(*, pelaku, jenis: str, berkas, parameter: dict) -> ImporBerkas:
    """Save an uploaded file under MEDIA_ROOT, record the import job and queue its task.

    The job row (status, stage, progress, errors) is what the upload page polls. With the
    database task backend the task row is written in this transaction: a rolled-back upload
    queues nothing. (A worker on another machine needs MEDIA_ROOT on shared storage.)
    """
    from sinergi.core.tasks import enqueue
    from sinergi.kerawanan.tasks import jalankan_impor

    _lingkup_pelaku(pelaku)  # a viewer or an outsider stores no file and queues nothing
    folder = Path(settings.MEDIA_ROOT) / "kerawanan" / "impor"
    folder.mkdir(parents=True, exist_ok=True)
    nama_asli = Path(berkas.name).name[:200]
    ext = Path(nama_asli).suffix.lower()
    if ext not in {".csv", ".xlsx"}:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    if berkas.size > maks_byte():
        raise ValidationError(pesan_terlalu_besar(berkas.size, maks_byte()))
    tujuan = folder / f"{uuid.uuid4().hex}{ext}"
    with tujuan.open("wb") as fh:
        for chunk in berkas.chunks():
            fh.write(chunk)
    job = ImporBerkas.objects.create(
        jenis=jenis, berkas=str(tujuan), nama_asli=nama_asli, parameter=parameter, pengguna=pelaku
    )
    audit.record(actor=pelaku, action="create", obj=job, after=audit.snapshot(job))
    enqueue(jalankan_impor, job.pk)
    job.refresh_from_db()
    return job


# --- follow-ups opened from a score or a TPS indicator -----------------------------------


def lembaga_tindak_lanjut(pelaku):
    """Organizations a user may give a follow-up to: active ones in their region scope (the
    follow-up service checks the same rule again)."""
    from sinergi.pemangku.models import Lembaga
    from sinergi.tindak_lanjut import izin as tl_izin

    root = rules.lingkup(pelaku)
    if root is None or not (
        rules.is_system_admin(pelaku) or pelaku.peran in tl_izin.PERAN_PELAKSANA
    ):
        return Lembaga.objects.none()
    return (
        Lembaga.objects.filter(is_active=True)
        .filter(rules.q_wilayah(root))
        .select_related("wilayah")
        .order_by("wilayah_id", "nama")
    )


def dapat_buka_tindak_lanjut(pelaku, kode_wilayah: str | None) -> bool:
    """Open a follow-up from a vulnerability result of this region: the follow-up creators
    (admin_lembaga, koordinator, operator; system admins) whose scope covers the region."""
    from sinergi.tindak_lanjut import izin as tl_izin

    if rules.is_system_admin(pelaku):
        return True
    return bool(
        rules.lingkup(pelaku) is not None
        and pelaku.peran in tl_izin.PERAN_PELAKSANA
        and rules.dalam_lingkup(pelaku, kode_wilayah)
    )


def _buka_tindak_lanjut(*, pelaku, sumber, kode_wilayah, lembaga, label: str, **data):
    from sinergi.tindak_lanjut.services import tindak_lanjut_create

    if not dapat_buka_tindak_lanjut(pelaku, kode_wilayah):
        raise PermissionDenied
    if lembaga is None or not lembaga_tindak_lanjut(pelaku).filter(pk=lembaga.pk).exists():
        raise ValidationError({"lembaga": [_("Choose an organization in your area.")]})
    return tindak_lanjut_create(
        pelaku=pelaku, lembaga=lembaga, sumber=sumber, sumber_label=label[:255], **data
    )


@transaction.atomic
def tindak_lanjut_dari_skor(
    *, pelaku, penilaian: Penilaian, lembaga, judul: str, tenggat_tanggal, uraian: str = ""
):
    """Open a follow-up on a region's score; it points back to the assessment (`sumber`) and
    is as confidential as the assessment."""
    p = penilaian
    label = f"{p.kerangka.nama} · {p.wilayah.nama} · {p.periode}: {p.skor} ({p.kategori})"
    return _buka_tindak_lanjut(
        pelaku=pelaku,
        sumber=p,
        kode_wilayah=p.wilayah_id,
        lembaga=lembaga,
        label=label,
        judul=judul,
        uraian=uraian,
        tenggat_tanggal=tenggat_tanggal,
        kerahasiaan=p.kerahasiaan,
    )


@transaction.atomic
def tindak_lanjut_dari_indikator(
    *,
    pelaku,
    survei: SurveiTPS,
    wilayah: Wilayah | None,
    indikator: Indikator,
    lembaga,
    judul: str,
    tenggat_tanggal,
    uraian: str = "",
):
    """Open a follow-up on the TPS with an indicator in a region; it points back to that
    region-indicator (`SorotanTPS`, created on first use) and is as confidential as the survey."""
    from sinergi.kerawanan.models import SorotanTPS

    kode = wilayah.kode if wilayah is not None else None
    if not dapat_buka_tindak_lanjut(pelaku, kode):
        raise PermissionDenied
    sorotan, _dibuat = SorotanTPS.objects.get_or_create(
        survei=survei, wilayah=wilayah, indikator=indikator
    )
    return _buka_tindak_lanjut(
        pelaku=pelaku,
        sumber=sorotan,
        kode_wilayah=kode,
        lembaga=lembaga,
        label=str(sorotan),
        judul=judul,
        uraian=uraian,
        tenggat_tanggal=tenggat_tanggal,
        kerahasiaan=survei.kerahasiaan,
    )
