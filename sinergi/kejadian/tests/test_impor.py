"""Bulk import of incidents (issue #13): bounded before parsing, streamed, run by the task
runner, followed on a status page only its uploader sees."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.kejadian.impor import templat_xlsx
from sinergi.kejadian.models import ImporKejadian, Kejadian

HEADER = b"kategori,kode_wilayah,waktu_kejadian,uraian\n"
BARIS = b"politik_uang,35.19,2024-02-13 21:30,Amplop\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _xlsx(ganti: dict[str, bytes] | None = None, tambah: dict[str, bytes] | None = None):
    """The XLSX template with some members rewritten (sheet XML) or added."""
    src = zipfile.ZipFile(io.BytesIO(templat_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            data = src.read(name)
            for lama, baru in (ganti or {}).items():
                data = data.replace(lama.encode(), baru)
            z.writestr(name, data)
        for name, data in (tambah or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def _unggah(client, nama: str, isi: bytes):
    return client.post("/kejadian/impor/", {"berkas": SimpleUploadedFile(nama, isi)})


def test_good_import_goes_through_the_task_and_its_status_page(client, pelapor):
    """A valid file: the upload redirects to the status page, the task wrote the incidents,
    the page says done with the count, stops polling, and the stored file is gone."""
    client.force_login(pelapor)
    assert Kejadian.objects.count() == 0
    r = _unggah(client, "k.csv", HEADER + BARIS + b"logistik,35.19.01,2024-02-14 07:00,Kotak\n")
    job = ImporKejadian.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/kejadian/impor/{job.pk}/"
    assert (job.status, job.jumlah, job.pengguna) == ("selesai", 2, pelapor)
    assert Kejadian.objects.count() == 2
    page = client.get(r["Location"]).content.decode()
    assert "2 kejadian diimpor." in page
    assert f'/kejadian/impor/{job.pk}/"' not in page.split("<h1>")[1]
    assert not Path(job.berkas).exists()


def test_upload_only_queues_the_import_with_the_real_queue(client, pelapor, settings):
    """With the database task backend the web request parses nothing: the job waits (the page
    polls with HTMX) until a worker runs the task, then shows it done."""
    from sinergi.kejadian.tasks import jalankan_impor

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    client.force_login(pelapor)
    with mock.patch("sinergi.kejadian.impor.impor_kejadian") as parse:
        r = _unggah(client, "k.csv", HEADER + BARIS)
    parse.assert_not_called()
    job = ImporKejadian.objects.get()
    assert job.status == "antri" and Kejadian.objects.count() == 0
    page = client.get(r["Location"]).content.decode()
    assert f'hx-get="/kejadian/impor/{job.pk}/"' in page and "Waiting" in page
    jalankan_impor.call(job.pk)  # what `sinergi worker` does
    fragment = client.get(r["Location"], headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="status"')
    assert "1 kejadian diimpor." in fragment and "hx-get" not in fragment
    assert Kejadian.objects.count() == 1


def test_status_page_is_404_for_another_user(client, pelapor, pengguna_uji):
    """Only the uploader sees an import: another reporter of the same office gets 404."""
    client.force_login(pelapor)
    _unggah(client, "k.csv", HEADER + BARIS)
    job = ImporKejadian.objects.get()
    client.force_login(pengguna_uji("bawaslu_madiun", "koordinator"))
    assert client.get(f"/kejadian/impor/{job.pk}/").status_code == 404
    assert client.get(f"/kejadian/impor/{job.pk}/", headers={"HX-Request": "true"}).status_code == (
        404
    )
    assert job.nama_asli not in client.get("/kejadian/impor/").content.decode()


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_saved(client, pelapor):
    """A wrong category on row 3: the job fails with that row and column, nothing saved."""
    client.force_login(pelapor)
    r = _unggah(client, "k.csv", HEADER + BARIS + b"begal,35.19,2024-02-13 21:30,Lain\n")
    job = ImporKejadian.objects.get()
    assert job.status == "gagal"
    # Kept in the site's language (Indonesian), as a worker writes them.
    assert job.kesalahan == [
        {"baris": 3, "kolom": "kategori", "pesan": "Kategori kejadian “begal” tidak dikenal."}
    ]
    page = client.get(r["Location"]).content.decode()
    assert "Nothing was imported. Fix these rows:" in page
    assert "<td>3</td><td>kategori</td>" in page
    assert Kejadian.objects.count() == 0


def test_xlsx_declaring_a_huge_sheet_is_refused_before_openpyxl_loads_it(client, pelapor):
    """A 6 KB workbook whose sheet declares 1,048,576 rows (openpyxl would pad and walk every
    one): refused from its dimension, openpyxl never opens it, nothing is written."""
    isi = _xlsx({'<dimension ref="A1:K2" />': b'<dimension ref="A1:K1048576" />'})
    assert len(isi) < 10_000
    client.force_login(pelapor)
    with mock.patch("openpyxl.load_workbook") as load:
        _unggah(client, "besar.xlsx", isi)
    load.assert_not_called()
    job = ImporKejadian.objects.get()
    assert job.status == "gagal"
    assert job.kesalahan == [
        {
            "baris": None,
            "kolom": "",
            "pesan": "Lembar kerja menyatakan 1.048.576 baris; batasnya 5.000 baris data per "
            "impor. Pecah menjadi beberapa berkas yang lebih kecil (atau hapus baris kosong).",
        }
    ]
    assert Kejadian.objects.count() == 0


def test_xlsx_declaring_too_many_columns_is_refused(tmp_path):
    """A sheet declaring 16,384 columns (every row would be padded to that width)."""
    from sinergi.core.impor import ImportGagal, periksa_berkas

    path = tmp_path / "lebar.xlsx"
    path.write_bytes(_xlsx({'<dimension ref="A1:K2" />': b'<dimension ref="A1:XFD2" />'}))
    with pytest.raises(ImportGagal) as exc:
        periksa_berkas(path)
    assert exc.value.errors[0].pesan == (
        "The sheet declares 16384 columns; at most 1000 are read. Delete the empty columns on "
        "the right."
    )


def test_zip_bomb_is_refused_from_its_unpacked_size(client, pelapor, settings):
    """A member that unpacks to 11 MB (a few KB packed) with a 1 MB limit (10 MB unpacked):
    refused without reading it."""
    settings.SINERGI_IMPOR_MAKS_MB = 1
    isi = _xlsx(tambah={"xl/sharedStrings.xml": b"\0" * (11 * 1024 * 1024)})
    assert len(isi) < 100_000
    client.force_login(pelapor)
    with mock.patch("openpyxl.load_workbook") as load:
        _unggah(client, "bom.xlsx", isi)
    load.assert_not_called()
    job = ImporKejadian.objects.get()
    assert job.kesalahan[0]["pesan"] == (
        "Berkas XLSX terurai menjadi 11 MB, lebih dari 10 MB; berkas rusak atau sengaja "
        "digelembungkan dan tidak dibuka."
    )


@pytest.mark.parametrize("nama", ["k.csv", "k.xlsx"])
def test_file_over_the_row_limit_is_refused_naming_the_limit(client, pelapor, settings, nama):
    """One row more than SINERGI_IMPOR_MAKS_BARIS (CSV, and an XLSX without the dimension
    element, which would make openpyxl parse the whole sheet just to open it): refused naming
    the limit, the XLSX from its row count before openpyxl opens it; nothing is written."""
    settings.SINERGI_IMPOR_MAKS_BARIS = 3
    if nama.endswith(".csv"):
        isi = HEADER + BARIS * 4
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append(["kategori", "kode_wilayah", "waktu_kejadian", "uraian"])
        for _i in range(4):
            ws.append(["politik_uang", "35.19", "2024-02-13 21:30", "Amplop"])
        buf = io.BytesIO()
        wb.save(buf)
        # No dimension element: only counting the rows can stop it.
        isi = buf.getvalue()
        src = zipfile.ZipFile(io.BytesIO(isi))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for n in src.namelist():
                data = src.read(n)
                if n == "xl/worksheets/sheet1.xml":
                    data = data.replace(b'<dimension ref="A1:D5" />', b"")
                z.writestr(n, data)
        isi = out.getvalue()
        assert b"dimension" not in zipfile.ZipFile(io.BytesIO(isi)).read("xl/worksheets/sheet1.xml")
    client.force_login(pelapor)
    with mock.patch("openpyxl.load_workbook") as load:
        _unggah(client, nama, isi)
    load.assert_not_called()
    job = ImporKejadian.objects.get()
    assert job.kesalahan[0]["pesan"] == (
        "Berkas berisi lebih dari 3 baris data, batas per impor; pecah menjadi beberapa berkas "
        "yang lebih kecil."
    )
    assert Kejadian.objects.count() == 0


def test_file_over_the_size_limit_is_refused_at_upload(client, pelapor, settings):
    """Over SINERGI_IMPOR_MAKS_MB: refused on the form, nothing stored, no job."""
    settings.SINERGI_IMPOR_MAKS_MB = 1
    client.force_login(pelapor)
    r = _unggah(client, "k.csv", HEADER + BARIS * 30_000)
    assert r.status_code == 422
    assert "The file is 1.2 MB; the limit is 1 MB." in r.content.decode()
    assert ImporKejadian.objects.count() == 0


def test_command_applies_the_same_limits(pelapor, tmp_path, settings):
    """`import_kejadian` runs in-process but refuses a file over the row limit the same way."""
    from django.core.management import CommandError, call_command

    settings.SINERGI_IMPOR_MAKS_BARIS = 1
    f = tmp_path / "k.csv"
    f.write_bytes(HEADER + BARIS * 2)
    with pytest.raises(CommandError) as exc:
        call_command("import_kejadian", str(f), "--email", pelapor.email)
    assert "k.csv: The file has more than 1 data rows, the limit per import" in str(exc.value)
    assert Kejadian.objects.count() == 0


def test_streamed_reading_stops_at_the_row_limit(pelapor, tmp_path, settings):
    """A sheet that lies about its size (dimension A1:D2, and the rows behind it not counted
    because the check is bypassed) is still stopped by the streamed reading at limit + 1."""
    from openpyxl import Workbook

    from sinergi.core.impor import ImportGagal
    from sinergi.kejadian import impor

    settings.SINERGI_IMPOR_MAKS_BARIS = 2
    wb = Workbook()
    ws = wb.active
    ws.append(["kategori", "kode_wilayah", "waktu_kejadian", "uraian"])
    for _i in range(50):
        ws.append(["politik_uang", "35.19", "2024-02-13 21:30", "Amplop"])
    path = tmp_path / "k.xlsx"
    wb.save(path)
    dibaca = []
    asli = impor._baris_xlsx

    def catat(*a, **kw):
        for row in asli(*a, **kw):
            dibaca.append(row)
            yield row

    with (
        mock.patch.object(impor, "periksa_berkas"),
        mock.patch.object(impor, "_baris_xlsx", catat),
        pytest.raises(ImportGagal) as exc,
    ):
        impor.baca(path)
    assert str(exc.value) == (
        "k.xlsx: The file has more than 2 data rows, the limit per import; split it into "
        "smaller files."
    )
    assert len(dibaca) == 2
