import datetime as dt

from sinergi.tahapan import selectors

D = dt.date


def _utama(pemilu, tanggal):
    qs = selectors.tahapan_list(pemilu=pemilu, aktif_pada=tanggal, utama=True)
    return [t.kode for t in qs if t.kategori == "tahapan"]


def test_five_stages_run_on_10_december_2022(referensi):
    """Reference §1.4: on 10 Dec 2022 five Pasal 3 stages run (1, 2, 3, 5 and 6)."""
    assert _utama(referensi["pemilu-2024"], D(2022, 12, 10)) == ["T01", "T02", "T03", "T05", "T06"]


def test_ad_hoc_bodies_run_alongside_as_supporting_activity(referensi):
    """PPK formation (20 Nov-16 Dec 2022) runs on 10 Dec 2022, marked as supporting activity."""
    qs = selectors.tahapan_list(pemilu=referensi["pemilu-2024"], aktif_pada=D(2022, 12, 10))
    kategori = {t.kode: t.kategori for t in qs}
    assert kategori["AH"] == "pendukung"
    assert kategori["AH.1"] == "pendukung"


def test_december_2022_day_by_day_matches_reference_table(referensi):
    """Reference §1.4 table: 4 stages on 1-5 Dec, 5 on 6-13 Dec, 5 on 14 Dec, 4 on 15-31 Dec."""
    p = referensi["pemilu-2024"]
    assert len(_utama(p, D(2022, 12, 5))) == 4
    for hari in range(6, 14):
        assert len(_utama(p, D(2022, 12, hari))) == 5, hari
    assert _utama(p, D(2022, 12, 14)) == ["T01", "T02", "T04", "T05", "T06"]
    assert len(_utama(p, D(2022, 12, 15))) == 4


def test_both_ends_are_inclusive(referensi):
    """T06 is active on its first day (6 Dec) and T03 on its last day (13 Dec), not after."""
    p = referensi["pemilu-2024"]
    assert "T06" not in _utama(p, D(2022, 12, 5))
    assert "T06" in _utama(p, D(2022, 12, 6))
    assert "T03" in _utama(p, D(2022, 12, 13))
    assert "T03" not in _utama(p, D(2022, 12, 14))


def test_voting_day_2024(referensi):
    """14 Feb 2024: voting and counting run; the campaign and the quiet period are over."""
    p = referensi["pemilu-2024"]
    kode = [t.kode for t in selectors.tahapan_list(pemilu=p, aktif_pada=D(2024, 2, 14))]
    assert {"T11", "T11.1", "T11.2"} <= set(kode)
    assert "T09" not in kode
    assert "T10" not in kode
    assert "T02.5" in kode  # DPT announcement runs up to voting day


def test_sub_stage_runs_while_parent_has_ended(referensi):
    """On 1 Dec 2023 the DPT announcement (T02.5) runs although its parent T02 ended in June."""
    kode = [
        t.kode
        for t in selectors.tahapan_list(pemilu=referensi["pemilu-2024"], aktif_pada=D(2023, 12, 1))
    ]
    assert "T02.5" in kode
    assert "T02" not in kode


def test_contingency_not_reported_as_running(referensi):
    """The run-off (never held) does not show as running in June 2024."""
    kode = [
        t.kode
        for t in selectors.tahapan_list(pemilu=referensi["pemilu-2024"], aktif_pada=D(2024, 6, 10))
    ]
    assert not [k for k in kode if k.startswith("R2")]


def test_rule_only_stage_runs_on_its_actual_date(referensi):
    """T13.2 has only a rule; it counts on its actual date 24 Apr 2024 and nowhere else."""
    p = referensi["pemilu-2024"]
    kode = [t.kode for t in selectors.tahapan_list(pemilu=p, aktif_pada=D(2024, 4, 24))]
    assert "T13.2" in kode
    t = selectors.tahapan_get(p, "T13.2")
    assert t.tanggal_mulai is None and t.aturan_waktu
    assert selectors.tahapan_get(referensi["pilkada-2024"], "P02.10").mulai_efektif is None


def test_upcoming_deadlines_within_n_days(referensi):
    """From 10 Dec 2022, within 4 days: T03 ends on 13 Dec (3 days), T04 is on 14 Dec."""
    tenggat = selectors.tenggat_mendatang(
        pemilu=referensi["pemilu-2024"], tanggal=D(2022, 12, 10), hari=4
    )
    rows = [(g.tahapan.kode, g.jenis, g.hari_lagi) for g in tenggat]
    assert ("T03", "selesai", 3) in rows
    assert ("T04", "sehari", 4) in rows
    assert all(g.hari_lagi <= 4 for g in tenggat)


def test_overlap_with_range(pemilu_uji):
    """A range query returns the stages overlapping it, both ends inclusive."""
    pemilu, _t = pemilu_uji
    kode = [
        t.kode
        for t in selectors.tahapan_list(pemilu=pemilu, dari=D(2022, 12, 14), sampai=D(2022, 12, 31))
    ]
    assert kode == ["A.2", "B"]


def test_days_to_voting_day(referensi):
    """The countdown is 0 on voting day and negative after it."""
    p = referensi["pemilu-2024"]
    assert selectors.hari_menuju_pemungutan(p, D(2024, 2, 13)) == 1
    assert selectors.hari_menuju_pemungutan(p, D(2024, 2, 14)) == 0
    assert selectors.hari_menuju_pemungutan(p, D(2024, 2, 15)) == -1


def test_pilkada_voting_day(referensi):
    """27 Nov 2024: Pilkada voting day runs, with counting and recapitulation."""
    kode = [
        t.kode
        for t in selectors.tahapan_list(
            pemilu=referensi["pilkada-2024"], aktif_pada=D(2024, 11, 27)
        )
    ]
    assert {"P02", "P02.8", "P02.9"} <= set(kode)
    assert "P02.7" not in kode
