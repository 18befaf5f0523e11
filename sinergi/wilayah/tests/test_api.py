import pytest

pytestmark = pytest.mark.django_db


def test_list_filters_by_level_and_parent(client, wilayah_mini):
    """Children of Jawa Timur at regency level come back paginated as {items, count}."""
    r = client.get("/api/v1/wilayah", {"tingkat": "kabupaten_kota", "induk": "35"})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 3
    assert [i["kode"] for i in body["items"]] == ["35.19", "35.21", "35.77"]
    assert body["items"][0] == {
        "kode": "35.19",
        "nama": "Kabupaten Madiun",
        "tingkat": "kabupaten_kota",
        "jenis": "kabupaten",
        "induk": "35",
        "zona_waktu": "WIB",
    }


def test_search_by_name_covers_all_levels(client, wilayah_mini):
    """`q` matches names case-insensitively at every level."""
    r = client.get("/api/v1/wilayah", {"q": "madiun"})
    assert [i["kode"] for i in r.json()["items"]] == ["35.19", "35.77"]


def test_search_within_parent_covers_the_subtree(client, wilayah_mini):
    """With `induk` and `q`, the search reaches below the direct children."""
    r = client.get("/api/v1/wilayah", {"induk": "35", "q": "balerejo"})
    assert [i["kode"] for i in r.json()["items"]] == ["35.19.01.2001"]


def test_list_query_count_is_constant(client, wilayah_mini, django_assert_max_num_queries):
    """A page of regions costs a count and a select, however many rows."""
    with django_assert_max_num_queries(3):
        r = client.get("/api/v1/wilayah", {"limit": 500})
    assert r.json()["count"] == 10


def test_detail_has_parents_and_zone(client, wilayah_mini):
    """One village comes with its ancestors, province first, and its time zone."""
    r = client.get("/api/v1/wilayah/35.19.01.2001")
    assert r.status_code == 200
    body = r.json()
    assert [p["kode"] for p in body["leluhur"]] == ["35", "35.19", "35.19.01"]
    assert body["zona_waktu"] == "WIB"
    assert body["jumlah_anak"] == 0


def test_old_code_resolves_to_todays_region(client, wilayah_mini):
    """A pre-2025 Papua Barat Daya code (92.01) answers with today's region (96.01)."""
    r = client.get("/api/v1/wilayah/92.01")
    assert r.status_code == 200
    assert r.json()["kode"] == "96.01"
    assert r.json()["zona_waktu"] == "WIT"


def test_unknown_code_is_404_json(client, wilayah_mini):
    """An unknown code answers 404 with a JSON message in Indonesian."""
    r = client.get("/api/v1/wilayah/99.99")
    assert r.status_code == 404
    assert r.json() == {"message": "Tidak ditemukan.", "errors": []}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"limit": 100000}, "limit", "Paling besar 500."),
        ({"limit": 0}, "limit", "Paling kecil 1."),
        ({"limit": "banyak"}, "limit", "Harus berupa bilangan bulat."),
        ({"offset": -1}, "offset", "Paling kecil 0."),
        ({"induk": "77"}, "induk", "Kode wilayah tidak dikenal."),
        ({"q": "x" * 101}, "q", "Maksimal 100 karakter."),
    ],
)
def test_bad_parameters_answer_422_naming_the_field(client, wilayah_mini, params, field, message):
    """Malformed or absurd parameters get a 422 that names the field, never a 500."""
    r = client.get("/api/v1/wilayah", params)
    assert r.status_code == 422
    assert r.json() == {
        "message": "Ada parameter yang tidak sah.",
        "errors": [{"field": field, "message": message}],
    }


def test_unknown_level_lists_the_choices(client, wilayah_mini):
    """A wrong `tingkat` says which values are allowed."""
    r = client.get("/api/v1/wilayah", {"tingkat": "kota"})
    assert r.status_code == 422
    error = r.json()["errors"][0]
    assert error["field"] == "tingkat"
    assert error["message"].startswith("Harus salah satu dari:")
    assert "kabupaten_kota" in error["message"]


def test_openapi_and_docs_are_served(client, db):
    """The OpenAPI schema and its documentation page are served by the app."""
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/wilayah/{kode}" in schema.json()["paths"]
    assert client.get("/api/v1/docs").status_code == 200
