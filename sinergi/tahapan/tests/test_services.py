import csv
import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.core.impor import ImportGagal
from sinergi.core.models import AuditEntry
from sinergi.tahapan import services
from sinergi.tahapan.models import Pemilu, Tahapan

D = dt.date
DATA = Path(services.__file__).parent / "data"

# Reference §1.1 (PKPU 3/2022 Lampiran), one row per top-level stage; T13 has only a rule.
LAMPIRAN = {
    "T01": (D(2022, 6, 14), D(2024, 6, 14)),
    "T02": (D(2022, 10, 14), D(2023, 6, 21)),
    "T03": (D(2022, 7, 29), D(2022, 12, 13)),
    "T04": (D(2022, 12, 14), D(2022, 12, 14)),
    "T05": (D(2022, 10, 14), D(2023, 2, 9)),
    "T06": (D(2022, 12, 6), D(2023, 11, 25)),
    "T07": (D(2023, 4, 24), D(2023, 11, 25)),
    "T08": (D(2023, 10, 19), D(2023, 11, 25)),
    "T09": (D(2023, 11, 28), D(2024, 2, 10)),
    "T10": (D(2024, 2, 11), D(2024, 2, 13)),
    "T11": (D(2024, 2, 14), D(2024, 2, 15)),
    "T12": (D(2024, 2, 15), D(2024, 3, 20)),
    "T13": (None, None),
    "T14": (None, None),
    "R2": (D(2024, 6, 2), D(2024, 7, 20)),
    "AH": (D(2022, 11, 20), D(2024, 4, 4)),
}
# Reference §3 (PKPU 2/2024 Lampiran)
LAMPIRAN_PILKADA = {"P01": (None, D(2024, 11, 18)), "P02": (D(2024, 5, 5), None)}


def test_every_top_level_stage_matches_the_lampiran(referensi):
    """Spot check: each top-level stage's dates equal the reference table (§1.1, §3)."""
    for slug, tabel in [("pemilu-2024", LAMPIRAN), ("pilkada-2024", LAMPIRAN_PILKADA)]:
        utama = {t.kode: t for t in Tahapan.objects.filter(pemilu__slug=slug, induk=None)}
        assert set(utama) == set(tabel)
        for kode, (mulai, selesai) in tabel.items():
            assert (utama[kode].tanggal_mulai, utama[kode].tanggal_selesai) == (mulai, selesai), (
                kode
            )


def test_shipped_rows_match_the_source_csv(referensi):
    """Every 2024 stage's dates equal the source CSV, except the two whose date is an actual
    event and the DPRD swearing-ins, dated since from news of each DPRD (issue #15)."""
    with (DATA / "sumber" / "tahapan-pemilu-2024.csv").open(encoding="utf-8") as fh:
        sumber = list(csv.DictReader(fh))
    slug = {"PEMILU2024": "pemilu-2024", "PILKADA2024": "pilkada-2024"}
    semua = {
        (t.pemilu.slug, t.kode): t
        for t in Tahapan.objects.select_related("pemilu").filter(
            pemilu__slug__in=["pemilu-2024", "pilkada-2024"]
        )
    }
    assert len(sumber) == 104
    # added after the reference: DPR seats (T13.3), the Pilkada rulings and re-votes
    assert set(semua) - {(slug[r["election"]], r["code"]) for r in sumber} == {
        ("pemilu-2024", "T13.3"),
        ("pilkada-2024", "P02.11.1"),
        ("pilkada-2024", "P02.13"),
        ("pilkada-2024", "P02.13.1"),
    }
    for row in sumber:
        if row["code"] == "T14.1":
            continue
        t = semua[(slug[row["election"]], row["code"])]
        assert (t.induk.kode if t.induk else "") == row["parent_code"]
        assert t.nama == row["name_id"]
        mulai = D.fromisoformat(row["start_date"]) if row["start_date"] else None
        selesai = D.fromisoformat(row["end_date"]) if row["end_date"] else None
        if row["code"] in {"T13", "T13.2"}:
            # the Lampiran has only a rule; the CSV's date is what actually happened
            assert t.tanggal_aktual == mulai and t.tanggal_mulai is None and t.aturan_waktu
        else:
            assert (t.tanggal_mulai, t.tanggal_selesai) == (mulai, selesai), row["code"]
        assert t.sumber and t.dasar_hukum == row["legal_basis"]


def test_the_real_out_of_parent_cases_carry_a_reason(referensi):
    """The reference notes sub-stages outside their parent; each has its reason in the data."""
    for kode in ["T02.5", "T08.1", "T04.M1"]:
        t = Tahapan.objects.get(pemilu__slug="pemilu-2024", kode=kode)
        assert "Referensi §7" in t.alasan_di_luar_induk


def test_statutory_list_has_eleven_items(referensi):
    """UU 7/2017 Pasal 167 ayat (4) lists eleven stages (reference §2, §7 item 3)."""
    assert [b["butir"] for b in referensi["pemilu-2024"].tahapan_uu] == list("abcdefghijk")


def test_load_twice_changes_nothing(referensi):
    """The reference load is idempotent: a second run writes nothing and audits nothing."""
    before = AuditEntry.objects.count()
    hasil = services.tahapan_load()
    assert "0 dibuat, 0 diubah, 117 tetap" in hasil
    assert AuditEntry.objects.count() == before


def _tulis(tmp_path, rows, nama="jadwal.csv"):
    path = tmp_path / nama
    kolom = [
        "pemilu",
        "kode",
        "induk",
        "nama",
        "tanggal_mulai",
        "tanggal_selesai",
        "alasan_di_luar_induk",
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(kolom)
        w.writerows(rows)
    return path


def test_malformed_import_reports_every_row_and_writes_nothing(pemilu_uji, tmp_path):
    """A bad file: all problems by row and column, and no stage or audit row is written."""
    path = _tulis(
        tmp_path,
        [
            ["pemilu-uji", "X1", "", "Baik", "2023-01-01", "2023-01-31", ""],
            ["pemilu-uji", "X2", "", "Terbalik", "2023-02-10", "2023-02-01", ""],
            ["pemilu-uji", "X1.1", "X1", "Di luar", "2023-01-20", "2023-02-05", ""],
            ["pemilu-uji", "X1", "", "Ganda", "2023-01-01", "2023-01-02", ""],
            ["pemilu-uji", "X3", "", "Tanggal", "2024-02-30", "", ""],
            ["pemilu-lain", "X4", "ZZ", "Tak dikenal", "", "", ""],
        ],
    )
    n_tahapan, n_audit = Tahapan.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ImportGagal) as exc:
        services.tahapan_impor(pelaku=None, path=path)
    pesan = [(e.baris, e.kolom, e.pesan) for e in exc.value.errors]
    assert (
        3,
        "tanggal_selesai",
        "Tanggal selesai 2023-02-01 lebih awal dari tanggal mulai 2023-02-10.",
    ) in pesan
    assert (
        4,
        "alasan_di_luar_induk",
        "Subtahapan X1.1 (2023-01-20 s.d. 2023-02-05) berada di luar tahapan induknya X1 "
        "(2023-01-01 s.d. 2023-01-31); isi alasannya pada alasan_di_luar_induk.",
    ) in pesan
    assert (5, "kode", "Kode X1 ganda (sudah dipakai pada baris 2).") in pesan
    assert (6, "tanggal_mulai", "Tanggal tidak sah: 2024-02-30 (gunakan TTTT-BB-HH).") in pesan
    assert (7, "pemilu", "Pemilu pemilu-lain tidak dikenal.") in pesan
    assert Tahapan.objects.count() == n_tahapan
    assert AuditEntry.objects.count() == n_audit


def test_import_creates_then_is_idempotent(pemilu_uji, tmp_path):
    """A valid file creates its stages (audited); importing it again changes nothing."""
    path = _tulis(
        tmp_path,
        [
            ["pemilu-uji", "X1", "", "Baru", "2023-01-01", "2023-01-31", ""],
            [
                "pemilu-uji",
                "X1.1",
                "X1",
                "Di luar",
                "2023-01-20",
                "2023-02-05",
                "Sesuai PKPU teknis.",
            ],
        ],
    )
    hasil = services.tahapan_impor(pelaku=None, path=path)
    assert (hasil.dibuat, hasil.diubah) == (2, 0)
    x = Tahapan.objects.get(pemilu__slug="pemilu-uji", kode="X1.1")
    assert x.induk.kode == "X1" and x.selesai_efektif == D(2023, 2, 5)
    assert AuditEntry.objects.filter(object_type="tahapan.tahapan", action="create").count() >= 2
    again = services.tahapan_impor(pelaku=None, path=path)
    assert (again.dibuat, again.diubah, again.tetap) == (0, 0, 2)


def test_import_refused_for_user_without_right(pemilu_uji, operator, tmp_path):
    """Only reference managers may import; the refused import writes nothing."""
    path = _tulis(tmp_path, [["pemilu-uji", "X9", "", "Baru", "2023-01-01", "2023-01-31", ""]])
    with pytest.raises(PermissionDenied):
        services.tahapan_impor(pelaku=operator, path=path)
    assert not Tahapan.objects.filter(kode="X9").exists()


def test_copy_pemilu_2029_shifts_dates(referensi, pengelola):
    """Pemilu 2029 from Pemilu 2024: dates move by the distance between voting days."""
    sumber = referensi["pemilu-2024"]
    baru = services.pemilu_salin(
        pelaku=pengelola,
        sumber=sumber,
        slug="pemilu-2029-salin",
        nama="Pemilihan Umum Tahun 2029",
        hari_pemungutan=D(2029, 2, 14),
    )
    geser = (D(2029, 2, 14) - D(2024, 2, 14)).days
    t09 = baru.tahapan.get(kode="T09")
    assert t09.tanggal_mulai == D(2023, 11, 28) + dt.timedelta(days=geser)
    assert t09.keyakinan == "L"
    assert not baru.tahapan.filter(kategori="peristiwa").exists()
    assert baru.tahapan.get(kode="T13.2").tanggal_aktual is None
    assert baru.tahapan.get(kode="T01.1").induk.kode == "T01"
    assert AuditEntry.objects.filter(object_type="tahapan.pemilu", object_id=str(baru.pk)).exists()


def test_copy_refused_for_user_without_right(referensi, operator):
    """An operator may not create elections; nothing is created."""
    with pytest.raises(PermissionDenied):
        services.pemilu_salin(
            pelaku=operator,
            sumber=referensi["pemilu-2024"],
            slug="pemilu-2029-salin",
            nama="x",
            geser_hari=1,
        )
    assert not Pemilu.objects.filter(slug="pemilu-2029-salin").exists()


def test_copy_refuses_existing_slug(referensi, pengelola):
    """Copying onto an existing slug is refused with a message on the slug."""
    with pytest.raises(ValidationError) as exc:
        services.pemilu_salin(
            pelaku=pengelola,
            sumber=referensi["pemilu-2024"],
            slug="pilkada-2024",
            nama="x",
            geser_hari=1,
        )
    assert exc.value.message_dict == {"slug": ["Pemilu dengan slug ini sudah ada."]}


def test_save_stage_end_before_start_message(pemilu_uji, pengelola):
    """Editing a stage with its end before its start is refused with a clear message."""
    _p, t = pemilu_uji
    b = t["B"]
    b.tanggal_selesai = D(2022, 12, 1)
    with pytest.raises(ValidationError) as exc:
        services.tahapan_simpan(pelaku=pengelola, tahapan=b)
    assert exc.value.message_dict["tanggal_selesai"] == [
        "Tanggal selesai 2022-12-01 lebih awal dari tanggal mulai 2022-12-14."
    ]
    assert Tahapan.objects.get(pk=b.pk).tanggal_selesai == D(2022, 12, 14)


def test_save_sub_stage_outside_parent_needs_reason(pemilu_uji, pengelola):
    """Moving a sub-stage outside its parent needs a reason; with one, it is saved."""
    _p, t = pemilu_uji
    a1 = t["A.1"]
    a1.tanggal_selesai = D(2022, 12, 15)
    with pytest.raises(ValidationError) as exc:
        services.tahapan_simpan(pelaku=pengelola, tahapan=a1)
    assert "alasan_di_luar_induk" in exc.value.message_dict
    a1.alasan_di_luar_induk = "Diperpanjang dengan Keputusan KPU."
    services.tahapan_simpan(pelaku=pengelola, tahapan=a1)
    assert Tahapan.objects.get(pk=a1.pk).tanggal_selesai == D(2022, 12, 15)


def test_save_duplicate_code_message(pemilu_uji, pengelola):
    """A second stage with an existing code is refused."""
    pemilu, _t = pemilu_uji
    with pytest.raises(ValidationError) as exc:
        services.tahapan_simpan(
            pelaku=pengelola, tahapan=Tahapan(pemilu=pemilu, kode="A", nama="lagi")
        )
    assert exc.value.message_dict["kode"] == ["Kode A sudah ada dalam pemilu ini."]


def test_save_stage_audited_and_forbidden_user_changes_nothing(pemilu_uji, pengelola, operator):
    """An allowed edit is audited; the same edit by an operator is refused and changes nothing."""
    _p, t = pemilu_uji
    b = Tahapan.objects.get(pk=t["B"].pk)
    b.nama = "Penetapan peserta (diubah)"
    with pytest.raises(PermissionDenied):
        services.tahapan_simpan(pelaku=operator, tahapan=b)
    assert Tahapan.objects.get(pk=b.pk).nama == "Penetapan peserta"
    services.tahapan_simpan(pelaku=pengelola, tahapan=b)
    entry = AuditEntry.objects.filter(object_type="tahapan.tahapan", object_id=str(b.pk)).first()
    assert entry.actor == pengelola and entry.after["nama"] == "Penetapan peserta (diubah)"


def test_writes_invalidate_the_cache(pemilu_uji, pengelola):
    """A service write changes the cache version, so cached answers are not served again."""
    versi = services.cache_versi()
    _p, t = pemilu_uji
    b = t["B"]
    b.nama = "Baru"
    services.tahapan_simpan(pelaku=pengelola, tahapan=b)
    assert services.cache_versi() != versi
