import csv
from pathlib import Path

from django.contrib.auth.models import AnonymousUser

from sinergi.pemangku import selectors

DATA = Path(__file__).resolve().parents[2]


def test_kontak_visible_in_scope(user, kontak):
    """Users of the same regency, the province and national users see Polres Madiun's contact."""
    for key in ("kpu_madiun", "kpu_jatim", "kpu_ri"):
        daftar = list(selectors.kontak_list(pengguna=user(key, "pengamat")))
        assert kontak["madiun"] in daftar, key


def test_kontak_hidden_from_other_region_and_anonymous(user, kontak):
    """A user of Kabupaten Ngawi or Bali, and anonymous visitors, do not see it."""
    assert kontak["madiun"] not in selectors.kontak_list(pengguna=user("kpu_ngawi", "koordinator"))
    assert kontak["madiun"] not in selectors.kontak_list(pengguna=user("kpu_bali", "admin_lembaga"))
    assert not selectors.kontak_list(pengguna=AnonymousUser()).exists()


def test_national_contacts_only_for_national_users(user, org):
    """Contacts of a national organization are hidden from provincial users."""
    from sinergi.pemangku.models import Kontak

    k = Kontak.objects.create(lembaga=org["kpu_ri"], nama="Contoh", jabatan="Ketua")
    assert k not in selectors.kontak_list(pengguna=user("kpu_jatim", "koordinator"))
    assert k in selectors.kontak_list(pengguna=user("kpu_ri", "pengamat"))


def test_inactive_contact_hidden(user, kontak):
    """A deactivated contact disappears from every list."""
    kontak["madiun"].is_active = False
    kontak["madiun"].save()
    assert kontak["madiun"] not in selectors.kontak_list(pengguna=user("kpu_ri", "pengamat"))


def test_lembaga_list_filters(org):
    """Type, level, region subtree and text filters."""
    assert set(selectors.lembaga_list(jenis="polri")) == {org["polda"], org["polres_madiun"]}
    assert set(selectors.lembaga_list(wilayah="35.19")) == {
        org["kpu_madiun"],
        org["polres_madiun"],
    }
    assert org["kpu_madiun"] in selectors.lembaga_list(wilayah="35")
    assert org["kpu_bali"] not in selectors.lembaga_list(wilayah="35")
    assert list(selectors.lembaga_list(tingkat="nasional")) == [org["kpu_ri"]]
    assert list(selectors.lembaga_list(q="ngawi")) == [org["kpu_ngawi"]]


def test_tupoksi_for_stage_includes_parent_and_every_stage(tupoksi, pemilu):
    """A sub-stage shows its parent's duties and the every-stage ones, not other stages'."""
    rows = set(selectors.tupoksi_list(tahapan=pemilu["T09.1"]))
    assert rows == {tupoksi["umum"], tupoksi["kampanye"]}


def test_matriks_lists_region_organizations(tupoksi, pemilu, org):
    """The matrix for T11 in Kabupaten Madiun names Polres Madiun beside the Polri duty."""
    baris = {
        b.jenis.kode: b for b in selectors.matriks_tahapan(tahapan=pemilu["T11"], wilayah="35.19")
    }
    assert baris["polri"].lembaga == [org["polres_madiun"]]
    assert baris["kpu"].lembaga == [org["kpu_madiun"]]
    assert [t.kode for t in baris["polri"].tupoksi] == ["polri-tps"]


def test_shipped_tupoksi_refer_to_shipped_stages():
    """Every stage code in the duty matrix exists in the tahapan app's data."""
    tahapan = DATA / "tahapan" / "data" / "tahapan.csv"
    with tahapan.open(encoding="utf-8") as f:
        kode = {(r["pemilu"], r["kode"]) for r in csv.DictReader(f)}
    with (DATA / "pemangku" / "data" / "tupoksi_pemilu_2024.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    missing = [r["kode"] for r in rows if r["tahapan"] and (r["pemilu"], r["tahapan"]) not in kode]
    assert missing == []
    assert all(r["keyakinan"] == "H" or r["catatan"] for r in rows)
