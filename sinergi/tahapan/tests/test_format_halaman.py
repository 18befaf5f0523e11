"""The stage pages write dates the one Sinergi way and say "today" only about today."""

import re

from django.db import models


def _tenggat(html: str) -> str:
    m = re.search(r'<ul class="tenggat">.*?</ul>', html, re.S)
    assert m, "the page lists the next dates"
    return m.group(0)


def test_tanggal_pilihan_tidak_disebut_hari_ini(client, referensi):
    """On a chosen past date, a stage that ends on that very date is "on that date", the
    following ones "n days later", and the browser tab names the date, never "today"."""
    from sinergi.tahapan.models import Tahapan

    t = (
        Tahapan.objects.filter(pemilu__slug="pemilu-2024", tanggal_selesai__isnull=False)
        .exclude(tanggal_mulai=models.F("tanggal_selesai"))
        .order_by("tanggal_selesai")
        .first()
    )
    r = client.get("/tahapan/", {"tanggal": t.tanggal_selesai.isoformat()})
    tenggat = _tenggat(r.content.decode())
    assert "pada tanggal itu" in tenggat
    assert "hari ini" not in tenggat.lower()
    assert "lagi" not in tenggat  # "dalam 3 hari lagi" reads as from today
    judul = re.search(r"<title>(.*?)</title>", r.content.decode(), re.S).group(1)
    assert "hari ini" not in judul.lower()
    assert "Tahapan pada" in judul


def test_hari_ini_tetap_hari_ini(client, referensi):
    """Viewed today (no date chosen) the next dates still count from today."""
    html = client.get("/tahapan/").content.decode()
    if '<ul class="tenggat">' in html:
        assert "pada tanggal itu" not in _tenggat(html)
    assert "<title>Tahapan hari ini" in html


def test_periode_tahapan_sebagai_rentang(client, referensi):
    """A running stage's period is a short range ("6 Des 2022 – 25 Nov 2023" style), not two
    dates written separately or ISO dates."""
    html = client.get("/tahapan/", {"tanggal": "2022-12-10"}).content.decode()
    assert re.search(r"\d{1,2} [A-Z][a-z]{2} \d{4} – \d{1,2} [A-Z][a-z]{2} \d{4}", html)
    assert not re.search(r">\s*20\d\d-\d\d-\d\d", html)


def test_contoh_tanggal_dalam_bahasa_inggris(client, referensi, settings):
    """The example date chips follow the language: "December 10, 2022" in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/tahapan/").content.decode()
    assert "December 10, 2022" in html
    assert "10 Desember 2022" not in html
