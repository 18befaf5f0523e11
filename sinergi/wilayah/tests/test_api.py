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
