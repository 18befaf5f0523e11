"""Managing a webhook in a real Chromium on a phone-sized page (Indonesian): an organization
admin adds one, sees the secret once, sends a test and finds it in the delivery log."""

import pytest

SANDI = "rahasia-uji-123"
URL = "https://gateway.polres-madiun.example.org/sinergi"


@pytest.fixture(autouse=True)
def izinkan_async(monkeypatch):
    """Playwright's event loop shares this thread; lift Django's async guard for this test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_admin_adds_a_webhook_sees_the_secret_once_and_sends_a_test(
    halaman, masuk_sebagai, pengguna_uji, monkeypatch
):
    from sinergi.komunikasi import webhook
    from sinergi.komunikasi.models import PengirimanWebhook, Webhook
    from sinergi.komunikasi.tests.test_webhook import Jawaban

    calls = []
    monkeypatch.setattr(
        "sinergi.komunikasi.webhook._buka", lambda req, timeout: calls.append(req) or Jawaban(200)
    )
    admin = pengguna_uji("polres_madiun", "admin_lembaga")
    admin.set_password(SANDI)
    admin.save()
    masuk_sebagai(admin, SANDI)

    halaman.goto("/komunikasi/")
    halaman.click(".kom-nav a[href='/komunikasi/webhook/']")
    halaman.wait_for_url("**/komunikasi/webhook/")
    # A private address is refused with the reason, and the input is kept.
    halaman.fill("#id_url", "https://192.168.1.5/hook")
    halaman.click("text=Tambahkan webhook")
    halaman.locator(".errorlist").filter(has_text="alamat IP").wait_for()
    assert halaman.input_value("#id_url") == "https://192.168.1.5/hook"
    assert not Webhook.objects.exists()

    halaman.fill("#id_url", URL)
    halaman.click("text=Tambahkan webhook")
    halaman.locator("#rahasia-webhook").wait_for()
    w = Webhook.objects.get()
    rahasia = halaman.inner_text("#rahasia-webhook")
    assert rahasia == w.rahasia and len(rahasia) >= 32
    assert "hanya ditampilkan sekali" in halaman.content()

    halaman.click(f"a[href='/komunikasi/webhook/{w.pk}/'] >> nth=0")
    halaman.wait_for_url(f"**/komunikasi/webhook/{w.pk}/")
    assert rahasia not in halaman.content()
    halaman.click("#kirim-uji")
    halaman.locator("#log-pengiriman td").filter(has_text="ping").wait_for()
    halaman.locator("#log-pengiriman .badge").filter(has_text="Terkirim").wait_for()
    assert rahasia not in halaman.content()

    log = PengirimanWebhook.objects.get()
    assert (log.peristiwa, log.status) == ("ping", "berhasil")
    (req,) = calls
    t, v1 = (x.split("=", 1)[1] for x in req.get_header("X-sinergi-signature").split(","))
    assert v1 == webhook.tanda_tangan(rahasia, int(t), req.data)
