"""One inbox: invitations (kegiatan) and follow-up assignments and escalations
(tindak_lanjut) reach the members of the organizations concerned through `notifikasi_kirim`,
after the commit; alerts have their own kind."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.komunikasi import services
from sinergi.komunikasi.models import Notifikasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def kegiatan(lembaga_uji):
    from sinergi.kegiatan.models import Kegiatan

    mulai = timezone.now() + dt.timedelta(days=3)
    return Kegiatan.objects.create(
        jenis="sosialisasi",
        judul="Sosialisasi PKPU Kampanye",
        penyelenggara=lembaga_uji["kpu_jatim"],
        wilayah_id="35",
        tempat="Hotel Uji",
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=6),
        kode_hadir="UJI001",
        kerahasiaan="RESTRICTED",
    )


def test_invitation_reaches_the_invited_organizations_inbox(
    kegiatan, lembaga_uji, pengguna_uji, django_capture_on_commit_callbacks
):
    """Inviting KPU Kabupaten Madiun puts one item in each active member's inbox (not in
    anybody else's), once the invitation is committed."""
    from sinergi.kegiatan import services as kegiatan_services

    a = pengguna_uji("kpu_madiun", "operator")
    b = pengguna_uji("kpu_madiun", "pengamat")
    pengguna_uji("kpu_madiun", "analis", is_active=False)
    lain = pengguna_uji("kpu_ngawi", "operator")
    with django_capture_on_commit_callbacks(execute=True):
        kegiatan_services.undangan_create(
            pelaku=pengguna_uji("kpu_jatim", "operator"),
            kegiatan=kegiatan,
            lembaga=lembaga_uji["kpu_madiun"],
            nama="Ketua",
        )
    n = Notifikasi.objects.filter(jenis="undangan")
    assert sorted(n.values_list("pengguna_id", flat=True)) == sorted([a.pk, b.pk])
    assert not Notifikasi.objects.filter(pengguna=lain).exists()
    item = n.first()
    assert item.judul == "Undangan: Sosialisasi PKPU Kampanye"
    assert item.tautan == f"/kegiatan/{kegiatan.pk}/"
    assert "KPU Provinsi Jawa Timur" in item.isi


def test_nothing_reaches_the_inbox_when_the_invitation_rolls_back(
    kegiatan, lembaga_uji, pengguna_uji, django_capture_on_commit_callbacks
):
    """A refused invitation (already invited) notifies nobody."""
    from django.core.exceptions import ValidationError

    from sinergi.kegiatan import services as kegiatan_services

    pengguna_uji("kpu_madiun", "operator")
    pelaku = pengguna_uji("kpu_jatim", "operator")
    with django_capture_on_commit_callbacks(execute=True):
        kegiatan_services.undangan_create(
            pelaku=pelaku, kegiatan=kegiatan, lembaga=lembaga_uji["kpu_madiun"]
        )
    sebelum = Notifikasi.objects.count()
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        kegiatan_services.undangan_create(
            pelaku=pelaku, kegiatan=kegiatan, lembaga=lembaga_uji["kpu_madiun"]
        )
    assert Notifikasi.objects.count() == sebelum


def test_follow_up_assignment_and_escalation_reach_the_inbox(
    lembaga_uji, pengguna_uji, django_capture_on_commit_callbacks, settings
):
    """A follow-up for KPU Madiun notifies its members; escalated (overdue), it notifies the
    members of the parent organization, KPU Provinsi Jawa Timur."""
    from sinergi.tindak_lanjut import services as tl_services

    madiun = pengguna_uji("kpu_madiun", "operator")
    jatim = pengguna_uji("kpu_jatim", "koordinator")
    with django_capture_on_commit_callbacks(execute=True):
        tl = tl_services.tindak_lanjut_create(
            pelaku=jatim,
            judul="Tertibkan APK di jalan protokol",
            lembaga=lembaga_uji["kpu_madiun"],
            tenggat_tanggal=timezone.localdate() + dt.timedelta(days=2),
        )
    n = Notifikasi.objects.get(pengguna=madiun)
    assert (n.jenis, n.tautan) == ("tindak_lanjut", f"/tindak-lanjut/{tl.pk}/")
    assert n.judul == "Tindak lanjut baru untuk lembaga Anda: Tertibkan APK di jalan protokol"
    nanti = timezone.now() + dt.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert tl_services.tindak_lanjut_eskalasi(sekarang=nanti) == [tl.pk]
    e = Notifikasi.objects.get(pengguna=jatim)
    assert e.judul.startswith("Tindak lanjut dieskalasi kepada Anda")
    assert "KPU Kabupaten Madiun" in e.isi


def test_notify_organizations_once_each_skipping_inactive(pengguna_uji, lembaga_uji):
    """`lembaga=` reaches every active member once, even when also named in `penerima`;
    alerts have their own kind (`peringatan`)."""
    a = pengguna_uji("bawaslu_madiun", "operator")
    pengguna_uji("bawaslu_madiun", "pengamat", is_active=False)
    n = services.notifikasi_kirim(
        penerima=[a],
        lembaga=[lembaga_uji["bawaslu_madiun"].pk],
        jenis="peringatan",
        judul="Peringatan dini: potensi konflik",
    )
    assert n == 1
    assert Notifikasi.objects.get().jenis == "peringatan"
