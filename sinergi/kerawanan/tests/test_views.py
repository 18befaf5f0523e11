"""Pages: the public map, the region explanation, the web import with its error report."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.kerawanan import services
from sinergi.kerawanan.models import ImporBerkas, Penilaian


@pytest.fixture
def madiun(ikp, wilayah_mini):
    nilai = {i.kode: Decimal(60) for i in ikp.indikator.all()}
    return services.penilaian_simpan(
        pelaku=None,
        kerangka=ikp,
        wilayah=wilayah_mini["35.19"],
        periode="2024",
        nilai=nilai,
        kerahasiaan="PUBLIC",
    )


def test_peta_publik(client, madiun):
    """The public map page lists the ranking and loads Leaflet from the app's static files."""
    r = client.get("/kerawanan/ikp-2024/")
    assert r.status_code == 200
    assert b"leaflet/leaflet" in r.content and b"Kabupaten Madiun" in r.content


def test_peta_data(client, madiun):
    """The map data holds score and category per region code."""
    r = client.get("/kerawanan/ikp-2024/peta.json?tingkat=kabupaten_kota&induk=35")
    assert r.json()["skor"] == {"35.19": [60.0, "tinggi", 1]}


def test_halaman_wilayah(client, madiun):
    """The explanation page shows the dimension bars and the trend."""
    r = client.get("/kerawanan/ikp-2024/wilayah/35.19/")
    assert r.status_code == 200
    assert b"Konteks sosial dan politik" in r.content


def test_halaman_wilayah_in_english(client, settings, madiun):
    """In English the framework, its dimensions, sub-dimensions and indicators show their
    shipped English names; the scores are the same."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/kerawanan/ikp-2024/wilayah/35.19/").content.decode()
    assert "Election Vulnerability Index (IKP) for the 2024 General and Regional Elections" in html
    assert "1. Social and political context" in html and "1.1 Security" in html
    assert "sd1_1 · Security sub-dimension score" in html
    assert "Konteks sosial dan politik" not in html and "Keamanan" not in html


def test_halaman_wilayah_tersembunyi_404(client, madiun):
    """A restricted assessment's page is 404 for the public."""
    Penilaian.objects.update(kerahasiaan="RESTRICTED")
    assert client.get("/kerawanan/ikp-2024/wilayah/35.19/").status_code == 404


def test_unggah_gagal_memberi_laporan(client, ikp, wilayah_mini, kw_user, tmp_path, settings):
    """An upload with a bad row ends as failed with a downloadable row/column report; nothing
    is written."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(kw_user("bawaslu_jatim"))
    kolom = ",".join(
        ["kode_wilayah", *ikp.indikator.order_by("urutan").values_list("kode", flat=True)]
    )
    isi = f"{kolom}\n35.19,{','.join(['abc'] + ['1'] * 11)}\n".encode()
    r = client.post(
        "/kerawanan/impor/",
        {
            "jenis": "penilaian",
            "kerangka": "ikp-2024",
            "periode": "2024",
            "kerahasiaan": "PUBLIC",
            "berkas": SimpleUploadedFile("ikp.csv", isi),
        },
    )
    job = ImporBerkas.objects.get()
    assert r.status_code == 302
    assert job.status == "gagal"
    laporan = client.get(f"/kerawanan/impor/{job.pk}/kesalahan.csv").content.decode()
    assert "2,sd1_1,“abc” bukan angka." in laporan  # the page runs in Indonesian
    assert Penilaian.objects.count() == 0


def test_unggah_berhasil(client, ikp, wilayah_mini, kw_user, tmp_path, settings):
    """A valid upload by Bawaslu Jatim imports and the status page shows it done."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(kw_user("bawaslu_jatim"))
    kolom = ",".join(
        ["kode_wilayah", *ikp.indikator.order_by("urutan").values_list("kode", flat=True)]
    )
    isi = f"{kolom}\n35.19,{','.join(['5'] * 12)}\n".encode()
    client.post(
        "/kerawanan/impor/",
        {
            "jenis": "penilaian",
            "kerangka": "ikp-2024",
            "periode": "2024",
            "kerahasiaan": "PUBLIC",
            "berkas": SimpleUploadedFile("ikp.csv", isi),
        },
    )
    job = ImporBerkas.objects.get()
    assert job.status == "selesai"
    assert client.get(f"/kerawanan/impor/{job.pk}/").status_code == 200
    assert Penilaian.objects.get().kategori == "rendah"


def test_status_impor_orang_lain_404(client, ikp, kw_user):
    """Another user's import status is 404."""
    job = ImporBerkas.objects.create(
        jenis="tps", berkas="x", nama_asli="x.csv", pengguna=kw_user("bawaslu_jatim")
    )
    client.force_login(kw_user("bawaslu_bali"))
    assert client.get(f"/kerawanan/impor/{job.pk}/").status_code == 404


def test_unggah_lewat_antrean_tugas(client, ikp, wilayah_mini, kw_user, tmp_path, settings):
    """The upload stores the file and a queued job and hands it to the task runner; the page
    polls with HTMX while it waits; the task then runs the import and the page shows the
    row/column errors."""
    from sinergi.kerawanan import services, tasks

    settings.MEDIA_ROOT = tmp_path
    antre = []
    client.force_login(kw_user("bawaslu_jatim"))
    kolom = ",".join(
        ["kode_wilayah", *ikp.indikator.order_by("urutan").values_list("kode", flat=True)]
    )
    isi = f"{kolom}\n35.19,{','.join(['5'] * 11 + ['x'])}\n99.99,{','.join(['5'] * 12)}\n"
    import sinergi.core.tasks as core_tasks

    asli = core_tasks.enqueue
    core_tasks.enqueue = lambda t, *a, **kw: antre.append((t, a))
    try:
        r = client.post(
            "/kerawanan/impor/",
            {
                "jenis": "penilaian",
                "kerangka": "ikp-2024",
                "periode": "2024",
                "kerahasiaan": "PUBLIC",
                "berkas": SimpleUploadedFile("ikp.csv", isi.encode()),
            },
        )
    finally:
        core_tasks.enqueue = asli
    job = ImporBerkas.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/kerawanan/impor/{job.pk}/"
    assert antre == [(tasks.jalankan_impor, (job.pk,))] and job.status == "antri"
    assert open(job.berkas, encoding="utf-8").read() == isi
    menunggu = client.get(f"/kerawanan/impor/{job.pk}/", headers={"HX-Request": "true"})
    body = menunggu.content.decode()
    assert body.lstrip().startswith('<div id="status"') and 'hx-trigger="every 1s"' in body
    assert "<html" not in body

    assert tasks.jalankan_impor.call(job.pk) == "gagal"
    assert services.impor_jalankan(job.pk) == "gagal"  # a second run changes nothing
    job.refresh_from_db()
    assert [(e["baris"], e["kolom"]) for e in job.kesalahan] == [(2, "sd4_2"), (3, "kode_wilayah")]
    hasil = client.get(f"/kerawanan/impor/{job.pk}/").content.decode()
    assert "every 1s" not in hasil  # polling stops once the job ended
    assert "<td>2</td><td>sd4_2</td>" in hasil and "<td>3</td><td>kode_wilayah</td>" in hasil
    assert Penilaian.objects.count() == 0


def test_viewer_upload_is_404_and_stores_nothing(
    client, ikp, wilayah_mini, pengguna_uji, tmp_path, settings
):
    """A viewer (pengamat: read only) of Bawaslu Jawa Timur uploads an assessment file: 404,
    no file under MEDIA_ROOT, no job, nothing queued."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pengguna_uji("bawaslu_jatim", "pengamat"))
    r = client.post(
        "/kerawanan/impor/",
        {
            "jenis": "penilaian",
            "kerangka": "ikp-2024",
            "periode": "2024",
            "berkas": SimpleUploadedFile("ikp.csv", b"kode_wilayah\n35.19\n"),
        },
    )
    assert r.status_code == 404
    assert not ImporBerkas.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
