"""Coded messages from trusted vs unknown senders, replies, and the inbox actions."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from sinergi.core.models import AuditEntry
from sinergi.kanal import services
from sinergi.kanal.keluar import Lokal
from sinergi.kanal.models import PesanKeluar, PesanMasuk, StatusKirim, StatusPesan
from sinergi.kanal.tests.conftest import PENGIRIM, SMS_SECRET, wa_teks
from sinergi.kejadian.models import Kejadian

pytestmark = pytest.mark.django_db

KODE = "LAPOR 1 35.19.01.2001 TPS 5 amplop dibagikan di depan TPS"


@pytest.fixture
def tps(wilayah_mini):
    from sinergi.wilayah.models import TPS

    return TPS.objects.create(desa=wilayah_mini["35.19.01.2001"], nomor=5)


def test_coded_message_from_trusted_sender_creates_incident(
    kirim_wa, tepercaya, tps, django_capture_on_commit_callbacks
):
    """A trusted sender's coded WhatsApp message becomes an incident at once, acting as the
    registered user; both audit rows name that user; the reply carries the reference."""
    with django_capture_on_commit_callbacks(execute=True):
        assert kirim_wa(wa_teks(KODE)).status_code == 200
    k = Kejadian.objects.get()
    assert (k.kategori_id, k.wilayah_id, k.tps, k.pelapor) == (
        "politik_uang",
        "35.19.01.2001",
        tps,
        tepercaya,
    )
    assert k.uraian == "amplop dibagikan di depan TPS"
    assert (k.nama_pelapor, k.kontak_pelapor) == ("Siti Rahayu", PENGIRIM)
    p = PesanMasuk.objects.get()
    assert (p.status, p.kejadian, p.ditangani_oleh) == (
        StatusPesan.DIJADIKAN_KEJADIAN,
        k,
        tepercaya,
    )
    assert AuditEntry.objects.filter(
        object_type="kejadian.kejadian", object_id=str(k.pk), actor=tepercaya
    ).exists()
    assert AuditEntry.objects.filter(
        object_type="kanal.pesanmasuk", action="update", actor=tepercaya
    ).exists()
    [(jenis, ke, isi)] = Lokal.kotak
    assert (jenis, ke) == ("whatsapp", PENGIRIM)
    assert str(k.ref) in isi
    assert isi.startswith("Laporan diterima")  # Indonesian, whatever the request's language


def test_coded_message_replay_makes_one_incident(kirim_wa, tepercaya, tps):
    """The same coded message delivered twice makes one incident."""
    kirim_wa(wa_teks(KODE))
    kirim_wa(wa_teks(KODE))
    assert Kejadian.objects.count() == 1


def test_coded_message_from_unknown_sender_lands_in_inbox(kirim_wa, saluran, tps):
    """An unregistered sender's coded message creates no incident; it waits in the inbox."""
    kirim_wa(wa_teks(KODE))
    assert Kejadian.objects.count() == 0
    assert PesanMasuk.objects.get().status == StatusPesan.BARU
    assert Lokal.kotak == []


def test_malformed_code_gets_help_and_stays_in_inbox(
    kirim_wa, tepercaya, django_capture_on_commit_callbacks
):
    """A trusted sender's unreadable code: no incident, the message stays new with the
    reason, and the sender gets the help in Indonesian."""
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(wa_teks("LAPOR 99 35.19 amplop"))
    assert Kejadian.objects.count() == 0
    p = PesanMasuk.objects.get()
    assert p.status == StatusPesan.BARU
    [(_j, _ke, isi)] = Lokal.kotak
    assert isi.startswith("Kategori “99” tidak dikenal")
    assert p.catatan == isi


def test_coded_report_outside_senders_scope_is_refused(
    kirim_wa, tepercaya, django_capture_on_commit_callbacks
):
    """A region outside the registered user's scope is refused by the intake's own check."""
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(wa_teks("LAPOR 1 51.71 amplop di Denpasar"))
    assert Kejadian.objects.count() == 0
    [(_j, _ke, isi)] = Lokal.kotak
    assert isi.startswith("Laporan belum tercatat")


def test_coded_sms_reply_goes_back_in_smssync_answer(client, tepercaya, tps, settings):
    """With the real backend an SMS reply rides on the gateway's answer as a `send` task."""
    settings.SINERGI_KANAL_KELUAR = "sinergi.kanal.keluar.Asli"
    r = client.post(
        "/kanal/sms/webhook",
        {
            "from": "081234567890",
            "message": KODE,
            "message_id": "sms-kode-1",
            "sent_timestamp": "1707890000000",
            "sent_to": "+6281100000002",
            "secret": SMS_SECRET,
        },
    )
    payload = r.json()["payload"]
    assert payload["task"] == "send"
    [m] = payload["messages"]
    assert m["to"] == PENGIRIM
    assert str(Kejadian.objects.get().ref) in m["message"]
    assert PesanKeluar.objects.get().status == StatusKirim.TERKIRIM


def test_queued_sms_reply_collected_by_polling(client, saluran, settings):
    """A reply queued later (from the inbox) is handed over on the gateway's `task=send` poll,
    once."""
    settings.SINERGI_KANAL_KELUAR = "sinergi.kanal.keluar.Asli"
    from sinergi.kanal.adapter import PesanNormal

    p, _ = services.pesan_terima(
        pesan=PesanNormal(
            jenis="sms", id_eksternal="s1", alamat_tujuan="+6281100000002", alamat_pengirim="+62811"
        )
    )
    services.balas(pesan=p, isi="Terima kasih")
    r = client.get("/kanal/sms/webhook", {"task": "send", "secret": SMS_SECRET})
    assert [m["message"] for m in r.json()["payload"]["messages"]] == ["Terima kasih"]
    r = client.get("/kanal/sms/webhook", {"task": "send", "secret": SMS_SECRET})
    assert r.json()["payload"]["messages"] == []


def test_each_gateway_phone_collects_only_its_own_replies(client, saluran, lembaga_uji, settings):
    """Two offices' gateway phones poll with their own number (`&nomor=`): each gets only the
    replies to messages sent to it, so a reply leaves from the number the citizen wrote to."""
    settings.SINERGI_KANAL_KELUAR = "sinergi.kanal.keluar.Asli"
    from sinergi.kanal.adapter import PesanNormal
    from sinergi.kanal.models import Saluran

    Saluran.objects.create(jenis="sms", alamat="+6281100000009", lembaga=lembaga_uji["kpu_jatim"])
    for i, tujuan in enumerate(["+6281100000002", "+6281100000009"]):
        p, _ = services.pesan_terima(
            pesan=PesanNormal(
                jenis="sms", id_eksternal=f"s{i}", alamat_tujuan=tujuan, alamat_pengirim="+62811"
            )
        )
        services.balas(pesan=p, isi=f"Balasan {tujuan[-1]}")
    poll = {"task": "send", "secret": SMS_SECRET, "nomor": "0811-0000-0009"}
    r = client.get("/kanal/sms/webhook", poll)
    assert [m["message"] for m in r.json()["payload"]["messages"]] == ["Balasan 9"]
    r = client.get("/kanal/sms/webhook", {**poll, "nomor": "+6281100000002"})
    assert [m["message"] for m in r.json()["payload"]["messages"]] == ["Balasan 2"]


def test_whatsapp_reply_sent_through_cloud_api(
    kirim_wa, tepercaya, tps, graph, settings, django_capture_on_commit_callbacks
):
    """With the real backend a WhatsApp reply is POSTed to the (fake) Cloud API's
    /<phone number id>/messages with the token, and logged as sent."""
    settings.SINERGI_KANAL_KELUAR = "sinergi.kanal.keluar.Asli"
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(wa_teks(KODE))
    [(path, body)] = graph.terkirim
    assert path == "/106540352242922/messages"
    assert body["to"] == PENGIRIM.lstrip("+")
    assert body["type"] == "text"
    keluar = PesanKeluar.objects.get()
    assert (keluar.status, keluar.id_eksternal) == (StatusKirim.TERKIRIM, "wamid.keluar-1")


def test_whatsapp_reply_failure_is_logged(
    kirim_wa, tepercaya, tps, settings, django_capture_on_commit_callbacks
):
    """Without an access token the reply is marked failed with the reason."""
    settings.SINERGI_KANAL_KELUAR = "sinergi.kanal.keluar.Asli"
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(wa_teks(KODE))
    keluar = PesanKeluar.objects.get()
    assert keluar.status == StatusKirim.GAGAL
    assert "SINERGI_WA_ACCESS_TOKEN" in keluar.galat


# --- the inbox actions ------------------------------------------------------------------------
@pytest.fixture
def pesan(kirim_wa, saluran):
    kirim_wa(wa_teks("Ada amplop dibagikan di Balerejo", id_pesan="wamid.inbox-1"))
    return PesanMasuk.objects.get()


def _jadikan(pelaku, pesan, **ubah):
    data = {
        "kategori": "politik_uang",
        "tempat": "Balerejo",
        "waktu_kejadian": None,
        "uraian": "",
    }
    data.update(ubah)
    return services.pesan_jadikan_kejadian(pelaku=pelaku, pesan=pesan, **data)


def test_make_incident_creates_exactly_one(pesan, petugas, django_capture_on_commit_callbacks):
    """One step: place by name, the message's time and text; one incident, audited, source
    hotline, the sender as reporter and thanked."""
    with django_capture_on_commit_callbacks(execute=True):
        k = _jadikan(petugas, pesan)
    assert Kejadian.objects.count() == 1
    assert (k.wilayah_id, k.sumber, k.uraian, k.waktu_kejadian) == (
        "35.19.01.2001",
        "hotline",
        "Ada amplop dibagikan di Balerejo",
        pesan.diterima_at,
    )
    pesan.refresh_from_db()
    assert (pesan.status, pesan.kejadian, pesan.ditangani_oleh) == (
        StatusPesan.DIJADIKAN_KEJADIAN,
        k,
        petugas,
    )
    assert AuditEntry.objects.filter(object_type="kejadian.kejadian", actor=petugas).count() == 1
    assert AuditEntry.objects.filter(
        object_type="kanal.pesanmasuk", action="update", actor=petugas
    ).exists()
    assert str(k.ref) in Lokal.kotak[-1][2]
    with pytest.raises(ValidationError):
        _jadikan(petugas, pesan)
    assert Kejadian.objects.count() == 1


def test_make_incident_other_office_is_404(pesan, petugas_lain):
    """Another office's operator (same region) cannot touch the message: 404, no change."""
    with pytest.raises(Http404):
        _jadikan(petugas_lain, pesan)
    pesan.refresh_from_db()
    assert pesan.status == StatusPesan.BARU
    assert Kejadian.objects.count() == 0


def test_make_incident_unknown_place(pesan, petugas):
    """An unknown place name is named in the message on `tempat`; nothing is saved."""
    with pytest.raises(ValidationError) as exc:
        _jadikan(petugas, pesan, tempat="Atlantis")
    assert exc.value.message_dict == {"tempat": ["No place called “Atlantis”."]}
    assert Kejadian.objects.count() == 0


def test_make_incident_carries_message_files(pesan, petugas):
    """The message's evidence files become the incident's attachments."""
    from django.core.files.base import ContentFile

    from sinergi.core.testing.gambar import png_kecil
    from sinergi.kanal.models import LampiranPesan

    lamp = LampiranPesan(pesan=pesan, nama="bukti.png", jenis_mime="image/png", ukuran=1)
    lamp.berkas.save("bukti.png", ContentFile(png_kecil()), save=True)
    k = _jadikan(petugas, pesan)
    assert list(k.lampiran.values_list("nama", flat=True)) == ["bukti.png"]


def test_bulk_noise(kirim_wa, saluran, petugas):
    """Many messages marked as noise at once, each audited; a handled one is reported."""
    for i in range(3):
        kirim_wa(wa_teks(f"halo {i}", id_pesan=f"wamid.derau-{i}"))
    daftar = list(PesanMasuk.objects.order_by("pk"))
    done, failed = services.pesan_tandai_derau(pelaku=petugas, pesan=daftar)
    assert (len(done), failed) == (3, [])
    assert set(PesanMasuk.objects.values_list("status", flat=True)) == {StatusPesan.DERAU}
    assert (
        AuditEntry.objects.filter(object_type="kanal.pesanmasuk", note="marked noise").count() == 3
    )
    done, failed = services.pesan_tandai_derau(pelaku=petugas, pesan=daftar[:1])
    assert failed[0][1] == "This message was already handled."


def test_bulk_noise_other_office_changes_nothing(pesan, petugas_lain):
    done, failed = services.pesan_tandai_derau(pelaku=petugas_lain, pesan=[pesan])
    assert done == [] and len(failed) == 1
    pesan.refresh_from_db()
    assert pesan.status == StatusPesan.BARU


def test_assign_to_colleague_only(pesan, petugas, pengguna_uji):
    """Messages may be assigned to a colleague of the same office, not to anyone else."""
    rekan = pengguna_uji("bawaslu_madiun", "koordinator")
    done, _ = services.pesan_tugaskan(pelaku=petugas, pesan=[pesan], pengguna=rekan)
    assert done[0].ditugaskan_ke == rekan
    with pytest.raises(ValidationError):
        services.pesan_tugaskan(
            pelaku=petugas, pesan=[pesan], pengguna=pengguna_uji("kpu_madiun", "operator")
        )


def test_sample_payload_helper_sets_text():
    assert json.loads(wa_teks("x"))["entry"][0]["changes"][0]["value"]["messages"][0]["text"] == {
        "body": "x"
    }


def test_demo_is_idempotent_and_coded_message_became_incident(pengguna_uji, kategori, lembaga_uji):
    """The demo fills an inbox once; its coded message from the trusted sender is an incident."""
    import io

    from sinergi.kanal import demo

    pengguna_uji("bawaslu_jatim", "operator")
    from sinergi.akses.models import User

    User.objects.filter(email__startswith="operator.bawaslu-jatim").update(
        email=f"operator.bawaslu.jatim@{demo.DOMAIN}"
    )
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert PesanMasuk.objects.count() == len(demo.PESAN)
    assert PesanMasuk.objects.filter(status=StatusPesan.DIJADIKAN_KEJADIAN).count() == 1
    assert Kejadian.objects.get().kategori_id == "logistik"
