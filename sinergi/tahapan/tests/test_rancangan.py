"""The next cycle: draft elections (rancangan), created and published by system admins only."""

import csv
import datetime as dt

import pytest

from sinergi.core.models import AuditEntry
from sinergi.tahapan import services
from sinergi.tahapan.models import Pemilu, Tahapan

D = dt.date
pytestmark = pytest.mark.django_db
BARU = {
    "cara": "salin",
    "sumber": "pemilu-2024",
    "slug": "pemilu-2029-uji",
    "nama": "Pemilu 2029 uji",
    "hari_pemungutan": "2029-02-14",
}


def _audit(pemilu: Pemilu) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="tahapan.pemilu", object_id=str(pemilu.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_law_periods_reproduce_pemilu_2024(referensi):
    """UU 7/2017's periods applied to 14 Feb 2024 give PKPU 3/2022's dates: tahapan start
    14 Jun 2022 (Ps 167(6)), rallies and media 21 Jan-10 Feb (Ps 276(2)), masa tenang
    11-13 Feb (Ps 278(1)), voting 14 Feb."""
    rows = {r["kode"]: r for r in services.jadwal_dari_uu(D(2024, 2, 14))}
    sama = {"T01": "T01", "T09": "T09.2", "T10": "T10", "T11": "T11.1"}
    for kode, kode_2024 in sama.items():
        t = Tahapan.objects.get(pemilu__slug="pemilu-2024", kode=kode_2024)
        if kode == "T01":
            assert (rows[kode]["tanggal_mulai"], rows[kode]["tanggal_selesai"]) == (
                None,
                t.tanggal_mulai,
            )
        else:
            assert (rows[kode]["tanggal_mulai"], rows[kode]["tanggal_selesai"]) == (
                t.tanggal_mulai,
                t.tanggal_selesai,
            ), kode


def test_shipped_2029_draft_is_the_law_periods_and_labelled(referensi):
    """The shipped Pemilu 2029 is a draft, its rows are exactly the law's periods for its
    (assumed) voting day, and every row says it is low confidence."""
    p = referensi["pemilu-2029"]
    assert (p.status, p.pkpu_jadwal, p.keyakinan) == ("rancangan", "", "L")
    harap = services.jadwal_dari_uu(p.hari_pemungutan)
    ada = {t.kode: t for t in p.tahapan.all()}
    assert set(ada) == {r["kode"] for r in harap}
    for r in harap:
        t = ada[r["kode"]]
        assert (t.tanggal_mulai, t.tanggal_selesai, t.keyakinan) == (
            r["tanggal_mulai"],
            r["tanggal_selesai"],
            "L",
        )
    assert ada["T01"].jenis_waktu == "tenggat"


def test_draft_page_and_api_are_labelled(client, referensi):
    """Public page and API show the draft only labelled "rancangan — belum resmi"."""
    html = client.get("/tahapan/pemilu-2029/").content.decode()
    assert "rancangan — belum resmi" in html
    assert "belum ditetapkan dengan Peraturan KPU" in html
    data = client.get("/api/v1/pemilu/pemilu-2029").json()
    assert (data["status"], data["resmi"], data["label_status"]) == (
        "rancangan",
        False,
        "rancangan — belum resmi",
    )
    ics = client.get("/api/v1/pemilu/pemilu-2029/kalender.ics").content.decode()
    assert "[Rancangan - belum resmi]" in ics.replace("\r\n ", "")


def test_api_copy_creates_draft_with_stages_and_regulations(
    client, referensi, admin_sistem, bearer
):
    """A system admin copies Pemilu 2024 to a new voting day: a draft, dates shifted, the
    general law still linked but not PKPU 3/2022 (made for 2024); audited."""
    from sinergi.regulasi.services import regulasi_load

    regulasi_load()
    assert not Pemilu.objects.filter(slug="pemilu-2029-uji").exists()
    r = client.post(
        "/api/v1/pemilu", BARU, content_type="application/json", headers=bearer(admin_sistem)
    )
    assert r.status_code == 201, r.content
    assert (r.json()["status"], r.json()["label_status"]) == (
        "rancangan",
        "rancangan — belum resmi",
    )
    baru = Pemilu.objects.get(slug="pemilu-2029-uji")
    t10 = baru.tahapan.get(kode="T10")
    assert (t10.tanggal_mulai, t10.tanggal_selesai) == (D(2029, 2, 11), D(2029, 2, 13))
    sebutan = {r.sebutan for r in baru.tahapan.get(kode="T01").regulasi.all()}
    assert "UU 7/2017" in sebutan and "PKPU 3/2022" not in sebutan
    assert _audit(baru) == ["create", "other"]


def test_api_law_periods_create_draft(client, referensi, admin_sistem, bearer):
    """`cara="uu"` builds the draft from the statute's periods."""
    data = {**BARU, "cara": "uu", "sumber": None, "hari_pemungutan": "2029-04-18"}
    r = client.post(
        "/api/v1/pemilu", data, content_type="application/json", headers=bearer(admin_sistem)
    )
    assert r.status_code == 201, r.content
    t10 = Tahapan.objects.get(pemilu__slug="pemilu-2029-uji", kode="T10")
    assert (t10.tanggal_mulai, t10.tanggal_selesai) == (D(2029, 4, 15), D(2029, 4, 17))


def test_api_law_periods_refused_for_pilkada(client, referensi, admin_sistem, bearer):
    """Periods from the law exist here for Pemilu only: a Pilkada gets a clear 422."""
    data = {**BARU, "cara": "uu", "jenis": "pemilihan"}
    r = client.post(
        "/api/v1/pemilu", data, content_type="application/json", headers=bearer(admin_sistem)
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "jenis",
            "message": "Periode dari undang-undang hanya tersedia untuk Pemilu (UU 7/2017); "
            "salin pemilu sebelumnya sebagai gantinya.",
        }
    ]
    assert not Pemilu.objects.filter(slug="pemilu-2029-uji").exists()


def test_api_copy_unknown_source_message(client, referensi, admin_sistem, bearer):
    """Copying without a known source names the field."""
    data = {**BARU, "sumber": "tidak-ada"}
    r = client.post(
        "/api/v1/pemilu", data, content_type="application/json", headers=bearer(admin_sistem)
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "sumber", "message": "Pilih pemilu yang akan disalin."}]


def test_api_create_hidden_from_national_kpu_leadership(client, referensi, pengguna_uji, bearer):
    """KPU RI leadership may manage reference data but not drafts: 404, nothing created."""
    u = pengguna_uji("kpu_ri", "koordinator")
    r = client.post("/api/v1/pemilu", BARU, content_type="application/json", headers=bearer(u))
    assert r.status_code == 404
    assert not Pemilu.objects.filter(slug="pemilu-2029-uji").exists()


def test_publish_needs_the_pkpu_then_makes_it_official(client, referensi, admin_sistem, bearer):
    """Publishing names the PKPU; without it 422 with the exact message; then official,
    audited, and a second publish is refused."""
    h = bearer(admin_sistem)
    url = "/api/v1/pemilu/pemilu-2029/terbitkan"
    r = client.post(url, {"pkpu_jadwal": " "}, content_type="application/json", headers=h)
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "pkpu_jadwal", "message": "Sebutkan Peraturan KPU yang menetapkan jadwal ini."}
    ]
    assert Pemilu.objects.get(slug="pemilu-2029").status == "rancangan"
    r = client.post(url, {"pkpu_jadwal": "PKPU 1/2027"}, content_type="application/json", headers=h)
    assert r.status_code == 200
    p = Pemilu.objects.get(slug="pemilu-2029")
    assert (p.status, p.pkpu_jadwal) == ("resmi", "PKPU 1/2027")
    assert _audit(p)[-1] == "update"
    r = client.post(url, {"pkpu_jadwal": "PKPU 2/2027"}, content_type="application/json", headers=h)
    assert r.status_code == 422
    assert r.json()["errors"][0]["message"] == "Pemilu ini sudah resmi."


def test_reload_keeps_a_published_draft_published(referensi):
    """An administrator's publication survives `sinergi up` reloading the shipped draft."""
    services.pemilu_terbitkan(
        pelaku=None, pemilu=referensi["pemilu-2029"], pkpu_jadwal="PKPU 1/2027"
    )
    services.tahapan_load()
    assert Pemilu.objects.get(slug="pemilu-2029").status == "resmi"


def test_page_create_draft_by_copy(client, referensi, admin_sistem):
    """The page form copies an election into a draft and opens it."""
    client.force_login(admin_sistem)
    assert client.get("/tahapan/kelola/baru/").status_code == 200
    r = client.post("/tahapan/kelola/baru/", BARU)
    assert r.status_code == 302 and r["Location"] == "/tahapan/pemilu-2029-uji/"
    assert Pemilu.objects.get(slug="pemilu-2029-uji").rancangan


def test_page_create_bad_input_message(client, referensi, admin_sistem):
    """An existing slug is refused on the form with the Indonesian message; nothing changes."""
    client.force_login(admin_sistem)
    n = Pemilu.objects.count()
    r = client.post("/tahapan/kelola/baru/", {**BARU, "slug": "pemilu-2024"})
    assert r.status_code == 400
    assert "Pemilu dengan slug ini sudah ada." in r.content.decode()
    assert Pemilu.objects.count() == n


def test_page_publish_by_admin(client, referensi, admin_sistem):
    """The publish form on the draft's page makes it official."""
    client.force_login(admin_sistem)
    assert "Terbitkan jadwal ini" in client.get("/tahapan/pemilu-2029/").content.decode()
    r = client.post("/tahapan/pemilu-2029/terbitkan/", {"pkpu_jadwal": "PKPU 1/2027"})
    assert r.status_code == 302
    assert Pemilu.objects.get(slug="pemilu-2029").status == "resmi"


def test_shipped_2029_csv_rows_name_their_assumption():
    """Every shipped 2029 row says its voting day is an assumption."""
    from sinergi.tahapan.services import DATA_DIR

    with (DATA_DIR / "tahapan.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["pemilu"] == "pemilu-2029"]
    assert rows and all("asumsi perencanaan" in r["sumber"] for r in rows)
