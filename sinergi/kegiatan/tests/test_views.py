"""Event pages: escaping, downloads as attachments, coverage gaps, public page."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sinergi.kegiatan import services
from sinergi.kegiatan.cakupan import cakupan

pytestmark = pytest.mark.django_db


def test_script_in_title_is_escaped(client, operator_jatim, buat_kegiatan):
    """A script typed into a title is shown as text."""
    k = buat_kegiatan(judul="<script>alert(1)</script>", kerahasiaan="PUBLIC")
    body = client.get(f"/kegiatan/{k.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_material_is_always_an_attachment(
    client, operator_jatim, buat_kegiatan, settings, tmp_path
):
    """A material downloads as an attachment with nosniff and a sandbox CSP."""
    settings.MEDIA_ROOT = tmp_path
    k = buat_kegiatan()
    m = services.materi_upload(
        pelaku=operator_jatim,
        kegiatan=k,
        judul="x",
        berkas=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    client.force_login(operator_jatim)
    r = client.get(f"/kegiatan/{k.pk}/materi/{m.pk}/")
    assert r["Content-Disposition"].startswith("attachment;")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert r["Content-Type"] == "application/pdf"


def test_material_hidden_from_other_province(
    client, pengguna_uji, operator_jatim, buat_kegiatan, settings, tmp_path
):
    """A Bali user gets 404 for a restricted Jatim event's material."""
    settings.MEDIA_ROOT = tmp_path
    k = buat_kegiatan()
    m = services.materi_upload(
        pelaku=operator_jatim,
        kegiatan=k,
        judul="x",
        berkas=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    client.force_login(pengguna_uji("kpu_bali", "admin_lembaga"))
    assert client.get(f"/kegiatan/{k.pk}/materi/{m.pk}/").status_code == 404


def test_attendance_exports(client, operator_jatim, buat_kegiatan, lembaga_uji):
    """Daftar hadir downloads as PDF and XLSX."""
    k = buat_kegiatan(mulai=timezone.now())
    services.hadir_manual(pelaku=operator_jatim, kegiatan=k, nama="=cmd()", instansi="Ormas")
    client.force_login(operator_jatim)
    pdf = client.get(f"/kegiatan/{k.pk}/daftar-hadir.pdf")
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Disposition"].startswith("attachment")
    xlsx = client.get(f"/kegiatan/{k.pk}/daftar-hadir.xlsx")
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert ws["A4"].value == "No." and ws["G4"].value == "Tanda tangan"
    assert ws["C5"].value == "'=cmd()"


def test_coverage_reached_absent_never(
    operator_jatim, buat_kegiatan, lembaga_uji, tahapan, pemilu, wilayah_mini
):
    """Attended → reached; invited only → absent; the rest → never invited, in the gap list."""
    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(hours=1))
    k.tahapan.set([tahapan["T7"]])
    a = services.undangan_create(
        pelaku=operator_jatim, kegiatan=k, lembaga=lembaga_uji["kpu_madiun"]
    )
    services.undangan_create(
        pelaku=operator_jatim, kegiatan=k, lembaga=lembaga_uji["polres_madiun"]
    )
    services.hadir_manual(pelaku=operator_jatim, kegiatan=k, undangan=a)
    c = cakupan(pengguna=operator_jatim, pemilu=pemilu, wilayah=wilayah_mini["35.19"])
    sel = {b.lembaga.nama: b.sel for b in c.baris}
    assert sel["KPU Kabupaten Madiun"] == ["belum", "tercapai"]
    assert sel["Polres Madiun"] == ["belum", "absen"]
    assert sel["Bawaslu Kabupaten Madiun"] == ["belum", "belum"]
    assert "Bawaslu Kabupaten Madiun: no socialization on Masa Kampanye Pemilu yet" in [
        x[2] for x in c.celah()
    ]
    [baris] = c.per_wilayah
    assert (baris.tercapai, baris.total, baris.persen) == (1, 6, 17)


def test_public_page_lists_public_events_only(client, buat_kegiatan):
    buat_kegiatan(judul="Sosialisasi Publik", kerahasiaan="PUBLIC", sasaran="publik")
    buat_kegiatan(judul="Rakor Tertutup")
    body = client.get("/kegiatan/publik/").content.decode()
    assert "Sosialisasi Publik" in body and "Rakor Tertutup" not in body
