"""Facts corrected in issue #15, one test per fact, each naming its public source."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from sinergi.tahapan import selectors
from sinergi.tahapan.models import Tahapan

D = dt.date
DATA = Path(__file__).resolve().parents[1] / "data"
pytestmark = pytest.mark.django_db


def _t(slug: str, kode: str) -> Tahapan:
    return Tahapan.objects.get(pemilu__slug=slug, kode=kode)


def _aktif(slug: str, tanggal: dt.date) -> set[str]:
    return {
        t.kode
        for t in selectors.tahapan_list(pemilu=selectors.pemilu_get(slug), aktif_pada=tanggal)
    }


@pytest.fixture
def hari(monkeypatch):
    """Pin "today" (WIB) to a date."""

    def pin(tanggal: dt.date) -> None:
        saat = dt.datetime(tanggal.year, tanggal.month, tanggal.day, 5, tzinfo=dt.UTC)
        monkeypatch.setattr(timezone, "now", lambda: saat)

    return pin


def test_pilkada_p01_1_is_a_deadline_not_a_one_day_stage(referensi):
    """PKPU 2/2024 Lampiran gives planning only a last date, Friday 26 January 2024 (okezone
    2 Feb 2024, rbtv.disway): a deadline, never "running" on that day."""
    t = _t("pilkada-2024", "P01.1")
    assert (t.mulai_efektif, t.selesai_efektif, t.jenis_waktu) == (None, D(2024, 1, 26), "tenggat")
    assert "P01.1" not in _aktif("pilkada-2024", D(2024, 1, 26))
    tenggat = selectors.tenggat_mendatang(pemilu=t.pemilu, tanggal=D(2024, 1, 10))
    assert [(g.tahapan.kode, g.jenis, g.tanggal) for g in tenggat if g.tahapan.kode == "P01.1"] == [
        ("P01.1", "tenggat", D(2024, 1, 26))
    ]


@pytest.mark.parametrize("kode", ["P01.2", "P01.3"])
def test_pilkada_p01_2_and_3_are_deadlines_of_18_november(referensi, kode):
    """PKPU 2/2024 Lampiran (okezone 2 Feb 2024): only the last date, 18 November 2024."""
    t = _t("pilkada-2024", kode)
    assert (t.mulai_efektif, t.selesai_efektif, t.tenggat) == (None, D(2024, 11, 18), True)
    assert kode not in _aktif("pilkada-2024", D(2024, 11, 18))


def test_deadline_shown_as_paling_lambat_on_pages_and_api(client, referensi):
    """The stage page and the API say "paling lambat …" / jenis_waktu "tenggat"."""
    html = client.get("/tahapan/pilkada-2024/P01.1/").content.decode()
    assert "paling lambat 26 Januari 2024" in html
    items = client.get("/api/v1/pemilu/pilkada-2024/tahapan?induk=P01").json()["items"]
    p011 = next(i for i in items if i["kode"] == "P01.1")
    assert (p011["jenis_waktu"], p011["mulai_efektif"], p011["aktif"]) == ("tenggat", None, False)
    dalam = client.get("/api/v1/pemilu/pilkada-2024/tahapan?dari=2024-01-20&sampai=2024-01-31")
    assert "P01.1" in {i["kode"] for i in dalam.json()["items"]}


def test_deadline_in_the_calendar_feed_is_named_a_deadline(client, referensi):
    """In the .ics a deadline is one all-day event on its date, titled "[Paling lambat]"."""
    body = client.get("/api/v1/pemilu/pilkada-2024/kalender.ics").content.decode()
    assert "[Paling lambat] P01.1" in body.replace("\r\n ", "")


def test_dprd_swearing_ins_from_august_2024(referensi):
    """DPRD swearing-ins follow each DPRD's end of term: Kapuas 19 Aug 2024 (inikalteng),
    Trenggalek 26 Aug (dailyindonesia.co), Anambas 5 Sep (transkepri): T14 no longer starts on
    1 October."""
    t14 = _t("pemilu-2024", "T14")
    assert t14.mulai_efektif == D(2024, 8, 19)
    assert {"T14", "T14.1"} <= _aktif("pemilu-2024", D(2024, 8, 26))
    assert "T14" not in _aktif("pemilu-2024", D(2024, 8, 18))


def test_penetapan_hasil_ends_with_dpr_seats_on_25_august_2024(referensi):
    """KPU set DPR seats and members-elect in its plenary of Sunday 25 Aug 2024 (Keputusan KPU
    1205/2024; okezone 25 Aug 2024, infoaceh.net): T13 ends then, not on 24 April."""
    assert _t("pemilu-2024", "T13.3").tanggal_aktual == D(2024, 8, 25)
    assert _t("pemilu-2024", "T13").selesai_efektif == D(2024, 8, 25)


def test_t13_3_names_the_sources_of_both_seat_decisions(referensi):
    """T13.3's basis is Keputusan KPU 1204/2024 (parties over the threshold, tempo.co
    1908474) and 1205/2024 (seats, okezone 3054086): both sources are named."""
    t = _t("pemilu-2024", "T13.3")
    assert "1204/2024" in t.dasar_hukum and "1205/2024" in t.dasar_hukum
    assert "nasional.tempo.co/read/1908474" in t.sumber
    assert "news.okezone.com/read/2024/08/25/337/3054086" in t.sumber


@pytest.mark.parametrize(
    ("kode", "pasal", "kutipan"),
    [
        # wahananews.co quotes Pasal 276 ayat (2): 21 days ending when the quiet period starts
        ("T09", "Pasal 276 ayat (2)", "wahananews.co"),
        # tribunnews.com 11-12 Feb 2024 quotes Pasal 278 ayat (1): 3 days before voting day
        ("T10", "Pasal 278 ayat (1)", "tribunnews.com"),
    ],
)
def test_statute_periods_cite_quoted_article_text(kode, pasal, kutipan):
    """The periods the 2029 draft is computed from cite UU 7/2017 articles whose text stored
    news quotes; they are no longer "our reading" and are held with high confidence."""
    rows = json.loads((DATA / "periode_uu.json").read_text(encoding="utf-8"))
    r = next(r for r in rows if r["kode"] == kode)
    assert r["dasar_hukum"] == f"UU 7/2017 {pasal}"
    assert kutipan in r["sumber"] and "pembacaan kami" not in r["sumber"]
    assert r["keyakinan"] == "H"


def test_pilkada_runs_past_december_with_rulings_and_re_votes(referensi):
    """MK ruled the last disputes on 24 Feb 2025 and ordered re-votes in 24 regions with
    deadlines up to 9 Aug 2025 (intimediafocus 5 Mar 2025); Magetan: 4 TPS within 30 days
    (okezone 24 Feb 2025, Putusan 30/PHPU.BUP-XXIII/2025)."""
    assert _t("pilkada-2024", "P02.11.1").tanggal_aktual == D(2025, 2, 24)
    assert _t("pilkada-2024", "P02").selesai_efektif == D(2025, 8, 9)
    assert {"P02", "P02.13"} <= _aktif("pilkada-2024", D(2025, 3, 1))
    magetan = _t("pilkada-2024", "P02.13.1")
    assert (magetan.jenis_waktu, magetan.selesai_efektif) == ("tenggat", D(2025, 3, 22))


def test_on_3_december_2026_voter_list_updating_runs(referensi):
    """Between cycles KPU updates the voter list continuously (PDPB; national recap of the
    2nd half of 2025 on 17 Dec 2025, antaranews): it is what runs on 3 Dec 2026."""
    assert _aktif("antar-pemilu", D(2026, 12, 3)) == {"B01", "B01.2026"}
    assert [p.slug for p in selectors.pemilu_berjalan(D(2026, 12, 3))] == ["antar-pemilu"]
    assert _t("antar-pemilu", "B01.2025.1").tanggal_aktual == D(2025, 12, 17)


def test_voter_list_updating_still_runs_in_2027(referensi):
    """The updating does not stop when 2026 ends (a continuous duty under UU 7/2017 and PKPU
    1/2025): on 4 January 2027 something still runs, labelled as an estimate (M)."""
    assert _aktif("antar-pemilu", D(2027, 1, 4)) == {"B01", "B01.2027"}
    t = _t("antar-pemilu", "B01.2027")
    assert t.keyakinan == "M" and "belum ditetapkan" in t.catatan


def test_pdpb_rests_on_pkpu_1_2025(referensi):
    """The continuous updating's legal basis names PKPU 1/2025 (kab-karanganyar.kpu.go.id,
    kab-pamekasan.kpu.go.id, kota-sibolga.kpu.go.id, 2025), not only UU 7/2017."""
    for kode in ("B01", "B01.2025", "B01.2026", "B01.2027"):
        t = _t("antar-pemilu", kode)
        assert t.dasar_hukum == "UU 7/2017; PKPU 1/2025" and "PKPU 1/2025" in t.sumber
    assert "PKPU 1/2025" in referensi["antar-pemilu"].dasar_hukum


def test_home_page_today_shows_pdpb_running_and_2029_draft_upcoming(client, referensi, hari):
    """The public home page on 3 Dec 2026: the continuous updating runs, Pemilu 2029 is ahead
    and labelled as a draft."""
    hari(D(2026, 12, 3))
    html = client.get("/").content.decode()
    assert "Pemutakhiran data pemilih berkelanjutan (PDPB)" in html
    assert "Tidak ada tahapan pemilu yang berjalan" not in html
    bagian = html.split("Pemilu mendatang", 1)[1]
    assert "Pemilihan Umum Tahun 2029 (rancangan)" in bagian
    assert "rancangan — belum resmi" in bagian


def test_dashboard_today_shows_pdpb_and_2029_draft(client, referensi, hari, admin_sistem):
    """The staff dashboard on 3 Dec 2026 shows the same true picture as the home page."""
    hari(D(2026, 12, 3))
    client.force_login(admin_sistem)
    html = client.get("/dasbor/").content.decode()
    assert "Pemutakhiran data pemilih berkelanjutan (PDPB)" in html
    assert "rancangan — belum resmi" in html
