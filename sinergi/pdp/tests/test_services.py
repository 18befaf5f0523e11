"""Personal data (UU PDP 27/2022): one person's export and erasure, and the retention of
public reporters' contact data."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from sinergi.akses.models import User
from sinergi.core.models import AuditEntry
from sinergi.kegiatan.models import Kegiatan, Kehadiran, Undangan
from sinergi.kejadian import services as kejadian_services
from sinergi.kejadian.models import Kejadian
from sinergi.pdp import services
from sinergi.pdp.services import ANONIM
from sinergi.pemangku.models import Kontak

pytestmark = pytest.mark.django_db
EMAIL = "siti.warga@contoh.id"


@pytest.fixture
def orang(lembaga_uji, pengguna_uji):
    """Siti: an account, a contact record, a public report (phone typed differently), an
    invitation with attendance; and someone else's report that must stay untouched."""
    from sinergi.kejadian.referensi import load_kategori

    load_kategori()
    akun = User.objects.create(email=EMAIL, nama="Siti Warga", lembaga=lembaga_uji["kpu_madiun"])
    kontak = Kontak.objects.create(
        lembaga=lembaga_uji["kpu_madiun"],
        nama="Siti Warga",
        jabatan="Staf",
        telepon="0812-3456-7890",
    )
    lapor = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu_kejadian": timezone.now() - dt.timedelta(hours=1),
        "uraian": "Ada serangan fajar",
    }
    laporan = kejadian_services.kejadian_lapor_publik(
        ip="203.0.113.5", nama_pelapor="Siti", kontak_pelapor="+62 812 3456 7890", **lapor
    )
    lain = kejadian_services.kejadian_lapor_publik(
        ip="203.0.113.6", nama_pelapor="Budi", kontak_pelapor="0813-0000-0000", **lapor
    )
    mulai = timezone.now() + dt.timedelta(days=1)
    kg = Kegiatan.objects.create(
        jenis="rakor",
        judul="Rakor",
        penyelenggara=lembaga_uji["kpu_madiun"],
        wilayah_id="35.19",
        tempat="Aula",
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=2),
    )
    undangan = Undangan.objects.create(
        kegiatan=kg, lembaga=lembaga_uji["kpu_madiun"], kontak=kontak, nama="Siti Warga", token="t1"
    )
    Kehadiran.objects.create(
        kegiatan=kg,
        undangan=undangan,
        kunci="u1",
        nama="Siti Warga",
        instansi="KPU",
        cara="qr",
        waktu=timezone.now(),
    )
    return {"akun": akun, "kontak": kontak, "laporan": laporan, "lain": lain, "undangan": undangan}


def test_export_gathers_everything_about_the_person(admin_sistem, orang):
    data = services.data_pribadi_ekspor(pelaku=admin_sistem, email=EMAIL, telepon="0812 3456 7890")
    assert [a["nama"] for a in data["akun"]] == ["Siti Warga"]
    assert [k["telepon"] for k in data["kontak"]] == ["0812-3456-7890"]
    assert [k["kontak_pelapor"] for k in data["laporan_kejadian"]] == ["+62 812 3456 7890"]
    assert [u["nama"] for u in data["undangan_kegiatan"]] == ["Siti Warga"]
    assert [h["nama"] for h in data["kehadiran"]] == ["Siti Warga"]
    json.dumps(data)  # ready to download
    entry = AuditEntry.objects.get(object_type="pdp.subjek")
    assert (entry.actor, entry.note) == (admin_sistem, "personal data exported")
    assert entry.after["jumlah"] == {
        "akun": 1,
        "kontak": 1,
        "kejadian": 1,
        "undangan": 1,
        "kehadiran": 1,
    }
    assert EMAIL not in json.dumps([entry.object_id, entry.after, entry.note])


def test_only_system_admins_may_look_a_person_up(pengguna_uji, orang):
    for peran in ("admin_lembaga", "koordinator", "operator"):
        with pytest.raises(Http404):
            services.data_pribadi_ekspor(pelaku=pengguna_uji("kpu_madiun", peran), email=EMAIL)
    assert not AuditEntry.objects.filter(object_type="pdp.subjek").exists()


def test_erasure_needs_confirmation(admin_sistem, orang):
    with pytest.raises(ValidationError) as exc:
        services.data_pribadi_hapus(pelaku=admin_sistem, email=EMAIL, telepon="08123456789")
    assert exc.value.message_dict["konfirmasi"] == ["Confirm the erasure: it cannot be undone."]
    orang["akun"].refresh_from_db()
    assert orang["akun"].nama == "Siti Warga" and orang["akun"].is_active


def test_erasure_anonymises_keeps_the_records_and_says_it_happened(admin_sistem, orang):
    sebelum = Kejadian.objects.count()
    jumlah = services.data_pribadi_hapus(
        pelaku=admin_sistem, email=EMAIL, telepon="0812-3456-7890", konfirmasi=True
    )
    assert jumlah["kejadian"] == 1 and jumlah["akun"] == 1
    akun = User.objects.get(pk=orang["akun"].pk)
    assert (akun.nama, akun.is_active, akun.has_usable_password()) == (ANONIM, False, False)
    assert EMAIL not in akun.email
    kontak = Kontak.objects.get(pk=orang["kontak"].pk)
    assert (kontak.nama, kontak.telepon, kontak.email) == (ANONIM, "", "")
    laporan = Kejadian.objects.get(pk=orang["laporan"].pk)
    assert (laporan.nama_pelapor, laporan.kontak_pelapor) == (ANONIM, ANONIM)
    assert laporan.kategori_id == "politik_uang"  # the statistics stay
    assert Kejadian.objects.count() == sebelum
    assert Kejadian.objects.get(pk=orang["lain"].pk).nama_pelapor == "Budi"
    assert Undangan.objects.get(pk=orang["undangan"].pk).nama == ANONIM
    assert Kehadiran.objects.get(undangan=orang["undangan"]).nama == ANONIM
    jejak = AuditEntry.objects.get(object_type="kejadian.kejadian", object_id=str(laporan.pk))
    assert jejak.after["kontak_pelapor"] == ANONIM and jejak.after["nama_pelapor"] == ANONIM
    terjadi = AuditEntry.objects.get(object_type="pdp.subjek", note="personal data anonymised")
    assert terjadi.actor == admin_sistem
    semua = json.dumps(list(AuditEntry.objects.values("before", "after", "note", "object_id")))
    assert EMAIL not in semua and "3456" not in semua and "Siti" not in semua


def _tutup(k, hari_lalu):
    Kejadian.objects.filter(pk=k.pk).update(
        status="selesai", updated_at=timezone.now() - dt.timedelta(days=hari_lalu)
    )


def test_retention_anonymises_closed_public_reports_only(orang, settings):
    settings.SINERGI_RETENSI_PELAPOR_HARI = 365
    _tutup(orang["laporan"], 400)
    _tutup(orang["lain"], 30)
    assert services.anonimkan_pelapor(dry_run=True) == 1
    assert Kejadian.objects.get(pk=orang["laporan"].pk).nama_pelapor == "Siti"
    assert services.anonimkan_pelapor() == 1
    lama = Kejadian.objects.get(pk=orang["laporan"].pk)
    assert (lama.nama_pelapor, lama.kontak_pelapor) == (ANONIM, ANONIM)
    assert Kejadian.objects.get(pk=orang["lain"].pk).kontak_pelapor == "0813-0000-0000"
    assert AuditEntry.objects.filter(note="reporter contact retention").count() == 1
    assert services.anonimkan_pelapor() == 0  # idempotent


def test_retention_keeps_open_reports(orang, settings):
    settings.SINERGI_RETENSI_PELAPOR_HARI = 10
    Kejadian.objects.filter(pk=orang["laporan"].pk).update(
        updated_at=timezone.now() - dt.timedelta(days=400)
    )
    assert services.anonimkan_pelapor() == 0


def test_command_dry_run(orang, capsys):
    _tutup(orang["laporan"], 400)
    call_command("anonimkan_pelapor", "--dry-run")
    assert "1 public report(s) closed more than 365 days ago would be anonymised." in (
        capsys.readouterr().out
    )
    assert Kejadian.objects.get(pk=orang["laporan"].pk).nama_pelapor == "Siti"


def test_page_two_step_erasure_and_download(client, admin_sistem, orang, pengguna_uji):
    client.force_login(admin_sistem)
    r = client.get("/data-pribadi/", {"email": EMAIL})
    assert r.status_code == 200 and "Incident reports" in r.content.decode()
    r = client.post("/data-pribadi/", {"aksi": "ekspor", "email": EMAIL})
    assert r["Content-Type"].startswith("application/json")
    assert json.loads(r.content)["akun"][0]["email"] == EMAIL
    r = client.post("/data-pribadi/", {"aksi": "tinjau", "email": EMAIL})
    assert "Yes, erase it" in r.content.decode()
    r = client.post("/data-pribadi/", {"aksi": "hapus", "email": EMAIL})
    assert r.status_code == 422 and "Confirm the erasure" in r.content.decode()
    assert User.objects.get(pk=orang["akun"].pk).is_active
    r = client.post("/data-pribadi/", {"aksi": "hapus", "email": EMAIL, "konfirmasi": "1"})
    assert r.status_code == 302
    assert not User.objects.get(pk=orang["akun"].pk).is_active
    client.force_login(pengguna_uji("kpu_madiun", "admin_lembaga"))
    assert client.get("/data-pribadi/").status_code == 404


def test_bad_input_messages(admin_sistem):
    with pytest.raises(ValidationError) as exc:
        services.data_pribadi_cari(pelaku=admin_sistem)
    assert exc.value.message_dict["email"] == [
        "Enter the person's e-mail address, phone number, or both."
    ]
    with pytest.raises(ValidationError) as exc:
        services.data_pribadi_cari(pelaku=admin_sistem, telepon="0812")
    assert exc.value.message_dict["telepon"] == ["Enter the phone number with at least 8 digits."]


def test_unconfirmed_erasure_message_in_indonesian(admin_sistem, orang):
    from django.utils import translation

    with translation.override("id"), pytest.raises(ValidationError) as exc:
        services.data_pribadi_hapus(pelaku=admin_sistem, email=EMAIL)
    assert exc.value.message_dict["konfirmasi"] == [
        "Konfirmasikan penghapusan: tindakan ini tidak dapat dibatalkan."
    ]
