"""The report forms under an idempotency key (issue #16): a report queued offline on a phone and
sent again when the connection returns is stored once, as the API does; a replay marked
`Sinergi-Antrean: 1` is answered in JSON when it succeeds."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.core.models import AuditEntry
from sinergi.core.testing.gambar import foto_gps, png_kecil
from sinergi.kejadian.models import Kejadian, LampiranKejadian

pytestmark = pytest.mark.django_db

KUNCI = "7f0c5a52-4d8e-4b39-9d2a-0c1f2b3a4d5e"
ANTRE = {"HTTP_SINERGI_ANTREAN": "1"}


def _staf(**kw):
    data = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu": "2024-02-14T09:30",
        "uraian": "Amplop di dekat TPS 003",
        "keparahan": "sedang",
        "kerahasiaan": "RESTRICTED",
        "sumber": "",
        "kunci_idempotensi": KUNCI,
    }
    data.update(kw)
    return data


def _publik(**kw):
    data = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu": "2024-02-14T06:00",
        "uraian": "Serangan fajar di Balerejo",
        "kunci_idempotensi": KUNCI,
    }
    data.update(kw)
    return data


def test_staff_form_same_key_twice_makes_one_incident(client, pelapor):
    """The same report sent twice under one key is one incident and one audit row; the
    second answer leads to the same incident."""
    client.force_login(pelapor)
    first = client.post("/kejadian/lapor/", _staf())
    again = client.post("/kejadian/lapor/", _staf())
    k = Kejadian.objects.get()
    assert first.status_code == again.status_code == 302
    assert first.url == again.url == f"/kejadian/{k.ref}/"
    assert (k.pengaju, k.kunci_idempotensi) == (f"u{pelapor.pk}", KUNCI)
    assert AuditEntry.objects.filter(object_type="kejadian.kejadian").count() == 1


def test_staff_form_different_keys_make_two_incidents(client, pelapor):
    """Two keys are two reports, even with the same content."""
    client.force_login(pelapor)
    client.post("/kejadian/lapor/", _staf())
    client.post("/kejadian/lapor/", _staf(kunci_idempotensi="kunci-lain"))
    assert Kejadian.objects.count() == 2


def test_staff_form_without_key_is_not_deduplicated(client, pelapor):
    """No key (a browser without script): every submission is a report, as before."""
    client.force_login(pelapor)
    client.post("/kejadian/lapor/", _staf(kunci_idempotensi=""))
    client.post("/kejadian/lapor/", _staf(kunci_idempotensi=""))
    assert Kejadian.objects.count() == 2


def test_staff_form_header_key_is_used_without_field(client, pelapor):
    """The `Idempotency-Key` header works as the hidden field does."""
    client.force_login(pelapor)
    data = _staf(kunci_idempotensi="")
    client.post("/kejadian/lapor/", data, HTTP_IDEMPOTENCY_KEY=KUNCI)
    client.post("/kejadian/lapor/", data, HTTP_IDEMPOTENCY_KEY=KUNCI)
    assert Kejadian.objects.get().kunci_idempotensi == KUNCI


def test_staff_form_key_reused_with_other_body_saves_nothing(client, pelapor):
    """A key used for another report: 422 with the message, nothing saved, and the form shown
    again without the key (the next submission is a new report)."""
    client.force_login(pelapor)
    client.post("/kejadian/lapor/", _staf())
    r = client.post("/kejadian/lapor/", _staf(uraian="Laporan lain sama sekali"))
    assert r.status_code == 422
    assert "A different report was already sent under this form&#x27;s key" in r.content.decode()
    assert Kejadian.objects.get().uraian == "Amplop di dekat TPS 003"
    assert r.context["form"]["kunci_idempotensi"].value() == ""


def test_keys_are_per_user(client, pelapor, pengguna_uji):
    """Another user's report under the same key is that user's own new report: a key never
    reaches someone else's incident."""
    client.force_login(pelapor)
    client.post("/kejadian/lapor/", _staf())
    client.force_login(pengguna_uji("bawaslu_madiun", "koordinator"))
    r = client.post("/kejadian/lapor/", _staf())
    assert Kejadian.objects.count() == 2
    assert r.url == f"/kejadian/{Kejadian.objects.latest('id').ref}/"


def test_staff_replay_saves_attachments_once(client, pelapor, settings, tmp_path):
    """A report with a photo sent twice under one key keeps one photo."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pelapor)
    for _i in range(2):
        foto = SimpleUploadedFile("amplop.png", png_kecil(), content_type="image/png")
        client.post("/kejadian/lapor/", _staf(lampiran=[foto]))
    assert Kejadian.objects.count() == 1
    assert LampiranKejadian.objects.count() == 1


def test_staff_replay_with_other_photo_is_a_conflict(client, pelapor, settings, tmp_path):
    """The photos are part of the body: another file under the same key saves nothing."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pelapor)
    foto = SimpleUploadedFile("amplop.png", png_kecil(), content_type="image/png")
    client.post("/kejadian/lapor/", _staf(lampiran=[foto]))
    lain = SimpleUploadedFile("lain.png", foto_gps("PNG"), content_type="image/png")
    r = client.post("/kejadian/lapor/", _staf(lampiran=[lain]))
    assert r.status_code == 422
    assert LampiranKejadian.objects.get().nama == "amplop.png"


def test_queued_replay_answers_json_and_consumes_the_message(client, pelapor):
    """A replay from the offline queue gets JSON: sent, where the report is, the message (not
    left behind for an unrelated page)."""
    client.force_login(pelapor)
    r = client.post("/kejadian/lapor/", _staf(), **ANTRE)
    k = Kejadian.objects.get()
    assert r.status_code == 200 and r["Content-Type"] == "application/json"
    assert json.loads(r.content) == {
        "terkirim": True,
        "lokasi": f"/kejadian/{k.ref}/",
        "pesan": ["The incident was reported. Thank you."],
    }
    assert "The incident was reported" not in client.get("/kejadian/").content.decode()


def test_queued_replay_with_errors_answers_the_form(client, pelapor):
    """A replay the server refuses gets the form with its messages (422), for the phone to
    show; nothing is saved."""
    client.force_login(pelapor)
    r = client.post("/kejadian/lapor/", _staf(kode_wilayah="99.99"), **ANTRE)
    assert r.status_code == 422 and r["Content-Type"].startswith("text/html")
    assert "Unknown region code." in r.content.decode()
    assert not Kejadian.objects.exists()


def test_queued_replay_signed_out_goes_to_login(client, pelapor):
    """Signed out, a replay is sent to the login page like any request; nothing is saved."""
    r = client.post("/kejadian/lapor/", _staf(), **ANTRE)
    assert r.status_code == 302 and r.url.startswith("/akun/masuk/")
    assert not Kejadian.objects.exists()


def test_report_form_carries_the_key_field(client, pelapor):
    """The form has the hidden key field the page's script fills in."""
    client.force_login(pelapor)
    body = client.get("/kejadian/lapor/").content.decode()
    assert 'data-luring="kejadian"' in body
    assert '<input type="hidden" name="kunci_idempotensi"' in body


# --- public ----------------------------------------------------------------------------------
def _kirim_publik(client, ip="203.0.113.9", **kw):
    return client.post("/kejadian/publik/lapor/", _publik(**kw), REMOTE_ADDR=ip)


def test_public_form_same_key_twice_makes_one_incident(client, kategori, wilayah_mini):
    """A public report sent twice under one key from one address is one incident."""
    assert _kirim_publik(client).status_code == 302
    assert _kirim_publik(client).url == "/kejadian/publik/lapor/?terkirim=1"
    k = Kejadian.objects.get()
    assert k.kunci_idempotensi == KUNCI and k.pengaju.startswith("ip:")


def test_public_form_different_keys_make_two_incidents(client, kategori, wilayah_mini):
    _kirim_publik(client)
    _kirim_publik(client, kunci_idempotensi="kunci-lain")
    assert Kejadian.objects.count() == 2


def test_public_key_is_per_client(client, kategori, wilayah_mini):
    """The same key from another address is that client's own report: nothing tells it that
    another client used the key (no conflict message), and the first report is untouched."""
    _kirim_publik(client)
    r = _kirim_publik(client, ip="198.51.100.7", uraian="Laporan warga lain")
    assert r.status_code == 302
    assert Kejadian.objects.count() == 2
    assert Kejadian.objects.filter(uraian="Serangan fajar di Balerejo").count() == 1


def test_public_replay_from_another_connection_is_the_same_incident(client, kategori, wilayah_mini):
    """The phone sent the report on Wi-Fi, did not see the answer and its offline queue sends
    it again later on mobile data (another address): one incident, and the retry is not
    counted against the new address's hourly limit."""
    from sinergi.kejadian import services

    assert _kirim_publik(client).status_code == 302
    r = client.post("/kejadian/publik/lapor/", _publik(), REMOTE_ADDR="198.51.100.7", **ANTRE)
    assert json.loads(r.content)["terkirim"] is True
    k = Kejadian.objects.get()
    assert k.pengaju == services.kunci_klien("203.0.113.9")
    baru = Kejadian.objects.filter(pengaju=services.kunci_klien("198.51.100.7")).count()
    assert baru == 0


def test_public_copies_arriving_at_once_from_two_connections_are_one_incident(
    client, kategori, wilayah_mini, monkeypatch
):
    """Both copies at once: the Wi-Fi copy is stored after the mobile-data copy looked for a
    twin and before it is saved. The unique constraint keeps one row, and the late copy
    answers with the first incident instead of an error or a second incident."""
    from sinergi.kejadian import services

    asli = services.siapkan_kejadian
    disela: list = []

    def siapkan_lalu_disela(**kw):
        if not disela:  # the other copy lands in between, once
            disela.append(None)
            disela[0] = _kirim_publik(client, ip="203.0.113.9")
        return asli(**kw)

    monkeypatch.setattr(services, "siapkan_kejadian", siapkan_lalu_disela)
    r = client.post("/kejadian/publik/lapor/", _publik(), REMOTE_ADDR="198.51.100.7", **ANTRE)
    assert disela[0].status_code == 302
    assert r.status_code == 200 and json.loads(r.content)["terkirim"] is True
    k = Kejadian.objects.get()
    assert k.pengaju == services.kunci_klien("203.0.113.9")


def test_public_replay_matches_on_key_and_body_together(client, kategori, wilayah_mini):
    """Another address needs the same key and the same body: a different body under the key is
    that client's own new report (no conflict message reveals the other one)."""
    _kirim_publik(client)
    r = _kirim_publik(client, ip="198.51.100.7", waktu="2024-02-14T07:00")
    assert r.status_code == 302
    assert Kejadian.objects.count() == 2


def test_public_key_reused_with_other_body_saves_nothing(client, kategori, wilayah_mini):
    _kirim_publik(client)
    r = _kirim_publik(client, uraian="Isi lain")
    assert r.status_code == 422
    assert "A different report was already sent" in r.content.decode()
    assert Kejadian.objects.count() == 1


def test_public_replay_is_answered_before_the_throttle(client, kategori, wilayah_mini):
    """A retry of a report already stored is not refused as "too many reports": the client
    made it once."""
    from sinergi.kejadian import services

    for i in range(services.BATAS_PUBLIK - 1):
        _kirim_publik(client, kunci_idempotensi=f"k{i}")
    _kirim_publik(client)
    r = _kirim_publik(client)
    assert r.status_code == 302
    assert Kejadian.objects.count() == services.BATAS_PUBLIK


def test_public_queued_replay_answers_json(client, kategori, wilayah_mini):
    r = client.post("/kejadian/publik/lapor/", _publik(), REMOTE_ADDR="203.0.113.9", **ANTRE)
    assert json.loads(r.content) == {
        "terkirim": True,
        "lokasi": "/kejadian/publik/lapor/?terkirim=1",
        "pesan": [],
    }
