"""Posts: mentions of whole organizations (notify the members who can see the thread; refused
when none can) and attachments with the announcement file rules."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.komunikasi import services
from sinergi.komunikasi.models import LampiranPos, Notifikasi, Pos

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_mentioning_an_organization_in_the_text_notifies_its_members(utas, pengguna_uji):
    """`@[Bawaslu Kabupaten Madiun]` notifies each active member of Bawaslu Madiun once."""
    a = pengguna_uji("bawaslu_madiun", "operator")
    b = pengguna_uji("bawaslu_madiun", "pengamat")
    p = services.pos_create(
        pelaku=pengguna_uji("kpu_madiun", "operator"),
        utas=utas,
        isi="Mohon tanggapan @[Bawaslu Kabupaten Madiun] tentang APK.",
    )
    assert [lem.nama for lem in p.lembaga_disebut.all()] == ["Bawaslu Kabupaten Madiun"]
    n = Notifikasi.objects.filter(jenis="sebutan")
    assert sorted(n.values_list("pengguna_id", flat=True)) == sorted([a.pk, b.pk])
    assert n.first().judul_tampil.endswith(f"mentioned your organization in “{utas.judul}”")


def test_organization_that_cannot_see_the_thread_is_refused(utas, pengguna_uji):
    """A RESTRICTED thread in Kabupaten Madiun: KPU Provinsi Bali cannot see it, so it cannot
    be mentioned; nothing is posted and nobody is notified."""
    pengguna_uji("kpu_bali", "operator")
    sebelum = Pos.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.pos_create(
            pelaku=pengguna_uji("kpu_madiun", "operator"),
            utas=utas,
            isi="Halo",
            sebut_lembaga=["KPU Provinsi Bali"],
        )
    assert exc.value.message_dict["sebut_lembaga"] == [
        "KPU Provinsi Bali cannot see this thread, so it cannot be mentioned in it. Choose an "
        "organization within the thread's region and confidentiality."
    ]
    assert Pos.objects.count() == sebelum and not Notifikasi.objects.exists()


def test_unknown_organization_is_refused_by_name(utas, pengguna_uji):
    """A name that matches no organization is named in the refusal."""
    with pytest.raises(ValidationError) as exc:
        services.pos_create(
            pelaku=pengguna_uji("kpu_madiun", "operator"), utas=utas, isi="@[KPU Atlantis] ?"
        )
    assert exc.value.message_dict["sebut_lembaga"] == [
        "No single organization is named “KPU Atlantis”."
    ]


def test_confidential_thread_notifies_only_members_who_can_see_it(pengguna_uji):
    """In a CONFIDENTIAL thread, mentioning KPU Provinsi Jawa Timur notifies its leadership
    (who may read confidential items of the region), not its operator."""
    penulis = pengguna_uji("polres_madiun", "operator")
    u = services.utas_create(
        pelaku=penulis, judul="Info intelijen", isi="Rahasia", kerahasiaan="CONFIDENTIAL"
    )
    koor = pengguna_uji("kpu_jatim", "koordinator")
    op = pengguna_uji("kpu_jatim", "operator")
    services.pos_create(
        pelaku=penulis, utas=u, isi="Mohon atensi", sebut_lembaga=["KPU Provinsi Jawa Timur"]
    )
    ids = set(Notifikasi.objects.values_list("pengguna_id", flat=True))
    assert koor.pk in ids and op.pk not in ids


def test_post_attachment_is_stored_and_only_thread_readers_download_it(client, utas, pengguna_uji):
    """A PDF attached from the page is stored; a reader of the thread downloads it, someone
    outside the thread's region gets 404, and so does everyone once the post is hidden."""
    op = pengguna_uji("kpu_madiun", "operator")
    client.force_login(op)
    r = client.post(
        f"/komunikasi/diskusi/{utas.pk}/pos/",
        {"isi": "Lampiran surat edaran", "lampiran": SimpleUploadedFile("se.pdf", PDF)},
    )
    assert r.status_code == 302
    lam = LampiranPos.objects.get()
    url = f"/komunikasi/pos/{lam.pos_id}/lampiran/{lam.pk}/"
    client.force_login(pengguna_uji("kpu_jatim", "pengamat"))
    r = client.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    client.force_login(pengguna_uji("kpu_bali", "koordinator"))
    assert client.get(url).status_code == 404
    services.pos_sembunyikan(
        pelaku=pengguna_uji("kpu_madiun", "koordinator"), pos=lam.pos, alasan="Salah kirim"
    )
    client.force_login(op)
    assert client.get(url).status_code == 404


def test_disguised_post_attachment_is_refused(client, utas, pengguna_uji):
    """An executable renamed .pdf is refused next to the field; the post is not saved."""
    client.force_login(pengguna_uji("kpu_madiun", "operator"))
    sebelum = Pos.objects.count()
    r = client.post(
        f"/komunikasi/diskusi/{utas.pk}/pos/",
        {"isi": "Lihat", "lampiran": SimpleUploadedFile("se.pdf", b"MZ\x90\x00" * 20)},
    )
    assert r.status_code == 422
    assert "se.pdf: The file&#x27;s content does not match its extension" in r.content.decode()
    assert Pos.objects.count() == sebelum and not LampiranPos.objects.exists()


def test_api_post_mentions_an_organization(client, bearer, utas, pengguna_uji):
    """The API takes `sebut_lembaga` and returns the mentioned organizations."""
    pengguna_uji("bawaslu_madiun", "operator")
    r = client.post(
        f"/api/v1/komunikasi/utas/{utas.pk}/pos",
        {"isi": "Mohon tanggapan", "sebut_lembaga": ["Bawaslu Kabupaten Madiun"]},
        content_type="application/json",
        headers=bearer(pengguna_uji("kpu_madiun", "operator")),
    )
    assert r.status_code == 201
    assert [x["nama"] for x in r.json()["lembaga_disebut"]] == ["Bawaslu Kabupaten Madiun"]


def test_api_post_with_attachment_multipart(client, bearer, utas, pengguna_uji):
    """Multipart posts carry `lampiran` files (listed with their download link); a disguised
    file is 422 naming it, and nothing is posted."""
    h = bearer(pengguna_uji("kpu_madiun", "operator"))
    url = f"/api/v1/komunikasi/utas/{utas.pk}/pos"
    r = client.post(
        url, {"isi": "Surat edaran", "lampiran": SimpleUploadedFile("se.pdf", PDF)}, headers=h
    )
    assert r.status_code == 201, r.content
    lam = r.json()["lampiran"]
    assert [x["nama_berkas"] for x in lam] == ["se.pdf"]
    assert lam[0]["unduh"] == f"/komunikasi/pos/{r.json()['id']}/lampiran/{lam[0]['id']}/"
    sebelum = Pos.objects.count()
    r = client.post(
        url, {"isi": "Lagi", "lampiran": SimpleUploadedFile("x.pdf", b"MZ" * 30)}, headers=h
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "lampiran"
    assert r.json()["errors"][0]["message"].startswith("x.pdf: ")
    assert Pos.objects.count() == sebelum


def test_mention_in_unicode_digits_is_refused_by_name(utas, pengguna_uji):
    """`@[²²]` is not an organization id ("²".isdigit() is true, int("²") fails): it is refused
    like any unknown name instead of failing with a server error; nothing is posted."""
    sebelum = Pos.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.pos_create(pelaku=pengguna_uji("kpu_madiun", "operator"), utas=utas, isi="@[²²]")
    assert exc.value.message_dict["sebut_lembaga"] == ["No single organization is named “²²”."]
    assert Pos.objects.count() == sebelum
