"""The follow-up API: list filters and query counts, detail, create, status, updates."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sinergi.core.testing.gambar import png_kecil
from sinergi.tindak_lanjut.choices import StatusTindakLanjut
from sinergi.tindak_lanjut.models import PembaruanTindakLanjut, TindakLanjut

pytestmark = pytest.mark.django_db
URL = "/api/v1/tindak-lanjut"


def test_list_needs_a_user(client):
    """Anonymous callers get 401."""
    assert client.get(URL).status_code == 401


def test_list_overdue_first_with_pinned_queries(
    client, bearer, pengguna_uji, buat_tl, django_assert_max_num_queries
):
    """Overdue follow-ups come first; the query count does not grow with the rows."""
    user = pengguna_uji("polres_madiun", "operator")
    headers = bearer(user)
    later = buat_tl(judul="Nanti")
    late = buat_tl(judul="Terlambat", tenggat=timezone.now() - datetime.timedelta(hours=2))
    for i in range(10):
        buat_tl(judul=f"Lain {i}")
    with django_assert_max_num_queries(6):
        body = client.get(URL, headers=headers).json()
    assert body["count"] == 12
    assert body["items"][0]["id"] == late.pk
    assert body["items"][0]["terlambat"] is True
    assert later.pk in [i["id"] for i in body["items"]]


def test_list_filters_status_lembaga_wilayah_terlambat(
    client, bearer, admin_sistem, buat_tl, lembaga_uji
):
    """Each filter narrows the list."""
    headers = bearer(admin_sistem)
    a = buat_tl(tenggat=timezone.now() - datetime.timedelta(hours=1))
    b = buat_tl(lembaga=lembaga_uji["kpu_ngawi"], status=StatusTindakLanjut.SELESAI)

    def ids(q):
        return [i["id"] for i in client.get(f"{URL}?{q}", headers=headers).json()["items"]]

    assert ids("status=selesai") == [b.pk]
    assert ids("status=semua&wilayah=35.21") == [b.pk]
    assert ids(f"status=semua&lembaga={a.lembaga_id}") == [a.pk]
    assert ids("terlambat=true") == [a.pk]
    assert ids("") == [a.pk]


def test_list_bad_status_names_the_field(client, bearer, admin_sistem):
    """An unknown status answers 422 naming `status`."""
    r = client.get(f"{URL}?status=hilang", headers=bearer(admin_sistem))
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "status"


def test_list_hides_other_province(client, bearer, pengguna_uji, buat_tl):
    """KPU Bali does not see a RESTRICTED follow-up in Madiun."""
    buat_tl()
    body = client.get(URL, headers=bearer(pengguna_uji("kpu_bali", "koordinator"))).json()
    assert body["count"] == 0


def test_detail_includes_updates_and_escapes_nothing_into_html(
    client, bearer, pengguna_uji, buat_tl
):
    """The detail carries its updates; text is returned as JSON text."""
    tl = buat_tl(judul="<b>x</b>")
    PembaruanTindakLanjut.objects.create(tindak_lanjut=tl, teks="Rapat dengan Polsek")
    r = client.get(f"{URL}/{tl.pk}", headers=bearer(pengguna_uji("kpu_madiun", "pengamat")))
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/json")
    assert r.json()["judul"] == "<b>x</b>"
    assert [p["teks"] for p in r.json()["pembaruan"]] == ["Rapat dengan Polsek"]


def test_detail_other_province_is_404(client, bearer, pengguna_uji, buat_tl):
    """Out of scope: 404."""
    tl = buat_tl()
    r = client.get(f"{URL}/{tl.pk}", headers=bearer(pengguna_uji("kpu_bali", "admin_lembaga")))
    assert r.status_code == 404


def test_create(client, bearer, pengguna_uji, lembaga_uji):
    """A coordinator of KPU Jawa Timur assigns a follow-up to Polres Madiun."""
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    r = client.post(
        URL,
        {
            "judul": "Pengamanan gudang logistik",
            "lembaga": lembaga_uji["polres_madiun"].pk,
            "tenggat_tanggal": tomorrow,
            "tenggat_jam": "09:00",
        },
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_jatim", "koordinator")),
    )
    assert r.status_code == 201, r.content
    assert r.json()["kode_wilayah"] == "35.19"
    assert r.json()["tenggat"].endswith("+00:00") or r.json()["tenggat"].endswith("Z")
    assert TindakLanjut.objects.count() == 1


def test_create_past_date_is_422(client, bearer, pengguna_uji, lembaga_uji):
    """A past due date: 422 naming `tenggat_tanggal` with the message; nothing saved."""
    r = client.post(
        URL,
        {"judul": "x", "lembaga": lembaga_uji["polres_madiun"].pk, "tenggat_tanggal": "2020-01-01"},
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_jatim", "koordinator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "tenggat_tanggal", "message": "The due date cannot be in the past."}
    ]
    assert TindakLanjut.objects.count() == 0


def test_create_unknown_organization_is_422(client, bearer, pengguna_uji, lembaga_uji):
    """An organization id that is not in the directory: 422 naming `lembaga`; nothing saved."""
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    r = client.post(
        URL,
        {"judul": "x", "lembaga": 999999, "tenggat_tanggal": tomorrow},
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_jatim", "koordinator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "lembaga", "message": "Organization not found."}]
    assert TindakLanjut.objects.count() == 0


def test_create_with_read_only_token_is_403(client, bearer, pengguna_uji, lembaga_uji):
    """A read-only token cannot write."""
    r = client.post(
        URL,
        {"judul": "x", "lembaga": lembaga_uji["polres_madiun"].pk, "tenggat_tanggal": "2030-01-01"},
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_jatim", "koordinator"), read_only=True),
    )
    assert r.status_code == 403
    assert TindakLanjut.objects.count() == 0


def test_status_invalid_transition_is_422(client, bearer, pengguna_uji, buat_tl):
    """done → open answers 422 with the exact message."""
    tl = buat_tl(status=StatusTindakLanjut.SELESAI)
    r = client.post(
        f"{URL}/{tl.pk}/status",
        {"status": "terbuka"},
        content_type="application/json",
        headers=bearer(pengguna_uji("polres_madiun", "operator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "status", "message": "A follow-up cannot go from “Done” to “Open”."}
    ]


def test_status_by_another_organization_is_404(client, bearer, pengguna_uji, buat_tl):
    """KPU Madiun's operator cannot move Polres Madiun's follow-up."""
    tl = buat_tl()
    r = client.post(
        f"{URL}/{tl.pk}/status",
        {"status": "selesai"},
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_madiun", "operator")),
    )
    assert r.status_code == 404
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.TERBUKA


def test_update_multipart_with_evidence(client, bearer, pengguna_uji, buat_tl, settings, tmp_path):
    """A multipart update with a PDF is stored; the download link is given."""
    settings.MEDIA_ROOT = tmp_path
    tl = buat_tl()
    r = client.post(
        f"{URL}/{tl.pk}/pembaruan",
        {
            "teks": "Selesai 50%",
            "persentase": "50",
            "berkas": SimpleUploadedFile("foto.png", png_kecil()),
        },
        headers=bearer(pengguna_uji("polres_madiun", "operator")),
    )
    assert r.status_code == 201, r.content
    assert r.json()["tipe_berkas"] == "image/png"
    assert r.json()["unduh"].endswith("/berkas/")


def test_update_with_disguised_file_is_422(
    client, bearer, pengguna_uji, buat_tl, settings, tmp_path
):
    """An .exe renamed .pdf: 422 with the reason; nothing saved."""
    settings.MEDIA_ROOT = tmp_path
    tl = buat_tl()
    r = client.post(
        f"{URL}/{tl.pk}/pembaruan",
        {"teks": "bukti", "berkas": SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00" * 10)},
        headers=bearer(pengguna_uji("polres_madiun", "operator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "berkas",
            "message": "The content of the file does not match its extension .pdf; it was refused.",
        }
    ]
    assert PembaruanTindakLanjut.objects.count() == 0


def test_update_percentage_out_of_range(client, bearer, pengguna_uji, buat_tl):
    """A percentage above 100 is refused naming the field."""
    tl = buat_tl()
    r = client.post(
        f"{URL}/{tl.pk}/pembaruan",
        {"teks": "x", "persentase": 150},
        content_type="application/json",
        headers=bearer(pengguna_uji("polres_madiun", "operator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "persentase", "message": "Must be between 0 and 100."}]
