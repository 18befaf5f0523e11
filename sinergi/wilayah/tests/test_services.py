import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sinergi.core.impor import ImportGagal
from sinergi.core.models import AuditEntry
from sinergi.wilayah.models import KodeLama, Wilayah
from sinergi.wilayah.services import DATA_DIR, wilayah_load

pytestmark = pytest.mark.django_db

MINI = {
    "provinsi.csv": "kode,nama\n35,Jawa Timur\n51,Bali\n96,Papua Barat Daya\n",
    "kabupaten_kota.csv": (
        "kode,kode_provinsi,nama,jenis\n"
        "35.19,35,Kabupaten Madiun,KABUPATEN\n35.77,35,Kota Madiun,KOTA\n"
        "51.71,51,Kota Denpasar,KOTA\n96.01,96,Kabupaten Sorong,KABUPATEN\n"
    ),
    "kecamatan.csv": (
        "kode,kode_kabupaten_kota,nama\n35.19.01,35.19,Kebonsari\n51.71.01,51.71,Denpasar Selatan\n"
    ),
    "desa.csv": (
        "kode,kode_kecamatan,nama\n35.19.01.2001,35.19.01,Balerejo\n"
        "35.19.01.1001,35.19.01,Kelurahan Contoh\n51.71.01.1001,51.71.01,Sesetan\n"
    ),
    "titik_pusat.csv": "kode,lat,lng\n35,-7.5,112.5\n",
    "kode_lama.csv": "kode_lama,kode_baru,nama,sumber\n92.01,96.01,Kabupaten Sorong,test\n",
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    for name, text in MINI.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_load_builds_the_hierarchy_with_zones_and_types(data_dir):
    """Each region gets its parent, its type from the code rule, and its province's zone."""
    wilayah_load(data_dir=data_dir)
    desa = Wilayah.objects.get(kode="35.19.01.2001")
    assert (desa.induk_id, desa.tingkat, desa.jenis, desa.zona_waktu) == (
        "35.19.01", "desa", "desa", "WIB",
    )  # fmt: skip
    assert Wilayah.objects.get(kode="35.19.01.1001").jenis == "kelurahan"
    assert Wilayah.objects.get(kode="35.77").jenis == "kota"
    assert Wilayah.objects.get(kode="51.71.01.1001").zona_waktu == "WITA"
    assert Wilayah.objects.get(kode="96.01").zona_waktu == "WIT"
    assert Wilayah.objects.get(kode="35").lat == -7.5
    assert KodeLama.objects.get(kode_lama="92.01").wilayah_id == "96.01"


def test_second_load_changes_nothing(data_dir):
    """Loading twice is idempotent: the second run creates and updates nothing."""
    first = wilayah_load(data_dir=data_dir)
    audit_rows = AuditEntry.objects.count()
    second = wilayah_load(data_dir=data_dir)
    assert (first.dibuat, first.diubah) == (12, 0)
    assert (second.dibuat, second.diubah, second.tetap) == (0, 0, 12)
    assert AuditEntry.objects.count() == audit_rows


def test_renamed_region_is_updated_in_place(data_dir):
    """A corrected name in the file updates that row and nothing else."""
    wilayah_load(data_dir=data_dir)
    path = data_dir / "kecamatan.csv"
    path.write_text(path.read_text().replace("Kebonsari", "Kebon Sari"))
    hasil = wilayah_load(data_dir=data_dir)
    assert (hasil.dibuat, hasil.diubah) == (0, 1)
    assert Wilayah.objects.get(kode="35.19.01").nama == "Kebon Sari"


def test_truncated_file_names_file_and_line_and_writes_nothing(data_dir):
    """A file cut off mid-row stops the load with its name and line; the database is unchanged."""
    path = data_dir / "desa.csv"
    path.write_text(path.read_text() + "51.71.01.1002,51.71.01\n")
    with pytest.raises(ImportGagal) as exc:
        wilayah_load(data_dir=data_dir)
    assert str(exc.value.errors[0]) == (
        "desa.csv, baris 5: Seharusnya 3 kolom tetapi ditemukan 2 (apakah berkasnya terpotong?)."
    )
    assert Wilayah.objects.count() == 0


def test_corrupt_rows_are_all_reported_by_row_and_column(data_dir):
    """Bad codes and unknown parents are reported together, each with row and column."""
    (data_dir / "kecamatan.csv").write_text(
        "kode,kode_kabupaten_kota,nama\n35.19.01,35.19,Kebonsari\n35.19.XX,35.19,Salah\n"
        "35.99.01,35.99,Yatim\n51.71.01,51.71,Denpasar Selatan\n"
    )
    with pytest.raises(ImportGagal) as exc:
        wilayah_load(data_dir=data_dir)
    assert [str(e) for e in exc.value.errors] == [
        "kecamatan.csv, baris 3, kolom kode: “35.19.XX” bukan kode yang sah untuk tingkat ini.",
        "kecamatan.csv, baris 4, kolom kode_kabupaten_kota: Kode induk 35.99 tidak dikenal.",
    ]
    assert Wilayah.objects.count() == 0


def test_existing_data_survives_a_corrupt_reload(data_dir):
    """A failed reload leaves the previously loaded regions exactly as they were."""
    wilayah_load(data_dir=data_dir)
    (data_dir / "provinsi.csv").write_text("kode,nama\n35,Jawa Timur\n35,Jawa Timur lagi\n")
    with pytest.raises(ImportGagal):
        wilayah_load(data_dir=data_dir)
    assert Wilayah.objects.count() == 12
    assert Wilayah.objects.get(kode="35").nama == "Jawa Timur"


def test_missing_column_is_reported(data_dir):
    """A header without a required column is reported on row 1 with the column's name."""
    (data_dir / "kabupaten_kota.csv").write_text(
        "kode,nama,jenis\n35.19,Kabupaten Madiun,KABUPATEN\n"
    )
    with pytest.raises(ImportGagal) as exc:
        wilayah_load(data_dir=data_dir)
    assert str(exc.value.errors[0]) == (
        "kabupaten_kota.csv, baris 1, kolom kode_provinsi: Kolom wajib tidak ada di baris judul."
    )


def test_command_reports_failure_as_command_error(data_dir):
    """`sinergi load_wilayah` turns validation failures into a message a person can act on."""
    (data_dir / "provinsi.csv").write_text("kode,nama\n3X,Rusak\n")
    with pytest.raises(CommandError, match="Tidak ada yang ditulis"):
        call_command("load_wilayah", data_dir=str(data_dir))


def test_dry_run_writes_nothing(data_dir, capsys):
    """--dry-run validates and counts without writing."""
    call_command("load_wilayah", data_dir=str(data_dir), dry_run=True)
    assert Wilayah.objects.count() == 0


def test_shipped_files_have_all_of_indonesia(tmp_path):
    """The shipped data holds 38 provinces, 514 regencies/cities (416 + 98), 7,285 districts and
    83,762 villages in one tree, and loads whole."""
    for name in ["provinsi.csv", "kabupaten_kota.csv", "kecamatan.csv", "desa.csv",
                 "titik_pusat.csv", "kode_lama.csv"]:  # fmt: skip
        shutil.copy(DATA_DIR / name, tmp_path / name)
    hasil = wilayah_load(data_dir=tmp_path)
    assert hasil.dibuat == 38 + 514 + 7285 + 83762
    counts = {t: Wilayah.objects.filter(tingkat=t).count() for t in
              ["provinsi", "kabupaten_kota", "kecamatan", "desa"]}  # fmt: skip
    assert counts == {"provinsi": 38, "kabupaten_kota": 514, "kecamatan": 7285, "desa": 83762}
    assert Wilayah.objects.filter(jenis="kabupaten").count() == 416
    assert Wilayah.objects.filter(jenis="kota").count() == 98
    assert Wilayah.objects.get(kode="35.19").nama == "Kabupaten Madiun"
    assert Wilayah.objects.get(kode="35.77").nama == "Kota Madiun"
    assert Wilayah.objects.filter(tingkat="kabupaten_kota", induk_id="35").count() == 38
    zones = dict(Wilayah.objects.filter(tingkat="provinsi").values_list("kode", "zona_waktu"))
    assert [k for k, z in zones.items() if z == "WIT"] == [
        "81",
        "82",
        "91",
        "92",
        "93",
        "94",
        "95",
        "96",
    ]
    assert zones["64"] == "WITA" and zones["61"] == "WIB" and zones["51"] == "WITA"
    assert not Wilayah.objects.exclude(tingkat="provinsi").filter(induk__isnull=True).exists()
    # every village inherits its province's zone
    assert not Wilayah.objects.filter(kode__startswith="53.", zona_waktu="WIB").exists()
