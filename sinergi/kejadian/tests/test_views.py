"""Incident pages: report form (keeps input, local time), triage queue and bulk, detail
(escaping, routing, merge, attachments), import, and the public form and list."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.core.testing.gambar import png_kecil
from sinergi.kejadian import services
from sinergi.kejadian.models import Kejadian
from sinergi.kejadian.tests.conftest import lalu
from sinergi.tindak_lanjut.models import TindakLanjut

pytestmark = pytest.mark.django_db


def test_report_form_reads_local_time_of_the_region(client, pelapor, wilayah_mini):
    """09:30 typed for Kabupaten Madiun (WIB) is 02:30 UTC; a suggestion "code name" works."""
    from sinergi.kejadian.referensi import load_kategori

    load_kategori()
    client.force_login(pelapor)
    r = client.post(
        "/kejadian/lapor/",
        {
            "kategori": "politik_uang",
            "kode_wilayah": "35.19 Kabupaten Madiun",
            "waktu": "2024-02-14T09:30",
            "uraian": "Amplop",
            "keparahan": "sedang",
            "kerahasiaan": "RESTRICTED",
            "sumber": "",
        },
    )
    assert r.status_code == 302, r.context["form"].errors
    k = Kejadian.objects.get()
    assert k.waktu_kejadian == dt.datetime(2024, 2, 14, 2, 30, tzinfo=dt.UTC)
    assert r.url == f"/kejadian/{k.ref}/"


def test_report_form_stage_override(client, pelapor, tahapan):
    """The stage is suggested from the date unless the reporter chooses one."""
    client.force_login(pelapor)
    assert "Masa Kampanye" in client.get("/kejadian/lapor/").content.decode()
    data = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu": "2024-02-14T09:30",
        "uraian": "Amplop",
        "keparahan": "sedang",
        "kerahasiaan": "RESTRICTED",
        "sumber": "",
    }
    assert client.post("/kejadian/lapor/", data).status_code == 302
    assert client.post("/kejadian/lapor/", {**data, "tahapan": tahapan["T7"].pk}).status_code == 302
    assert [k.tahapan.kode for k in Kejadian.objects.order_by("pk")] == ["T9.1", "T7"]


def test_report_form_keeps_input_and_shows_field_errors(client, pelapor):
    client.force_login(pelapor)
    r = client.post(
        "/kejadian/lapor/",
        {
            "kategori": "politik_uang",
            "kode_wilayah": "35.21",
            "waktu": "2024-02-14T09:30",
            "uraian": "Amplop di Ngawi",
            "keparahan": "sedang",
            "kerahasiaan": "RESTRICTED",
            "sumber": "",
        },
    )
    assert r.status_code == 422
    body = r.content.decode()
    assert "outside your organization&#x27;s area" in body
    assert "Amplop di Ngawi" in body
    assert Kejadian.objects.count() == 0


def test_report_page_hidden_from_viewers(client, pengguna_uji, kategori):
    client.force_login(pengguna_uji("kpu_madiun", "pengamat"))
    assert client.get("/kejadian/lapor/").status_code == 404


def test_queue_lists_scope_marks_duplicates_and_pins_queries(
    client, lapor, verifikator, pengguna_uji, django_assert_max_num_queries
):
    lapor(waktu_kejadian=lalu(2))
    lapor(waktu_kejadian=lalu(1))
    lapor(pelaku=pengguna_uji("kpu_ngawi", "operator"), kode_wilayah="35.21", uraian="Ngawi")
    client.force_login(verifikator)
    with django_assert_max_num_queries(12):
        r = client.get("/kejadian/")
    body = r.content.decode()
    assert "2 incidents" in body
    assert "1 possible duplicate" in body
    assert "Ngawi" not in body


def test_bulk_verify_from_queue(client, lapor, verifikator):
    a, b = lapor(), lapor()
    client.force_login(verifikator)
    r = client.post(
        "/kejadian/massal/",
        {"ref": [str(a.ref), str(b.ref)], "status": "terverifikasi", "alasan": "Cek lapangan"},
    )
    assert r.status_code == 302
    assert set(Kejadian.objects.values_list("status", flat=True)) == {"terverifikasi"}


def test_detail_escapes_html_and_hides_contact_from_others(
    client, lapor, pengguna_uji, verifikator
):
    k = lapor(uraian="<script>alert('x')</script>", kontak_pelapor="0812-RAHASIA")
    client.force_login(pengguna_uji("kpu_madiun", "pengamat"))
    body = client.get(f"/kejadian/{k.ref}/").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body
    assert "0812-RAHASIA" not in body
    client.force_login(verifikator)
    assert "0812-RAHASIA" in client.get(f"/kejadian/{k.ref}/").content.decode()


def test_detail_out_of_scope_is_404(client, lapor, pengguna_uji):
    k = lapor()
    client.force_login(pengguna_uji("kpu_ngawi", "admin_lembaga"))
    assert client.get(f"/kejadian/{k.ref}/").status_code == 404


def test_verify_from_detail_routes_and_links_follow_ups(client, rute, lapor, verifikator):
    k = lapor()
    client.force_login(verifikator)
    r = client.post(f"/kejadian/{k.ref}/transisi/", {"status": "terverifikasi", "alasan": "Benar"})
    assert r.status_code == 302
    body = client.get(f"/kejadian/{k.ref}/").content.decode()
    tl = TindakLanjut.objects.get(sumber_id=str(k.pk), lembaga__nama="Polres Madiun")
    assert f"/tindak-lanjut/{tl.pk}/" in body


def test_transition_without_reason_shows_error(client, lapor, verifikator):
    k = lapor()
    client.force_login(verifikator)
    r = client.post(f"/kejadian/{k.ref}/transisi/", {"status": "ditolak", "alasan": ""})
    assert r.status_code == 422
    assert Kejadian.objects.get(pk=k.pk).status == "dilaporkan"


def test_merge_from_detail(client, lapor, verifikator):
    a, b = lapor(waktu_kejadian=lalu(2)), lapor(waktu_kejadian=lalu(1))
    client.force_login(verifikator)
    assert str(b.ref) in client.get(f"/kejadian/{a.ref}/").content.decode()
    client.post(f"/kejadian/{a.ref}/gabung/", {"ref": [str(b.ref)], "alasan": "Sama"})
    b.refresh_from_db()
    assert b.status == "digabung" and b.induk_id == a.pk


def test_attachment_upload_and_download(client, lapor, pelapor):
    k = lapor()
    client.force_login(pelapor)
    png = SimpleUploadedFile("bukti.png", png_kecil())
    assert client.post(f"/kejadian/{k.ref}/lampiran/", {"berkas": png}).status_code == 302
    lampiran = k.lampiran.get()
    r = client.get(f"/kejadian/{k.ref}/lampiran/{lampiran.pk}/")
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    palsu = SimpleUploadedFile("bukti.jpg", b"<html>")
    assert client.post(f"/kejadian/{k.ref}/lampiran/", {"berkas": palsu}).status_code == 422


# --- import ----------------------------------------------------------------------------------
def test_import_writes_nothing_when_a_row_is_bad(client, pelapor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pelapor)
    csv = (
        b"kategori,kode_wilayah,waktu_kejadian,uraian\n"
        b"politik_uang,35.19,2024-02-13 21:30,Amplop\n"
        b"begal,35.19,2024-02-13 21:30,Lain\n"
        b"logistik,35.21,kemarin,Kotak\n"
    )
    r = client.post("/kejadian/impor/", {"berkas": SimpleUploadedFile("k.csv", csv)})
    assert r.status_code == 302
    body = client.get(r["Location"]).content.decode()
    assert "Kategori kejadian “begal” tidak dikenal" in body
    assert "Tanggal dan waktu tidak sah" in body
    assert Kejadian.objects.count() == 0


def test_import_csv_and_xlsx(client, pelapor, settings, tmp_path):
    from sinergi.kejadian.impor import templat_xlsx

    settings.MEDIA_ROOT = tmp_path
    client.force_login(pelapor)
    csv = (
        b"kategori,kode_wilayah,waktu_kejadian,uraian,keparahan\n"
        b"politik_uang,35.19,2024-02-13 21:30,Amplop,tinggi\n"
        b"logistik,35.19.01,2024-02-14T07:00:00+07:00,Surat suara kurang,\n"
    )
    r = client.post("/kejadian/impor/", {"berkas": SimpleUploadedFile("k.csv", csv)})
    assert r.status_code == 302
    k = Kejadian.objects.get(kategori_id="politik_uang")
    assert k.waktu_kejadian == dt.datetime(2024, 2, 13, 14, 30, tzinfo=dt.UTC)
    assert k.keparahan == "tinggi"
    r = client.post("/kejadian/impor/", {"berkas": SimpleUploadedFile("k.xlsx", templat_xlsx())})
    assert r.status_code == 302
    assert Kejadian.objects.count() == 3
    assert client.get("/kejadian/impor/templat.csv").content.startswith(b"\xef\xbb\xbfkategori")


def test_import_command(pelapor, tmp_path):
    from django.core.management import CommandError, call_command

    f = tmp_path / "k.csv"
    f.write_text("kategori,kode_wilayah,waktu_kejadian,uraian\nbegal,35.19,2024-02-13 21:30,x\n")
    with pytest.raises(CommandError) as exc:
        call_command("import_kejadian", str(f), "--email", pelapor.email)
    assert "row 2, column kategori" in str(exc.value)
    f.write_text(
        "kategori,kode_wilayah,waktu_kejadian,uraian\nhak_pilih,35.19,2024-02-13 21:30,x\n"
    )
    call_command("import_kejadian", str(f), "--email", pelapor.email, "--dry-run")
    assert Kejadian.objects.count() == 0
    call_command("import_kejadian", str(f), "--email", pelapor.email)
    assert Kejadian.objects.count() == 1


# --- public ----------------------------------------------------------------------------------
def _publik(client, **kw):
    data = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu": "2024-02-14T06:00",
        "uraian": "<script>alert(1)</script> serangan fajar",
        "kontak_pelapor": "0812-WARGA",
    }
    data.update(kw)
    return client.post("/kejadian/publik/lapor/", data, REMOTE_ADDR=kw.pop("ip", "203.0.113.9"))


def test_public_report_moderated_and_escaped(client, kategori, wilayah_mini, verifikator):
    r = _publik(client)
    assert r.status_code == 302
    k = Kejadian.objects.get()
    assert (k.sumber, k.kerahasiaan, k.status) == ("publik", "PUBLIC", "dilaporkan")
    assert "serangan fajar" not in client.get("/kejadian/publik/").content.decode()
    services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok")
    body = client.get("/kejadian/publik/").content.decode()
    assert "serangan fajar" in body
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body
    assert "0812-WARGA" not in body


def test_public_report_throttled_and_honeypot(client, kategori, wilayah_mini):
    r = _publik(client, situs="http://spam.example")
    assert r.status_code == 302
    assert Kejadian.objects.count() == 0
    for _i in range(services.BATAS_PUBLIK):
        assert _publik(client).status_code == 302
    r = _publik(client)
    assert r.status_code == 422
    assert "Too many reports" in r.content.decode()
    assert Kejadian.objects.count() == services.BATAS_PUBLIK


def test_public_form_keeps_input_on_error(client, kategori, wilayah_mini):
    r = _publik(client, kategori="", uraian="Tetap di sini")
    assert r.status_code == 422
    assert "Tetap di sini" in r.content.decode()


def test_queue_filters_answer_the_results_fragment_to_htmx(client, lapor, verifikator):
    """Changing a filter (HTMX) swaps only the results; without JS the whole page answers."""
    lapor(kategori="logistik", uraian="Kotak suara rusak")
    lapor(uraian="Amplop")
    client.force_login(verifikator)
    r = client.get(
        "/kejadian/?kategori=logistik&status=",
        headers={"HX-Request": "true", "HX-Target": "hasil"},
    )
    body = r.content.decode()
    assert "<html" not in body
    assert "Kotak suara rusak" in body and "Amplop" not in body
    assert "<html" in client.get("/kejadian/?kategori=logistik").content.decode()
