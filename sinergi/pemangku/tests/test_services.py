import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation

from sinergi.core.models import AuditEntry
from sinergi.pemangku import services
from sinergi.pemangku.models import Kontak, Lembaga, Tupoksi
from sinergi.wilayah.models import Wilayah


def _buat(pelaku, jenis_map, **extra):
    data = {
        "nama": "Bawaslu Kabupaten Madiun",
        "jenis": jenis_map["bawaslu"],
        "tingkat": "kabupaten_kota",
        "wilayah": Wilayah.objects.get(kode="35.19"),
    }
    data.update(extra)
    return services.lembaga_create(pelaku=pelaku, **data)


def test_lembaga_create_writes_organization_and_audit(user, jenis):
    """KPU Jatim leadership registers an organization in its province; an audit row records it."""
    pelaku = user("kpu_jatim", "koordinator")
    assert not Lembaga.objects.filter(nama="Bawaslu Kabupaten Madiun").exists()
    lembaga = _buat(pelaku, jenis, telepon="0351-123456", email=" Info@Bawaslu.Example ")
    assert lembaga.telepon == "+62351123456"
    assert lembaga.email == "info@bawaslu.example"
    entry = AuditEntry.objects.get(object_type="pemangku.lembaga", object_id=str(lembaga.pk))
    assert entry.action == "create"
    assert entry.actor == pelaku
    assert entry.after["nama"] == "Bawaslu Kabupaten Madiun"


def test_lembaga_duplicate_in_same_region_has_clear_message(user, jenis, org):
    """The same type and name in the same region is refused with a message, not IntegrityError."""
    pelaku = user("kpu_jatim", "koordinator")
    before = Lembaga.objects.count()
    with pytest.raises(ValidationError) as exc:
        _buat(pelaku, jenis, nama="kpu kabupaten madiun", jenis=jenis["kpu"])
    assert exc.value.message_dict == {
        "nama": ["“kpu kabupaten madiun” is already registered in Kabupaten Madiun."]
    }
    assert Lembaga.objects.count() == before


def test_lembaga_duplicate_national(user, jenis, org):
    """A second national organization with the same name and type is refused."""
    pelaku = user(None, "admin_sistem")
    with pytest.raises(ValidationError) as exc:
        services.lembaga_create(
            pelaku=pelaku, nama="KPU Republik Indonesia", jenis=jenis["kpu"], tingkat="nasional"
        )
    assert exc.value.message_dict == {
        "nama": ["“KPU Republik Indonesia” is already registered at the national level."]
    }


@pytest.mark.parametrize(
    ("tingkat", "kode", "pesan"),
    [
        ("provinsi", "35.19", "A provincial organization needs a province as its region."),
        (
            "kabupaten_kota",
            "35",
            "A regency/city organization needs a regency or city (kabupaten/kota) as its region.",
        ),
        (
            "kecamatan",
            "35.19",
            "A district organization needs a district (kecamatan) as its region.",
        ),
        ("nasional", "35", "A national organization has no region; leave it empty."),
        ("provinsi", None, "A provincial organization needs a province as its region."),
    ],
)
def test_lembaga_region_must_match_level(user, jenis, tingkat, kode, pesan):
    """Each level needs a region of its own level (national: none), and nothing is written."""
    pelaku = user(None, "admin_sistem")
    wilayah = Wilayah.objects.get(kode=kode) if kode else None
    with pytest.raises(ValidationError) as exc:
        _buat(pelaku, jenis, tingkat=tingkat, wilayah=wilayah)
    assert exc.value.message_dict == {"wilayah": [pesan]}
    assert not Lembaga.objects.filter(nama="Bawaslu Kabupaten Madiun").exists()


def test_lembaga_parent_must_cover_region(user, jenis, org):
    """A Polres in Kabupaten Madiun cannot sit under KPU Provinsi Bali."""
    pelaku = user(None, "admin_sistem")
    with pytest.raises(ValidationError) as exc:
        _buat(pelaku, jenis, induk=org["kpu_bali"])
    assert exc.value.message_dict == {
        "induk": ["The parent organization must cover this organization's region."]
    }


def test_lembaga_create_forbidden_outside_scope(user, jenis):
    """KPU Bali leadership cannot register an organization in East Java: 404, nothing written."""
    pelaku = user("kpu_bali", "koordinator")
    with pytest.raises(Http404):
        _buat(pelaku, jenis)
    assert not Lembaga.objects.filter(nama="Bawaslu Kabupaten Madiun").exists()
    assert not AuditEntry.objects.filter(object_type="pemangku.lembaga").exists()


def test_lembaga_create_forbidden_for_operator(user, jenis):
    """An operator of the provincial KPU may not register organizations."""
    with pytest.raises(Http404):
        _buat(user("kpu_jatim", "operator"), jenis)
    assert not Lembaga.objects.filter(nama="Bawaslu Kabupaten Madiun").exists()


def test_lembaga_update_records_only_changes(user, org):
    """Updating records the changed fields before and after."""
    pelaku = user("polda", "admin_lembaga")
    lembaga = org["polres_madiun"]
    services.lembaga_update(
        pelaku=pelaku, lembaga=lembaga, alamat="Jl. Contoh 1", nama="Polres Madiun"
    )
    lembaga.refresh_from_db()
    assert lembaga.alamat == "Jl. Contoh 1"
    entry = AuditEntry.objects.get(object_type="pemangku.lembaga", action="update")
    assert entry.before == {"alamat": ""}
    assert entry.after == {"alamat": "Jl. Contoh 1"}


def test_lembaga_update_forbidden_for_admin_of_other_org(user, org):
    """A KPU Ngawi admin cannot change Polres Madiun: 404, unchanged."""
    with pytest.raises(Http404):
        services.lembaga_update(
            pelaku=user("kpu_ngawi", "admin_lembaga"), lembaga=org["polres_madiun"], alamat="x"
        )
    org["polres_madiun"].refresh_from_db()
    assert org["polres_madiun"].alamat == ""


def test_lembaga_deactivate(user, org):
    """Deactivating hides the organization and is audited."""
    lembaga = org["kpu_ngawi"]
    services.lembaga_deactivate(pelaku=user("kpu_jatim", "admin_lembaga"), lembaga=lembaga)
    lembaga.refresh_from_db()
    assert lembaga.is_active is False
    assert AuditEntry.objects.filter(object_id=str(lembaga.pk), after={"is_active": False}).exists()


@pytest.mark.parametrize(
    "nomor",
    ["0812-3456-7890", "62 812 3456 7890", "+62 812-3456-7890", "+6281234567890", "0812.3456.7890"],
)
def test_kontak_phone_is_normalized(user, org, nomor):
    """Indonesian numbers typed as +62…, 62… or 08… with separators are stored as +62…."""
    kontak = services.kontak_create(
        pelaku=user("polres_madiun", "operator"),
        lembaga=org["polres_madiun"],
        nama="Contoh Nama 03",
        jabatan="Kasat Intelkam",
        telepon=nomor,
    )
    assert kontak.telepon == "+6281234567890"


@pytest.mark.parametrize("nomor", ["12345", "+1 555 123 4567", "0812-abc", "08", "0012345678"])
def test_kontak_bad_phone_refused(user, org, nomor):
    """A number that is not Indonesian is refused with a clear message; nothing is written."""
    with pytest.raises(ValidationError) as exc:
        services.kontak_create(
            pelaku=user("polres_madiun", "operator"),
            lembaga=org["polres_madiun"],
            nama="Contoh Nama 03",
            jabatan="Kasat Intelkam",
            telepon=nomor,
        )
    assert exc.value.message_dict == {
        "telepon": [
            "Enter an Indonesian phone number starting with +62, 62 or 0, "
            "for example 0812-3456-7890."
        ]
    }
    assert not Kontak.objects.exists()


def test_kontak_bad_phone_message_in_indonesian(user, org):
    """Indonesian users read the phone message in Indonesian."""
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        services.kontak_create(
            pelaku=user("polres_madiun", "operator"),
            lembaga=org["polres_madiun"],
            nama="Contoh",
            jabatan="Kasat Intelkam",
            telepon="12345",
        )
        str(exc.value)
    assert exc.value.message_dict["telepon"] == [
        "Masukkan nomor telepon Indonesia yang diawali +62, 62, atau 0, misalnya 0812-3456-7890."
    ]


def test_kontak_bad_email_refused(user, org):
    """An invalid email address is refused and nothing is written."""
    with pytest.raises(ValidationError) as exc:
        services.kontak_create(
            pelaku=user("polres_madiun", "operator"),
            lembaga=org["polres_madiun"],
            nama="Contoh Nama 03",
            jabatan="Kasat Intelkam",
            email="bukan-email",
        )
    assert exc.value.message_dict == {"email": ["Enter a valid email address."]}
    assert not Kontak.objects.exists()


def test_kontak_create_audited(user, org):
    """Adding a contact writes one audit row with the new values."""
    pelaku = user("polres_madiun", "operator")
    kontak = services.kontak_create(
        pelaku=pelaku, lembaga=org["polres_madiun"], nama="Contoh Nama 04", jabatan="Kasat Intelkam"
    )
    entry = AuditEntry.objects.get(object_type="pemangku.kontak", object_id=str(kontak.pk))
    assert (entry.action, entry.actor) == ("create", pelaku)


def test_kontak_create_forbidden_for_analis_and_other_org(user, org):
    """An analyst of the organization, and an operator of another one, get 404."""
    for pelaku in (user("polres_madiun", "analis"), user("kpu_madiun", "operator")):
        with pytest.raises(Http404):
            services.kontak_create(
                pelaku=pelaku, lembaga=org["polres_madiun"], nama="X", jabatan="Kasat Intelkam"
            )
    assert not Kontak.objects.exists()


def test_kontak_update_and_deactivate(user, kontak):
    """A contact's phone is updated (normalized) and the contact can be deactivated."""
    pelaku = user("polda", "admin_lembaga")
    k = services.kontak_update(pelaku=pelaku, kontak=kontak["madiun"], telepon="0811 1111 111")
    assert k.telepon == "+628111111111"
    services.kontak_deactivate(pelaku=pelaku, kontak=k)
    k.refresh_from_db()
    assert k.is_active is False
    assert AuditEntry.objects.filter(object_type="pemangku.kontak", action="update").count() == 2


def test_jenis_lembaga_load_is_idempotent(db):
    """Loading the shipped organization types twice creates them once and changes nothing."""
    first = services.jenis_lembaga_load()
    second = services.jenis_lembaga_load()
    assert first.dibuat >= 15
    assert (second.dibuat, second.diubah) == (0, 0)
    assert second.tetap == first.dibuat


def test_tupoksi_load_skips_unknown_stages_then_loads(jenis, pemilu):
    """Rows of stages not yet loaded are skipped, loaded ones are written; reruns are no-ops."""
    first = services.tupoksi_load()
    assert first.dilewati > 0
    assert Tupoksi.objects.filter(tahapan=pemilu["T09"]).exists()
    assert Tupoksi.objects.filter(tahapan__isnull=True, jenis_id="bawaslu").exists()
    second = services.tupoksi_load()
    assert (second.dibuat, second.diubah) == (0, 0)


def test_tupoksi_not_high_needs_note(jenis):
    """A duty whose confidence is not high must say why."""
    t = Tupoksi(
        kode="x", jenis=jenis["kpu"], uraian="x", dasar_hukum="UU", pasal="1", keyakinan="M"
    )
    with pytest.raises(ValidationError) as exc:
        t.full_clean()
    assert exc.value.message_dict["catatan"] == [
        "Say why the confidence is not high (for example: our inference)."
    ]
