def test_search_api_kampanye_and_berkampanye(client, katalog):
    """Both word forms find PKPU 15/2023 first, with a highlighted snippet."""
    for q in ["kampanye", "berkampanye"]:
        r = client.get("/api/v1/regulasi", {"q": q})
        assert r.status_code == 200
        first = r.json()["items"][0]
        assert (first["jenis"], first["nomor"], first["tahun"]) == ("pkpu", "15", 2023)
        assert "<mark>" in first["cuplikan"]
        assert set(first) >= {"id", "jenis", "nomor", "tahun", "judul", "status"}


def test_filters(client, katalog):
    """jenis, tahun and status filter the catalogue."""
    items = client.get(
        "/api/v1/regulasi", {"jenis": "pkpu", "tahun": 2023, "status": "diubah"}
    ).json()["items"]
    assert {(i["nomor"]) for i in items} == {"15", "19"}


def test_list_query_count(client, katalog, django_assert_max_num_queries):
    """The catalogue list takes a fixed number of queries."""
    with django_assert_max_num_queries(3):
        r = client.get("/api/v1/regulasi", {"limit": 100})
    assert r.json()["count"] == 57  # 54 + Keputusan KPU 1204, 1205/2024 and PKPU 1/2025 (#15)


def test_bad_kind_is_422(client, katalog):
    """An unknown kind is refused naming the field."""
    r = client.get("/api/v1/regulasi", {"jenis": "qanun"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "jenis"


def test_bad_year_is_422(client, katalog):
    """An absurd year is refused naming the field."""
    r = client.get("/api/v1/regulasi", {"tahun": 20230})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "tahun"


def test_detail_with_chain_and_stages(client, katalog):
    """The detail shows what amended it, the chain and the stages it governs."""
    r = client.get(f"/api/v1/regulasi/{katalog['pkpu:15/2023'].pk}")
    data = r.json()
    assert [x["sebutan"] for x in data["diubah_oleh"]] == ["PKPU 20/2023"]
    assert [lk["regulasi"]["sebutan"] for lk in data["rantai"]] == ["PKPU 15/2023", "PKPU 20/2023"]
    assert {"pemilu": "pemilu-2024", "kode": "T09", "nama": "Masa Kampanye Pemilu"} in data[
        "tahapan"
    ]


def test_unknown_regulation_404(client, katalog):
    """An unknown id is 404 with a message naming it."""
    r = client.get("/api/v1/regulasi/999999")
    assert r.status_code == 404
    assert r.json()["message"] == "Regulasi tidak dikenal: 999999."
