"""Incident pages show times with the region's zone and chart ranges as dates people read,
in the page's language (sinergi.core.format)."""

import datetime as dt
import re

from django.utils import translation

from sinergi.core import format as fmt
from sinergi.core.waktu import hari_ini
from sinergi.kejadian.tests.conftest import lalu


def test_antrean_waktu_dengan_zona(client, lapor, verifikator, settings):
    """The triage queue gives each incident's time with its zone, in Indonesian "04.58 WIB"
    style, and in English "04:58 WIB" style."""
    w = lalu(1)
    lapor(waktu_kejadian=w)
    client.force_login(verifikator)
    with translation.override("en"):
        inggris = fmt.waktu(w, "WIB", pendek=True)
    assert inggris in client.get("/kejadian/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    with translation.override("id"):
        indonesia = fmt.waktu(w, "WIB", pendek=True)
    assert re.search(r"\d\d\.\d\d WIB$", indonesia)
    assert indonesia in client.get("/kejadian/").content.decode()


def test_dasbor_rentang_grafik_bukan_iso(client, lapor, verifikator):
    """Under the incidents-per-day chart the period reads as a date range ("Nov 27 – Dec 3,
    2026"), and each bar's label as a date, not "2026-11-27"."""
    lapor()
    client.force_login(verifikator)
    html = client.get("/kejadian/peringatan/dasbor/", {"hari": 7}).content.decode()
    akhir = hari_ini("WIB")
    with translation.override("en"):
        assert fmt.rentang(akhir - dt.timedelta(days=6), akhir) in html
        assert f'title="{fmt.tanggal(akhir, pendek=True)}: ' in html
    assert not re.search(r"20\d\d-\d\d-\d\d", html.split("<main", 1)[1].split("<script", 1)[0])
