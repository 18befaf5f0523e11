import io

from sinergi.akses.models import User
from sinergi.pemangku.demo import demo_load, polres_nama, rencana_pengguna
from sinergi.pemangku.models import Kontak, Lembaga
from sinergi.wilayah.models import Wilayah


def _hitung():
    return (Lembaga.objects.count(), Kontak.objects.count(), User.objects.count())


def test_demo_is_idempotent_and_prints_passwords_once(wilayah_mini, jenis):
    """A second demo run writes nothing and prints no password."""
    out = io.StringIO()
    demo_load(stdout=out)
    first = _hitung()
    assert "admin.kpu.madiun@demo.sinergi.local" in out.getvalue()
    out2 = io.StringIO()
    demo_load(stdout=out2)
    assert _hitung() == first
    assert "@demo.sinergi.local" not in out2.getvalue()


def test_demo_builds_east_java_structure(wilayah_mini, jenis):
    """Polres under Polda, KPU kabupaten under KPU provinsi; each Polres has a Kasat Intelkam."""
    demo_load(stdout=io.StringIO())
    polres = Lembaga.objects.get(nama="Polres Madiun Kota")
    assert polres.wilayah_id == "35.77"
    assert polres.induk.nama == "Polda Jawa Timur"
    assert Lembaga.objects.get(nama="KPU Kabupaten Ngawi").induk.nama == "KPU Provinsi Jawa Timur"
    kasat = Kontak.objects.get(lembaga=polres, jabatan="Kasat Intelkam")
    assert kasat.nama.startswith("Contoh Nama ")
    assert kasat.telepon.startswith("+62800")
    user = User.objects.get(email="koordinator.polres.madiun@demo.sinergi.local")
    assert (user.lembaga.nama, user.peran) == ("Polres Madiun", "koordinator")
    assert user.has_usable_password()


def test_demo_users_cover_every_role():
    """26 demo users: a system admin and five roles at five organizations."""
    rows = rencana_pengguna()
    assert len(rows) == 26
    assert {peran for _email, peran, _org in rows} == {
        "admin_sistem", "admin_lembaga", "koordinator", "operator", "analis", "pengamat"
    }  # fmt: skip


def test_polres_names(db):
    """Known special names are used; other regencies get "Polres <name>"."""
    assert polres_nama(Wilayah(kode="35.78", nama="Kota Surabaya")) == "Polrestabes Surabaya"
    assert polres_nama(Wilayah(kode="35.21", nama="Kabupaten Ngawi")) == "Polres Ngawi"
