def test_index_on_10_december_2022_in_indonesian(client, referensi):
    """The page for 10 Dec 2022 is in Indonesian and lists the running stages with days left."""
    r = client.get("/tahapan/", {"tanggal": "2022-12-10"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Tahapan pada 10 Desember 2022" in html
    assert "Pendaftaran dan verifikasi Peserta Pemilu" in html
    assert "3 hari lagi" in html
    assert "hari menuju pemungutan suara" in html


def test_index_bad_date(client, referensi):
    """A bad date shows a clear message with status 400."""
    r = client.get("/tahapan/", {"tanggal": "2024-02-30"})
    assert r.status_code == 400
    assert "bukan tanggal yang sah" in r.content.decode()


def test_election_page_shows_statutory_list_and_calendar_link(client, referensi):
    """The election page shows Pasal 167 ayat (4) and the subscribe link."""
    html = client.get("/tahapan/pemilu-2024/").content.decode()
    assert "Pasal 167 ayat (4)" in html
    assert "webcal://" in html
    assert "Berlangganan kalender" in html


def test_timeline_month_zoom(client, referensi):
    """The month view of December 2022 draws the stages running that month."""
    r = client.get("/tahapan/pemilu-2024/linimasa/", {"zoom": "bulan", "bulan": "2022-12"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Penetapan Peserta Pemilu" in html
    assert "gantt-batang" in html


def test_timeline_year_zoom_today_line_when_in_window(client, pemilu_uji):
    """The year view has a voting-day line; stages out of the window are skipped."""
    r = client.get("/tahapan/pemilu-uji/linimasa/")
    assert r.status_code == 200
    assert "gantt-garis pemungutan" in r.content.decode()


def test_stage_page(client, referensi):
    """The stage page shows sub-stages, the rule, and responsible institutions."""
    from sinergi.regulasi.services import regulasi_load

    regulasi_load()
    html = client.get("/tahapan/pemilu-2024/T08/").content.decode()
    assert "Pendaftaran bakal pasangan calon" in html
    assert "PKPU 19/2023" in html
    assert "Lembaga penanggung jawab" in html


def test_unknown_stage_404(client, referensi):
    """An unknown stage code is 404."""
    assert client.get("/tahapan/pemilu-2024/T99/").status_code == 404


def test_home_page_has_today_summary(client, referensi):
    """The public home page carries the 'Tahapan hari ini' block."""
    html = client.get("/").content.decode()
    assert "Tahapan hari ini" in html


def test_hari_pemungutan_mengikuti_tanggal_yang_dipilih(client, referensi):
    """On a chosen past date that was voting day the page says "on that date", not "today";
    viewed on the real voting day it says "today"."""
    from sinergi.core.waktu import hari_ini

    r = client.get("/tahapan/pemilu-2024/", {"tanggal": "2024-02-14"})
    html = r.content.decode()
    assert "Pada tanggal itu hari pemungutan suara." in html
    assert "Hari ini hari pemungutan suara" not in html
    pemilu = referensi["pemilu-2024"]
    pemilu.hari_pemungutan = hari_ini()
    pemilu.save(update_fields=["hari_pemungutan"])
    html = client.get("/tahapan/pemilu-2024/").content.decode()
    assert "Hari ini hari pemungutan suara." in html
