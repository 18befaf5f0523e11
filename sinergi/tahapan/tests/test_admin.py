import datetime as dt

from sinergi.tahapan.models import Pemilu, Tahapan


def test_admin_refuses_end_before_start(client, pemilu_uji, pengelola):
    """The admin form shows the schedule error and saves nothing."""
    pemilu, t = pemilu_uji
    pengelola.is_staff = True
    pengelola.save()
    client.force_login(pengelola)
    b = t["B"]
    r = client.post(
        f"/admin/tahapan/tahapan/{b.pk}/change/",
        {
            "pemilu": pemilu.pk,
            "kode": "B",
            "nama": "Penetapan peserta",
            "urutan": 30,
            "kategori": "tahapan",
            "tanggal_mulai": "2022-12-14",
            "tanggal_selesai": "2022-12-01",
            "penanggung_jawab": '["kpu"]',
            "keyakinan": "H",
        },
    )
    assert r.status_code == 200
    assert "lebih awal dari tanggal mulai" in r.content.decode()
    assert Tahapan.objects.get(pk=b.pk).tanggal_selesai == dt.date(2022, 12, 14)


def test_admin_copy_action_creates_new_election(client, pemilu_uji, pengelola):
    """The admin action copies an election's schedule with a date shift."""
    pemilu, _t = pemilu_uji
    pengelola.is_staff = True
    pengelola.save()
    client.force_login(pengelola)
    r = client.post(
        "/admin/tahapan/pemilu/",
        {
            "action": "salin_jadwal",
            "_selected_action": [pemilu.pk],
            "apply": "1",
            "slug": "pemilu-uji-2029",
            "nama": "Pemilu Uji 2029",
            "hari_pemungutan": "2029-02-14",
        },
    )
    assert r.status_code == 302
    baru = Pemilu.objects.get(slug="pemilu-uji-2029")
    # 14 Feb 2024 -> 14 Feb 2029 is 1,827 days (2028 is a leap year), so 6 Dec 2022 -> 7 Dec 2027
    assert baru.tahapan.get(kode="A").tanggal_mulai == dt.date(2027, 12, 7)


def test_admin_read_only_for_staff_without_right(client, pemilu_uji, operator):
    """Staff without the reference right may look but not change."""
    pemilu, t = pemilu_uji
    operator.is_staff = True
    operator.save()
    client.force_login(operator)
    r = client.post(
        f"/admin/tahapan/tahapan/{t['B'].pk}/change/",
        {"pemilu": pemilu.pk, "kode": "B", "nama": "Diubah", "urutan": 30},
    )
    assert r.status_code == 403
    assert Tahapan.objects.get(pk=t["B"].pk).nama == "Penetapan peserta"
