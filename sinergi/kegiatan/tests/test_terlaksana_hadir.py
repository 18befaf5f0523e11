"""Marking an event held (and the report it queues) and the one-tap check-ins: an invitee
scanning the event's QR code, and the organizer ticking a name in the list (HTMX)."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone, translation

from sinergi.core import waktu
from sinergi.core.models import AuditEntry
from sinergi.kegiatan import laporan, services
from sinergi.kegiatan.models import Kehadiran, Undangan
from sinergi.pemangku.models import Kontak

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def berjalan(buat_kegiatan):
    """KPU Jatim's RESTRICTED event in 35 that started ten minutes ago."""
    return buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=10))


def _undang(kegiatan, lembaga, **extra):
    if "email" in extra:  # a named invitation: of a contact person of the organization
        extra["kontak"] = Kontak.objects.create(
            lembaga=lembaga, nama=extra.get("nama", "x"), email=extra["email"]
        )
    return Undangan.objects.create(
        kegiatan=kegiatan,
        lembaga=lembaga,
        token=f"tkn-{lembaga.pk}-{extra.get('email', '')}",
        **extra,
    )


# --- Mark held, queue the report ---------------------------------------------------------------
def test_mark_held_queues_the_report(
    media, berjalan, operator_jatim, django_capture_on_commit_callbacks
):
    """Marking a started event held changes its status with an audit row and, after commit,
    the report task writes the PDF of the current record for download."""
    assert berjalan.status == "direncanakan"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.kegiatan_tandai_terlaksana(pelaku=operator_jatim, kegiatan=berjalan)
    assert len(callbacks) == 1
    berjalan.refresh_from_db()
    assert berjalan.status == "terlaksana"
    assert AuditEntry.objects.filter(object_id=str(berjalan.pk), note="held").count() == 1
    nama = laporan.nama_laporan(berjalan, "id")
    assert (media / nama).read_bytes().startswith(b"%PDF")


def test_mark_held_before_the_start_is_refused(
    media, buat_kegiatan, operator_jatim, django_capture_on_commit_callbacks
):
    """An event that has not started cannot be marked held; nothing changes, nothing queued."""
    k = buat_kegiatan()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(services.ValidationError) as exc,
    ):
        services.kegiatan_tandai_terlaksana(pelaku=operator_jatim, kegiatan=k)
    assert exc.value.message_dict == {"status": ["The event has not started yet."]}
    assert callbacks == []
    k.refresh_from_db()
    assert k.status == "direncanakan"
    assert not (media / "kegiatan").exists()


def test_download_serves_the_prepared_report_until_the_record_changes(
    client, media, berjalan, operator_jatim, django_capture_on_commit_callbacks, monkeypatch
):
    """The download sends the stored report while the record is unchanged (no PDF is built);
    after a new statement the stored one no longer matches and a fresh one is built."""
    with django_capture_on_commit_callbacks(execute=True):
        services.kegiatan_tandai_terlaksana(pelaku=operator_jatim, kegiatan=berjalan)
    tersimpan = (media / laporan.nama_laporan(berjalan, "id")).read_bytes()

    def jangan_dibangun(k):
        raise AssertionError("the stored report should have been served")

    client.force_login(operator_jatim)
    with monkeypatch.context() as m:
        m.setattr(laporan, "laporan_pdf", jangan_dibangun)
        r = client.get(f"/kegiatan/{berjalan.pk}/laporan.pdf")
    assert r.status_code == 200 and r.content == tersimpan
    assert r["Content-Disposition"].startswith("attachment")

    services.pernyataan_create(
        pelaku=operator_jatim, kegiatan=berjalan, pembicara="Ketua KPU", isi="Pemilu damai"
    )
    assert not default_storage.exists(laporan.nama_laporan(berjalan, "id"))
    r = client.get(f"/kegiatan/{berjalan.pk}/laporan.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF") and r.content != tersimpan


def test_mark_held_page(client, berjalan, operator_jatim, pengguna_uji):
    """The organizer sees "Mark the event as held" on a started event and uses it; an operator
    of another province gets 404 and the status stays."""
    client.force_login(pengguna_uji("kpu_bali", "operator"))
    assert client.post(f"/kegiatan/{berjalan.pk}/terlaksana/").status_code == 404
    berjalan.refresh_from_db()
    assert berjalan.status == "direncanakan"

    client.force_login(operator_jatim)
    html = client.get(f"/kegiatan/{berjalan.pk}/").content.decode()
    assert f'action="/kegiatan/{berjalan.pk}/terlaksana/"' in html
    r = client.post(f"/kegiatan/{berjalan.pk}/terlaksana/", follow=True)
    berjalan.refresh_from_db()
    assert berjalan.status == "terlaksana"
    assert "Kegiatan ditandai telah terlaksana" in r.content.decode()
    assert f"/kegiatan/{berjalan.pk}/terlaksana/" not in r.content.decode()


def test_mark_held_button_hidden_before_the_start(client, buat_kegiatan, operator_jatim):
    """No "mark held" button on an event that has not started."""
    k = buat_kegiatan()
    client.force_login(operator_jatim)
    assert f"/kegiatan/{k.pk}/terlaksana/" not in client.get(f"/kegiatan/{k.pk}/").content.decode()


# --- The event's QR code: one-tap self check-in --------------------------------------------
def test_event_page_shows_the_check_in_qr_to_organizers_only(
    client, berjalan, operator_jatim, pengguna_uji
):
    """The organizer's event page carries a QR code of the one-tap check-in page; a reader who
    does not run the event sees none."""
    client.force_login(operator_jatim)
    html = client.get(f"/kegiatan/{berjalan.pk}/").content.decode()
    assert 'id="qr-hadir"' in html and "<svg" in html
    assert f"http://testserver/kegiatan/{berjalan.pk}/hadir-saya/" in html
    client.force_login(pengguna_uji("bawaslu_jatim", "pengamat"))
    html = client.get(f"/kegiatan/{berjalan.pk}/").content.decode()
    assert 'id="qr-hadir"' not in html and "hadir-saya" not in html


def test_invitee_checks_in_with_one_tap(client, berjalan, pengguna_uji, lembaga_uji):
    """Polres Madiun (invited; its regency scope would not show a provincial RESTRICTED event)
    opens the QR page, taps once and is present by QR under its invitation; a second tap keeps
    the one record."""
    u = _undang(berjalan, lembaga_uji["polres_madiun"])
    user = pengguna_uji("polres_madiun", "pengamat")
    client.force_login(user)
    assert client.get(f"/kegiatan/{berjalan.pk}/").status_code == 404
    halaman = client.get(f"/kegiatan/{berjalan.pk}/hadir-saya/")
    assert halaman.status_code == 200 and 'id="hadir-satu-ketuk"' in halaman.content.decode()

    r = client.post(f"/kegiatan/{berjalan.pk}/hadir-saya/", follow=True)
    row = Kehadiran.objects.get()
    assert (row.undangan, row.cara, row.nama, row.dicatat_oleh) == (u, "qr", user.nama, user)
    assert row.instansi == lembaga_uji["polres_madiun"].nama
    html = r.content.decode()
    assert "Anda tercatat hadir" in html and 'id="sudah-hadir"' in html

    r = client.post(f"/kegiatan/{berjalan.pk}/hadir-saya/", follow=True)
    assert Kehadiran.objects.count() == 1
    assert "Anda sudah tercatat hadir" in r.content.decode()


def test_invitation_sent_to_the_users_email_is_preferred(berjalan, pengguna_uji, lembaga_uji):
    """With several named invitations of one organization, the user checks in under the one
    sent to their own address."""
    user = pengguna_uji("polres_madiun", "operator")
    _undang(berjalan, lembaga_uji["polres_madiun"], nama="Kasat Intelkam", email="a@x.test")
    milik = _undang(berjalan, lembaga_uji["polres_madiun"], nama="Kanit", email=user.email)
    row, baru = services.hadir_sendiri(pelaku=user, kegiatan=berjalan)
    assert baru and row.undangan == milik and row.nama == "Kanit"


def test_self_check_in_on_the_organizations_invitation_records_who_came(
    berjalan, pengguna_uji, lembaga_uji
):
    """An invitation to Polres Madiun naming its contact Ahmad: when another member (the
    operator) checks in with one tap, the row names the operator, not Ahmad."""
    _undang(
        berjalan,
        lembaga_uji["polres_madiun"],
        nama="Ahmad Kontak",
        jabatan="Kasat",
        email="ahmad@x.test",
    )
    user = pengguna_uji("polres_madiun", "operator")
    row, baru = services.hadir_sendiri(pelaku=user, kegiatan=berjalan)
    assert baru and (row.nama, row.jabatan, row.dicatat_oleh) == (user.nama, "", user)
    assert row.instansi == lembaga_uji["polres_madiun"].nama


def test_not_invited_reader_is_refused_with_the_reason(client, berjalan, pengguna_uji):
    """Bawaslu Jatim may read the event but holds no invitation: the page says so and a tap
    records nothing."""
    client.force_login(pengguna_uji("bawaslu_jatim", "operator"))
    pesan = "Anda tidak ada dalam daftar undangan kegiatan ini."
    assert pesan in client.get(f"/kegiatan/{berjalan.pk}/hadir-saya/").content.decode()
    r = client.post(f"/kegiatan/{berjalan.pk}/hadir-saya/", follow=True)
    assert pesan in r.content.decode()
    assert Kehadiran.objects.count() == 0


def test_neither_invited_nor_reader_gets_404(client, berjalan, pengguna_uji):
    """KPU Bali neither sees the event nor is invited: 404, nothing recorded."""
    client.force_login(pengguna_uji("kpu_bali", "operator"))
    assert client.get(f"/kegiatan/{berjalan.pk}/hadir-saya/").status_code == 404
    assert client.post(f"/kegiatan/{berjalan.pk}/hadir-saya/").status_code == 404
    assert Kehadiran.objects.count() == 0


def test_anonymous_scan_goes_to_sign_in_and_back(client, berjalan):
    """Scanning without being signed in leads to the sign-in page, which returns to the QR page."""
    r = client.get(f"/kegiatan/{berjalan.pk}/hadir-saya/")
    assert r.status_code == 302
    assert "/akun/" in r["Location"] and "hadir-saya" in r["Location"]


def test_self_check_in_before_it_opens_is_refused(buat_kegiatan, pengguna_uji, lembaga_uji):
    """Tomorrow's event: check-in is not open yet (exact message); nothing recorded."""
    k = buat_kegiatan()
    _undang(k, lembaga_uji["polres_madiun"])
    with pytest.raises(services.ValidationError) as exc:
        services.hadir_sendiri(pelaku=pengguna_uji("polres_madiun", "operator"), kegiatan=k)
    assert exc.value.message_dict["kode"][0].startswith("Check-in for this event opens at ")
    assert Kehadiran.objects.count() == 0


# --- The organizer's one tap in the attendance list (HTMX) -------------------------------------
def test_organizer_checks_in_an_invitee_with_one_tap(client, berjalan, operator_jatim, lembaga_uji):
    """An HTMX tap on "Check in" in the invitee list answers with that row only, now showing
    the invitee present; the desk page carries the hx-post."""
    u = _undang(berjalan, lembaga_uji["kpu_ngawi"], nama="Divisi Hukum")
    client.force_login(operator_jatim)
    html = client.get(f"/kegiatan/{berjalan.pk}/hadir/").content.decode()
    assert f'hx-target="#undangan-{u.pk}"' in html
    r = client.post(
        f"/kegiatan/{berjalan.pk}/hadir/",
        {"aksi": "undangan", "undangan": u.pk},
        headers={"HX-Request": "true"},
    )
    fragment = r.content.decode()
    assert r.status_code == 200
    assert "<html" not in fragment and f'id="undangan-{u.pk}"' in fragment
    assert "Hadir" in fragment and 'value="undangan"' not in fragment
    assert "Batalkan hadir" in fragment
    row = Kehadiran.objects.get()
    assert (row.undangan, row.cara, row.dicatat_oleh) == (u, "manual", operator_jatim)


def test_one_tap_on_a_cancelled_event_shows_the_reason_in_the_row(
    client, berjalan, operator_jatim, lembaga_uji
):
    """A tap after the event was cancelled answers with the row and the reason; nothing saved."""
    u = _undang(berjalan, lembaga_uji["kpu_ngawi"])
    services.kegiatan_cancel(pelaku=operator_jatim, kegiatan=berjalan, alasan="Banjir")
    client.force_login(operator_jatim)
    r = client.post(
        f"/kegiatan/{berjalan.pk}/hadir/",
        {"aksi": "undangan", "undangan": u.pk},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200
    assert "Kegiatan ini dibatalkan" in r.content.decode()
    assert Kehadiran.objects.count() == 0


def test_api_marks_held_and_refuses_before_the_start(
    client, bearer, berjalan, buat_kegiatan, operator_jatim
):
    """`POST /api/v1/kegiatan/{id}/terlaksana`: 200 with the new status; a future event is
    refused with 422 and the message on the status field."""
    headers = bearer(operator_jatim)
    r = client.post(f"/api/v1/kegiatan/{berjalan.pk}/terlaksana", headers=headers)
    assert r.status_code == 200 and r.json()["status"] == "terlaksana"
    nanti = buat_kegiatan()
    r = client.post(f"/api/v1/kegiatan/{nanti.pk}/terlaksana", headers=headers)
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "status", "message": "Kegiatan belum dimulai."}]
    nanti.refresh_from_db()
    assert nanti.status == "direncanakan"


# --- The desk: the check-in window, and undoing a check-in -------------------------------------
def test_desk_check_in_before_the_window_is_refused(
    client, buat_kegiatan, operator_jatim, lembaga_uji
):
    """Tomorrow's event: the desk gets the self check-in's message (in the row), nothing saved;
    the API and QR scan refuse it too."""
    k = buat_kegiatan()
    u = _undang(k, lembaga_uji["kpu_ngawi"])
    with translation.override("id"):
        jam = waktu.format_lokal(k.mulai - services.BUKA_SEBELUM, k.zona_waktu)
    client.force_login(operator_jatim)
    r = client.post(
        f"/kegiatan/{k.pk}/hadir/",
        {"aksi": "undangan", "undangan": u.pk},
        headers={"HX-Request": "true"},
    )
    assert f"Daftar hadir kegiatan ini dibuka pukul {jam}." in r.content.decode()
    pesan = {"kode": [f"Daftar hadir kegiatan ini dibuka pukul {jam}."]}
    with translation.override("id"), pytest.raises(services.ValidationError) as exc:
        services.hadir_qr(pelaku=operator_jatim, kegiatan=k, token=u.token)
    assert exc.value.message_dict == pesan
    with translation.override("id"), pytest.raises(services.ValidationError) as exc:
        services.hadir_manual(pelaku=operator_jatim, kegiatan=k, nama="Tamu", instansi="Ormas")
    assert exc.value.message_dict == pesan
    assert Kehadiran.objects.count() == 0


def test_desk_check_in_inside_the_window_is_saved(berjalan, operator_jatim, lembaga_uji):
    """Ten minutes after the start the desk records the invitee."""
    u = _undang(berjalan, lembaga_uji["kpu_ngawi"])
    row, baru = services.hadir_manual(pelaku=operator_jatim, kegiatan=berjalan, undangan=u)
    assert baru and Kehadiran.objects.get() == row and row.undangan == u


def test_undo_check_in_removes_the_row_with_an_audit_entry(
    client, berjalan, operator_jatim, lembaga_uji
):
    """ "Batalkan hadir" (HTMX) deletes the record, answers with the row back to "Check in",
    and the audit trail keeps what was removed."""
    u = _undang(berjalan, lembaga_uji["kpu_ngawi"], nama="Divisi Hukum")
    row, _ = services.hadir_manual(pelaku=operator_jatim, kegiatan=berjalan, undangan=u)
    client.force_login(operator_jatim)
    r = client.post(
        f"/kegiatan/{berjalan.pk}/hadir/{row.pk}/batal/", headers={"HX-Request": "true"}
    )
    fragment = r.content.decode()
    assert r.status_code == 200 and "<html" not in fragment
    assert 'value="undangan"' in fragment and "Batalkan hadir" not in fragment
    assert Kehadiran.objects.count() == 0
    entry = AuditEntry.objects.get(action="delete", object_type="kegiatan.kehadiran")
    assert entry.actor == operator_jatim and entry.object_id == str(row.pk)
    assert entry.before["nama"] == "Divisi Hukum"


def test_undo_check_in_by_another_regions_operator_is_404(
    client, berjalan, operator_jatim, pengguna_uji, lembaga_uji
):
    """KPU Bali's operator may not run KPU Jatim's desk: 404 (page and service), row kept."""
    u = _undang(berjalan, lembaga_uji["kpu_ngawi"])
    row, _ = services.hadir_manual(pelaku=operator_jatim, kegiatan=berjalan, undangan=u)
    audit = AuditEntry.objects.filter(object_type="kegiatan.kehadiran", action="delete")
    bali = pengguna_uji("kpu_bali", "operator")
    client.force_login(bali)
    assert client.post(f"/kegiatan/{berjalan.pk}/hadir/{row.pk}/batal/").status_code == 404
    with pytest.raises(Http404):
        services.kehadiran_batal(pelaku=bali, kehadiran=row)
    assert Kehadiran.objects.filter(pk=row.pk).exists()
    assert not audit.exists()


def test_undo_check_in_of_another_events_row_is_404(
    client, berjalan, buat_kegiatan, operator_jatim, lembaga_uji
):
    """A record id of another event under this event's URL: 404, nothing removed."""
    lain = buat_kegiatan(mulai=timezone.now())
    row, _ = services.hadir_manual(pelaku=operator_jatim, kegiatan=lain, nama="A", instansi="B")
    client.force_login(operator_jatim)
    assert client.post(f"/kegiatan/{berjalan.pk}/hadir/{row.pk}/batal/").status_code == 404
    assert Kehadiran.objects.count() == 1
