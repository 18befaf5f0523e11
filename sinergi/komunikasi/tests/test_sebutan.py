"""Mentions only ever match accounts the author may see (`rules.filter_pengguna`): an address
outside the author's view answers exactly like one that does not exist, and no full name of
such an account is ever shown."""

import pytest
from django.core.exceptions import ValidationError

from sinergi.akses import rules
from sinergi.akses.models import User
from sinergi.komunikasi import services
from sinergi.komunikasi.models import Notifikasi, Pos

pytestmark = pytest.mark.django_db
URL = "/api/v1/komunikasi/utas/{}/pos"


def _sebut(client, bearer, pelaku, utas, email):
    return client.post(
        URL.format(utas.pk),
        {"isi": "Mohon tanggapan", "sebut": [email]},
        content_type="application/json",
        headers=bearer(pelaku),
    )


def test_out_of_scope_address_answers_like_a_nonexistent_one(client, bearer, pengguna_uji, utas):
    """KPU Madiun mentions a KPU Bali address (an account it may not see) and an address no
    one has: the same status and the same body (but for the address typed), no full name,
    nothing posted, nothing notified."""
    pelaku = pengguna_uji("kpu_madiun", "operator")
    bali = pengguna_uji("kpu_bali", "operator")
    tidak_ada = "tidak.ada@uji.sinergi.test"
    sebelum = Pos.objects.count()
    r_bali = _sebut(client, bearer, pelaku, utas, bali.email)
    r_tidak = _sebut(client, bearer, pelaku, utas, tidak_ada)
    assert r_bali.status_code == r_tidak.status_code == 422
    assert r_bali.content.decode().replace(bali.email, "X") == r_tidak.content.decode().replace(
        tidak_ada, "X"
    )
    assert bali.nama not in r_bali.content.decode()
    assert r_bali.json()["errors"][0]["message"] == (
        f"No single user is named or has the e-mail “{bali.email}”."
    )
    assert Pos.objects.count() == sebelum
    assert not Notifikasi.objects.filter(pengguna=bali).exists()


def test_out_of_scope_name_is_not_matched(pengguna_uji, utas):
    """By exact name too: a KPU Bali member is unknown to KPU Madiun."""
    bali = pengguna_uji("kpu_bali", "operator")
    with pytest.raises(ValidationError) as exc:
        services.pos_create(
            pelaku=pengguna_uji("kpu_madiun", "operator"), utas=utas, isi="x", sebut=[bali.nama]
        )
    assert exc.value.message_dict["sebut"] == [
        "No single user is named or has the e-mail “Operator kpu_bali”."
    ]


def test_a_namesake_outside_the_scope_does_not_make_a_name_ambiguous(pengguna_uji, utas):
    """Two accounts share a name, one in KPU Bali: only the visible one counts, so the
    mention reaches it (before, the invisible namesake made the name 'not single')."""
    madiun = pengguna_uji("bawaslu_madiun", "operator")
    bali = pengguna_uji("kpu_bali", "operator")
    User.objects.filter(pk=bali.pk).update(nama=madiun.nama)
    services.pos_create(
        pelaku=pengguna_uji("kpu_madiun", "operator"), utas=utas, isi="x", sebut=[madiun.nama]
    )
    assert Notifikasi.objects.filter(pengguna=madiun, jenis="sebutan").count() == 1
    assert not Notifikasi.objects.filter(pengguna=bali).exists()


def test_visible_person_who_cannot_see_the_thread_is_refused_by_name(pengguna_uji):
    """A person the author may see but who may not read the thread (a Polres viewer and a
    CONFIDENTIAL KPU thread) is refused with their name: the author may know it."""
    pelaku = pengguna_uji("kpu_madiun", "operator")
    polres = pengguna_uji("polres_madiun", "operator")
    utas = services.utas_create(pelaku=pelaku, judul="Rahasia", isi="x", kerahasiaan="CONFIDENTIAL")
    with pytest.raises(ValidationError) as exc:
        services.pos_create(pelaku=pelaku, utas=utas, isi="y", sebut=[polres.email])
    assert exc.value.message_dict["sebut"] == [
        "Operator polres_madiun cannot see this thread, so they cannot be mentioned in it."
    ]


def test_who_sees_whom(pengguna_uji):
    """A regency user sees the accounts of its own region subtree and of the organizations
    above it (province, national); not a sibling regency or another province; an inactive
    account is seen by no one; an anonymous caller sees none."""
    from django.contrib.auth.models import AnonymousUser

    pelaku = pengguna_uji("kpu_madiun", "operator")
    semua = {
        k: pengguna_uji(k, "operator")
        for k in (
            "kpu_madiun",
            "polres_madiun",
            "kpu_jatim",
            "kpu_ri",
            "kpu_kota_madiun",
            "kpu_bali",
        )
    }
    nonaktif = pengguna_uji("bawaslu_madiun", "operator")
    User.objects.filter(pk=nonaktif.pk).update(is_active=False)
    terlihat = set(rules.filter_pengguna(User.objects.all(), pelaku).values_list("pk", flat=True))
    assert {k for k, u in semua.items() if u.pk in terlihat} == {
        "kpu_madiun",
        "polres_madiun",
        "kpu_jatim",
        "kpu_ri",
    }
    assert nonaktif.pk not in terlihat
    assert not rules.filter_pengguna(User.objects.all(), AnonymousUser()).exists()
    admin = pengguna_uji("kpu_ri", "admin_sistem")
    semua_pk = {u.pk for u in semua.values()}
    assert semua_pk <= set(
        rules.filter_pengguna(User.objects.all(), admin).values_list("pk", flat=True)
    )


def test_a_name_not_quite_right_suggests_who_was_meant(pengguna_uji, utas):
    """Typed "operator madiun" instead of the exact name: the refusal offers the accounts
    holding those words that the author may see and that can read the thread (Bawaslu
    Madiun's operator), never one outside the author's view (KPU Bali's)."""
    pengguna_uji("bawaslu_madiun", "operator")
    pengguna_uji("kpu_bali", "operator")
    with pytest.raises(ValidationError) as exc:
        services.pos_create(
            pelaku=pengguna_uji("kpu_madiun", "operator"), utas=utas, isi="x", sebut=["operator"]
        )
    [pesan] = exc.value.message_dict["sebut"]
    assert pesan == (
        "No single user is named or has the e-mail “operator”. Did you mean: "
        "Operator bawaslu_madiun?"
    )
    assert "kpu_bali" not in pesan


def test_an_organization_name_not_quite_right_suggests_one_that_can_see_the_thread(
    pengguna_uji, utas
):
    """ "KPU Madiun" is not a name; KPU Kabupaten Madiun is (its members read the thread), KPU
    Kota Madiun has no account, and KPU Provinsi Bali cannot read the thread: only the first
    is offered. With no such organization, the refusal is as before."""
    pengguna_uji("kpu_bali", "operator")
    pelaku = pengguna_uji("kpu_madiun", "operator")
    with pytest.raises(ValidationError) as exc:
        services.pos_create(pelaku=pelaku, utas=utas, isi="x", sebut_lembaga=["KPU Madiun"])
    assert exc.value.message_dict["sebut_lembaga"] == [
        "No single organization is named “KPU Madiun”. Did you mean: KPU Kabupaten Madiun?"
    ]
    with pytest.raises(ValidationError) as exc:
        services.pos_create(pelaku=pelaku, utas=utas, isi="x", sebut_lembaga=["KPU Bali"])
    assert exc.value.message_dict["sebut_lembaga"] == [
        "No single organization is named “KPU Bali”."
    ]
