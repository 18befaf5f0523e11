"""Attendance and event documents show times, dates and numbers the one Sinergi way
(sinergi.core.format): the PDF as text in the document's language, the XLSX as real
date-time and number cells that a spreadsheet shows in its reader's own conventions."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from sinergi.core.testing.pdf import teks_pdf
from sinergi.kegiatan import services
from sinergi.kegiatan.models import Kehadiran

# 21.58 UTC is 04.58 WIB on the next day
HADIR = dt.datetime(2026, 12, 2, 21, 58, tzinfo=dt.UTC)


@pytest.fixture
def kegiatan_hadir(buat_kegiatan, operator_jatim):
    k = buat_kegiatan(mulai=timezone.now())
    services.hadir_manual(pelaku=operator_jatim, kegiatan=k, nama="Sri Wahyuni", instansi="Ormas")
    Kehadiran.objects.filter(kegiatan=k).update(waktu=HADIR)
    return k


def test_daftar_hadir_pdf_jam_dengan_zona(kegiatan_hadir):
    """The attendance PDF gives each check-in time with its zone: "04.58 WIB" in Indonesian."""
    from sinergi.kegiatan.laporan import daftar_hadir_pdf

    with translation.override("id"):
        teks = teks_pdf(daftar_hadir_pdf(kegiatan_hadir))
    assert "04.58 WIB" in teks
    assert "04:58" not in teks


def test_daftar_hadir_pdf_inggris(kegiatan_hadir):
    """In English the same PDF writes the time the English way: "04:58 WIB"."""
    from sinergi.kegiatan.laporan import daftar_hadir_pdf

    with translation.override("en"):
        teks = teks_pdf(daftar_hadir_pdf(kegiatan_hadir))
    assert "04:58 WIB" in teks


def test_laporan_pdf_tenggat_keputusan(buat_kegiatan, operator_jatim, lembaga_uji):
    """A decision's due date in the report PDF reads "31 Jan 2030", not "31-01-2030"."""
    from sinergi.kegiatan.laporan import laporan_pdf

    k = buat_kegiatan()
    services.keputusan_create(
        pelaku=operator_jatim,
        kegiatan=k,
        uraian="Sosialisasi ke desa",
        pemilik=lembaga_uji["kpu_ngawi"],
        tenggat=dt.date(2030, 1, 31),
    )
    with translation.override("id"):
        teks = teks_pdf(laporan_pdf(k))
    assert "31 Jan 2030" in teks
    assert "31-01-2030" not in teks


def test_daftar_hadir_xlsx_sel_waktu(kegiatan_hadir):
    """The attendance XLSX holds the check-in time as a date-time cell in the event's zone
    (named in the header), formatted for people, not as text like "03-12-2026 04.58 WIB"."""
    from sinergi.kegiatan.laporan import daftar_hadir_xlsx

    with translation.override("id"):
        ws = openpyxl.load_workbook(io.BytesIO(daftar_hadir_xlsx(kegiatan_hadir))).active
    assert ws["E4"].value == "Waktu (WIB)"
    assert ws["E5"].value == dt.datetime(2026, 12, 3, 4, 58)
    assert ws["E5"].is_date and ws["E5"].number_format == '[$-421]d mmm yyyy hh"."mm'
