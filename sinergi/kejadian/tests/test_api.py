"""The incident API: intake (idempotency, limits, bad input), list and filters, detail,
transitions, bulk, duplicates, merge, routing and attachments."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.core.testing.gambar import png_kecil
from sinergi.kejadian.models import Kejadian
from sinergi.kejadian.tests.conftest import lalu
from sinergi.tindak_lanjut.models import TindakLanjut

pytestmark = pytest.mark.django_db
URL = "/api/v1/kejadian"


def body(**kw):
    data = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu_kejadian": "2024-02-14T09:30:00+07:00",
        "uraian": "Pembagian amplop di dekat TPS 003",
    }
    data.update(kw)
    return json.dumps(data)


@pytest.fixture
def h(bearer, pelapor):
    return bearer(pelapor)


def post(client, headers, data, key=None, url=URL):
    extra = dict(headers)
    if key:
        extra["Idempotency-Key"] = key
    return client.post(url, data=data, content_type="application/json", headers=extra)


def test_intake_creates_and_answers_201(client, h):
    r = post(client, h, body())
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["kategori"] == "politik_uang" and data["status"] == "dilaporkan"
    assert data["waktu_kejadian"].startswith("2024-02-14T02:30:00")
    assert Kejadian.objects.filter(ref=data["ref"]).exists()


def test_intake_query_count_is_small(client, h, django_assert_max_num_queries):
    """Token, insert, audit (+ the transaction); categories, stage and region come from the
    cache after the first report: no per-field lookups."""
    post(client, h, body(), key="pemanasan")  # warms the category and stage caches
    with django_assert_max_num_queries(5):
        r = post(client, h, body(uraian="kedua"), key="k-kedua")
    assert r.status_code == 201


def test_idempotent_replay_returns_first_with_200(client, h):
    first = post(client, h, body(), key="abc-1")
    again = post(client, h, body(), key="abc-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Kejadian.objects.count() == 1


def test_retry_with_reordered_json_is_the_same_body(client, h):
    """Key order and spacing do not make another body."""
    first = post(client, h, body(), key="abc-3")
    data = json.loads(body())
    again = post(client, h, json.dumps(dict(reversed(data.items())), indent=2), key="abc-3")
    assert (first.status_code, again.status_code) == (201, 200)


def test_idempotency_key_with_different_body_conflicts(client, h):
    post(client, h, body(), key="abc-2")
    r = post(client, h, body(uraian="Lain"), key="abc-2")
    assert r.status_code == 409
    assert "already used for a different report" in r.json()["message"]
    assert Kejadian.objects.count() == 1


def test_body_over_limit_refused_before_parsing(client, h):
    r = post(client, h, body(uraian="x" * (70 * 1024)))
    assert r.status_code == 413
    assert r.json()["message"] == "The request body is larger than 64 KB."
    assert Kejadian.objects.count() == 0


def test_20_mb_body_refused_by_its_length(client, h):
    """A 20 MB body answers 413 from its Content-Length, before Django reads it."""
    r = post(client, h, '{"uraian": "' + "x" * (20 * 1024 * 1024) + '"}')
    assert r.status_code == 413
    assert Kejadian.objects.count() == 0


def test_unknown_category_and_future_time_are_422_with_fields(client, h):
    r = post(client, h, body(kategori="begal", waktu_kejadian="2099-01-01T00:00:00+07:00"))
    assert r.status_code == 422
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert errors == {
        "kategori": "Unknown incident category “begal”.",
        "waktu_kejadian": "The time of the incident cannot be in the future.",
    }


def test_missing_field_and_bad_json(client, h):
    r = post(client, h, json.dumps({"kategori": "politik_uang"}))
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"kode_wilayah", "waktu_kejadian", "uraian"}
    r = post(client, h, "{not json")
    assert r.status_code == 422
    assert r.json()["errors"][0]["message"] == "The body is not valid JSON."


def test_region_outside_scope_is_422(client, h):
    r = post(client, h, body(kode_wilayah="35.21"))
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "kode_wilayah"


def test_intake_needs_a_read_write_token(client, bearer, pelapor):
    assert post(client, {}, body()).status_code == 401
    assert post(client, bearer(pelapor, read_only=True), body()).status_code == 403
    assert Kejadian.objects.count() == 0


def test_list_filters_and_subtree(
    client, h, lapor, pengguna_uji, bearer, django_assert_max_num_queries
):
    lapor(uraian="amplop satu", kode_wilayah="35.19.01")
    lapor(kategori="logistik", uraian="kotak suara rusak")
    lapor(pelaku=pengguna_uji("kpu_ngawi", "operator"), kode_wilayah="35.21")
    with django_assert_max_num_queries(8):
        r = client.get(URL, headers=h)
    assert r.json()["count"] == 2  # Ngawi is outside Bawaslu Madiun's scope
    assert client.get(URL + "?kategori=logistik", headers=h).json()["count"] == 1
    assert client.get(URL + "?q=amplop", headers=h).json()["count"] == 1
    assert client.get(URL + "?wilayah=35.19.01", headers=h).json()["count"] == 1
    assert client.get(URL + "?status=terverifikasi", headers=h).json()["count"] == 0
    jatim = bearer(pengguna_uji("kpu_jatim", "operator"))
    assert client.get(URL + "?wilayah=35", headers=jatim).json()["count"] == 3
    r = client.get(URL + "?status=entah", headers=h)
    assert r.status_code == 422


def test_detail_hidden_is_404_and_contact_hidden(client, lapor, pengguna_uji, bearer, h):
    from sinergi.kejadian.services import kejadian_lapor_publik

    k = lapor(nama_pelapor="Pak RT", kontak_pelapor="0812")
    ngawi = bearer(pengguna_uji("kpu_ngawi", "admin_lembaga"))
    assert client.get(f"{URL}/{k.ref}", headers=ngawi).status_code == 404
    assert client.get(f"{URL}/{k.ref}", headers=h).json()["kontak_pelapor"] == "0812"
    p = kejadian_lapor_publik(
        ip="1.2.3.4",
        kategori="politik_uang",
        kode_wilayah="35.19",
        waktu_kejadian=lalu(),
        uraian="<b>x</b>",
        kontak_pelapor="0899",
    )
    polres = bearer(pengguna_uji("polres_madiun", "operator"))
    assert client.get(f"{URL}/{p.ref}", headers=polres).status_code == 404
    assert client.get(f"{URL}/{p.ref}", headers=h).json()["kontak_pelapor"] == "0899"


def test_transition_routes_and_detail_lists_follow_ups(client, rute, lapor, verifikator, bearer):
    k = lapor()
    hv = bearer(verifikator)
    r = client.post(
        f"{URL}/{k.ref}/transisi",
        data={"status": "terverifikasi", "alasan": "Dicek di lapangan"},
        content_type="application/json",
        headers=hv,
    )
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["status"] == "terverifikasi"
    assert {t["lembaga_nama"] for t in data["tindak_lanjut"]} == {
        "Bawaslu Kabupaten Madiun",
        "Polres Madiun",
    }
    assert data["riwayat"][0]["alasan"] == "Dicek di lapangan"
    r = client.post(f"{URL}/{k.ref}/rute", headers=hv)
    assert r.json()["dibuat"] == [] and len(r.json()["sudah_ada"]) == 2
    assert TindakLanjut.objects.count() == 2


def test_transition_without_reason_is_422(client, lapor, verifikator, bearer):
    k = lapor()
    r = client.post(
        f"{URL}/{k.ref}/transisi",
        data={"status": "ditolak", "alasan": ""},
        content_type="application/json",
        headers=bearer(verifikator),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "alasan", "message": "Give the reason for this change."}
    ]


def test_bulk_reject(client, lapor, verifikator, bearer, pengguna_uji):
    a, b = lapor(), lapor()
    c = lapor(pelaku=pengguna_uji("kpu_ngawi", "operator"), kode_wilayah="35.21")
    r = client.post(
        f"{URL}/massal",
        data={"refs": [str(a.ref), str(b.ref), str(c.ref)], "status": "ditolak", "alasan": "Hoaks"},
        content_type="application/json",
        headers=bearer(verifikator),
    )
    assert r.status_code == 200
    assert set(r.json()["berhasil"]) == {str(a.ref), str(b.ref)}
    assert r.json()["gagal"] == [{"ref": str(c.ref), "message": "Not found."}]
    assert Kejadian.objects.get(pk=c.pk).status == "dilaporkan"


def test_duplicates_and_merge(client, lapor, verifikator, bearer):
    a = lapor(waktu_kejadian=lalu(2))
    b = lapor(waktu_kejadian=lalu(1))
    hv = bearer(verifikator)
    assert [d["ref"] for d in client.get(f"{URL}/{a.ref}/duplikat", headers=hv).json()] == [
        str(b.ref)
    ]
    r = client.post(
        f"{URL}/{a.ref}/gabung",
        data={"duplikat": [str(b.ref)], "alasan": "Laporan sama"},
        content_type="application/json",
        headers=hv,
    )
    assert r.status_code == 200
    b.refresh_from_db()
    assert b.status == "digabung" and b.induk_id == a.pk
    assert client.get(f"{URL}/{b.ref}", headers=hv).json()["induk"] == str(a.ref)


def test_attachment_upload_and_disguised_file(client, lapor, h):
    k = lapor()
    png = SimpleUploadedFile("foto.png", png_kecil())
    r = client.post(f"{URL}/{k.ref}/lampiran", {"berkas": png}, headers=h)
    assert r.status_code == 201, r.content
    assert r.json()["unduh"] == f"/kejadian/{k.ref}/lampiran/{r.json()['id']}/"
    palsu = SimpleUploadedFile("foto.pdf", b"MZ not a pdf")
    r = client.post(f"{URL}/{k.ref}/lampiran", {"berkas": palsu}, headers=h)
    assert r.status_code == 422
    assert k.lampiran.count() == 1


def test_categories_are_public(client, kategori):
    r = client.get(f"{URL}/kategori")
    assert r.status_code == 200
    assert r.json()[0]["kode"] == "politik_uang"


# --- the source of a report is the server's ---------------------------------------------------
def test_staff_cannot_claim_a_report_from_the_public(client, h):
    """`sumber: publik` from a staff token is refused with a message on `sumber`; nothing is
    stored (a public report would stay hidden until verified and look like a citizen's)."""
    r = post(client, h, body(sumber="publik"))
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "sumber",
            "message": "Only the public reporting form makes a report from the public. Leave "
            "the source empty, or choose media or hotline if the report reached you that way.",
        }
    ]
    assert not Kejadian.objects.exists()


@pytest.mark.parametrize(
    ("lembaga", "dikirim", "disimpan"),
    [
        ("bawaslu_madiun", None, "petugas"),
        ("bawaslu_madiun", "pemangku", "petugas"),
        ("polres_madiun", None, "pemangku"),
        ("polres_madiun", "petugas", "pemangku"),
        ("polres_madiun", "hotline", "hotline"),
        ("kpu_madiun", "media", "media"),
    ],
)
def test_the_server_decides_the_source(
    client, bearer, pengguna_uji, kategori, lembaga, dikirim, disimpan
):
    """KPU/Bawaslu staff report as `petugas`, other organizations as `pemangku`, whatever the
    body says; only `media` and `hotline` (how a relayed report reached them) are taken."""
    extra = {} if dikirim is None else {"sumber": dikirim}
    r = post(client, bearer(pengguna_uji(lembaga, "operator")), body(**extra))
    assert r.status_code == 201, r.content
    assert Kejadian.objects.get(ref=r.json()["ref"]).sumber == disimpan


def test_masked_reporter_in_the_api_and_the_page(client, rute, pengguna_uji, bearer):
    """A handling organization's operator reads the verified public report: no name, no
    phone, `pelapor_dilindungi`, and the page says the identity is protected."""
    from sinergi.kejadian import services

    k = services.kejadian_lapor_publik(
        ip="1.2.3.4",
        kategori="politik_uang",
        kode_wilayah="35.19",
        waktu_kejadian=lalu(),
        uraian="Ada serangan fajar",
        nama_pelapor="Siti Warga",
        kontak_pelapor="0812-3456-7890",
    )
    verifikator = pengguna_uji("bawaslu_madiun", "koordinator")
    services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok")
    polres = pengguna_uji("polres_madiun", "operator")
    data = client.get(f"{URL}/{k.ref}", headers=bearer(polres)).json()
    assert (data["nama_pelapor"], data["kontak_pelapor"], data["pelapor_dilindungi"]) == (
        None,
        None,
        True,
    )
    client.force_login(polres)
    html = client.get(f"/kejadian/{k.ref}/").content.decode()
    assert "Siti Warga" not in html and "0812-3456-7890" not in html
    assert "Reporter's identity protected" in html
    data = client.get(f"{URL}/{k.ref}", headers=bearer(verifikator)).json()
    assert (data["kontak_pelapor"], data["pelapor_dilindungi"]) == ("0812-3456-7890", False)
