import pytest

from sinergi.core.models import AuditEntry
from sinergi.pemangku.models import Kontak, Lembaga


@pytest.fixture
def masuk(client, user):
    def f(key, peran):
        client.force_login(user(key, peran))
        return client

    return f


def test_lembaga_list_public_with_filters(client, org, django_assert_max_num_queries):
    """Anyone lists organizations; the region filter covers the subtree; queries are pinned."""
    with django_assert_max_num_queries(3):
        r = client.get("/api/v1/lembaga?wilayah=35&jenis=kpu")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 3
    assert {i["nama"] for i in body["items"]} == {
        "KPU Provinsi Jawa Timur",
        "KPU Kabupaten Madiun",
        "KPU Kabupaten Ngawi",
    }


def test_lembaga_list_bad_level_is_422(client, org):
    """An unknown level names the field."""
    r = client.get("/api/v1/lembaga?tingkat=desa")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "tingkat"


def test_lembaga_detail_and_unknown(client, org):
    """One organization by id; an unknown id is 404 JSON."""
    r = client.get(f"/api/v1/lembaga/{org['polres_madiun'].pk}")
    assert r.json()["induk"] == org["polda"].pk
    assert client.get("/api/v1/lembaga/999999").status_code == 404


def test_kontak_of_lembaga_scoped(masuk, kontak, org):
    """Madiun users get Polres Madiun's contacts; a Bali user gets 404."""
    url = f"/api/v1/lembaga/{org['polres_madiun'].pk}/kontak"
    r = masuk("kpu_madiun", "pengamat").get(url)
    assert r.status_code == 200
    assert [k["nama"] for k in r.json()["items"]] == ["Contoh Nama 01"]
    assert masuk("kpu_bali", "admin_lembaga").get(url).status_code == 404


def test_kontak_anonymous(client, kontak):
    """Anonymous visitors get an empty list and 404 on a contact."""
    assert client.get("/api/v1/kontak").json() == {"items": [], "count": 0}
    assert client.get(f"/api/v1/kontak/{kontak['madiun'].pk}").status_code == 404


def test_kontak_list_query_count(masuk, kontak, org, django_assert_max_num_queries):
    """The contact list of a national user is pinned in queries."""
    c = masuk("kpu_ri", "pengamat")
    for i in range(5):
        Kontak.objects.create(lembaga=org["kpu_ngawi"], nama=f"Contoh {i}", jabatan="Staf")
    with django_assert_max_num_queries(6):
        r = c.get("/api/v1/kontak?wilayah=35")
    assert r.json()["count"] == 6


def test_create_lembaga(masuk, org):
    """KPU Jatim's coordinator registers an organization: 201, audited."""
    r = masuk("kpu_jatim", "koordinator").post(
        "/api/v1/lembaga",
        {"nama": "Bakesbangpol Kabupaten Madiun", "jenis": "kesbangpol",
         "tingkat": "kabupaten_kota", "wilayah": "35.19", "telepon": "0351 123 456"},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 201, r.content
    assert r.json()["telepon"] == "+62351123456"
    assert AuditEntry.objects.filter(object_id=str(r.json()["id"]), action="create").exists()


def test_create_lembaga_errors(masuk, org):
    """Duplicate name and wrong region level answer 422 naming the field; nothing written."""
    c = masuk("kpu_jatim", "koordinator")
    before = Lembaga.objects.count()
    r = c.post(
        "/api/v1/lembaga",
        {"nama": "KPU Kabupaten Madiun", "jenis": "kpu", "tingkat": "kabupaten_kota",
         "wilayah": "35.19"},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "nama", "message": "“KPU Kabupaten Madiun” sudah terdaftar di Kabupaten Madiun."}
    ]
    r = c.post(
        "/api/v1/lembaga",
        {"nama": "X", "jenis": "kpu", "tingkat": "provinsi", "wilayah": "35.19"},
        content_type="application/json",
    )
    assert r.json()["errors"][0]["field"] == "wilayah"
    assert Lembaga.objects.count() == before


def test_create_lembaga_anonymous_and_forbidden(client, masuk, org):
    """Anonymous: 401; KPU Bali leadership: 404; nothing written."""
    data = {"nama": "X", "jenis": "kesbangpol", "tingkat": "kabupaten_kota", "wilayah": "35.19"}
    before = Lembaga.objects.count()
    assert client.post("/api/v1/lembaga", data, content_type="application/json").status_code == 401
    r = masuk("kpu_bali", "koordinator").post(
        "/api/v1/lembaga", data, content_type="application/json"
    )
    assert r.status_code == 404
    assert Lembaga.objects.count() == before


def test_kontak_create_bad_phone(masuk, org):
    """A bad phone number is a 422 on `telepon`, in Indonesian; nothing written."""
    r = masuk("polres_madiun", "operator").post(
        f"/api/v1/lembaga/{org['polres_madiun'].pk}/kontak",
        {"nama": "Contoh", "jabatan": "Kasat Intelkam", "telepon": "12345"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "telepon",
            "message": "Masukkan nomor telepon Indonesia yang diawali +62, 62, atau 0, "
            "misalnya 0812-3456-7890.",
        }
    ]
    assert not Kontak.objects.exists()


def test_kontak_patch(masuk, kontak):
    """The Polres operator updates its contact; a Ngawi operator gets 404 and nothing changes."""
    url = f"/api/v1/kontak/{kontak['madiun'].pk}"
    r = masuk("kpu_ngawi", "operator").patch(url, {"jabatan": "X"}, content_type="application/json")
    assert r.status_code == 404
    r = masuk("polres_madiun", "operator").patch(
        url, {"jabatan": "Kasat Intelkam (Plt.)"}, content_type="application/json"
    )
    assert r.status_code == 200
    kontak["madiun"].refresh_from_db()
    assert kontak["madiun"].jabatan == "Kasat Intelkam (Plt.)"


def test_tupoksi_filter(client, tupoksi, django_assert_max_num_queries):
    """Duties of a stage by code and election; an unknown stage is 422."""
    with django_assert_max_num_queries(6):
        r = client.get("/api/v1/tupoksi?pemilu=pemilu-2024&tahapan=T09.1")
    assert {t["kode"] for t in r.json()["items"]} == {"kpu-umum", "media-kampanye"}
    r = client.get("/api/v1/tupoksi?pemilu=pemilu-2024&tahapan=T99")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "tahapan"


def test_reparenting_another_organization_is_refused(masuk, org, user):
    """KPU Jatim's admin cannot move Polres Madiun under KPU Jatim (which would let it manage
    Polres Madiun's members and audit trail): 422 on `induk`, unchanged, not audited."""
    from sinergi.akses import rules

    pelaku = user("kpu_jatim", "admin_lembaga")
    polres = org["polres_madiun"]
    assert not rules.dapat_kelola_anggota(pelaku, polres)
    r = masuk("kpu_jatim", "admin_lembaga").patch(
        f"/api/v1/lembaga/{polres.pk}", {"induk": org["kpu_jatim"].pk},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "induk",
            "message": "Hanya administrator sistem yang dapat mengubah lembaga induk.",
        }
    ]
    polres.refresh_from_db()
    assert polres.induk_id == org["polda"].pk
    assert not rules.dapat_kelola_anggota(pelaku, polres)
    assert not AuditEntry.objects.filter(object_type="pemangku.lembaga", action="update").exists()


def test_organization_cannot_detach_itself(masuk, org):
    """Polres Madiun's own admin cannot clear its parent (Polda Jatim): 422, unchanged."""
    polres = org["polres_madiun"]
    r = masuk("polres_madiun", "admin_lembaga").patch(
        f"/api/v1/lembaga/{polres.pk}", {"induk": None}, content_type="application/json"
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "induk"
    polres.refresh_from_db()
    assert polres.induk_id == org["polda"].pk


def test_patch_with_the_same_parent_is_allowed(masuk, org):
    """Sending the current `induk` back with other changes is not a move: 200."""
    polres = org["polres_madiun"]
    r = masuk("polda", "admin_lembaga").patch(
        f"/api/v1/lembaga/{polres.pk}", {"induk": org["polda"].pk, "alamat": "Jl. Uji 2"},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 200, r.content
    polres.refresh_from_db()
    assert (polres.induk_id, polres.alamat) == (org["polda"].pk, "Jl. Uji 2")


def test_system_admin_moves_an_organization(masuk, org):
    """A system administrator may change `induk`; the move is audited."""
    polres = org["polres_madiun"]
    r = masuk(None, "admin_sistem").patch(
        f"/api/v1/lembaga/{polres.pk}", {"induk": None}, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    polres.refresh_from_db()
    assert polres.induk_id is None
    entry = AuditEntry.objects.get(object_type="pemangku.lembaga", action="update")
    assert entry.before == {"induk": org["polda"].pk}


def test_create_under_a_parent_you_do_not_govern_is_refused(masuk, org):
    """KPU Jatim's coordinator cannot register an organization under Polda Jatim (which it
    does not govern): 422 on `induk`, nothing written; under KPU Jatim itself it may."""
    c = masuk("kpu_jatim", "koordinator")
    data = {"nama": "Polsek Uji", "jenis": "polri", "tingkat": "kabupaten_kota",
            "wilayah": "35.19", "induk": org["polda"].pk}  # fmt: skip
    before = Lembaga.objects.count()
    r = c.post("/api/v1/lembaga", data, content_type="application/json")
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "induk",
            "message": "Lembaga baru hanya dapat ditempatkan di bawah lembaga Anda sendiri atau "
            "lembaga di bawahnya.",
        }
    ]
    assert Lembaga.objects.count() == before
    data.update(jenis="kesbangpol", nama="Bakesbangpol Uji", induk=org["kpu_jatim"].pk)
    r = c.post("/api/v1/lembaga", data, content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["induk"] == org["kpu_jatim"].pk
