"""E-mail intake by IMAP polling, against a local IMAP server started by the test."""

from __future__ import annotations

import base64

import pytest

from sinergi.kanal.models import PesanMasuk
from sinergi.kanal.tasks import ambil_email, ambil_email_imap
from sinergi.kanal.tests.conftest import DATA
from sinergi.kanal.tests.imap_uji import Kotak, ServerImap

pytestmark = pytest.mark.django_db


def _eml(message_id: str = "20240214093000.1234@contoh.id") -> bytes:
    from sinergi.core.testing.gambar import png_kecil

    raw = (DATA / "email_lampiran.eml").read_text().replace("\n", "\r\n")
    raw = raw.replace("20240214093000.1234@contoh.id", message_id)
    b64 = base64.encodebytes(png_kecil()).decode().replace("\n", "\r\n")
    return raw.replace("@@PNG@@", b64).encode()


def test_imap_poll_stores_unseen_messages_with_attachments(saluran):
    """Each unseen message becomes one inbox message with its files, and is marked seen."""
    kotak = Kotak("lapor", "sandi rahasia", [_eml("a@contoh.id"), _eml("b@contoh.id")])
    with ServerImap(kotak) as server:
        hasil = ambil_email(server.url.replace("sandi rahasia", "sandi%20rahasia"))
    assert hasil == {"baru": 2, "ulang": 0, "gagal": 0}
    assert kotak.dibaca == {1, 2}
    p = PesanMasuk.objects.get(id_eksternal="a@contoh.id")
    assert (p.jenis, p.lembaga) == ("email", saluran["email"].lembaga)
    assert p.lampiran.count() == 1


def test_imap_second_poll_reads_nothing_again(saluran):
    """Messages already seen are not fetched again; a re-delivered one is not stored twice."""
    kotak = Kotak("lapor", "x", [_eml("a@contoh.id")])
    with ServerImap(kotak) as server:
        ambil_email(server.url)
        kotak.dibaca.clear()  # the server forgot the flag: the Message-ID still dedupes
        assert ambil_email(server.url) == {"baru": 0, "ulang": 1, "gagal": 0}
    assert PesanMasuk.objects.count() == 1


def test_periodic_task_polls_configured_mailbox(saluran, settings):
    """The worker's periodic task polls the mailbox named in the settings."""
    kotak = Kotak("lapor", "x", [_eml("c@contoh.id")])
    with ServerImap(kotak) as server:
        settings.SINERGI_EMAIL_INTAKE_IMAP_URL = server.url
        ambil_email_imap.call()
    assert PesanMasuk.objects.filter(id_eksternal="c@contoh.id").exists()


def test_periodic_task_does_nothing_unconfigured(settings):
    settings.SINERGI_EMAIL_INTAKE_IMAP_URL = ""
    assert ambil_email_imap.call() == {}
