"""English mode is complete on the main pages: with English chosen, the public and staff pages
show no Indonesian interface words, with a day of work in the database (portal's `isi`).

What stays Indonesian on purpose is data: names of regions, organizations, people, what users
typed, regulation titles. The check strips every text stored in the database, except the
texts that must follow the reader's language: reference-data names that ship an English name
(`nama` next to `nama_en`: incident categories, organization types, elections, stages, alert
rules) and system messages stored as messages (inbox items, alerts: `*_pesan`). Whatever
Indonesian is left came from the code, a template or a stored translation.
"""

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]

# Indonesian words of the interface (buttons, headings, labels, dates, sentences). A word that
# an English msgid keeps on purpose (a legal term in brackets, e.g. "(kurang rawan)") is taken
# out below, so the list can stay plain.
KATA_INDONESIA = """
    belum tidak ada simpan hari ini kemarin besok kegiatan laporan pengumuman tindak lanjut
    kejadian peringatan undangan kotak masuk dibaca semua ubah hapus kirim batal keluar masuk
    kembali cari sebelumnya berikutnya halaman lembaga tahapan yang dan untuk dengan dari oleh
    pada baru sudah anda tenggat terlambat lonjakan kategori politik uang
    januari februari maret mei juni juli agustus oktober desember
    senin selasa rabu kamis jumat sabtu minggu
""".split()

HALAMAN_PUBLIK = [
    "/",
    "/tahapan/",
    "/tahapan/pemilu-2024/",
    "/kejadian/publik/",
    "/kejadian/publik/lapor/",
    "/tahapan/pemilu-2024/linimasa/",
    "/wilayah/",
    "/kerawanan/",
    "/kerawanan/ikp-2024/",
    "/pemangku/tupoksi/",
]
HALAMAN_STAF = [
    "/dasbor/",
    "/kejadian/",
    "/kejadian/lapor/",
    "/kejadian/peringatan/",
    "/komunikasi/",
    "/komunikasi/pengumuman/",
    "/kegiatan/",
    "/kegiatan/cakupan/",
    "/komunikasi/diskusi/",
    "/komunikasi/materi/",
    "/tindak-lanjut/",
    "/pemangku/",
    "/akun/saya/",
]


def _kata_msgid() -> set[str]:
    """Every word of every English msgid the product ships."""
    kata = set()
    for po in ROOT.glob("*/locale/id/LC_MESSAGES/django.po"):
        dalam_msgid = False
        for baris in po.read_text(encoding="utf-8").splitlines():
            if baris.startswith("msgid"):
                dalam_msgid = True
            elif not baris.startswith('"'):
                dalam_msgid = False  # msgstr (the Indonesian) or a comment
            if dalam_msgid:  # placeholders are names, not words: %(belum)s, {{ n }}
                baris = re.sub(r"%\(\w+\)s|\{\{[^}]*\}\}", " ", baris)
                kata |= {k.lower() for k in re.findall(r"[^\W\d_]+", baris)}
    return kata


class _Teks(HTMLParser):
    """The text a person reads: text nodes (no script/style) and visible attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.teks: list[str] = []
        self.skrip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skrip += 1
        for nama, nilai in attrs:
            if nilai and nama in ("title", "alt", "placeholder", "aria-label"):
                self.teks.append(nilai)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skrip = max(0, self.skrip - 1)

    def handle_data(self, data):
        if not self.skrip and data.strip():
            self.teks.append(data.strip())


def _teks_data() -> list[str]:
    """Every text stored in the database that is data, longest first (see the module doc)."""
    hasil = set()
    for model in apps.get_models():
        kolom = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        nama_kolom = {f.name for f in model._meta.concrete_fields}
        for row in model.objects.values(*kolom, *({"nama_en"} & nama_kolom)):
            for f in kolom:
                nilai = row[f]
                if not nilai or len(nilai) < 2:
                    continue
                if f == "nama" and row.get("nama_en"):
                    continue  # reference data: must show its English name
                hasil.add(nilai)
    for model, kolom in (("komunikasi.Notifikasi", "judul isi"), ("kejadian.Peringatan", "judul")):
        model = apps.get_model(model)
        for f in kolom.split():  # a stored message must be shown in the reader's language
            if f"{f}_pesan" not in {x.name for x in model._meta.fields}:
                hasil -= set(model.objects.values_list(f, flat=True))  # no messages at all
                continue
            tersimpan = model.objects.exclude(**{f"{f}_pesan": None})
            hasil -= set(tersimpan.values_list(f, flat=True))
    return sorted(hasil, key=len, reverse=True)


def kata_indonesia_di(html: str, data: list[str], boleh: set[str]) -> list[str]:
    """The Indonesian interface words left in a page once the data is taken out."""
    parser = _Teks()
    parser.feed(html)
    rata = [" ".join(d.split()) for d in data]

    def dipendekkan(t: str) -> bool:  # data shortened for display (truncatewords) is data
        t = " ".join(t.split()).strip(" …")
        return len(t) >= 20 and any(d.startswith(t) for d in rata)

    teks = "\n".join(t for t in parser.teks if not dipendekkan(t))
    for d in data:
        teks = teks.replace(d, " ")
    kata = {k.lower() for k in re.findall(r"[^\W\d_]+", teks)}
    return sorted(k for k in kata if k in KATA_INDONESIA and k not in boleh)


@pytest.fixture
def referensi(db):
    """The shipped reference data with its English names (before the test organizations)."""
    from sinergi.kerawanan.services import muat_referensi
    from sinergi.pemangku.services import jenis_lembaga_load
    from sinergi.tahapan.services import tahapan_load

    jenis_lembaga_load()
    tahapan_load()
    muat_referensi()


@pytest.fixture
def hari_kerja(referensi, isi, lembaga_uji, pengguna_uji):
    """Portal's day of work, plus what the English reader must see translated: inbox items
    written by the system (an invitation, a follow-up) and an alert raised by a shipped rule."""
    from django.core.cache import cache

    from sinergi.kegiatan.models import Kegiatan
    from sinergi.kejadian import peringatan
    from sinergi.kejadian.models import AturanPeringatan, Kejadian
    from sinergi.komunikasi import services as komunikasi
    from sinergi.tindak_lanjut.models import TindakLanjut

    madiun = lembaga_uji["kpu_madiun"]
    rakor = Kegiatan.objects.get(judul="Rakor pemutakhiran Jawa Timur")
    komunikasi.notifikasi_undangan(rakor.pk, [madiun.pk])
    komunikasi.notifikasi_tindak_lanjut(TindakLanjut.objects.filter(lembaga=madiun).first().pk)
    waktu = timezone.now() - dt.timedelta(hours=3)
    Kejadian.objects.bulk_create(
        Kejadian(
            kategori_id="politik_uang",
            wilayah_id="35.19.01.2001",
            waktu_kejadian=waktu,
            zona_waktu="WIB",
            uraian="x",
            kerahasiaan="PUBLIC",
        )
        for _ in range(5)
    )
    peringatan.aturan_evaluasi(AturanPeringatan.objects.get(kode="lonjakan-politik-uang"))
    cache.clear()
    return isi


def _periksa(client, halaman: list[str]) -> dict[str, list[str]]:
    data, boleh = _teks_data(), _kata_msgid()
    sisa = {}
    for url in halaman:
        r = client.get(url)
        assert r.status_code == 200, url
        kata = kata_indonesia_di(r.content.decode(), data, boleh)
        if kata:
            sisa[url] = kata
    return sisa


def test_detector_finds_indonesian_interface_words():
    """The check itself: Indonesian interface words are found, data and scripts are not."""
    html = "<h1>Belum ada laporan</h1><p>Kabupaten Madiun</p><script>var dan = 1;</script>"
    assert kata_indonesia_di(html, ["Kabupaten Madiun"], set()) == ["ada", "belum", "laporan"]
    assert kata_indonesia_di("<p>Nothing yet</p>", [], set()) == []


def test_public_pages_in_english_have_no_indonesian_interface(client, settings, hari_kerja):
    """With English chosen, the public pages (home, stages, incidents, regions, vulnerability)
    show no Indonesian interface words."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _periksa(client, HALAMAN_PUBLIK) == {}


def test_staff_pages_in_english_have_no_indonesian_interface(client, settings, hari_kerja):
    """With English chosen, a regency KPU operator's pages (dashboard, incidents, alerts, inbox,
    announcements, events, follow-ups, organizations, account) show no Indonesian interface
    words: incident categories, alert titles and inbox texts follow the reader's language."""
    client.force_login(hari_kerja)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _periksa(client, HALAMAN_STAF) == {}


def test_incident_pages_detail_in_english(client, settings, hari_kerja):
    """An incident's page and an alert's page show the category and the title in English."""
    from sinergi.kejadian.models import Kejadian, Peringatan

    client.force_login(hari_kerja)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    k = Kejadian.objects.filter(judul="Pembagian sembako di Balerejo").get()
    p = Peringatan.objects.exclude(judul_pesan=None).get()
    assert _periksa(client, [f"/kejadian/{k.ref}/", f"/kejadian/peringatan/{p.pk}/"]) == {}
    html = client.get(f"/kejadian/peringatan/{p.pk}/").content.decode()
    assert "Surge of vote buying in a regency/city — Kabupaten Madiun: 6 incidents" in html
    assert "(Vote buying (money politics)) in 3 days" in html


def test_the_same_pages_stay_indonesian_by_default(client, hari_kerja):
    """Without a choice the pages are Indonesian: the category and the inbox in Indonesian."""
    client.force_login(hari_kerja)
    assert "Politik uang" in client.get("/kejadian/").content.decode()
    kotak = client.get("/komunikasi/").content.decode()
    assert "Undangan: Rakor pemutakhiran Jawa Timur" in kotak
    assert "Tindak lanjut baru untuk lembaga Anda" in kotak
