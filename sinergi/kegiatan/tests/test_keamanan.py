"""Issue #13: ids in request bodies go through scoped selectors; who may organize, co-organize
and move an event. The API answers in Indonesian (the default language)."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.core.models import AuditEntry
from sinergi.kegiatan.models import Kegiatan, Undangan
from sinergi.pemangku.models import Kontak

pytestmark = pytest.mark.django_db

KONTAK_TIDAK_DITEMUKAN = [{"field": "kontak", "message": "Kontak tidak ditemukan."}]


def _post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def _patch(client, url, data, headers):
    return client.patch(url, data, content_type="application/json", headers=headers)


@pytest.fixture
def kontak_bali(lembaga_uji):
    return Kontak.objects.create(
        lembaga=lembaga_uji["kpu_bali"],
        nama="Contoh Rahasia Bali",
        jabatan="Ketua Divisi Hukum",
        unit="Divisi Hukum",
        email="rahasia.bali@contoh.id",
    )


def _baru(lembaga_uji, **extra):
    mulai = (timezone.localtime() + dt.timedelta(days=3)).replace(tzinfo=None, microsecond=0)
    data = {
        "jenis": "rakor",
        "judul": "Rakor uji",
        "wilayah": "35.19",
        "mulai": mulai.isoformat(),
        "selesai": (mulai + dt.timedelta(hours=2)).isoformat(),
        "tempat": "Aula",
    }
    data.update(extra)
    return data


# --- Item 2: contacts of other regions -------------------------------------------------------
def test_inviting_a_hidden_contact_reveals_nothing(
    client, bearer, pengguna_uji, buat_kegiatan, lembaga_uji, kontak_bali
):
    """A Madiun operator inviting KPU Bali's contact by id gets the same 422 as for an id
    that does not exist, naming `kontak`, without the contact's name or email; nothing is
    written."""
    k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["kpu_madiun"])
    h = bearer(pengguna_uji("kpu_madiun", "operator"))
    url = f"/api/v1/kegiatan/{k.pk}/undangan"
    tersembunyi = _post(client, url, {"kontak": kontak_bali.pk}, h)
    tidak_ada = _post(client, url, {"kontak": kontak_bali.pk + 1000}, h)
    assert tersembunyi.status_code == tidak_ada.status_code == 422
    assert tersembunyi.json()["errors"] == tidak_ada.json()["errors"] == KONTAK_TIDAK_DITEMUKAN
    assert b"Rahasia" not in tersembunyi.content and b"rahasia" not in tersembunyi.content
    assert not Undangan.objects.exists()


def test_inviting_a_contact_in_scope_works(
    client, bearer, pengguna_uji, buat_kegiatan, lembaga_uji
):
    """A contact of the actor's own region is invited: 201 with the contact's details."""
    k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["kpu_madiun"])
    kontak = Kontak.objects.create(
        lembaga=lembaga_uji["polres_madiun"], nama="Contoh Intel", jabatan="Kasat Intelkam"
    )
    r = _post(
        client,
        f"/api/v1/kegiatan/{k.pk}/undangan",
        {"kontak": kontak.pk},
        bearer(pengguna_uji("kpu_madiun", "operator")),
    )
    assert r.status_code == 201, r.content
    assert (r.json()["nama"], r.json()["lembaga"]["id"]) == (
        "Contoh Intel",
        lembaga_uji["polres_madiun"].pk,
    )


def test_invitation_page_refuses_a_hidden_contact(
    client, pengguna_uji, buat_kegiatan, lembaga_uji, kontak_bali
):
    """The invitation page form: the same "Kontak tidak ditemukan." and nothing written."""
    k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["kpu_madiun"])
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    r = client.post(
        f"/kegiatan/{k.pk}/undangan/",
        {"aksi": "satu", "kontak": kontak_bali.pk, "peran": "peserta"},
    )
    assert r.status_code == 200
    assert "Kontak tidak ditemukan." in r.content.decode()
    assert "Contoh Rahasia Bali" not in r.content.decode()
    assert not Undangan.objects.exists()


def test_service_refuses_a_hidden_contact(pengguna_uji, buat_kegiatan, lembaga_uji, kontak_bali):
    """The service itself refuses a contact outside the actor's scope (any other caller)."""
    from django.core.exceptions import ValidationError

    from sinergi.kegiatan import services

    k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["kpu_madiun"])
    with pytest.raises(ValidationError) as exc:
        services.undangan_create(
            pelaku=pengguna_uji("kpu_madiun", "operator"), kegiatan=k, kontak=kontak_bali
        )
    assert exc.value.message_dict == {"kontak": ["Contact not found."]}
    assert not Undangan.objects.exists()


def test_decision_owner_unknown_on_the_page(client, pengguna_uji, buat_kegiatan, lembaga_uji):
    """The minutes page names `pemilik` for an unknown organization id."""
    k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["kpu_madiun"])
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    r = client.post(
        f"/kegiatan/{k.pk}/catatan/",
        {"aksi": "keputusan", "uraian": "Patroli bersama", "pemilik": 999999},
    )
    assert r.status_code == 200
    assert "Lembaga tidak ditemukan." in r.content.decode()
    assert not k.keputusan.exists()


# --- Item 3: moving an event, organizers and co-organizers ----------------------------------
def test_co_organizer_cannot_move_the_event_into_its_region(
    client, bearer, pengguna_uji, buat_kegiatan, lembaga_uji
):
    """KPU Ngawi, co-organizer of KPU Madiun's event, cannot move it to Ngawi: 422 on
    `wilayah`, unchanged, not audited."""
    k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["kpu_madiun"])
    k.penyelenggara_bersama.add(lembaga_uji["kpu_ngawi"])
    r = _patch(
        client,
        f"/api/v1/kegiatan/{k.pk}",
        {"wilayah": "35.21"},
        bearer(pengguna_uji("kpu_ngawi", "operator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "wilayah",
            "message": "Hanya penyelenggara yang dapat memindahkan kegiatan ini ke wilayah lain.",
        }
    ]
    k.refresh_from_db()
    assert k.wilayah_id == "35.19"
    assert not AuditEntry.objects.filter(object_type="kegiatan.kegiatan").exists()


def test_organizer_moves_its_event_within_its_area(client, bearer, operator_jatim, buat_kegiatan):
    """KPU Jatim's operator moves its provincial event to Kabupaten Madiun: 200."""
    k = buat_kegiatan()
    r = _patch(client, f"/api/v1/kegiatan/{k.pk}", {"wilayah": "35.19"}, bearer(operator_jatim))
    assert r.status_code == 200, r.content
    k.refresh_from_db()
    assert k.wilayah_id == "35.19"


def test_event_cannot_move_outside_the_organizers_area(
    client, bearer, pengguna_uji, buat_kegiatan, lembaga_uji
):
    """KPU Jatim's leadership governs both regencies, but Polres Madiun's event cannot be moved
    to Ngawi, outside Polres Madiun's area: 422, unchanged."""
    k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["polres_madiun"])
    r = _patch(
        client,
        f"/api/v1/kegiatan/{k.pk}",
        {"wilayah": "35.21"},
        bearer(pengguna_uji("kpu_jatim", "koordinator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "wilayah",
            "message": "Wilayah ini di luar wilayah penyelenggara (Polres Madiun).",
        }
    ]
    k.refresh_from_db()
    assert k.wilayah_id == "35.19"


def test_operator_cannot_add_a_national_co_organizer(
    client, bearer, operator_jatim, lembaga_uji, wilayah_mini
):
    """KPU Jatim's operator cannot name KPU RI as co-organizer (it would let KPU RI's staff run
    the event, and claim KPU RI organizes it): 422, nothing written."""
    r = _post(
        client,
        "/api/v1/kegiatan",
        _baru(lembaga_uji, penyelenggara_bersama=[lembaga_uji["kpu_ri"].pk]),
        bearer(operator_jatim),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "penyelenggara_bersama",
            "message": "Penyelenggara bersama harus lembaga di wilayah Anda; "
            "KPU Republik Indonesia tidak.",
        }
    ]
    assert not Kegiatan.objects.exists()


def test_co_organizer_in_scope_is_accepted(
    client, bearer, operator_jatim, lembaga_uji, wilayah_mini
):
    """A co-organizer inside the actor's region is accepted."""
    r = _post(
        client,
        "/api/v1/kegiatan",
        _baru(lembaga_uji, penyelenggara_bersama=[lembaga_uji["polres_madiun"].pk]),
        bearer(operator_jatim),
    )
    assert r.status_code == 201, r.content
    assert [x["id"] for x in r.json()["penyelenggara_bersama"]] == [lembaga_uji["polres_madiun"].pk]


def test_co_organizer_cannot_change_the_co_organizers(
    client, bearer, pengguna_uji, buat_kegiatan, lembaga_uji
):
    """A co-organizer runs the event but does not choose who else runs it: 422, unchanged."""
    k = buat_kegiatan(wilayah_id="35.19", penyelenggara=lembaga_uji["kpu_madiun"])
    k.penyelenggara_bersama.add(lembaga_uji["polres_madiun"])
    r = _patch(
        client,
        f"/api/v1/kegiatan/{k.pk}",
        {"penyelenggara_bersama": [lembaga_uji["polres_madiun"].pk, lembaga_uji["kpu_madiun"].pk]},
        bearer(pengguna_uji("polres_madiun", "operator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "penyelenggara_bersama"
    assert list(k.penyelenggara_bersama.values_list("pk", flat=True)) == [
        lembaga_uji["polres_madiun"].pk
    ]


def test_unknown_co_organizer_id(client, bearer, operator_jatim, lembaga_uji, wilayah_mini):
    """An organization id that does not exist: 422 "Lembaga tidak ditemukan."."""
    r = _post(
        client,
        "/api/v1/kegiatan",
        _baru(lembaga_uji, penyelenggara_bersama=[999999]),
        bearer(operator_jatim),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "penyelenggara_bersama", "message": "Lembaga tidak ditemukan."}
    ]


def test_leader_cannot_name_another_regencys_organization_as_organizer(
    client, bearer, pengguna_uji, lembaga_uji, wilayah_mini
):
    """KPU Madiun's coordinator cannot plan an event "organized by" KPU Ngawi: 422 on
    `penyelenggara`, nothing written."""
    r = _post(
        client,
        "/api/v1/kegiatan",
        _baru(lembaga_uji, penyelenggara=lembaga_uji["kpu_ngawi"].pk),
        bearer(pengguna_uji("kpu_madiun", "koordinator")),
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "penyelenggara", "message": "Penyelenggara harus lembaga di wilayah Anda."}
    ]
    assert not Kegiatan.objects.exists()


def test_named_organizer_must_cover_the_event_region(
    client, bearer, pengguna_uji, lembaga_uji, wilayah_mini
):
    """KPU Jatim's coordinator cannot plan an event in Ngawi organized by Polres Madiun; in
    Madiun it may."""
    h = bearer(pengguna_uji("kpu_jatim", "koordinator"))
    polres = lembaga_uji["polres_madiun"].pk
    r = _post(
        client, "/api/v1/kegiatan", _baru(lembaga_uji, wilayah="35.21", penyelenggara=polres), h
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "wilayah",
            "message": "Wilayah ini di luar wilayah penyelenggara (Polres Madiun).",
        }
    ]
    r = _post(client, "/api/v1/kegiatan", _baru(lembaga_uji, penyelenggara=polres), h)
    assert r.status_code == 201, r.content
    assert r.json()["penyelenggara"]["id"] == polres


# --- Item 4: self check-in codes are throttled ------------------------------------------------
TERLALU_BANYAK = (
    "Terlalu banyak kode daftar hadir yang salah. Demi keamanan, daftar hadir mandiri dari "
    "perangkat ini dijeda selama 15 menit; minta panitia di meja registrasi mencatat kehadiran "
    "Anda."
)


def _mandiri(client, kode, ip, nama="Budi"):
    return client.post(
        "/api/v1/kegiatan/hadir-mandiri",
        {"kode": kode, "nama": nama, "instansi": "Ormas X"},
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


def test_wrong_codes_lock_self_check_in_per_ip(client, buat_kegiatan):
    """After 30 wrong codes from one IP address within 15 minutes, even the right code is
    refused from it (422, nothing recorded); another address still checks in."""
    from sinergi.akses.models import PercobaanGagal
    from sinergi.kegiatan.models import Kehadiran

    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    for i in range(30):
        r = _mandiri(client, f"SALAH{i:03d}", "10.0.0.5")
        assert r.status_code == 422
        assert r.json()["errors"][0]["message"] == (
            "Kode daftar hadir ini tidak valid. Periksa kembali kepada panitia."
        )
    assert PercobaanGagal.objects.filter(jenis="kode_hadir", ip="10.0.0.5").count() == 30
    r = _mandiri(client, k.kode_hadir, "10.0.0.5")
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "kode", "message": TERLALU_BANYAK}]
    assert not Kehadiran.objects.exists()
    assert _mandiri(client, k.kode_hadir, "10.0.0.6").status_code == 201


def test_qr_link_checks_in_behind_a_locked_venue_address(client, buat_kegiatan):
    """One person typing 30 wrong codes on the venue Wi-Fi locks typed codes for everyone on
    that address, but the QR link's mark still checks people in; a forged or another code's
    mark does not pass the lock."""
    from sinergi.kegiatan import services
    from sinergi.kegiatan.models import Kehadiran

    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    lain = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    for i in range(30):
        _mandiri(client, f"SALAH{i:03d}", "10.0.0.9")
    data = {"kode": k.kode_hadir, "nama": "Sari", "instansi": "Ormas Y"}
    for tanda in ("0" * 24, services.tanda_hadir(lain.kode_hadir)):
        r = client.post(
            "/api/v1/kegiatan/hadir-mandiri",
            {**data, "tanda": tanda},
            content_type="application/json",
            REMOTE_ADDR="10.0.0.9",
        )
        assert r.json()["errors"] == [{"field": "kode", "message": TERLALU_BANYAK}]
    assert not Kehadiran.objects.exists()
    r = client.post(
        "/api/v1/kegiatan/hadir-mandiri",
        {**data, "tanda": services.tanda_hadir(k.kode_hadir)},
        content_type="application/json",
        REMOTE_ADDR="10.0.0.9",
    )
    assert r.status_code == 201
    assert Kehadiran.objects.get().nama == "Sari"


def test_venue_qr_link_carries_the_mark_into_the_form(
    client, operator_jatim, buat_kegiatan, lembaga_uji
):
    """The organizer's check-in page links (and QR-encodes) the code with its mark; opening
    that link puts the mark into the self check-in form as a hidden field."""
    from sinergi.kegiatan import services

    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    client.force_login(operator_jatim)
    tanda = services.tanda_hadir(k.kode_hadir)
    html = client.get(f"/kegiatan/{k.pk}/hadir/").content.decode()
    assert f"?kode={k.kode_hadir}&amp;t={tanda}" in html
    client.logout()
    html = client.get("/kegiatan/hadir/", {"kode": k.kode_hadir, "t": tanda}).content.decode()
    assert f'type="hidden" name="tanda" value="{tanda}"' in html


def test_wrong_codes_lock_a_signed_in_user_on_any_address(client, pengguna_uji, buat_kegiatan):
    """A signed-in user is counted on their own: 10 wrong codes on the page, from changing
    addresses, lock them; after 15 minutes the count is gone."""
    from sinergi.akses.models import PercobaanGagal

    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    client.force_login(pengguna_uji("kpu_madiun", "pengamat"))
    data = {"nama": "Budi", "instansi": "Ormas X"}
    for i in range(10):
        client.post("/kegiatan/hadir/", {**data, "kode": f"X{i}"}, REMOTE_ADDR=f"10.1.0.{i}")
    r = client.post("/kegiatan/hadir/", {**data, "kode": k.kode_hadir}, REMOTE_ADDR="10.2.0.1")
    assert TERLALU_BANYAK in r.content.decode()
    assert not k.kehadiran.exists()
    PercobaanGagal.objects.update(created_at=timezone.now() - dt.timedelta(minutes=16))
    r = client.post("/kegiatan/hadir/", {**data, "kode": k.kode_hadir}, REMOTE_ADDR="10.2.0.1")
    assert TERLALU_BANYAK not in r.content.decode()
    assert k.kehadiran.count() == 1


def test_code_failures_do_not_lock_sign_in(client, buat_kegiatan):
    """Wrong check-in codes and failed sign-ins are counted apart: 30 wrong codes from an
    address do not lock signing in from it."""
    from sinergi.akses import services as akses_services

    for i in range(30):
        _mandiri(client, f"SALAH{i:03d}", "10.0.0.7")
    assert not akses_services.masuk_terkunci(email="a@contoh.id", ip="10.0.0.7")


def test_codes_are_long_and_typed_loosely(client, operator_jatim, wilayah_mini, buat_kegiatan):
    """New codes have 8 characters from an alphabet without 0/O and 1/I; a code typed in
    lower case with a dash or spaces is accepted."""
    from sinergi.kegiatan import services

    k = services.kegiatan_create(
        pelaku=operator_jatim,
        jenis="rakor",
        judul="Rakor kode",
        wilayah=wilayah_mini["35"],
        mulai=timezone.now() - dt.timedelta(minutes=30),
        selesai=timezone.now() + dt.timedelta(hours=1),
        tempat="Aula",
    )
    assert len(k.kode_hadir) == 8
    assert set(k.kode_hadir) <= set(services.ALFABET_KODE)
    ditulis = f"{k.kode_hadir[:4].lower()}- {k.kode_hadir[4:]}"
    assert _mandiri(client, ditulis, "10.0.0.8").status_code == 201


def test_check_in_desk_with_a_bad_invitation_id_is_404(client, operator_jatim, buat_kegiatan):
    """The desk's one-tap check-in with an id that is not a number, or another event's
    invitation, answers 404 (not a server error); nothing is recorded."""
    from sinergi.kegiatan.models import Kehadiran

    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    lain = buat_kegiatan()
    u = Undangan.objects.create(kegiatan=lain, lembaga=lain.penyelenggara, token="tkn-lain-1")
    client.force_login(operator_jatim)
    for nilai in ("abc", u.pk):
        r = client.post(f"/kegiatan/{k.pk}/hadir/", {"aksi": "undangan", "undangan": nilai})
        assert r.status_code == 404
    assert not Kehadiran.objects.exists()
