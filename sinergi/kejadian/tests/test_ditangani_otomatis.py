"""An incident moves to "in handling" by itself when the first of its follow-ups is
acknowledged (explicitly, or by the owner's first progress update or status change)."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.core.models import AuditEntry
from sinergi.kejadian import services
from sinergi.kejadian.models import Kejadian, RiwayatStatus
from sinergi.tindak_lanjut import services as tl_services
from sinergi.tindak_lanjut.models import TindakLanjut
from sinergi.tindak_lanjut.signals import tindak_lanjut_diakui

pytestmark = pytest.mark.django_db
ALASAN = "Tindak lanjut diakui oleh Polres Madiun"


@pytest.fixture
def polres(pengguna_uji):
    return pengguna_uji("polres_madiun", "operator")


@pytest.fixture
def terverifikasi(rute, lapor, verifikator):
    """A verified (and so routed) vote-buying report: Bawaslu Madiun and Polres Madiun hold a
    follow-up each."""
    k = lapor()
    services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok")
    return k


def _tl(k, nama="Polres Madiun"):
    return TindakLanjut.objects.get(sumber_id=str(k.pk), lembaga__nama=nama)


def _akui_eksplisit(pelaku, tl):
    tl_services.tindak_lanjut_acknowledge(pelaku=pelaku, tindak_lanjut=tl)


def _akui_pembaruan(pelaku, tl):
    tl_services.tindak_lanjut_add_update(pelaku=pelaku, tindak_lanjut=tl, teks="Tim menuju TPS")


def _akui_status(pelaku, tl):
    tl_services.tindak_lanjut_update_status(pelaku=pelaku, tindak_lanjut=tl, status="dikerjakan")


def _audit_ditangani(k):
    return AuditEntry.objects.filter(
        object_type="kejadian.kejadian",
        object_id=str(k.pk),
        action="update",
        after__status="ditangani",
    )


@pytest.mark.parametrize("akui", [_akui_eksplisit, _akui_pembaruan, _akui_status])
def test_first_acknowledgement_moves_verified_incident_to_handling(terverifikasi, polres, akui):
    """Each of the three ways of acknowledging moves the incident, with a history row that
    names the organization (in Indonesian, the site's language, although this request is in
    English) and an audit entry with the acknowledging user as actor."""
    akui(polres, _tl(terverifikasi))
    k = Kejadian.objects.get(pk=terverifikasi.pk)
    assert k.status == "ditangani"
    r = RiwayatStatus.objects.get(kejadian=k, ke="ditangani")
    assert (r.dari, r.alasan, r.pelaku) == ("terverifikasi", ALASAN, polres)
    entry = _audit_ditangani(k).get()
    assert entry.actor == polres
    assert entry.before["status"] == "terverifikasi"
    assert "system step" in entry.note


def test_second_acknowledgement_of_another_follow_up_changes_nothing(
    terverifikasi, polres, verifikator
):
    """Bawaslu acknowledges its own follow-up after the police: the incident is already in
    handling; no second history row or audit entry."""
    _akui_eksplisit(polres, _tl(terverifikasi))
    _akui_pembaruan(verifikator, _tl(terverifikasi, "Bawaslu Kabupaten Madiun"))
    _akui_eksplisit(polres, _tl(terverifikasi))  # again: already acknowledged
    assert Kejadian.objects.get(pk=terverifikasi.pk).status == "ditangani"
    assert RiwayatStatus.objects.filter(kejadian=terverifikasi, ke="ditangani").count() == 1
    assert _audit_ditangani(terverifikasi).count() == 1


def test_signal_sent_once_per_follow_up(terverifikasi, polres):
    """The signal comes with the first acknowledgement only, whatever path comes later."""
    seen = []

    def receiver(sender, tindak_lanjut, pelaku, **kwargs):
        seen.append((tindak_lanjut.pk, pelaku))

    tindak_lanjut_diakui.connect(receiver)
    try:
        tl = _tl(terverifikasi)
        _akui_pembaruan(polres, tl)
        _akui_eksplisit(polres, tl)
        tl_services.tindak_lanjut_update_status(pelaku=polres, tindak_lanjut=tl, status="selesai")
    finally:
        tindak_lanjut_diakui.disconnect(receiver)
    assert seen == [(tl.pk, polres)]


def test_follow_up_not_from_an_incident_is_unaffected(terverifikasi, polres, lembaga_uji):
    """A follow-up whose source is something else (an organization) with the same id as the
    incident, and one without a source, move no incident."""
    from django.contrib.contenttypes.models import ContentType

    def tl_lain(**kw):
        return TindakLanjut.objects.create(
            judul="Pengamanan gudang logistik",
            lembaga=lembaga_uji["polres_madiun"],
            lembaga_pembuat=lembaga_uji["kpu_jatim"],
            wilayah_id="35.19",
            tenggat=timezone.now() + dt.timedelta(days=2),
            **kw,
        )

    bukan = tl_lain(
        sumber_jenis=ContentType.objects.get_for_model(lembaga_uji["polres_madiun"]),
        sumber_id=str(terverifikasi.pk),
    )
    _akui_eksplisit(polres, bukan)
    _akui_status(polres, tl_lain())
    assert Kejadian.objects.get(pk=terverifikasi.pk).status == "terverifikasi"
    assert not RiwayatStatus.objects.filter(ke="ditangani").exists()
    assert TindakLanjut.objects.get(pk=bukan.pk).diakui_oleh == polres


def test_resolved_incident_is_untouched(terverifikasi, polres, verifikator):
    """Resolved straight from verified: a late acknowledgement does not reopen it."""
    services.kejadian_transisi(
        pelaku=verifikator, kejadian=terverifikasi, status="selesai", alasan="Sudah ditangani"
    )
    _akui_status(polres, _tl(terverifikasi))
    assert Kejadian.objects.get(pk=terverifikasi.pk).status == "selesai"
    assert not RiwayatStatus.objects.filter(ke="ditangani").exists()
    assert not _audit_ditangani(terverifikasi).exists()


def test_system_admin_update_is_no_acknowledgement(terverifikasi, admin_sistem):
    """A progress update by someone outside the owner organization does not acknowledge the
    follow-up, so the incident does not move."""
    _akui_pembaruan(admin_sistem, _tl(terverifikasi))
    assert _tl(terverifikasi).diakui_pada is None
    assert Kejadian.objects.get(pk=terverifikasi.pk).status == "terverifikasi"


def test_detail_page_and_api_show_the_new_status(terverifikasi, polres, client, bearer):
    """The incident's page and its API detail show "in handling" and the history row."""
    _akui_eksplisit(polres, _tl(terverifikasi))
    client.force_login(polres)
    page = client.get(f"/kejadian/{terverifikasi.ref}/").content.decode()
    assert ALASAN in page
    assert "In handling" in page
    data = client.get(f"/api/v1/kejadian/{terverifikasi.ref}", headers=bearer(polres)).json()
    assert data["status"] == "ditangani"
    assert data["riwayat"][-1] == {
        **data["riwayat"][-1],
        "dari": "terverifikasi",
        "ke": "ditangani",
        "alasan": ALASAN,
    }
