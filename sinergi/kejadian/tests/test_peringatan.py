"""Early warning: each rule kind raises exactly once and not below its threshold; delivery to
subscribed organizations (inbox, e-mail, signed webhook), the daily digest, confidentiality of
alerts, acknowledge/close, subscriptions, the default rules and the signature check."""

import datetime as dt
import json
import time
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from sinergi.core.audit import AuditEntry
from sinergi.kejadian import peringatan as svc
from sinergi.kejadian.models import (
    AturanPeringatan,
    JenisAturan,
    KategoriKejadian,
    Kejadian,
    Langganan,
    PengirimanPeringatan,
    Peringatan,
    StatusKejadian,
)
from sinergi.kejadian.tasks import (
    kirim_peringatan,
    kirim_ringkasan_peringatan,
    payload_peringatan,
)

KATEGORI = ["politik_uang", "hoaks_disinformasi", "logistik"]


@pytest.fixture(autouse=True)
def bahasa_inggris():
    """Messages are asserted in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    """The test client with English chosen (the language switch's cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def kategori(db):
    for i, kode in enumerate(KATEGORI):
        KategoriKejadian.objects.get_or_create(kode=kode, defaults={"nama": kode, "urutan": i})
    return KATEGORI


def buat_kejadian(kode="35.19.01.2001", kategori="politik_uang", hari_lalu=1.0, n=1, **kw):
    """Incidents made directly (the incident services are another module's business)."""
    waktu = timezone.now() - dt.timedelta(days=hari_lalu)
    return Kejadian.objects.bulk_create(
        [
            Kejadian(
                kategori_id=kategori,
                wilayah_id=kode,
                waktu_kejadian=waktu,
                zona_waktu="WIB",
                uraian="uji",
                **kw,
            )
            for _ in range(n)
        ]
    )


def buat_aturan(jenis=JenisAturan.LONJAKAN, kode="uji", kategori=None, **parameter):
    return AturanPeringatan.objects.create(
        kode=kode,
        nama=f"Aturan {kode}",
        jenis=jenis,
        kategori_id=kategori,
        tingkat_wilayah="kabupaten_kota",
        parameter=parameter,
    )


@pytest.fixture
def dasar(wilayah_mini, lembaga_uji, kategori):
    return wilayah_mini


# --- lonjakan -----------------------------------------------------------------------------
def test_lonjakan_raises_once_at_threshold(dasar):
    """Five politik_uang incidents in Kabupaten Madiun within 3 days raise one alert for the
    regency (counting its villages), and evaluating again raises nothing new."""
    aturan = buat_aturan(kategori="politik_uang", n=5, hari=3)
    buat_kejadian(n=4)
    buat_kejadian(kode="35.19", n=1)
    assert Peringatan.objects.count() == 0
    baru = svc.aturan_evaluasi(aturan)
    assert len(baru) == 1
    p = Peringatan.objects.get()
    assert p.wilayah_id == "35.19" and p.data["jumlah"] == 5 and p.kategori_id == "politik_uang"
    assert p.kerahasiaan == "RESTRICTED"
    assert svc.aturan_evaluasi(aturan) == []
    assert Peringatan.objects.count() == 1


def test_lonjakan_below_threshold_other_category_rejected_and_old_do_not_count(dasar):
    """Four counted incidents, plus one rejected, one merged, one of another category and one
    older than the window: no alert."""
    aturan = buat_aturan(kategori="politik_uang", n=5, hari=3)
    buat_kejadian(n=4)
    buat_kejadian(status=StatusKejadian.DITOLAK)
    buat_kejadian(status=StatusKejadian.DIGABUNG)
    buat_kejadian(kategori="logistik")
    buat_kejadian(hari_lalu=4)
    assert svc.aturan_evaluasi(aturan) == []


def test_lonjakan_any_category_counts_per_regency(dasar):
    """Without a category every category counts, and each regency is counted on its own."""
    aturan = buat_aturan(n=3, hari=3)
    buat_kejadian(n=2)
    buat_kejadian(kategori="logistik")
    buat_kejadian(kode="35.77", n=2)
    svc.aturan_evaluasi(aturan)
    assert list(Peringatan.objects.values_list("wilayah_id", flat=True)) == ["35.19"]


def test_lonjakan_no_new_alert_while_open_alert_across_period(dasar):
    """An ongoing spike crossing into the next period is still one alert while it is open."""
    aturan = buat_aturan(n=2, hari=3)
    buat_kejadian(n=3)
    assert len(svc.aturan_evaluasi(aturan)) == 1
    nanti = timezone.now() + dt.timedelta(days=1)
    with mock.patch.object(svc, "_ember", return_value="lain"):
        assert svc.aturan_evaluasi(aturan, now=nanti) == []


# --- di_atas_baseline ---------------------------------------------------------------------
def test_di_atas_baseline_raises_when_twice_the_average(dasar):
    """Last 7 days: 6 incidents; the 4 weeks before: 2 each (average 2): 6 >= 2 x 2: alert."""
    aturan = buat_aturan(JenisAturan.DI_ATAS_BASELINE, hari=7, periode=4, faktor=2, minimum=5)
    buat_kejadian(n=6, hari_lalu=2)
    for minggu in range(1, 5):
        buat_kejadian(n=2, hari_lalu=7 * minggu + 3)
    assert len(svc.aturan_evaluasi(aturan)) == 1
    p = Peringatan.objects.get()
    assert p.data["jumlah"] == 6 and p.data["rata_rata"] == 2.0
    assert svc.aturan_evaluasi(aturan) == []


def test_di_atas_baseline_not_when_usual_or_below_minimum(dasar):
    """6 in the last week against an average of 4 (6 < 8): no alert; and in Ngawi 3 incidents
    with no history stay under the minimum of 5."""
    aturan = buat_aturan(JenisAturan.DI_ATAS_BASELINE, hari=7, periode=4, faktor=2, minimum=5)
    buat_kejadian(n=6, hari_lalu=2)
    for minggu in range(1, 5):
        buat_kejadian(n=4, hari_lalu=7 * minggu + 3)
    buat_kejadian(kode="35.21", n=3, hari_lalu=1)
    assert svc.aturan_evaluasi(aturan) == []


# --- rawan_tanpa_koordinasi ---------------------------------------------------------------
@pytest.fixture
def ikp_tahapan(dasar):
    from sinergi.kerawanan.models import Kerangka, Penilaian
    from sinergi.tahapan.models import Pemilu, Tahapan

    k = Kerangka.objects.create(slug="ikp-uji", nama="IKP uji", tingkat=["kabupaten_kota"])
    for kode, kat in [("35.19", "tinggi"), ("35.77", "tinggi"), ("35.21", "rendah")]:
        Penilaian.objects.create(
            kerangka=k, wilayah_id=kode, periode="2024", skor=Decimal("80"), kategori=kat
        )
    # An older period said "rendah" for Madiun; the newest one wins.
    Penilaian.objects.create(
        kerangka=k, wilayah_id="35.19", periode="2023", skor=Decimal("10"), kategori="rendah"
    )
    pemilu = Pemilu.objects.create(slug="pemilu-uji", jenis="pemilu", nama="Pemilu uji")
    mulai = timezone.localdate() + dt.timedelta(days=10)
    t = Tahapan.objects.create(pemilu=pemilu, kode="1", nama="Kampanye", tanggal_mulai=mulai)
    Tahapan.objects.filter(pk=t.pk).update(mulai_efektif=mulai, selesai_efektif=mulai)
    return t


def _kegiatan(lembaga, kode, hari_lalu, **kw):
    import uuid

    from sinergi.kegiatan.models import Kegiatan

    mulai = timezone.now() - dt.timedelta(days=hari_lalu)
    return Kegiatan.objects.create(
        jenis="rakor",
        judul="Rakor",
        penyelenggara=lembaga,
        wilayah_id=kode,
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=2),
        kode_hadir=uuid.uuid4().hex[:8],
        **kw,
    )


def test_rawan_tanpa_koordinasi(ikp_tahapan, lembaga_uji):
    """High IKP + a stage starting in 10 days: Kota Madiun (no event) is alerted; Kabupaten
    Madiun had a coordination event 5 days ago in its subtree; Ngawi is low; an event 40
    days ago or a cancelled one does not count."""
    aturan = buat_aturan(JenisAturan.RAWAN_TANPA_KOORDINASI, hari_tahapan=14, hari_kegiatan=30)
    _kegiatan(lembaga_uji["kpu_madiun"], "35.19.01", 5)
    _kegiatan(lembaga_uji["kpu_kota_madiun"], "35.77", 40)
    _kegiatan(lembaga_uji["kpu_kota_madiun"], "35.77", 2, status="dibatalkan", alasan_batal="x")
    assert len(svc.aturan_evaluasi(aturan)) == 1
    p = Peringatan.objects.get()
    assert p.wilayah_id == "35.77"
    assert p.data["tahapan"] == ikp_tahapan.pk and p.data["ikp"]["kategori"] == "tinggi"
    assert svc.aturan_evaluasi(aturan) == []


def test_rawan_tanpa_koordinasi_keeps_a_confidential_assessment_confidential(ikp_tahapan):
    """The alert reveals the score's category: from a CONFIDENTIAL assessment it is
    CONFIDENTIAL too, whatever the rule's default."""
    from sinergi.kerawanan.models import Penilaian

    Penilaian.objects.filter(wilayah_id="35.77").update(kerahasiaan="CONFIDENTIAL")
    aturan = buat_aturan(JenisAturan.RAWAN_TANPA_KOORDINASI, hari_tahapan=14, hari_kegiatan=30)
    svc.aturan_evaluasi(aturan)
    assert Peringatan.objects.get(wilayah_id="35.77").kerahasiaan == "CONFIDENTIAL"
    assert Peringatan.objects.get(wilayah_id="35.19").kerahasiaan == "RESTRICTED"


def test_rawan_tanpa_koordinasi_needs_a_stage_soon(ikp_tahapan):
    """The same regions, but the stage starts in 10 days and the rule looks 7 days ahead."""
    aturan = buat_aturan(JenisAturan.RAWAN_TANPA_KOORDINASI, hari_tahapan=7, hari_kegiatan=30)
    assert svc.aturan_evaluasi(aturan) == []


# --- follow-ups ---------------------------------------------------------------------------
def _tl(lembaga, tenggat, **kw):
    from sinergi.tindak_lanjut.models import TindakLanjut

    return TindakLanjut.objects.create(
        judul="Pemetaan TPS rawan",
        lembaga=lembaga,
        wilayah_id=kw.pop("wilayah", lembaga.wilayah_id),
        tenggat=tenggat,
        **kw,
    )


def test_tindak_lanjut_terlambat_grouped_per_regency(dasar, lembaga_uji):
    """Two overdue follow-ups in Kabupaten Madiun (one in a village) → one alert counting 2;
    a done one and one not yet due do not count; Ngawi has none."""
    aturan = buat_aturan(JenisAturan.TINDAK_LANJUT_TERLAMBAT, minimum=1, hari=7)
    lalu = timezone.now() - dt.timedelta(days=2)
    polres = lembaga_uji["polres_madiun"]
    _tl(polres, lalu)
    _tl(polres, lalu, wilayah="35.19.01.2001")
    _tl(polres, lalu, status="selesai")
    _tl(lembaga_uji["kpu_ngawi"], timezone.now() + dt.timedelta(days=2))
    assert len(svc.aturan_evaluasi(aturan)) == 1
    p = Peringatan.objects.get()
    assert (p.wilayah_id, p.data["jumlah"]) == ("35.19", 2)
    assert svc.aturan_evaluasi(aturan) == []


def test_tindak_lanjut_terlambat_below_minimum(dasar, lembaga_uji):
    aturan = buat_aturan(JenisAturan.TINDAK_LANJUT_TERLAMBAT, minimum=2)
    _tl(lembaga_uji["polres_madiun"], timezone.now() - dt.timedelta(days=1))
    assert svc.aturan_evaluasi(aturan) == []


def test_tenggat_tahapan_with_open_follow_ups(dasar, lembaga_uji):
    """A stage ending in 5 days; Kabupaten Madiun has an open follow-up due before that end →
    one alert; a follow-up due after the stage ends (Ngawi) does not count."""
    from sinergi.tahapan.models import Pemilu, Tahapan

    pemilu = Pemilu.objects.create(slug="p", jenis="pemilu", nama="P")
    akhir = timezone.localdate() + dt.timedelta(days=5)
    t = Tahapan.objects.create(pemilu=pemilu, kode="2", nama="Pencalonan", tanggal_selesai=akhir)
    Tahapan.objects.filter(pk=t.pk).update(selesai_efektif=akhir)
    aturan = buat_aturan(JenisAturan.TENGGAT_TAHAPAN, hari=7)
    _tl(lembaga_uji["polres_madiun"], timezone.now() + dt.timedelta(days=3))
    _tl(lembaga_uji["kpu_ngawi"], timezone.now() + dt.timedelta(days=30))
    assert len(svc.aturan_evaluasi(aturan)) == 1
    p = Peringatan.objects.get()
    assert p.wilayah_id == "35.19" and p.data["tahapan"] == t.pk
    assert svc.aturan_evaluasi(aturan) == []
    # The stage is further away than the rule looks: nothing.
    Peringatan.objects.all().delete()
    aturan.parameter = {"hari": 3}
    aturan.save()
    assert svc.aturan_evaluasi(aturan) == []


# --- default rules, command -----------------------------------------------------------------
def test_default_rules_load_idempotently_and_validate(kategori):
    """The shipped CSV loads five valid rules once; loading again changes nothing and an
    administrator's edit of a rule is kept."""
    assert svc.load_aturan() == 5
    assert set(AturanPeringatan.objects.values_list("jenis", flat=True)) == set(JenisAturan.values)
    AturanPeringatan.objects.filter(kode="lonjakan-politik-uang").update(parameter={"n": 9})
    assert svc.load_aturan() == 0
    assert AturanPeringatan.objects.get(kode="lonjakan-politik-uang").parameter == {"n": 9}
    for a in AturanPeringatan.objects.all():
        svc.validasi_aturan(a)


def test_rule_with_bad_parameters_is_refused():
    aturan = AturanPeringatan(kode="x", nama="x", jenis="lonjakan", parameter={"n": -1})
    with pytest.raises(ValidationError) as exc:
        svc.validasi_aturan(aturan)
    assert exc.value.message_dict["parameter"] == ["n must be a positive number."]


def test_command_evaluates_and_dry_run_raises_nothing(dasar):
    buat_aturan(n=2, hari=3)
    buat_kejadian(n=2)
    call_command("evaluasi_peringatan", "--dry-run", stdout=StringIO())
    assert Peringatan.objects.count() == 0
    call_command("evaluasi_peringatan", stdout=StringIO())
    assert Peringatan.objects.count() == 1


def test_periodic_task_registered_every_5_minutes():
    from sinergi.core.tasks import PERIODIC
    from sinergi.kejadian import tasks

    item = PERIODIC[tasks.evaluasi_peringatan.module_path]
    assert item.every == dt.timedelta(minutes=5)
    assert PERIODIC[tasks.kirim_ringkasan_peringatan.module_path].every == dt.timedelta(hours=24)


# --- delivery -----------------------------------------------------------------------------
@pytest.fixture
def webhook_polres(lembaga_uji):
    from sinergi.komunikasi.models import Webhook

    return Webhook.objects.create(
        lembaga=lembaga_uji["polres_madiun"], url="https://polres.example/hook", rahasia="r" * 40
    )


def _raise(aturan=None):
    aturan = aturan or buat_aturan(n=2, hari=3)
    buat_kejadian(n=2)
    return svc.evaluasi_semua()


def test_delivery_inbox_email_and_signed_webhook(dasar, lembaga_uji, pengguna_uji, webhook_polres):
    """Polres Madiun subscribes (its own region by default) by e-mail and webhook: its
    members get an inbox item of kind "peringatan", the organization one e-mail, and its
    webhook one signed `peringatan.baru` call; each is in the delivery log once."""
    from sinergi.komunikasi.models import Notifikasi, PengirimanWebhook

    lembaga_uji["polres_madiun"].email = "polres@example.id"
    lembaga_uji["polres_madiun"].save()
    anggota = pengguna_uji("polres_madiun", "operator")
    Langganan.objects.create(lembaga=lembaga_uji["polres_madiun"], webhook=True)
    dikirim = []

    def palsu(url, rahasia, peristiwa, payload):
        dikirim.append((url, rahasia, peristiwa, payload))
        return 200

    with mock.patch("sinergi.komunikasi.webhook.kirim", side_effect=palsu):
        _raise()
    p = Peringatan.objects.get()
    assert Notifikasi.objects.filter(pengguna=anggota, jenis="peringatan").count() == 1
    email_org = [m for m in mail.outbox if m.to == ["polres@example.id"]]
    assert len(email_org) == 1 and p.judul in email_org[0].body
    assert [(d[0], d[2]) for d in dikirim] == [("https://polres.example/hook", "peringatan.baru")]
    assert dikirim[0][3] == payload_peringatan(p) and dikirim[0][3]["id"] == p.pk
    log = dict(PengirimanPeringatan.objects.filter(peringatan=p).values_list("saluran", "status"))
    assert log == {"aplikasi": "berhasil", "email": "berhasil", "webhook": "berhasil"}
    hook_log = PengirimanWebhook.objects.get()
    assert hook_log.status == "berhasil" and hook_log.peristiwa == "peringatan.baru"
    lewat_webhook = PengirimanPeringatan.objects.get(saluran="webhook")
    assert lewat_webhook.pengiriman_webhook == hook_log
    assert (lewat_webhook.percobaan, lewat_webhook.terkirim_at) == (1, hook_log.terkirim_at)
    # Delivering again (a retried task) adds nothing.
    from sinergi.kejadian.tasks import kirim_peringatan

    kirim_peringatan.call(p.pk)
    assert PengirimanPeringatan.objects.filter(peringatan=p).count() == 3
    assert Notifikasi.objects.filter(pengguna=anggota, jenis="peringatan").count() == 1


def _langganan_webhook(lembaga_uji):
    Langganan.objects.create(lembaga=lembaga_uji["polres_madiun"], email=False, webhook=True)


def test_webhook_failing_every_attempt_marks_the_alert_delivery_failed(
    dasar, lembaga_uji, webhook_polres
):
    """The receiver answers 500 to every attempt: after komunikasi's five attempts the alert
    delivery row says failed, with the attempts and the last answer."""
    from sinergi.komunikasi.tasks import WEBHOOK_PERCOBAAN_MAKS

    _langganan_webhook(lembaga_uji)
    with mock.patch("sinergi.komunikasi.webhook.kirim", return_value=500) as kirim:
        _raise()  # immediate backend: the retries run at once
    assert kirim.call_count == WEBHOOK_PERCOBAAN_MAKS
    log = PengirimanPeringatan.objects.get(saluran="webhook")
    assert (log.status, log.percobaan, log.galat) == ("gagal", WEBHOOK_PERCOBAAN_MAKS, "HTTP 500")
    assert log.terkirim_at is None
    assert log.pengiriman_webhook.status == "gagal"


def test_webhook_delivered_after_a_retry(dasar, lembaga_uji, webhook_polres):
    """A network error, then 200: delivered on the second attempt, the error cleared."""
    _langganan_webhook(lembaga_uji)
    with mock.patch(
        "sinergi.komunikasi.webhook.kirim", side_effect=[OSError("connection refused"), 204]
    ):
        _raise()
    log = PengirimanPeringatan.objects.get(saluran="webhook")
    assert (log.status, log.percobaan, log.galat) == ("berhasil", 2, "")
    assert log.terkirim_at == log.pengiriman_webhook.terkirim_at is not None


def test_webhook_waiting_between_attempts_shows_the_last_error(
    dasar, lembaga_uji, webhook_polres, settings
):
    """With the real queue, after a first failed attempt the alert delivery still waits (a
    retry is queued) but records the attempt and the error; the retry delivers it."""
    from sinergi.komunikasi.models import PengirimanWebhook
    from sinergi.komunikasi.tasks import kirim_webhook

    _langganan_webhook(lembaga_uji)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    _raise()
    kirim_peringatan.call(Peringatan.objects.get().pk)  # the queued delivery, run by a worker
    panggilan = PengirimanWebhook.objects.get()
    with mock.patch("sinergi.komunikasi.webhook.kirim", return_value=503):
        kirim_webhook.call(panggilan.pk)
    log = PengirimanPeringatan.objects.get(saluran="webhook")
    assert (log.status, log.percobaan, log.galat) == ("menunggu", 1, "HTTP 503")
    with mock.patch("sinergi.komunikasi.webhook.kirim", return_value=200):
        kirim_webhook.call(panggilan.pk)
    log.refresh_from_db()
    assert (log.status, log.percobaan, log.galat) == ("berhasil", 2, "")


def test_webhook_removed_before_delivery_fails_the_alert_delivery(
    dasar, lembaga_uji, webhook_polres, settings
):
    """The organization deletes its webhook while the call still waits: the alert delivery is
    failed with the reason (it would otherwise wait forever)."""
    _langganan_webhook(lembaga_uji)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    _raise()
    kirim_peringatan.call(Peringatan.objects.get().pk)
    webhook_polres.delete()
    log = PengirimanPeringatan.objects.get(saluran="webhook")
    assert log.status == "gagal" and "removed" in log.galat
    assert log.pengiriman_webhook is None


def test_migration_brings_rows_written_before_up_to_date(dasar, lembaga_uji, webhook_polres):
    """Rows left waiting by the old code: delivered, failed after five attempts, still
    retrying, and one whose call is gone."""
    import importlib

    from django.apps import apps

    from sinergi.komunikasi.models import PengirimanWebhook

    migrasi = importlib.import_module("sinergi.kejadian.migrations.0005_sinkron_pengiriman_webhook")
    aturan = buat_aturan(n=2, hari=3)
    lembaga = [lembaga_uji[k] for k in ("polres_madiun", "kpu_madiun", "kpu_jatim", "kpu_ri")]
    waktu = timezone.now()
    hasil = [
        ("berhasil", 1, "", waktu),
        ("gagal", 5, "HTTP 500", None),
        ("gagal", 2, "HTTP 502", None),
    ]
    baris = []
    for i, (status, percobaan, galat, terkirim) in enumerate(hasil):
        p = Peringatan.objects.create(
            aturan=aturan, wilayah_id="35.19", judul=f"P{i}", kunci=f"k{i}"
        )
        panggilan = PengirimanWebhook.objects.create(
            webhook=webhook_polres, peristiwa="peringatan.baru", payload={}
        )
        PengirimanWebhook.objects.filter(pk=panggilan.pk).update(  # no signal: the old state
            status=status, percobaan=percobaan, galat=galat, terkirim_at=terkirim
        )
        baris.append(
            PengirimanPeringatan.objects.create(
                peringatan=p, lembaga=lembaga[i], saluran="webhook", pengiriman_webhook=panggilan
            )
        )
    hilang = PengirimanPeringatan.objects.create(
        peringatan=p, lembaga=lembaga[3], saluran="webhook"
    )
    migrasi.sinkron(apps, None)
    got = [
        PengirimanPeringatan.objects.values_list("status", "percobaan", "galat").get(pk=b.pk)
        for b in [*baris, hilang]
    ]
    assert got[:3] == [("berhasil", 1, ""), ("gagal", 5, "HTTP 500"), ("menunggu", 2, "HTTP 502")]
    assert got[3][0] == "gagal"
    assert PengirimanPeringatan.objects.get(pk=baris[0].pk).terkirim_at == waktu


def test_announcement_webhook_calls_leave_alert_deliveries_alone(
    dasar, lembaga_uji, webhook_polres, django_assert_num_queries
):
    """Only `peringatan.baru` calls are mirrored: saving another event's call costs no query
    beyond its own."""
    from sinergi.komunikasi.models import PengirimanWebhook

    lain = PengirimanWebhook.objects.create(
        webhook=webhook_polres, peristiwa="pengumuman.dikirim", payload={}
    )
    lain.status = "berhasil"
    with django_assert_num_queries(1):
        lain.save(update_fields=["status"])


def test_webhook_signature_is_hmac_sha256_over_the_body(webhook_polres):
    """The real `webhook.kirim` signs `<t>.<body>`; our receiver check accepts exactly that."""
    from sinergi.komunikasi import webhook

    captured = {}

    class Resp:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

    def urlopen(req, timeout):
        captured["body"] = req.data
        captured["sig"] = req.get_header("X-sinergi-signature")
        return Resp()

    with mock.patch("sinergi.komunikasi.webhook._buka", side_effect=urlopen):
        webhook.kirim(webhook_polres.url, webhook_polres.rahasia, "peringatan.baru", {"id": 1})
    assert svc.verifikasi_tanda_tangan(webhook_polres.rahasia, captured["sig"], captured["body"])


def test_forged_tampered_and_old_signatures_are_refused():
    """A signature with another secret, a changed body, an old timestamp (replay) or a
    malformed header is refused."""
    from sinergi.komunikasi.webhook import tanda_tangan

    rahasia, body = "s" * 40, json.dumps({"id": 1}).encode()
    t = int(time.time())
    sah = f"t={t},v1={tanda_tangan(rahasia, t, body)}"
    assert svc.verifikasi_tanda_tangan(rahasia, sah, body)
    assert not svc.verifikasi_tanda_tangan(
        rahasia, f"t={t},v1={tanda_tangan('x' * 40, t, body)}", body
    )
    assert not svc.verifikasi_tanda_tangan(rahasia, sah, body + b" ")
    lama = t - 3600
    assert not svc.verifikasi_tanda_tangan(
        rahasia, f"t={lama},v1={tanda_tangan(rahasia, lama, body)}", body
    )
    for rusak in ["", "v1=abc", "t=abc,v1=x", "garbage"]:
        assert not svc.verifikasi_tanda_tangan(rahasia, rusak, body)


def test_webhook_subscription_without_configured_webhook_is_logged_failed(dasar, lembaga_uji):
    Langganan.objects.create(lembaga=lembaga_uji["kpu_madiun"], email=False, webhook=True)
    _raise()
    log = PengirimanPeringatan.objects.get(saluran="webhook")
    assert log.status == "gagal" and "webhook" in log.galat


def test_subscription_scope_rule_and_region(dasar, lembaga_uji, pengguna_uji):
    """Kabupaten Madiun's alert reaches: KPU Jatim (province, own subtree), KPU Madiun; not
    KPU Ngawi (sibling region), KPU Bali (other province), a subscription to another rule, nor
    a subscription whose region (35.21) does not cover it."""
    aturan = buat_aturan(n=2, hari=3)
    lain = buat_aturan(kode="lain", n=100, hari=1)
    for key in ["kpu_jatim", "kpu_madiun", "kpu_ngawi", "kpu_bali"]:
        Langganan.objects.create(lembaga=lembaga_uji[key], email=False)
    Langganan.objects.create(lembaga=lembaga_uji["bawaslu_madiun"], aturan=lain, email=False)
    Langganan.objects.create(lembaga=lembaga_uji["bawaslu_jatim"], wilayah_id="35.21", email=False)
    _raise(aturan)
    penerima = set(
        PengirimanPeringatan.objects.filter(saluran="aplikasi").values_list(
            "lembaga__nama", flat=True
        )
    )
    assert penerima == {lembaga_uji["kpu_jatim"].nama, lembaga_uji["kpu_madiun"].nama}


def test_confidential_alert_only_to_organizers_leadership_without_details(
    dasar, lembaga_uji, pengguna_uji
):
    """A CONFIDENTIAL alert goes to KPU Madiun's leadership (not its operators) and never to
    Polres Madiun; its e-mail holds no details."""
    from sinergi.komunikasi.models import Notifikasi

    aturan = buat_aturan(n=2, hari=3, kerahasiaan="CONFIDENTIAL")
    ketua = pengguna_uji("kpu_madiun", "koordinator")
    operator = pengguna_uji("kpu_madiun", "operator")
    pengguna_uji("polres_madiun", "koordinator")
    for key in ["kpu_madiun", "polres_madiun"]:
        lembaga_uji[key].email = f"{key}@example.id"
        lembaga_uji[key].save()
        Langganan.objects.create(lembaga=lembaga_uji[key])
    _raise(aturan)
    p = Peringatan.objects.get()
    assert p.kerahasiaan == "CONFIDENTIAL"
    assert list(
        Notifikasi.objects.filter(jenis="peringatan").values_list("pengguna", flat=True)
    ) == [ketua.pk]
    assert not Notifikasi.objects.filter(pengguna=operator).exists()
    penerima = sorted(to for m in mail.outbox for to in m.to)
    # The organization's address, and the coordinator's own e-mail of the inbox item (their
    # preference); nothing for Polres Madiun or the operator.
    assert penerima == sorted(["kpu_madiun@example.id", ketua.email])
    for m in mail.outbox:
        assert p.judul not in m.body and p.judul not in m.subject


def test_email_failure_is_recorded_and_retried(dasar, lembaga_uji, settings):
    """A mail server error marks the delivery failed with the reason, and it is retried."""
    lembaga_uji["kpu_madiun"].email = "kpu@example.id"
    lembaga_uji["kpu_madiun"].save()
    Langganan.objects.create(lembaga=lembaga_uji["kpu_madiun"])
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")) as send:
        _raise()
    log = PengirimanPeringatan.objects.get(saluran="email")
    assert log.status == "gagal" and log.galat == "SMTP down"
    assert log.percobaan == 3 and send.call_count == 3  # immediate backend: retries run at once


def test_daily_digest_once_per_organization(dasar, lembaga_uji):
    """The digest lists the last day's alerts for organizations that want it, once."""
    lembaga_uji["kpu_jatim"].email = "jatim@example.id"
    lembaga_uji["kpu_jatim"].save()
    Langganan.objects.create(lembaga=lembaga_uji["kpu_jatim"], email=False)
    Langganan.objects.create(lembaga=lembaga_uji["kpu_madiun"], email=False, ringkasan_harian=False)
    aturan = buat_aturan(n=2, hari=3)
    buat_kejadian(n=2)
    buat_kejadian(kode="35.77", n=2)
    svc.evaluasi_semua()
    assert aturan.peringatan.count() == 2
    mail.outbox.clear()
    assert kirim_ringkasan_peringatan.call() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jatim@example.id"]
    for p in aturan.peringatan.all():
        assert p.judul in mail.outbox[0].body
    assert PengirimanPeringatan.objects.filter(saluran="ringkasan").count() == 2
    assert kirim_ringkasan_peringatan.call() == 0


# --- reads and writes ---------------------------------------------------------------------
def test_alert_visibility_by_scope(dasar, pengguna_uji):
    """A Kabupaten Madiun alert: visible to Madiun, the province and national; 404 for Kota
    Madiun, Bali and anonymous."""
    from django.contrib.auth.models import AnonymousUser

    _raise()
    p = Peringatan.objects.get()
    for key in ["kpu_madiun", "kpu_jatim", "kpu_ri"]:
        assert svc.peringatan_get(pengguna=pengguna_uji(key, "pengamat"), pk=p.pk) == p
    for user in [
        pengguna_uji("kpu_kota_madiun", "admin_lembaga"),
        pengguna_uji("kpu_bali", "admin_lembaga"),
        AnonymousUser(),
    ]:
        with pytest.raises(Http404):
            svc.peringatan_get(pengguna=user, pk=p.pk)


def test_acknowledge_then_close_with_reason_audited(dasar, pengguna_uji):
    _raise()
    p = Peringatan.objects.get()
    op = pengguna_uji("polres_madiun", "operator")
    svc.peringatan_ubah_status(pelaku=op, peringatan=p, status="ditangani")
    with pytest.raises(ValidationError) as exc:
        svc.peringatan_ubah_status(pelaku=op, peringatan=p, status="ditutup", alasan=" ")
    assert exc.value.message_dict["alasan"] == ["Give the reason for closing the alert."]
    p.refresh_from_db()
    assert p.status == "ditangani"
    svc.peringatan_ubah_status(pelaku=op, peringatan=p, status="ditutup", alasan="Sudah dicek")
    p.refresh_from_db()
    assert (p.status, p.status_alasan, p.status_oleh) == ("ditutup", "Sudah dicek", op)
    entries = AuditEntry.objects.filter(object_type="kejadian.peringatan", action="update")
    assert entries.count() == 2
    with pytest.raises(ValidationError):
        svc.peringatan_ubah_status(pelaku=op, peringatan=p, status="ditangani")


def test_viewer_and_out_of_scope_cannot_acknowledge(dasar, pengguna_uji):
    _raise()
    p = Peringatan.objects.get()
    for user in [pengguna_uji("kpu_madiun", "pengamat"), pengguna_uji("kpu_ngawi", "operator")]:
        with pytest.raises(Http404):
            svc.peringatan_ubah_status(pelaku=user, peringatan=p, status="ditangani")
    p.refresh_from_db()
    assert p.status == "aktif"


def test_subscription_create_validates_and_only_admins(dasar, pengguna_uji):
    admin = pengguna_uji("kpu_madiun", "admin_lembaga")
    with pytest.raises(ValidationError) as exc:
        svc.langganan_create(pelaku=admin, kode_wilayah="35.21")
    assert exc.value.message_dict["kode_wilayah"] == ["Unknown region or outside your scope."]
    with pytest.raises(ValidationError) as exc:
        svc.langganan_create(pelaku=admin, email=False, webhook=False, ringkasan_harian=False)
    assert exc.value.message_dict["email"] == ["Choose at least one way to receive the alerts."]
    obj = svc.langganan_create(pelaku=admin, kode_wilayah="35.19.01")
    with pytest.raises(ValidationError):
        svc.langganan_create(pelaku=admin, kode_wilayah="35.19.01")
    with pytest.raises(Http404):
        svc.langganan_create(pelaku=pengguna_uji("kpu_madiun", "operator"))
    with pytest.raises(Http404):
        svc.langganan_delete(pelaku=pengguna_uji("kpu_ngawi", "admin_lembaga"), langganan=obj)
    svc.langganan_delete(pelaku=admin, langganan=obj)
    assert not Langganan.objects.exists()


def test_sinergi_up_reference_load_includes_default_rules(db):
    """`referensi.load` (run by `sinergi up`) loads the categories and the default rules (the
    duty matrix, which needs the organization types, is not this test's business)."""
    from sinergi.kejadian.referensi import load

    out = StringIO()
    with mock.patch("sinergi.kejadian.referensi.load_rute", return_value=0):
        load(stdout=out)
    assert AturanPeringatan.objects.count() == 5
    assert "5 aturan peringatan" in out.getvalue()


def test_admin_refuses_rule_parameters_the_runner_cannot_evaluate(kategori):
    from sinergi.kejadian.admin_peringatan import AturanPeringatanForm

    data = {
        "kode": "uji",
        "nama": "Uji",
        "jenis": "lonjakan",
        "tingkat_wilayah": "kabupaten_kota",
        "parameter": '{"n": "lima"}',
        "keparahan": "tinggi",
        "is_active": True,
    }
    form = AturanPeringatanForm(data)
    assert not form.is_valid()
    assert form.errors["parameter"] == ["n must be a positive number."]
    form = AturanPeringatanForm({**data, "parameter": '{"n": 5}'})
    assert form.is_valid(), form.errors
