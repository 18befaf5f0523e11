"""Inbox items in the reader's language: stored as messages, shown translated; items written
before (plain Indonesian text) are turned into messages by a data migration."""

import datetime as dt
import importlib

import pytest
from django.utils import translation

from sinergi.core.pesan import Pesan, Waktu
from sinergi.core.waktu import format_lokal
from sinergi.komunikasi.models import Notifikasi
from sinergi.komunikasi.services import notifikasi_kirim

lama = importlib.import_module("sinergi.komunikasi.migrations.0007_notifikasi_pesan_lama")


def test_message_is_stored_in_indonesian_and_shown_in_the_readers_language(pengguna_uji):
    """A system text sent while English is active is stored with its Indonesian text, and
    each reader sees it in their own language."""
    user = pengguna_uji("kpu_madiun", "operator")
    mulai = dt.datetime(2027, 12, 8, 2, 0, tzinfo=dt.UTC)
    with translation.override("en"):
        notifikasi_kirim(
            penerima=[user],
            jenis="undangan",
            judul=Pesan("Invitation: %(judul)s", judul="Rakor <b>DPB</b>"),
            isi=Pesan(
                "%(lembaga)s invites your organization; %(waktu)s.",
                lembaga="KPU Provinsi Jawa Timur",
                waktu=Waktu(mulai, "WIB"),
            ),
        )
    n = Notifikasi.objects.get()
    assert n.judul == "Undangan: Rakor DPB"  # markup removed from the parameters too
    with translation.override("id"):
        kapan = format_lokal(mulai, "WIB")
        assert n.isi_tampil == f"KPU Provinsi Jawa Timur mengundang lembaga Anda; {kapan}."
        assert "Desember" in kapan
    with translation.override("en"):
        kapan = format_lokal(mulai, "WIB")
        assert n.judul_tampil == "Invitation: Rakor DPB"
        assert n.isi_tampil == f"KPU Provinsi Jawa Timur invites your organization; {kapan}."
        assert "December" in kapan


def test_typed_text_is_shown_as_written(pengguna_uji):
    """A plain string (what a person typed) has no message and is shown as written."""
    user = pengguna_uji("kpu_madiun", "operator")
    notifikasi_kirim(penerima=[user], jenis="pengumuman", judul="Rapat pleno")
    n = Notifikasi.objects.get()
    assert n.judul_pesan is None
    with translation.override("en"):
        assert n.judul_tampil == "Rapat pleno"


@pytest.mark.parametrize(
    ("teks", "harapan"),
    [
        (
            "Undangan: Rakor pemutakhiran",
            {"msgid": "Invitation: %(judul)s", "param": {"judul": "Rakor pemutakhiran"}},
        ),
        (
            "Operator Madiun menyebut lembaga Anda di “APK”",
            {
                "msgid": "%(nama)s mentioned your organization in “%(judul)s”",
                "param": {"nama": "Operator Madiun", "judul": "APK"},
            },
        ),
        ("Rapat pleno DPT", None),
    ],
)
def test_old_titles_are_recognised(teks, harapan):
    """The migration recognises the system's own titles (in Indonesian or English) and leaves
    anything else alone."""
    assert lama.pesan_dari_teks(teks, lama.JUDUL) == harapan


def test_old_text_with_a_moment_is_read_back():
    """A moment written as '8 Desember 2027 09.00 WIB' becomes a moment again, so that it is
    formatted in the reader's language; an unreadable one keeps the text as written."""
    pesan = lama.pesan_dari_teks("Tenggat 8 Desember 2027 09.00 WIB.", lama.ISI)
    assert pesan == {
        "msgid": "Due %(tenggat)s.",
        "param": {"tenggat": {"waktu": "2027-12-08T02:00:00+00:00", "zona": "WIB"}},
    }
    with translation.override("en"):
        kapan = format_lokal(dt.datetime(2027, 12, 8, 2, 0, tzinfo=dt.UTC), "WIB")
        assert str(Pesan.dari(pesan)) == f"Due {kapan}."
    assert lama.pesan_dari_teks("Tenggat besok.", lama.ISI) is None
