"""Channel configuration in the admin: every change is audited; trusted senders' users must
belong to the contact's organization."""

import pytest

from sinergi.core.models import AuditEntry
from sinergi.kanal.models import PengirimTepercaya, Saluran

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_sistem):
    admin_sistem.is_staff = True
    admin_sistem.is_superuser = True
    admin_sistem.save()
    client.force_login(admin_sistem)
    return client


def test_endpoint_created_in_admin_is_audited(admin_client, lembaga_uji, admin_sistem):
    lem = lembaga_uji["bawaslu_madiun"]
    r = admin_client.post(
        "/admin/kanal/saluran/add/",
        {"jenis": "whatsapp", "alamat": "123", "nama": "", "lembaga": lem.pk, "is_active": "on"},
    )
    assert r.status_code == 302
    s = Saluran.objects.get()
    assert AuditEntry.objects.filter(
        object_type="kanal.saluran", object_id=str(s.pk), action="create", actor=admin_sistem
    ).exists()


def test_trusted_sender_user_of_other_organization_refused(admin_client, lembaga_uji, pengguna_uji):
    from sinergi.pemangku.models import Kontak

    kontak = Kontak.objects.create(lembaga=lembaga_uji["bawaslu_madiun"], nama="A", jabatan="B")
    lain = pengguna_uji("kpu_madiun", "operator")
    r = admin_client.post(
        "/admin/kanal/pengirimtepercaya/add/",
        {
            "jenis": "sms",
            "alamat": "+62811",
            "kontak": kontak.pk,
            "pengguna": lain.pk,
            "is_active": "on",
        },
    )
    assert r.status_code == 200
    assert "The user must belong to the contact&#x27;s organization." in r.content.decode()
    assert PengirimTepercaya.objects.count() == 0
