"""Follow-up pages: my organization's list, detail with HTMX status, updates, download."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from sinergi.core.testing.gambar import png_kecil
from sinergi.tindak_lanjut import services
from sinergi.tindak_lanjut.choices import StatusTindakLanjut
from sinergi.tindak_lanjut.models import PembaruanTindakLanjut

pytestmark = pytest.mark.django_db


def test_list_requires_login(client):
    """Anonymous visitors are sent to the login page."""
    r = client.get("/tindak-lanjut/")
    assert r.status_code == 302
    assert "/akun/" in r["Location"]


def test_my_list_shows_own_follow_ups_overdue_first(
    client, pengguna_uji, buat_tl, lembaga_uji, django_assert_max_num_queries
):
    """Only my organization's open follow-ups, the overdue one first and highlighted."""
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    buat_tl(judul="Nanti saja")
    buat_tl(judul="Sudah lewat", tenggat=timezone.now() - datetime.timedelta(days=1))
    buat_tl(judul="Milik KPU", lembaga=lembaga_uji["kpu_madiun"])
    for i in range(10):
        buat_tl(judul=f"Tugas {i}")
    with django_assert_max_num_queries(12):
        r = client.get("/tindak-lanjut/")
    html = r.content.decode()
    assert r.status_code == 200
    assert html.index("Sudah lewat") < html.index("Nanti saja")
    assert "tl-terlambat" in html
    assert "Milik KPU" not in html


def test_list_filter_by_status_htmx_returns_rows_only(client, pengguna_uji, buat_tl):
    """An HTMX filter request returns only the result fragment."""
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    buat_tl(judul="Beres", status=StatusTindakLanjut.SELESAI)
    buat_tl(judul="Belum")
    r = client.get(
        "/tindak-lanjut/?status=selesai", headers={"HX-Request": "true", "HX-Target": "hasil"}
    )
    html = r.content.decode()
    assert "Beres" in html and "Belum" not in html
    assert "<html" not in html


def test_html_in_title_is_escaped(client, pengguna_uji, buat_tl):
    """Script typed into a title is shown as text."""
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    tl = buat_tl(judul="<script>alert(1)</script>", uraian="<img src=x onerror=alert(1)>")
    for url in ("/tindak-lanjut/", f"/tindak-lanjut/{tl.pk}/"):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in client.get(f"/tindak-lanjut/{tl.pk}/").content.decode()


def test_htmx_status_change_returns_the_status_card(client, pengguna_uji, buat_tl):
    """The owner's operator starts work through HTMX; the card comes back updated."""
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    tl = buat_tl()
    r = client.post(
        f"/tindak-lanjut/{tl.pk}/status/", {"status": "dikerjakan"}, headers={"HX-Request": "true"}
    )
    assert r.status_code == 200
    assert "In progress" in r.content.decode()
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.DIKERJAKAN


def test_invalid_transition_shows_the_message(client, pengguna_uji, buat_tl):
    """done → open on the page: the exact message, nothing changes."""
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    tl = buat_tl(status=StatusTindakLanjut.SELESAI)
    r = client.post(f"/tindak-lanjut/{tl.pk}/status/", {"status": "terbuka"})
    assert r.status_code == 422
    assert "A follow-up cannot go from “Done” to “Open”." in r.content.decode()
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.SELESAI


def test_update_by_other_organization_is_404(client, pengguna_uji, buat_tl):
    """KPU Madiun's operator posting an update to Polres Madiun's follow-up: 404, nothing saved."""
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    tl = buat_tl()
    r = client.post(f"/tindak-lanjut/{tl.pk}/pembaruan/", {"teks": "x"})
    assert r.status_code == 404
    assert PembaruanTindakLanjut.objects.count() == 0


def test_disguised_upload_shows_the_reason(client, pengguna_uji, buat_tl, settings, tmp_path):
    """An .exe renamed .pdf is refused on the page with the reason."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    tl = buat_tl()
    r = client.post(
        f"/tindak-lanjut/{tl.pk}/pembaruan/",
        {"teks": "bukti", "berkas": SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00" * 10)},
    )
    assert r.status_code == 422
    assert "does not match its extension .pdf" in r.content.decode()
    assert PembaruanTindakLanjut.objects.count() == 0


def test_evidence_is_downloaded_as_attachment(client, pengguna_uji, buat_tl, settings, tmp_path):
    """Evidence comes back as an attachment with its original name; other provinces get 404."""
    settings.MEDIA_ROOT = tmp_path
    operator = pengguna_uji("polres_madiun", "operator")
    tl = buat_tl()
    p = services.tindak_lanjut_add_update(
        pelaku=operator,
        tindak_lanjut=tl,
        teks="foto",
        berkas=SimpleUploadedFile("foto posko.png", png_kecil()),
    )
    client.force_login(operator)
    r = client.get(f"/tindak-lanjut/{tl.pk}/pembaruan/{p.pk}/berkas/")
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    assert "foto posko.png" in r["Content-Disposition"]
    assert r["Content-Type"] == "image/png"
    assert r["X-Content-Type-Options"] == "nosniff"
    client.force_login(pengguna_uji("kpu_bali", "admin_lembaga"))
    assert client.get(f"/tindak-lanjut/{tl.pk}/pembaruan/{p.pk}/berkas/").status_code == 404


def test_create_page_past_date_message(client, pengguna_uji, lembaga_uji):
    """The new-follow-up form shows the past-date message."""
    client.force_login(pengguna_uji("kpu_jatim", "koordinator"))
    r = client.post(
        "/tindak-lanjut/baru/",
        {
            "judul": "x",
            "lembaga": lembaga_uji["polres_madiun"].pk,
            "tenggat_tanggal": "2020-01-01",
            "prioritas": "sedang",
            "kerahasiaan": "RESTRICTED",
        },
    )
    assert r.status_code == 422
    assert "The due date cannot be in the past." in r.content.decode()


def test_analyst_creates_from_the_page_and_sees_the_button(client, pengguna_uji, lembaga_uji):
    """A Bawaslu analyst sees "New follow-up", assigns one to Polres Madiun through the form and
    lands on it; the detail offers no work controls (that is the owner's job)."""
    from sinergi.tindak_lanjut.models import TindakLanjut

    client.force_login(pengguna_uji("bawaslu_jatim", "analis"))
    assert "/tindak-lanjut/baru/" in client.get("/tindak-lanjut/").content.decode()
    r = client.post(
        "/tindak-lanjut/baru/",
        {
            "judul": "Petakan TPS rawan",
            "lembaga": lembaga_uji["polres_madiun"].pk,
            "tenggat_tanggal": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
            "prioritas": "tinggi",
            "kerahasiaan": "RESTRICTED",
        },
    )
    tl = TindakLanjut.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/tindak-lanjut/{tl.pk}/"
    assert tl.lembaga == lembaga_uji["polres_madiun"]
    detail = client.get(r["Location"])
    assert detail.status_code == 200
    assert f"/tindak-lanjut/{tl.pk}/pembaruan/" not in detail.content.decode()


def test_viewer_gets_404_on_the_create_page(client, pengguna_uji):
    """A viewer (pengamat) may not assign follow-ups: the form answers 404."""
    client.force_login(pengguna_uji("bawaslu_jatim", "pengamat"))
    assert client.get("/tindak-lanjut/baru/").status_code == 404


def test_region_list_for_leadership_only(client, pengguna_uji, buat_tl):
    """KPU Jawa Timur's coordinator sees the region list; Polres Madiun's operator gets 404."""
    buat_tl(tenggat=timezone.now() - datetime.timedelta(days=1))
    client.force_login(pengguna_uji("kpu_jatim", "koordinator"))
    r = client.get("/tindak-lanjut/wilayah/")
    assert r.status_code == 200
    assert "Kabupaten Madiun" in r.content.decode()
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    assert client.get("/tindak-lanjut/wilayah/").status_code == 404


def test_messages_in_indonesian_by_default(pengguna_uji, buat_tl):
    """Indonesian is the default: the invalid-transition message reads in Indonesian."""
    from django.core.exceptions import ValidationError

    tl = buat_tl(status=StatusTindakLanjut.SELESAI)
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_update_status(
            pelaku=pengguna_uji("polres_madiun", "operator"), tindak_lanjut=tl, status="terbuka"
        )
    assert exc.value.message_dict["status"] == [
        "Status tindak lanjut tidak dapat diubah dari “Selesai” menjadi “Terbuka”."
    ]
