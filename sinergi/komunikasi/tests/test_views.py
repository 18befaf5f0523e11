"""Komunikasi pages: inbox badge, announcement detail and receipts, export, threads."""

import io

import pytest
from openpyxl import load_workbook

from sinergi.komunikasi.models import Penerimaan, Pos, Utas

pytestmark = pytest.mark.django_db


def test_inbox_needs_login(client):
    """Anonymous visitors are sent to the login page."""
    r = client.get("/komunikasi/")
    assert r.status_code == 302 and "/akun/" in r["Location"]


def test_badge_shows_unread_count_and_polls(client, penerima, umumkan):
    """The header badge shows the unread count and polls with HTMX."""
    umumkan()
    client.force_login(penerima["kpu_madiun"])
    r = client.get("/komunikasi/belum-dibaca/")
    html = r.content.decode()
    assert '<span class="badge"' in html and ">1</span>" in html
    assert 'hx-trigger="every 45s"' in html


def test_opening_the_announcement_records_read(client, penerima, umumkan):
    """Opening the page records the read; the body is escaped text with line breaks."""
    p = umumkan(isi="Baris satu\n<img src=x onerror=alert(1)>Baris dua")
    u = penerima["kpu_ngawi"]
    client.force_login(u)
    r = client.get(f"/komunikasi/pengumuman/{p.pk}/")
    html = r.content.decode()
    assert "onerror" not in html
    assert "https://wa.me/?text=" in html
    assert Penerimaan.objects.get(pengumuman=p, pengguna=u).dibaca_at is not None


def test_outsider_gets_404(client, pengguna_uji, umumkan, penerima):
    """Someone who is neither recipient nor author gets 404 and no receipt appears."""
    p = umumkan()
    client.force_login(pengguna_uji("kpu_bali", "operator"))
    assert client.get(f"/komunikasi/pengumuman/{p.pk}/").status_code == 404
    assert Penerimaan.objects.filter(pengumuman=p).count() == 5


def test_receipts_page_says_who_has_read(client, penulis, penerima, umumkan):
    """The author's page says "1 of 3 KPU regency/city have read, 2 have not"."""
    p = umumkan()
    client.force_login(penerima["kpu_madiun"])
    client.get(f"/komunikasi/pengumuman/{p.pk}/")
    client.force_login(penulis)
    r = client.get(f"/komunikasi/pengumuman/{p.pk}/penerimaan/")
    assert "1 of 3 KPU regency/city have read, 2 have not" in r.content.decode()


def test_receipts_page_in_indonesian(client, settings, penulis, penerima, umumkan):
    """In Indonesian the sentence reads "… dari … sudah membaca"."""
    p = umumkan()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    client.force_login(penulis)
    r = client.get(f"/komunikasi/pengumuman/{p.pk}/penerimaan/")
    assert "0 dari 3 KPU kabupaten/kota sudah membaca, 3 belum" in r.content.decode()


def test_export_xlsx_lists_every_recipient_and_defuses_formulas(client, penulis, penerima, umumkan):
    """The XLSX export lists every recipient; a cell that looks like a formula is text."""
    p = umumkan(judul="=HYPERLINK(1)")
    client.force_login(penulis)
    r = client.get(f"/komunikasi/pengumuman/{p.pk}/penerimaan.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws["A1"].value == "'=HYPERLINK(1)"
    assert ws.max_row == 4 + 5


def test_remind_button_reminds_non_readers(client, penulis, penerima, umumkan):
    """One click reminds the five who have not read."""
    p = umumkan()
    client.force_login(penulis)
    r = client.post(f"/komunikasi/pengumuman/{p.pk}/ingatkan/", follow=True)
    assert "A reminder is on its way to 5 people." in r.content.decode()
    assert Penerimaan.objects.filter(diingatkan_at__isnull=False).count() == 5


def test_flood_message_on_the_page(client, pengguna_uji, utas):
    """The sixth post in a minute shows the throttle message and is not saved."""
    u = pengguna_uji("kpu_madiun", "operator")
    client.force_login(u)
    for i in range(4):
        client.post(f"/komunikasi/diskusi/{utas.pk}/pos/", {"isi": f"pos {i}"})
    r = client.post(f"/komunikasi/diskusi/{utas.pk}/pos/", {"isi": "lagi"})
    assert r.status_code == 422
    assert "You are posting too fast" in r.content.decode()
    assert utas.pos.count() == 5


def test_hidden_post_shows_reason_not_text(client, pengguna_uji, utas):
    """A hidden post shows the moderator's reason instead of its text."""
    pos = utas.pos.get()
    mod = pengguna_uji("kpu_jatim", "koordinator")
    client.force_login(mod)
    client.post(f"/komunikasi/pos/{pos.pk}/sembunyikan/", {"alasan": "Di luar topik"})
    r = client.get(f"/komunikasi/diskusi/{utas.pk}/")
    html = r.content.decode()
    assert "Hidden by a moderator: Di luar topik" in html
    assert "jalan protokol" not in html


def test_new_announcement_form_sends(client, penulis, penerima):
    """The form sends and leads to the receipts page."""
    client.force_login(penulis)
    r = client.post(
        "/komunikasi/pengumuman/baru/",
        {
            "judul": "Rakor",
            "isi": "Hadir ya",
            "prioritas": "penting",
            "kerahasiaan": "RESTRICTED",
            "audiens_jenis": ["kpu"],
            "audiens_tingkat": ["kabupaten_kota"],
            "audiens_wilayah": "35",
        },
    )
    assert r.status_code == 302 and "/penerimaan/" in r["Location"]
    assert Penerimaan.objects.count() == 4


def test_preview_partial(client, penulis, penerima):
    """The HTMX preview shows the count."""
    client.force_login(penulis)
    r = client.post(
        "/komunikasi/pengumuman/pratinjau/",
        {"audiens_jenis": ["bawaslu"], "audiens_wilayah": "35"},
    )
    assert "This audience reaches 1 people in 1 organizations." in r.content.decode()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _kirim_dengan_lampiran(client, penulis, berkas):
    client.force_login(penulis)
    return client.post(
        "/komunikasi/pengumuman/baru/",
        {
            "judul": "Rakor",
            "isi": "Lihat lampiran",
            "prioritas": "biasa",
            "kerahasiaan": "RESTRICTED",
            "audiens_jenis": ["kpu"],
            "audiens_tingkat": ["kabupaten_kota"],
            "audiens_wilayah": "35",
            "lampiran": berkas,
        },
    )


def test_attachment_is_sent_and_downloaded_by_recipient(
    client, penulis, penerima, settings, tmp_path
):
    """A PDF attachment is saved; a recipient downloads it; an outsider gets 404."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sinergi.komunikasi.models import LampiranPengumuman

    settings.MEDIA_ROOT = tmp_path
    r = _kirim_dengan_lampiran(
        client, penulis, SimpleUploadedFile("pkpu.pdf", PDF, "application/pdf")
    )
    assert r.status_code == 302
    lam = LampiranPengumuman.objects.get()
    url = f"/komunikasi/pengumuman/{lam.pengumuman_id}/lampiran/{lam.pk}/"
    client.force_login(penerima["kpu_ngawi"])
    r = client.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    client.force_login(penerima["kpu_denpasar"])
    assert client.get(url).status_code == 404


def test_disguised_attachment_is_refused(client, penulis, penerima, settings, tmp_path):
    """An executable renamed .pdf is refused with the reason, and nothing is sent."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sinergi.komunikasi.models import Pengumuman

    settings.MEDIA_ROOT = tmp_path
    r = _kirim_dengan_lampiran(
        client, penulis, SimpleUploadedFile("surat.pdf", b"MZ\x90\x00evil", "application/pdf")
    )
    assert r.status_code == 200
    assert (
        "surat.pdf: The file&#x27;s content does not match its extension (.pdf); it was refused."
        in r.content.decode()
    )
    assert Pengumuman.objects.count() == 0


def test_oversized_attachment_is_refused(penulis, penerima, umumkan):
    """A file over 20 MB is refused with the reason."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    besar = SimpleUploadedFile("besar.pdf", PDF, "application/pdf")
    besar.size = 21 * 1024 * 1024
    with pytest.raises(ValidationError) as exc:
        umumkan(lampiran=[besar])
    assert exc.value.message_dict["lampiran"] == ["besar.pdf: The file is larger than 20 MB."]


def test_export_pdf_is_proof_of_notification(client, penulis, penerima, umumkan):
    """The author downloads the receipts as a PDF: the title, the groups' sentence, each
    recipient with local (WIB) times; a name with markup is printed literally."""
    from sinergi.core import waktu

    u = penerima["kpu_ngawi"]
    u.nama = "<b>Budi</b> & Co"
    u.save(update_fields=["nama"])
    p = umumkan()
    client.force_login(u)
    client.get(f"/komunikasi/pengumuman/{p.pk}/")
    dibaca = Penerimaan.objects.get(pengumuman=p, pengguna=u).dibaca_at
    client.force_login(penulis)
    r = client.get(f"/komunikasi/pengumuman/{p.pk}/penerimaan.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment")
    data = r.content
    assert data.startswith(b"%PDF")
    assert b"(Proof of notification)" in data
    # Markup in a name is drawn as characters, not read as bold.
    assert b"(<) Tj (b) Tj (>) Tj (Budi) Tj (<) Tj (/b) Tj" in data
    # Local (WIB) time of the read, whichever way the date cell wraps; written the English
    # way (04:58) as this PDF is in English (sinergi.core.format).
    assert f"{waktu.ke_lokal(dibaca, 'WIB'):%H:%M} WIB".encode() in data


def test_export_pdf_hidden_from_recipients(client, penerima, umumkan):
    """A recipient cannot download the proof of notification (404)."""
    p = umumkan()
    client.force_login(penerima["kpu_madiun"])
    assert client.get(f"/komunikasi/pengumuman/{p.pk}/penerimaan.pdf").status_code == 404


def test_viewer_sees_threads_without_the_write_forms(client, pengguna_uji, utas):
    """A viewer (pengamat: read only) reads the thread list and a thread, but no form to open
    a thread, reply or resolve is shown; posting anyway is 404 and adds nothing."""
    pengamat = pengguna_uji("kpu_madiun", "pengamat")
    Utas.objects.filter(pk=utas.pk).update(pembuat=pengamat)
    client.force_login(pengamat)
    daftar = client.get("/komunikasi/diskusi/").content.decode()
    assert utas.judul in daftar and "Start the thread" not in daftar
    halaman = client.get(f"/komunikasi/diskusi/{utas.pk}/").content.decode()
    assert "Bagaimana aturan APK" in halaman
    assert 'name="isi"' not in halaman and "Mark resolved" not in halaman
    sebelum = Pos.objects.count()
    assert client.post(f"/komunikasi/diskusi/{utas.pk}/pos/", {"isi": ""}).status_code == 404
    assert (
        client.post(f"/komunikasi/diskusi/{utas.pk}/selesai/", {"kesimpulan": "x"}).status_code
        == 404
    )
    assert Pos.objects.count() == sebelum
    utas.refresh_from_db()
    assert not utas.selesai
