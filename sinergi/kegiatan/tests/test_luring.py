"""Self check-in queued on a phone without signal (issue #16): sending it again is harmless,
a refusal answers 422 (the queue keeps the item and shows why), and a queued replay's success
is answered in JSON."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from sinergi.kegiatan.models import Kehadiran

pytestmark = pytest.mark.django_db

ANTRE = {"HTTP_SINERGI_ANTREAN": "1"}


@pytest.fixture
def client(client, settings):
    """Messages are asserted in English (the msgids)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def kegiatan_berjalan(buat_kegiatan):
    return buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))


def _hadir(client, kode, **extra):
    data = {"kode": kode, "nama": "Budi Santoso", "instansi": "Ormas X", "jabatan": ""}
    return client.post("/kegiatan/hadir/", data, REMOTE_ADDR="10.9.0.1", **extra)


def test_check_in_sent_twice_is_one_attendance(client, kegiatan_berjalan):
    """The same check-in sent again (a replay) records nobody twice and says so."""
    assert _hadir(client, kegiatan_berjalan.kode_hadir).status_code == 200
    r = _hadir(client, kegiatan_berjalan.kode_hadir)
    assert r.status_code == 200
    assert "you were already checked in" in r.content.decode()
    assert Kehadiran.objects.filter(kegiatan=kegiatan_berjalan).count() == 1


def test_refused_check_in_answers_422(client, kegiatan_berjalan):
    """A wrong code answers 422 with the message; nobody is recorded."""
    r = _hadir(client, "SALAH9")
    assert r.status_code == 422
    assert "This check-in code is not valid" in r.content.decode()
    assert not Kehadiran.objects.exists()


def test_queued_check_in_answers_json(client, kegiatan_berjalan):
    """A replay from the offline queue gets JSON with the confirmation to show."""
    r = _hadir(client, kegiatan_berjalan.kode_hadir, **ANTRE)
    data = json.loads(r.content)
    assert data["terkirim"] is True and data["lokasi"] is None
    assert data["pesan"][0].startswith(f"Budi Santoso is checked in at {kegiatan_berjalan.judul}")
    assert Kehadiran.objects.count() == 1


def test_queued_check_in_refused_answers_the_form(client, kegiatan_berjalan):
    r = _hadir(client, "SALAH9", **ANTRE)
    assert r.status_code == 422 and r["Content-Type"].startswith("text/html")


# --- the one-tap check-in an event's QR code opens --------------------------------------------
@pytest.fixture
def diundang(kegiatan_berjalan, pengguna_uji, lembaga_uji):
    from sinergi.kegiatan.models import Undangan

    Undangan.objects.create(
        kegiatan=kegiatan_berjalan, lembaga=lembaga_uji["polres_madiun"], token="tkn-luring"
    )
    return pengguna_uji("polres_madiun", "operator")


def test_queued_one_tap_check_in_answers_json_and_is_one_attendance(
    client, kegiatan_berjalan, diundang
):
    """The tap made without signal is sent later from the queue: JSON with the confirmation;
    sent again, it is the same attendance."""
    client.force_login(diundang)
    url = f"/kegiatan/{kegiatan_berjalan.pk}/hadir-saya/"
    data = json.loads(client.post(url, **ANTRE).content)
    assert data["terkirim"] is True and data["lokasi"] == url
    assert data["pesan"][0].startswith("You are checked in at ")
    data = json.loads(client.post(url, **ANTRE).content)
    assert data["pesan"][0].startswith("You had already checked in at ")
    row = Kehadiran.objects.get()
    assert (row.kegiatan, row.cara, row.dicatat_oleh) == (kegiatan_berjalan, "qr", diundang)


def test_queued_one_tap_check_in_refused_answers_422_with_the_reason(
    client, buat_kegiatan, pengguna_uji, lembaga_uji
):
    """A queued tap for an event whose check-in is not open (sent before, or after the
    window) answers 422 with the reason in the page, which the phone shows; nothing saved."""
    from sinergi.kegiatan.models import Undangan

    k = buat_kegiatan()  # tomorrow
    Undangan.objects.create(kegiatan=k, lembaga=lembaga_uji["polres_madiun"], token="tkn-besok")
    client.force_login(pengguna_uji("polres_madiun", "operator"))
    r = client.post(f"/kegiatan/{k.pk}/hadir-saya/", **ANTRE)
    assert r.status_code == 422
    assert '<ul class="errorlist"><li>Check-in for this event opens at ' in r.content.decode()
    assert not Kehadiran.objects.exists()


def test_one_tap_form_is_marked_for_the_queue_and_its_account(client, kegiatan_berjalan, diundang):
    """The page tells the offline script to queue the tap for the signed-in account only,
    named after the event."""
    client.force_login(diundang)
    body = client.get(f"/kegiatan/{kegiatan_berjalan.pk}/hadir-saya/").content.decode()
    assert 'data-luring="hadir-qr" data-luring-akun' in body
    assert f'data-luring-ringkasan="{kegiatan_berjalan.judul}"' in body
