import datetime as dt

import pytest
from icalendar import Calendar

D = dt.date
URL = "/api/v1/pemilu/pemilu-2024/tahapan"


def test_pemilu_list(client, referensi):
    """The shipped elections are listed, paginated: the two 2024 ones, the 2029 draft and the
    continuous work between cycles."""
    r = client.get("/api/v1/pemilu")
    assert r.status_code == 200
    assert r.json()["count"] == 4
    items = {p["slug"]: p for p in r.json()["items"]}
    assert set(items) == {"pemilu-2029", "pemilu-2024", "pilkada-2024", "antar-pemilu"}
    assert [p["slug"] for p in r.json()["items"]][-1] == "antar-pemilu"  # no voting day: last
    draf = items["pemilu-2029"]
    assert (draf["status"], draf["resmi"], draf["label_status"]) == (
        "rancangan",
        False,
        "rancangan — belum resmi",
    )
    resmi = items["pemilu-2024"]
    assert (resmi["status"], resmi["resmi"], resmi["label_status"]) == ("resmi", True, "")
    assert resmi["pkpu_jadwal"] == "PKPU 3/2022" and resmi["sumber"] and resmi["keyakinan"] == "H"


def test_pemilu_detail_carries_statutory_list(client, referensi):
    """The election detail lists the eleven statutory stages and its calendar link."""
    data = client.get("/api/v1/pemilu/pemilu-2024").json()
    assert data["hari_pemungutan"] == "2024-02-14"
    assert len(data["tahapan_uu"]) == 11
    assert data["kalender"].endswith("/api/v1/pemilu/pemilu-2024/kalender.ics")


def test_unknown_slug_is_404_naming_it(client, referensi):
    """An unknown election answers 404 with a message naming the slug."""
    r = client.get("/api/v1/pemilu/pemilu-1955/tahapan")
    assert r.status_code == 404
    assert r.json() == {"message": "Pemilu tidak dikenal: pemilu-1955.", "errors": []}


def test_active_on_10_december_2022(client, referensi):
    """aktif_pada=2022-12-10&utama=true: the five stages plus the ad hoc bodies."""
    r = client.get(URL, {"aktif_pada": "2022-12-10", "utama": "true"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert [i["kode"] for i in items] == ["T01", "T02", "T03", "T05", "T06", "AH"]
    t03 = items[2]
    assert t03["tanggal_mulai"] == "2022-07-29"
    assert t03["tanggal_selesai"] == "2022-12-13"
    assert t03["induk"] is None
    assert t03["sisa_hari"] == 3
    assert t03["aktif"] is True
    assert set(t03) >= {"kode", "nama", "nama_en", "tanggal_mulai", "tanggal_selesai", "induk"}


def test_induk_filter_gives_parent_code(client, referensi):
    """induk=T03 lists T03's sub-stages, each naming T03 as its parent."""
    items = client.get(URL, {"induk": "T03"}).json()["items"]
    assert len(items) == 11
    assert {i["induk"] for i in items} == {"T03"}


def test_range_filter(client, referensi):
    """dari/sampai returns the stages overlapping the range."""
    items = client.get(URL, {"dari": "2024-02-11", "sampai": "2024-02-13", "utama": "true"}).json()[
        "items"
    ]
    assert [i["kode"] for i in items] == ["T01", "T10", "AH"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"aktif_pada": "2024-02-30"}, "aktif_pada", None),
        ({"dari": "2024-02-01", "sampai": "2023-01-01"}, "sampai", "Tidak boleh sebelum dari."),
        (
            {"dari": "0001-01-01", "sampai": "9999-12-31"},
            "sampai",
            "Rentang terlalu panjang (paling banyak 7320 hari).",
        ),
        (
            {"aktif_pada": "2024-02-14", "dari": "2024-02-01"},
            "aktif_pada",
            "Gunakan aktif_pada atau dari/sampai, jangan keduanya.",
        ),
        ({"induk": "T99"}, "induk", "Kode tahapan tidak dikenal dalam pemilu ini."),
        ({"limit": "501"}, "limit", None),
    ],
)
def test_bad_input_is_422_naming_the_field(client, referensi, params, field, message):
    """Each kind of bad input answers 422 with the field named, never 500."""
    r = client.get(URL, params)
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert errors[0]["field"] == field
    if message:
        assert errors[0]["message"] == message


def test_invalid_date_message(client, referensi):
    """2024-02-30 is refused with the date-format message in Indonesian."""
    r = client.get(URL, {"aktif_pada": "2024-02-30"})
    assert r.json()["errors"] == [
        {
            "field": "aktif_pada",
            "message": "Tanggal tidak sah; gunakan format TTTT-BB-HH, mis. 2024-02-14.",
        }
    ]


def test_list_query_count_and_cache(client, referensi, django_assert_max_num_queries):
    """The list costs a handful of queries (no N+1), and none once cached."""
    with django_assert_max_num_queries(3):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get(URL).json()["count"] == 83


def _kalender(client):
    r = client.get("/api/v1/pemilu/pemilu-2024/kalender.ics")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(r.content)


def test_calendar_parses_back(client, referensi):
    """The .ics parses with a real iCalendar parser: name, all-day events, exclusive end."""
    cal = _kalender(client)
    assert str(cal["X-WR-CALNAME"]) == "Pemilihan Umum Tahun 2024"
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    # all 83 stages and sub-stages of Pemilu 2024 except the provincial DPRD swearing-ins (no
    # date gathered yet)
    assert len(events) == 83 - 1
    t03 = events["pemilu-2024.T03@sinergi.tahapan"]
    assert t03.decoded("DTSTART") == D(2022, 7, 29)
    assert t03.decoded("DTEND") == D(2022, 12, 14)  # exclusive: last day 13 Dec
    assert type(t03.decoded("DTSTART")) is dt.date
    assert t03["DTSTART"].params.get("VALUE") == "DATE"
    voting = events["pemilu-2024.T11.1@sinergi.tahapan"]
    assert (voting.decoded("DTSTART"), voting.decoded("DTEND")) == (D(2024, 2, 14), D(2024, 2, 15))


def test_calendar_uids_stable_and_unique(client, referensi):
    """UIDs are unique and the same on every request (subscribers update, not duplicate)."""
    from django.core.cache import cache

    pertama = [str(e["UID"]) for e in _kalender(client).walk("VEVENT")]
    cache.clear()
    kedua = [str(e["UID"]) for e in _kalender(client).walk("VEVENT")]
    assert pertama == kedua
    assert len(set(pertama)) == len(pertama)


def test_calendar_unknown_slug(client, referensi):
    """An unknown election's calendar is 404."""
    assert client.get("/api/v1/pemilu/tidak-ada/kalender.ics").status_code == 404
