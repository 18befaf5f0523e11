"""Public socialization materials: who may add them, who sees them (the portal only published
PUBLIC ones), file safety, and download counts per region."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image

from sinergi.core.models import Kerahasiaan
from sinergi.komunikasi import selectors, services
from sinergi.komunikasi.models import MateriSosialisasi, UnduhanMateri

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def tahapan(db):
    from sinergi.tahapan.models import Pemilu, Tahapan

    p = Pemilu.objects.create(slug="pemilu-uji", jenis="pemilu", nama="Pemilu Uji")
    return {
        "kampanye": Tahapan.objects.create(pemilu=p, kode="T09", nama="Kampanye", urutan=9),
        "pungut": Tahapan.objects.create(pemilu=p, kode="T11", nama="Pemungutan", urutan=11),
    }


@pytest.fixture
def buat(pengguna_uji, tahapan):
    """`buat(**fields)`: a PNG infographic by the operator of KPU Kabupaten Madiun."""

    def make(pelaku=None, **fields):
        data = {
            "pelaku": pelaku or pengguna_uji("kpu_madiun", "operator"),
            "judul": "Cara mencoblos",
            "penjelasan": "Bawa undangan dan KTP-el.",
            "jenis": "infografis",
            "tahapan_ids": [tahapan["pungut"].pk],
            "berkas": SimpleUploadedFile("coblos.png", _png(), "image/png"),
            "terbit": True,
        }
        data.update(fields)
        return services.materi_create(**data)

    return make


def test_organizer_adds_a_material_with_a_safe_file(buat, pengguna_uji):
    """A regency KPU operator adds an infographic; region and organization are theirs."""
    m = buat()
    assert m.lembaga.nama == "KPU Kabupaten Madiun" and m.wilayah_id == "35.19"
    assert m.jenis_berkas == "png" and m.nama_berkas == "coblos.png" and m.ukuran > 0
    assert m.berkas.storage.exists(m.berkas.name)


@pytest.mark.parametrize(
    ("lembaga", "peran"), [("polres_madiun", "operator"), ("kpu_madiun", "pengamat")]
)
def test_only_organizers_kesbangpol_and_media_writers_may_add(buat, pengguna_uji, lembaga, peran):
    """The police or a viewer cannot add materials (404) and nothing is saved."""
    with pytest.raises(Http404):
        buat(pelaku=pengguna_uji(lembaga, peran))
    assert MateriSosialisasi.objects.count() == 0


def test_disguised_file_is_refused(buat):
    """An executable renamed .pdf is refused with the reason; nothing is saved."""
    with pytest.raises(ValidationError) as exc:
        buat(berkas=SimpleUploadedFile("leaflet.pdf", b"MZ\x90\x00" + b"\x00" * 64))
    assert exc.value.message_dict["berkas"] == [
        "The file's content does not match its extension (.pdf); it was refused."
    ]
    assert MateriSosialisasi.objects.count() == 0


def test_spreadsheet_is_not_a_material(buat):
    """Only images, PDF, PPTX and DOCX are materials."""
    with pytest.raises(ValidationError) as exc:
        buat(berkas=SimpleUploadedFile("data.xlsx", b"PK\x03\x04" + b"\x00" * 30))
    assert exc.value.message_dict["berkas"] == [
        "This file type is not allowed; upload PDF, PPTX, DOCX, PNG or JPEG."
    ]


def test_oversized_file_is_refused(buat, monkeypatch):
    """A file over 20 MB is refused."""
    monkeypatch.setattr(services, "MAKS_UKURAN_MATERI", 10)
    with pytest.raises(ValidationError) as exc:
        buat()
    assert exc.value.message_dict["berkas"] == ["The file is larger than 20 MB."]


def test_video_needs_an_https_link_and_no_file(buat):
    """A video link material needs an https:// address."""
    with pytest.raises(ValidationError) as exc:
        buat(jenis="video", berkas=None, tautan_video="javascript:alert(1)")
    assert exc.value.message_dict["tautan_video"] == [
        "Give the video's address; it must start with https://."
    ]
    m = buat(jenis="video", berkas=None, tautan_video="https://www.youtube.com/watch?v=x")
    assert m.tautan_video.startswith("https://")


def test_script_in_explanation_is_removed(buat):
    """Markup in the explanation is removed before saving."""
    m = buat(penjelasan="Datang <script>alert(1)</script>ke TPS <b>pagi</b>")
    assert m.penjelasan == "Datang ke TPS pagi"


def test_anonymous_sees_only_published_public_materials(client, buat, tahapan):
    """The portal lists published PUBLIC materials; unpublished and RESTRICTED ones are
    404 for anonymous visitors, in the page and the API."""
    publik = buat(judul="Publik terbit")
    draf = buat(judul="Draf", terbit=False)
    terbatas = buat(judul="Terbatas", kerahasiaan=Kerahasiaan.RESTRICTED)
    html = client.get("/komunikasi/materi/").content.decode()
    assert "Publik terbit" in html and "Draf" not in html and "Terbatas" not in html
    assert client.get(f"/komunikasi/materi/{publik.pk}/").status_code == 200
    for m in (draf, terbatas):
        assert client.get(f"/komunikasi/materi/{m.pk}/").status_code == 404
        assert client.get(f"/komunikasi/materi/{m.pk}/unduh/").status_code == 404
        assert client.get(f"/api/v1/komunikasi/materi/{m.pk}").status_code == 404
    r = client.get("/api/v1/komunikasi/materi")
    assert [i["judul"] for i in r.json()["items"]] == ["Publik terbit"]


def test_restricted_material_for_signed_in_users_in_scope(client, buat, pengguna_uji):
    """A RESTRICTED material is seen by a signed-in user whose scope covers its region, not
    by another province."""
    m = buat(kerahasiaan=Kerahasiaan.RESTRICTED)
    client.force_login(pengguna_uji("kpu_jatim", "pengamat"))
    assert client.get(f"/komunikasi/materi/{m.pk}/").status_code == 200
    client.force_login(pengguna_uji("kpu_bali", "koordinator"))
    assert client.get(f"/komunikasi/materi/{m.pk}/").status_code == 404


def test_filter_by_stage_and_search(client, buat, tahapan):
    """The list filters by stage and searches the title and explanation."""
    buat(judul="Cara mencoblos")
    buat(judul="Aturan APK", tahapan_ids=[tahapan["kampanye"].pk], penjelasan="Alat peraga.")
    r = client.get(f"/api/v1/komunikasi/materi?tahapan={tahapan['kampanye'].pk}")
    assert [i["judul"] for i in r.json()["items"]] == ["Aturan APK"]
    html = client.get("/komunikasi/materi/?q=peraga").content.decode()
    assert "Aturan APK" in html and "Cara mencoblos" not in html


def test_downloads_are_counted_per_region_and_day(client, buat, pengguna_uji):
    """A signed-in user counts for their organization's region, an anonymous visitor for the
    regency chosen in the cookie, else for "unknown"; one row per region and day."""
    m = buat()
    client.force_login(pengguna_uji("kpu_madiun", "pengamat"))
    for _i in range(2):
        r = client.get(f"/komunikasi/materi/{m.pk}/unduh/")
        assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
        b"".join(r.streaming_content)
    client.logout()
    client.post("/komunikasi/materi/wilayah/", {"wilayah": "35.21"})
    b"".join(client.get(f"/komunikasi/materi/{m.pk}/unduh/").streaming_content)
    client.post("/komunikasi/materi/wilayah/", {"wilayah": ""})
    b"".join(client.get(f"/api/v1/komunikasi/materi/{m.pk}/berkas").streaming_content)
    rows = dict(UnduhanMateri.objects.filter(materi=m).values_list("wilayah_id", "jumlah"))
    assert rows == {"35.19": 2, "35.21": 1, None: 1}
    m.refresh_from_db()
    assert m.jumlah_unduhan == 4


def test_cookie_accepts_only_a_regency(client):
    """A made-up or non-regency code is not kept."""
    r = client.post("/komunikasi/materi/wilayah/", {"wilayah": "35"})
    assert r.status_code == 302
    assert client.cookies[selectors.COOKIE_WILAYAH].value == ""


def test_statistics_for_managers_only(client, bearer, buat, pengguna_uji):
    """The author organization and the provincial KPU leadership see the statistics; a
    recipient in another province and a viewer get 404."""
    m = buat()
    services.materi_unduhan_catat(materi=m, wilayah_id="35.21")
    url = f"/api/v1/komunikasi/materi/{m.pk}/unduhan"
    r = client.get(url, headers=bearer(pengguna_uji("kpu_jatim", "koordinator")))
    assert r.status_code == 200
    assert r.json()["total"] == 1 and r.json()["per_wilayah"][0]["wilayah"] == "35.21"
    for u in (pengguna_uji("kpu_bali", "koordinator"), pengguna_uji("kpu_madiun", "pengamat")):
        assert client.get(url, headers=bearer(u)).status_code == 404
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    html = client.get("/komunikasi/materi/statistik/").content.decode()
    assert "Kabupaten Ngawi" in html


def test_unpublish_takes_it_off_the_portal(client, buat, pengguna_uji):
    """Provincial KPU leadership unpublishes a regency's material; another province cannot."""
    m = buat()
    client.force_login(pengguna_uji("kpu_bali", "koordinator"))
    assert client.post(f"/komunikasi/materi/{m.pk}/terbit/", {"terbit": "0"}).status_code == 404
    client.force_login(pengguna_uji("kpu_jatim", "koordinator"))
    assert client.post(f"/komunikasi/materi/{m.pk}/terbit/", {"terbit": "0"}).status_code == 302
    client.logout()
    assert client.get(f"/komunikasi/materi/{m.pk}/").status_code == 404


def test_edit_keeps_the_file_and_replaces_it_when_given(buat, pengguna_uji, tahapan):
    """Editing without a new file keeps the old one; a new file replaces it."""
    m = buat()
    lama = m.berkas.name
    pelaku = pengguna_uji("kpu_madiun", "koordinator")
    services.materi_update(
        pelaku=pelaku,
        materi=m,
        judul="Cara mencoblos (baru)",
        penjelasan="Bawa KTP-el.",
        jenis="infografis",
        tahapan_ids=[tahapan["pungut"].pk, tahapan["kampanye"].pk],
    )
    m.refresh_from_db()
    assert m.berkas.name == lama and m.judul == "Cara mencoblos (baru)"
    assert m.tahapan.count() == 2


def test_api_create_multipart(client, bearer, pengguna_uji, tahapan):
    """POST multipart creates a material; a disguised file is 422 on `berkas`."""
    u = pengguna_uji("kpu_jatim", "operator")
    data = {
        "judul": "Leaflet kampanye",
        "penjelasan": "Jadwal kampanye.",
        "jenis": "leaflet",
        "tahapan": [tahapan["kampanye"].pk],
        "terbit": "true",
    }
    r = client.post(
        "/api/v1/komunikasi/materi",
        {**data, "berkas": SimpleUploadedFile("l.pdf", b"%PDF-1.4\n%%EOF\n")},
        headers=bearer(u),
    )
    assert r.status_code == 201, r.content
    assert r.json()["tahapan"][0]["kode"] == "T09" and r.json()["jenis_berkas"] == "pdf"
    r = client.post(
        "/api/v1/komunikasi/materi",
        {**data, "berkas": SimpleUploadedFile("l.pdf", b"MZ" + b"\x00" * 40)},
        headers=bearer(u),
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "berkas"
    assert MateriSosialisasi.objects.count() == 1


def test_library_list_query_count_pinned(client, buat, django_assert_max_num_queries):
    """The public list costs a fixed number of queries, whatever the number of materials."""
    for i in range(5):
        buat(judul=f"Materi {i}")
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/komunikasi/materi").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/komunikasi/materi/").status_code == 200


def test_demo_materials_are_real_files_and_load_once(pengguna_uji):
    """The demo makes small real PDFs and a PNG for the Pemilu 2024 stages, once."""
    import io as _io

    from sinergi.komunikasi import demo
    from sinergi.tahapan.models import Pemilu, Tahapan

    p = Pemilu.objects.create(slug="pemilu-2024", jenis="pemilu", nama="Pemilu 2024")
    for i, kode in enumerate(("T09", "T10", "T11")):
        Tahapan.objects.create(pemilu=p, kode=kode, nama=kode, urutan=i)
    penulis = pengguna_uji("kpu_jatim", "koordinator")
    out = _io.StringIO()
    demo._muat_materi(penulis, "contoh.local", out)
    demo._muat_materi(penulis, "contoh.local", out)
    jenis = sorted(MateriSosialisasi.objects.values_list("jenis_berkas", flat=True))
    assert jenis == ["", "pdf", "pdf", "png"]
    assert MateriSosialisasi.objects.filter(terbit=True, kerahasiaan="PUBLIC").count() == 4
    assert UnduhanMateri.objects.exists()
    assert "already loaded" in out.getvalue()


def test_public_photo_material_is_stored_without_gps_and_served_safely(client, buat):
    """A JPEG infographic with a GPS position and an HTML comment in its metadata: stored
    clean and upright; the public download is an image/jpeg attachment with nosniff."""
    from sinergi.core.testing.gambar import foto_gps, tanpa_metadata

    m = buat(berkas=SimpleUploadedFile("poster.jpg", foto_gps(), "image/jpeg"))
    with m.berkas.open("rb") as fh:
        disimpan = fh.read()
    assert tanpa_metadata(disimpan) and m.ukuran == len(disimpan)
    with Image.open(io.BytesIO(disimpan)) as img:
        assert img.size == (20, 40)
    r = client.get(f"/komunikasi/materi/{m.pk}/unduh/")
    assert r["Content-Type"] == "image/jpeg"
    assert r["Content-Disposition"].startswith("attachment")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in r["Content-Security-Policy"]
    assert b"".join(r.streaming_content) == disimpan
