"""Self check-in without signal, in a real Chromium on a 390 px phone (issue #16): the check-in
page opened from the event's link works from the cache with the network off, the check-in
waits on the phone, and is recorded once when the network returns."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.core.testing.luring import buka_luring, kotak_antrean, siap_luring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def async_aman(monkeypatch):
    """Playwright's event loop shares this thread: lift Django's async guard for this test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_check_in_waits_offline_and_is_recorded_once(halaman, buat_kegiatan):
    from sinergi.kegiatan.models import Kehadiran

    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    siap_luring(halaman, f"/kegiatan/hadir/?kode={k.kode_hadir}")
    buka_luring(halaman)
    assert halaman.input_value("#id_kode") == k.kode_hadir  # filled from the link
    halaman.fill("#id_nama", "Budi Santoso")
    halaman.fill("#id_instansi", "Ormas Pemuda Madiun")
    halaman.click("form[data-luring] button[type=submit]")
    kotak = kotak_antrean(halaman, "Menunggu sinyal: 1 kehadiran")
    assert "Budi Santoso" in kotak.inner_text()
    assert not Kehadiran.objects.exists()

    halaman.context.set_offline(False)
    kotak.get_by_text("Terkirim:").wait_for()
    assert "Budi Santoso tercatat hadir di" in kotak.inner_text()
    row = Kehadiran.objects.get()
    assert (row.kegiatan, row.nama, row.instansi) == (k, "Budi Santoso", "Ormas Pemuda Madiun")


def test_one_tap_check_in_waits_offline_and_an_unopened_event_falls_back(
    halaman, buat_kegiatan, masuk_sebagai, pengguna_uji, lembaga_uji
):
    """An invitee opened the event's QR page once; in the hall without signal the page opens
    from the phone, the tap waits under the event's name, and is recorded once, as the
    signed-in invitee, when the signal returns. The QR code of an event never opened on this
    phone leads, without signal, to the self check-in form instead of a browser error."""
    from sinergi.kegiatan.models import Kehadiran, Undangan

    mulai = timezone.now() - dt.timedelta(minutes=30)
    k = buat_kegiatan(mulai=mulai, judul="Rakor Pengamanan TPS")
    belum = buat_kegiatan(mulai=mulai)
    for kg in (k, belum):
        Undangan.objects.create(
            kegiatan=kg, lembaga=lembaga_uji["polres_madiun"], token=f"t{kg.pk}"
        )
    user = pengguna_uji("polres_madiun", "operator")
    user.set_password("rahasia-uji-123")
    user.save()
    masuk_sebagai(user, "rahasia-uji-123")

    siap_luring(halaman, f"/kegiatan/{k.pk}/hadir-saya/")
    buka_luring(halaman)
    halaman.click("#hadir-satu-ketuk")
    kotak = kotak_antrean(halaman, "Menunggu sinyal: 1 kehadiran")
    assert "Rakor Pengamanan TPS" in kotak.inner_text()
    assert not Kehadiran.objects.exists()

    halaman.goto(f"/kegiatan/{belum.pk}/hadir-saya/")
    assert halaman.url.endswith("/kegiatan/hadir/")
    assert halaman.locator("#id_kode").is_visible()

    halaman.context.set_offline(False)
    halaman.goto(f"/kegiatan/{k.pk}/hadir-saya/")
    kotak = halaman.locator("#antrean-luring")
    kotak.get_by_text("Terkirim:").wait_for()
    row = Kehadiran.objects.get()
    assert (row.kegiatan, row.cara, row.dicatat_oleh) == (k, "qr", user)


# Polled through the DevTools protocol (a polled string would be `eval`, which the CSP refuses),
# bounded like the service-worker wait.
DISIMPAN = """async (url) => {
  for (let i = 0; i < 100; i++) {
    const keys = await caches.keys();
    for (const name of keys.filter((n) => n.startsWith("sinergi-halaman-"))) {
      if (await (await caches.open(name)).match(location.origin + url)) return true;
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return false;
}"""


def test_dashboard_keeps_the_check_in_pages_of_my_next_events(
    halaman, buat_kegiatan, masuk_sebagai, pengguna_uji, lembaga_uji
):
    """The morning before an event, the invitee opens the dashboard: the worker keeps that
    event's check-in page, so in the hall without signal its QR code opens the one-tap page
    (not the self check-in fallback) although it was never opened before."""
    from sinergi.kegiatan.models import Undangan

    k = buat_kegiatan(
        mulai=timezone.now() + dt.timedelta(hours=2), judul="Rakor Logistik", kerahasiaan="PUBLIC"
    )
    Undangan.objects.create(kegiatan=k, lembaga=lembaga_uji["polres_madiun"], token="t-dasbor")
    user = pengguna_uji("polres_madiun", "operator")
    user.set_password("rahasia-uji-123")
    user.save()
    masuk_sebagai(user, "rahasia-uji-123")

    siap_luring(halaman, "/dasbor/")
    url = f"/kegiatan/{k.pk}/hadir-saya/"
    assert halaman.locator(f'[data-luring-simpan="{url}"]').count() == 1
    assert halaman.evaluate(DISIMPAN, url) is True

    halaman.context.set_offline(True)
    response = halaman.goto(url)
    assert response.from_service_worker and halaman.url.endswith(url)
    assert halaman.locator("#hadir-satu-ketuk").is_visible()
    assert "Rakor Logistik" in halaman.inner_text("main")
