"""Reporting without signal, in a real Chromium on a 390 px phone (issue #16): the report form
is opened online (the service worker installs), the network is switched off, the form opens
again from the cache, a report with a photo is sent and waits on the phone, and when the
network returns it is sent once: exactly one incident."""

import pytest
from playwright.sync_api import expect

from sinergi.core.testing.browser import KUNCI_DB
from sinergi.core.testing.gambar import png_kecil
from sinergi.core.testing.luring import buka_luring, kotak_antrean, siap_luring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SANDI = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def async_aman(monkeypatch):
    """Playwright's event loop shares this thread: lift Django's async guard for this test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _petugas_masuk(masuk_sebagai, pengguna_uji):
    """Bawaslu Madiun's operator, signed in through the login form."""
    petugas = pengguna_uji("bawaslu_madiun", "operator")
    petugas.set_password(SANDI)
    petugas.save()
    masuk_sebagai(petugas, SANDI)
    return petugas


def _isi(halaman, uraian):
    halaman.select_option("#id_kategori", "politik_uang")
    halaman.fill("#id_kode_wilayah", "35.19")
    halaman.fill("#id_waktu", "2024-02-14T09:30")
    halaman.fill("#id_uraian", uraian)


def test_staff_report_waits_offline_and_is_sent_once(
    halaman, masuk_sebagai, pengguna_uji, kategori, settings, tmp_path
):
    from sinergi.kejadian.models import Kejadian, LampiranKejadian

    settings.MEDIA_ROOT = tmp_path
    petugas = _petugas_masuk(masuk_sebagai, pengguna_uji)
    siap_luring(halaman, "/kejadian/lapor/")
    buka_luring(halaman)
    assert halaman.locator("h1").inner_text() == "Laporkan kejadian"

    _isi(halaman, "Amplop dibagikan di dekat TPS 003, tanpa sinyal")
    halaman.set_input_files(
        "#id_lampiran", [{"name": "amplop.png", "mimeType": "image/png", "buffer": png_kecil()}]
    )
    halaman.click("form.kj-form button[type=submit]")
    kotak = kotak_antrean(halaman, "Menunggu sinyal: 1 laporan")
    assert "Politik uang" in kotak.inner_text() or "35.19" in kotak.inner_text()
    assert halaman.locator("#id_uraian").input_value() == ""  # the form is free for the next
    assert not Kejadian.objects.exists()
    halaman.reload()  # still offline: the page opens again and still shows what waits
    kotak = kotak_antrean(halaman, "Menunggu sinyal: 1 laporan")

    halaman.context.set_offline(False)
    kotak.get_by_text("Terkirim:").wait_for()
    k = Kejadian.objects.get()
    assert k.uraian == "Amplop dibagikan di dekat TPS 003, tanpa sinyal"
    assert k.pelapor == petugas and k.kunci_idempotensi
    assert list(LampiranKejadian.objects.values_list("nama", flat=True)) == ["amplop.png"]
    assert "Menunggu sinyal" not in kotak.inner_text()
    assert kotak.locator(f"a[href='/kejadian/{k.ref}/']").count() == 1

    halaman.reload()  # sending again on every page load finds nothing left to send
    assert Kejadian.objects.count() == 1

    halaman.click(".nav-toggle")  # logging out forgets the forms kept for this account
    halaman.click("nav .akun summary")
    with halaman.expect_navigation():
        halaman.get_by_role("button", name="Keluar").click()
    caches = halaman.evaluate("() => caches.keys()")
    assert [c for c in caches if c.startswith("sinergi-halaman-")] == []
    assert [c for c in caches if c.startswith("sinergi-statis-")] != []


def test_public_report_waits_offline_and_is_sent_once(halaman, kategori, wilayah_mini):
    from sinergi.kejadian.models import Kejadian

    siap_luring(halaman, "/kejadian/publik/lapor/")
    buka_luring(halaman)
    _isi(halaman, "Serangan fajar di Balerejo")
    halaman.click("form.kj-form button[type=submit]")
    kotak_antrean(halaman, "Menunggu sinyal: 1 laporan")  # kept, and the form is empty again
    _isi(halaman, "Kampanye di tempat ibadah")
    halaman.click("form.kj-form button[type=submit]")
    kotak = kotak_antrean(halaman, "Menunggu sinyal: 2 laporan")
    assert not Kejadian.objects.exists()

    halaman.context.set_offline(False)
    expect(kotak.locator(".antrean-terkirim li")).to_have_count(2)
    assert sorted(Kejadian.objects.values_list("uraian", flat=True)) == [
        "Kampanye di tempat ibadah",
        "Serangan fajar di Balerejo",
    ]
    assert set(Kejadian.objects.values_list("sumber", flat=True)) == {"publik"}
    assert "Menunggu sinyal" not in kotak.inner_text()


def test_refused_replay_is_kept_with_its_message(halaman, kategori, wilayah_mini):
    """A queued report the server refuses stays on the phone with the server's message."""
    from sinergi.kejadian.models import Kejadian

    siap_luring(halaman, "/kejadian/publik/lapor/")
    buka_luring(halaman)
    _isi(halaman, "Laporan dengan wilayah salah")
    halaman.fill("#id_kode_wilayah", "99.99")
    halaman.click("form.kj-form button[type=submit]")
    kotak_antrean(halaman, "Menunggu sinyal: 1 laporan")

    halaman.context.set_offline(False)
    pesan = halaman.locator("#antrean-luring .antrean-pesan")
    pesan.wait_for()
    assert "Kode wilayah tidak dikenal." in pesan.inner_text()
    assert "Menunggu sinyal: 1 laporan" in halaman.locator("#antrean-luring").inner_text()
    assert not Kejadian.objects.exists()

    # Back into the form, corrected and sent: one incident, and nothing waits any more.
    halaman.get_by_role("button", name="Perbaiki di formulir").click()
    assert halaman.input_value("#id_uraian") == "Laporan dengan wilayah salah"
    assert halaman.input_value("#id_kode_wilayah") == "99.99"
    halaman.fill("#id_kode_wilayah", "35.19")
    with halaman.expect_navigation(url="**/kejadian/publik/lapor/?terkirim=1"):
        halaman.click("form.kj-form button[type=submit]")
    assert Kejadian.objects.get().uraian == "Laporan dengan wilayah salah"
    halaman.reload()
    assert "Menunggu sinyal" not in halaman.locator("#antrean-luring").inner_text()


def test_report_sent_on_a_dead_connection_is_queued_by_the_worker(halaman, kategori, wilayah_mini):
    """The phone believes it is online but nothing gets through (weak signal): the ordinary
    submit fails, the service worker keeps the report and opens the form again with it
    waiting; it is sent once when the signal returns."""
    from sinergi.kejadian.models import Kejadian

    siap_luring(halaman, "/kejadian/publik/lapor/")
    halaman.context.set_offline(True)
    halaman.evaluate(
        "() => Object.defineProperty(Navigator.prototype, 'onLine', {get: () => true})"
    )
    _isi(halaman, "Surat suara tertukar di TPS 7")
    with halaman.expect_navigation(url="**/kejadian/publik/lapor/?antre=1"):
        halaman.click("form.kj-form button[type=submit]")
    kotak = kotak_antrean(halaman, "Menunggu sinyal: 1 laporan")
    assert "Politik uang" in kotak.inner_text()
    assert not Kejadian.objects.exists()

    halaman.context.set_offline(False)
    kotak.get_by_text("Terkirim:").wait_for()
    assert Kejadian.objects.get().uraian == "Surat suara tertukar di TPS 7"


def test_form_opened_from_cache_gets_a_fresh_csrf_token_online(
    halaman, masuk_sebagai, pengguna_uji, kategori, live_server
):
    """A form page kept in the cache carries an old CSRF token; after the CSRF secret changed
    (a new login), the page takes a fresh token when online, so its ordinary submit works."""
    from sinergi.kejadian.models import Kejadian

    _petugas_masuk(masuk_sebagai, pengguna_uji)
    siap_luring(halaman, "/kejadian/lapor/")
    buka_luring(halaman)
    lama = halaman.input_value("form.kj-form input[name=csrfmiddlewaretoken]")
    halaman.context.add_cookies([{"name": "csrftoken", "value": "b" * 32, "url": live_server.url}])
    halaman.context.set_offline(False)
    expect(halaman.locator("form.kj-form input[name=csrfmiddlewaretoken]")).not_to_have_value(lama)
    _isi(halaman, "Dikirim dari halaman simpanan")
    with halaman.expect_navigation(url="**/kejadian/*/"):
        halaman.click("form.kj-form button[type=submit]")
    assert Kejadian.objects.get().uraian == "Dikirim dari halaman simpanan"


def test_queued_staff_report_is_sent_only_for_its_author(
    halaman, masuk_sebagai, pengguna_uji, kategori
):
    """A staff report waiting on a shared phone is never sent under another account: signed
    out it waits ("log in again"), with another account signed in it waits unnamed, and it is
    sent, as its author's, once the author signs in again."""
    from sinergi.kejadian.models import Kejadian

    penulis = pengguna_uji("bawaslu_madiun", "operator")
    lain = pengguna_uji("bawaslu_madiun", "koordinator")
    for u in (penulis, lain):
        u.set_password(SANDI)
        u.save()
    masuk_sebagai(penulis, SANDI)
    siap_luring(halaman, "/kejadian/lapor/")
    buka_luring(halaman)
    _isi(halaman, "Ditulis oleh operator")
    halaman.click("form.kj-form button[type=submit]")
    kotak_antrean(halaman, "Menunggu sinyal: 1 laporan")

    halaman.context.clear_cookies()  # the session ended meanwhile
    halaman.context.set_offline(False)
    halaman.locator("#antrean-luring").get_by_text("Masuk lagi untuk mengirimnya.").wait_for()
    assert not Kejadian.objects.exists()

    masuk_sebagai(lain, SANDI)
    kotak = kotak_antrean(halaman, "1 kiriman dari akun lain menunggu")
    assert "Ditulis oleh operator" not in kotak.inner_text()
    assert "Menunggu sinyal" not in kotak.inner_text()
    assert not Kejadian.objects.exists()

    halaman.context.clear_cookies()
    masuk_sebagai(penulis, SANDI)
    kotak_antrean(halaman, "Terkirim:")
    assert Kejadian.objects.get().pelapor == penulis


def _kirim_sinkron(halaman) -> None:
    """What the browser does when the connection returns after Background Sync was asked for:
    the worker's `sync` event, dispatched through the DevTools protocol."""
    cdp = halaman.context.new_cdp_session(halaman)
    registrasi: list = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrasi.extend(r for r in e["registrations"] if not r["isDeleted"]),
    )
    cdp.send("ServiceWorker.enable")
    for _i in range(50):
        if registrasi:
            break
        halaman.wait_for_timeout(100)
    assert registrasi, "no service worker registration reported"
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": registrasi[0]["scopeURL"].rstrip("/"),
            "registrationId": registrasi[0]["registrationId"],
            "tag": "sinergi-antrean",
            "lastChance": False,
        },
    )


def test_report_queued_then_site_closed_is_sent_by_the_worker(
    halaman, masuk_sebagai, pengguna_uji, kategori, live_server
):
    """The report waits on the phone, the user leaves the site (no page of it open) and the
    signal returns: the browser's Background Sync wakes the worker, which sends it itself,
    once; the next visit lists it as sent."""
    import time

    from sinergi.kejadian.models import Kejadian

    petugas = _petugas_masuk(masuk_sebagai, pengguna_uji)
    siap_luring(halaman, "/kejadian/lapor/")
    buka_luring(halaman)
    _isi(halaman, "Baliho di jembatan, dikirim oleh worker")
    halaman.click("form.kj-form button[type=submit]")
    kotak_antrean(halaman, "Menunggu sinyal: 1 laporan")

    halaman.goto("about:blank")  # the site is closed: no page of it is open
    halaman.context.set_offline(False)
    _kirim_sinkron(halaman)
    for _i in range(100):
        with KUNCI_DB:  # the worker's request may be in the server right now
            if Kejadian.objects.exists():
                break
        time.sleep(0.1)
    k = Kejadian.objects.get()
    assert (k.uraian, k.pelapor) == ("Baliho di jembatan, dikirim oleh worker", petugas)

    halaman.goto(live_server.url + "/kejadian/lapor/")
    kotak = halaman.locator("#antrean-luring")
    kotak.get_by_text("Terkirim:").wait_for()
    assert "Menunggu sinyal" not in kotak.inner_text()
    assert kotak.locator(f"a[href='/kejadian/{k.ref}/']").count() == 1
    assert Kejadian.objects.count() == 1
