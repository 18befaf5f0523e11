"""The organizer's flow in a real Chromium on a phone-sized page: plan → invite → check in →
report."""

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def bahasa_inggris(monkeypatch):
    """The browser runs in Indonesian (the page language follows the request). Playwright's
    event loop shares this thread, so Django's async guard is lifted for this test only (set
    here, not at import, so that collecting this module changes nothing for other tests)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_plan_invite_check_in_report(halaman, masuk_sebagai, pengguna_uji):
    """An operator of KPU Jatim plans an event, invites every regency KPU, checks one in from
    the list with one tap, and downloads the report."""
    from sinergi.kegiatan.models import Kegiatan, Kehadiran

    user = pengguna_uji("kpu_jatim", "operator")
    user.set_password("rahasia-uji-123")
    user.save()
    masuk_sebagai(user, "rahasia-uji-123")

    halaman.goto("/kegiatan/baru/")
    halaman.select_option("#id_jenis", "sosialisasi")
    halaman.fill("#id_judul", "Sosialisasi Regulasi Tahapan Pemilu")
    halaman.fill("#id_wilayah", "35")
    halaman.fill("#id_mulai", "2030-12-08T09:00")
    halaman.fill("#id_selesai", "2030-12-09T16:00")
    halaman.fill("#id_tempat", "JW Marriott Hotel Surabaya")
    halaman.click("main form.stack button[type=submit]")
    halaman.wait_for_url("**/kegiatan/*/")
    k = Kegiatan.objects.get()
    assert halaman.locator("h1").inner_text() == "Sosialisasi Regulasi Tahapan Pemilu"

    halaman.goto(f"/kegiatan/{k.pk}/undangan/")
    halaman.select_option("#id_jenis", "kpu")
    halaman.select_option("#id_tingkat", "kabupaten_kota")
    halaman.locator("#pratinjau").filter(has_text="3").wait_for()
    halaman.click("#f-massal button[type=submit]")
    halaman.wait_for_load_state()
    assert k.undangan.count() == 3

    # the day of the event: check-in at the desk opens two hours before the start
    mulai = timezone.now() - dt.timedelta(minutes=10)
    Kegiatan.objects.filter(pk=k.pk).update(mulai=mulai, selesai=mulai + dt.timedelta(hours=4))
    halaman.goto(f"/kegiatan/{k.pk}/hadir/")
    baris = halaman.locator("tbody tr").first
    baris.locator("form:has(input[value=undangan]) button").click()
    baris.locator(".badge").wait_for()  # one tap: the row swaps in place (HTMX), no reload
    assert Kehadiran.objects.filter(kegiatan=k).count() == 1
    assert halaman.locator("tbody tr .badge").count() == 1

    pdf = halaman.request.get(f"/kegiatan/{k.pk}/laporan.pdf")
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_invitee_scans_the_event_qr_and_checks_in_with_one_tap(halaman, pengguna_uji, lembaga_uji):
    """On a phone, Polres Madiun's officer opens the link of the event's QR code, signs in on
    the page it leads to, comes back to the event and checks in with one tap."""
    import datetime as dt

    from django.utils import timezone

    from sinergi.kegiatan.models import Kegiatan, Kehadiran, Undangan

    mulai = timezone.now() - dt.timedelta(minutes=15)
    k = Kegiatan.objects.create(
        jenis="sosialisasi",
        judul="Sosialisasi Regulasi Kampanye",
        penyelenggara=lembaga_uji["kpu_jatim"],
        wilayah_id="35",
        tempat="Aula KPU Jatim",
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=4),
        kode_hadir="QRUJI1",
    )
    Undangan.objects.create(kegiatan=k, lembaga=lembaga_uji["polres_madiun"], token="tkn-qr-uji")
    user = pengguna_uji("polres_madiun", "operator")
    user.set_password("rahasia-uji-123")
    user.save()

    halaman.goto(f"/kegiatan/{k.pk}/hadir-saya/")
    halaman.fill("#id_username", user.email)
    halaman.fill("#id_password", "rahasia-uji-123")
    halaman.click("form.stack button[type=submit]")
    halaman.wait_for_url(f"**/kegiatan/{k.pk}/hadir-saya/")
    halaman.click("#hadir-satu-ketuk")
    halaman.locator("#sudah-hadir").wait_for()
    row = Kehadiran.objects.get(kegiatan=k)
    assert (row.cara, row.nama, row.undangan.token) == ("qr", user.nama, "tkn-qr-uji")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_desk_checks_in_an_invitee_and_undoes_it(halaman, masuk_sebagai, pengguna_uji, lembaga_uji):
    """At the desk of a running event, the operator ticks KPU Ngawi in, then "Batalkan hadir"
    (confirmed) swaps the row back to not present and removes the record."""
    from sinergi.kegiatan.models import Kegiatan, Kehadiran, Undangan

    mulai = timezone.now() - dt.timedelta(minutes=10)
    k = Kegiatan.objects.create(
        jenis="rakor",
        judul="Rakor Pengamanan",
        penyelenggara=lembaga_uji["kpu_jatim"],
        wilayah_id="35",
        tempat="Aula KPU Jatim",
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=3),
        kode_hadir="DESK01",
    )
    u = Undangan.objects.create(kegiatan=k, lembaga=lembaga_uji["kpu_ngawi"], token="tkn-desk")
    user = pengguna_uji("kpu_jatim", "operator")
    user.set_password("rahasia-uji-123")
    user.save()
    masuk_sebagai(user, "rahasia-uji-123")

    halaman.goto(f"/kegiatan/{k.pk}/hadir/")
    baris = halaman.locator(f"#undangan-{u.pk}")
    baris.get_by_role("button", name="Catat hadir", exact=True).click()
    baris.locator(".badge").wait_for()
    assert Kehadiran.objects.filter(undangan=u).count() == 1

    dialog = []
    halaman.once("dialog", lambda d: (dialog.append(d.message), d.accept()))
    baris.get_by_role("button", name="Batalkan hadir", exact=True).click()
    baris.locator("form:has(input[value=undangan]) button").wait_for()
    assert baris.locator(".badge").count() == 0
    assert dialog and "Batalkan kehadiran ini?" in dialog[0]
    assert Kehadiran.objects.filter(kegiatan=k).count() == 0
