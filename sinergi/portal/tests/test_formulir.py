"""Forms that forgive (issue 14, item 5): linked records are picked by name with a filter box,
never typed as database ids, and minutes typed but not saved survive another form's button."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.core.models import Kerahasiaan
from sinergi.portal.tests.conftest import SANDI

pytestmark = pytest.mark.django_db


def _pengumuman(**extra):
    return {
        "judul": "Rakor",
        "isi": "Hadir ya",
        "prioritas": "penting",
        "kerahasiaan": "RESTRICTED",
        "audiens_jenis": ["kpu"],
        "audiens_tingkat": ["kabupaten_kota"],
        "audiens_wilayah": "35.19",
        **extra,
    }


def test_announcement_form_offers_stages_and_events_by_name(client, isi, pengguna_uji, hari):
    """The stage, regulation and event fields are lists of names (no "(id)" to type); the
    event list holds only events the author may see."""
    penulis = pengguna_uji("kpu_madiun", "koordinator")
    client.force_login(penulis)
    html = client.get("/komunikasi/pengumuman/baru/").content.decode()
    assert "(id)" not in html
    assert "T1 · Pemutakhiran data pemilih berkelanjutan" in html
    assert 'data-cari="Cari tahapan"' in html
    assert "Sosialisasi DPB di Kebonsari" in html
    assert "Rakor internal Ngawi" not in html  # another regency's restricted event


def test_announcement_links_the_picked_stage_and_refuses_a_hidden_event(
    client, isi, pengguna_uji, hari, lembaga_uji
):
    """A picked stage is linked; the id of an event the author cannot see is refused like an
    unknown one, and nothing is sent."""
    from sinergi.kegiatan.models import Kegiatan
    from sinergi.komunikasi.models import Pengumuman

    client.force_login(pengguna_uji("kpu_madiun", "koordinator"))
    tahapan = hari.tahapan.get(kode="T1")
    sebelum = Pengumuman.objects.count()
    r = client.post("/komunikasi/pengumuman/baru/", _pengumuman(tahapan=tahapan.pk))
    assert r.status_code == 302
    assert Pengumuman.objects.latest("pk").tahapan == tahapan
    ngawi = Kegiatan.objects.get(judul="Rakor internal Ngawi")
    r = client.post("/komunikasi/pengumuman/baru/", _pengumuman(kegiatan=ngawi.pk))
    assert r.status_code in (200, 422)
    assert "Tidak ditemukan: pilih dari daftar." in r.content.decode()
    assert Pengumuman.objects.count() == sebelum + 1


def test_thread_form_picks_a_stage_by_name(client, isi, pengguna_uji, hari):
    """The discussion form links a thread to a stage picked from the list."""
    from sinergi.komunikasi.models import Utas

    client.force_login(isi)
    html = client.get("/komunikasi/diskusi/").content.decode()
    assert "(id)" not in html and "Penyusunan peraturan" in html
    tahapan = hari.tahapan.get(kode="T2")
    r = client.post(
        "/komunikasi/diskusi/",
        {"judul": "PKPU", "isi": "Mari bahas", "kerahasiaan": "RESTRICTED", "tahapan": tahapan.pk},
    )
    assert r.status_code == 302, r.context["form"].errors
    assert Utas.objects.get().tahapan == tahapan


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_filter_box_picks_a_stage_by_typing_part_of_its_name(
    halaman, masuk_sebagai, isi, pengguna_uji, hari
):
    """On a phone, typing 'peratur' in the stage's filter box leaves that stage and selects it."""
    halaman.goto("/")  # isi made the user; log in as a coordinator who may announce
    penulis = pengguna_uji("kpu_madiun", "koordinator")
    penulis.set_password(SANDI)
    penulis.save()
    masuk_sebagai(penulis, SANDI)
    halaman.goto("/komunikasi/pengumuman/baru/")
    halaman.get_by_placeholder("Cari tahapan").fill("peratur")
    terpilih = halaman.evaluate(
        "() => { const s = document.getElementById('id_tahapan');"
        " return [s.selectedOptions[0].textContent,"
        " [...s.options].filter(o => o.value && !o.hidden).length]; }"
    )
    assert terpilih == ["T2 · Penyusunan peraturan", 1]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_minutes_survive_adding_a_decision(halaman, masuk_sebagai, lembaga_uji, pengguna_uji):
    """The organizer types minutes, then adds a decision without saving them first: after the
    page comes back the minutes are still there (restored, and said so); saving clears the
    draft."""
    from sinergi.kegiatan.models import Kegiatan

    user = pengguna_uji("kpu_madiun", "operator")
    user.set_password(SANDI)
    user.save()
    now = timezone.now()
    k = Kegiatan.objects.create(
        jenis="rakor",
        judul="Rakor pemutakhiran",
        penyelenggara=lembaga_uji["kpu_madiun"],
        wilayah_id="35.19",
        tempat="Aula KPU Kabupaten Madiun",
        mulai=now - dt.timedelta(hours=2),
        selesai=now - dt.timedelta(hours=1),
        kode_hadir="RAKOR1",
        kerahasiaan=Kerahasiaan.RESTRICTED,
    )
    masuk_sebagai(user, SANDI)
    halaman.goto(f"/kegiatan/{k.pk}/catatan/")
    halaman.fill("#id_notulen", "1. Pembukaan oleh ketua.\n2. Paparan DPB.")
    halaman.fill("#id_uraian", "Rekap DPB dikirim Senin")
    with halaman.expect_navigation():
        halaman.get_by_role("button", name="Tambah keputusan").click()
    assert k.keputusan.count() == 1
    halaman.locator(".draf-info").wait_for()
    assert halaman.input_value("#id_notulen") == "1. Pembukaan oleh ketua.\n2. Paparan DPB."
    assert halaman.locator(".draf-info").count() == 1  # the agenda was not touched
    with halaman.expect_navigation():
        halaman.locator("form:has(#id_notulen) button[type=submit]").click()
    for _ in range(50):  # the save is a full page load; wait for the server to have it
        k.refresh_from_db()
        if k.notulen:
            break
        halaman.wait_for_timeout(200)
    assert k.notulen.replace("\r\n", "\n") == "1. Pembukaan oleh ketua.\n2. Paparan DPB."
    assert halaman.evaluate("() => Object.keys(localStorage)") == []
