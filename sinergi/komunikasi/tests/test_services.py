"""Services of komunikasi: audience, delivery, receipts, reminders, inbox, threads."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from sinergi.core.models import AuditEntry
from sinergi.komunikasi import selectors, services, tasks
from sinergi.komunikasi.choices import ModeNotifikasi, StatusPengumuman
from sinergi.komunikasi.models import (
    Notifikasi,
    Penerimaan,
    Pengumuman,
    Pos,
    PreferensiNotifikasi,
)

pytestmark = pytest.mark.django_db


def test_announcement_delivers_one_receipt_inbox_item_and_email_per_recipient(
    umumkan, penerima, mailoutbox
):
    """Every KPU and Bawaslu regency user in Jawa Timur gets a receipt, an inbox item and an
    e-mail; Bali does not; the announcement is marked sent with its count."""
    assert Penerimaan.objects.count() == 0
    p = umumkan()
    p.refresh_from_db()
    ids = set(Penerimaan.objects.filter(pengumuman=p).values_list("pengguna_id", flat=True))
    harapan = {u.pk for k, u in penerima.items() if k != "kpu_denpasar"}
    assert ids == harapan
    assert p.jumlah_penerima == 5 and p.status == StatusPengumuman.TERKIRIM
    assert Notifikasi.objects.filter(jenis="pengumuman").count() == 5
    assert len(mailoutbox) == 5
    assert not Penerimaan.objects.filter(pengumuman=p, email_at__isnull=True).exists()


def test_delivery_is_idempotent(umumkan, mailoutbox):
    """Running the delivery task again adds no receipts and sends no e-mail twice."""
    p = umumkan()
    tasks.kirim_pengumuman.call(p.pk)
    assert Penerimaan.objects.filter(pengumuman=p).count() == 5
    assert len(mailoutbox) == 5


def test_email_failures_are_recorded_and_reported(umumkan, settings, monkeypatch):
    """When the mail server fails, each receipt names the failure, the announcement says
    some deliveries failed, and the in-app deliveries still exist."""

    def rusak(self, *a, **k):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", rusak)
    p = umumkan()
    p.refresh_from_db()
    assert p.status == StatusPengumuman.SEBAGIAN
    assert Penerimaan.objects.filter(pengumuman=p, email_gagal="mail server down").count() == 5
    monkeypatch.undo()
    tasks.kirim_pengumuman.call(p.pk)
    p.refresh_from_db()
    assert p.status == StatusPengumuman.TERKIRIM
    assert not Penerimaan.objects.filter(pengumuman=p).exclude(email_gagal="").exists()


def test_preview_counts_people_and_organizations(penulis, penerima):
    """The preview counts the audience before anything is sent."""
    hasil = services.audiens_pratinjau(
        pelaku=penulis, jenis=["kpu"], tingkat=["kabupaten_kota"], wilayah=["35"]
    )
    assert (hasil["pengguna"], hasil["lembaga"]) == (4, 3)
    assert Pengumuman.objects.count() == 0


def test_audience_outside_scope_is_refused_naming_the_region(pengguna_uji, penerima):
    """A regency KPU cannot announce to another regency; the message names the region."""
    with pytest.raises(ValidationError) as exc:
        services.audiens_pratinjau(
            pelaku=pengguna_uji("kpu_madiun", "operator"), jenis=["kpu"], wilayah=["35.77"]
        )
    assert exc.value.message_dict["audiens_wilayah"] == [
        "The region 35.77 Kota Madiun is outside your scope; you may only announce to your "
        "own region and the regions below it."
    ]


def test_empty_audience_is_refused(umumkan):
    """An audience that matches nobody is refused and nothing is saved."""
    with pytest.raises(ValidationError) as exc:
        umumkan(audiens_jenis=["media"])
    assert exc.value.message_dict["audiens"] == [
        "The audience is empty: no active user matches these organization types, levels, "
        "regions and roles."
    ]
    assert Pengumuman.objects.count() == 0


def test_no_organization_type_is_refused(umumkan):
    """An audience needs at least one organization type."""
    with pytest.raises(ValidationError) as exc:
        umumkan(audiens_jenis=[])
    assert exc.value.message_dict["audiens_jenis"] == ["Choose at least one organization type."]


def test_unknown_role_is_refused(umumkan):
    """An unknown role in the audience is named."""
    with pytest.raises(ValidationError) as exc:
        umumkan(audiens_peran=["raja"])
    assert exc.value.message_dict["audiens_peran"] == ["Unknown role: raja."]


def test_script_in_body_is_removed_everywhere(umumkan, mailoutbox):
    """Script and markup in a body are removed before saving, so pages, e-mails and exports
    never carry them."""
    p = umumkan(isi='Halo <script>alert("x")</script><b onclick="x()">tebal</b>')
    assert p.isi == "Halo tebal"
    assert "<script" not in mailoutbox[0].body


def test_pengamat_cannot_announce(pengguna_uji, penerima):
    """A viewer may not announce: 404 and nothing is saved."""
    with pytest.raises(Http404):
        services.pengumuman_create(
            pelaku=pengguna_uji("kpu_jatim", "pengamat"),
            judul="x",
            isi="y",
            audiens_jenis=["kpu"],
        )
    assert Pengumuman.objects.count() == 0


def test_reading_records_time_and_marks_inbox_item_read(umumkan, penerima):
    """Opening the announcement records the read time once and marks the inbox item read."""
    p = umumkan()
    u = penerima["kpu_madiun"]
    assert selectors.jumlah_belum_dibaca(pengguna=u) == 1
    r = services.pengumuman_baca(pengguna=u, pengumuman=p)
    assert r.dibaca_at is not None
    assert selectors.jumlah_belum_dibaca(pengguna=u) == 0
    pertama = r.dibaca_at
    assert services.pengumuman_baca(pengguna=u, pengumuman=p).dibaca_at == pertama


def test_acknowledgement_counts_as_read(umumkan, penerima):
    """An acknowledgement records both times and is audited."""
    p = umumkan(perlu_tanda_terima=True)
    u = penerima["kpu_ngawi"]
    r = services.pengumuman_akui(pengguna=u, pengumuman=p)
    assert r.diakui_at and r.dibaca_at
    assert AuditEntry.objects.filter(object_type="komunikasi.penerimaan", actor=u).exists()


def test_acknowledgement_not_asked_is_refused(umumkan, penerima):
    """Acknowledging an announcement that does not ask for it is refused."""
    p = umumkan()
    with pytest.raises(ValidationError) as exc:
        services.pengumuman_akui(pengguna=penerima["kpu_ngawi"], pengumuman=p)
    assert exc.value.messages == ["This announcement does not ask for an acknowledgement."]


def test_summary_per_organization_group(umumkan, penerima):
    """The author sees "2 of 3 KPU regency/city have read, 1 have not", with who has not."""
    p = umumkan()
    services.pengumuman_baca(pengguna=penerima["kpu_madiun"], pengumuman=p)
    services.pengumuman_baca(pengguna=penerima["kpu_ngawi"], pengumuman=p)
    r = selectors.ringkasan_penerimaan(pengumuman=p)
    kpu = next(g for g in r["kelompok"] if g["label"].startswith("KPU"))
    assert kpu["kalimat"] == "2 of 3 KPU regency/city have read, 1 have not"
    assert [x["nama"] for x in kpu["belum_baca"]] == ["KPU Kota Madiun"]
    assert (r["orang"], r["orang_baca"], r["lembaga"], r["lembaga_baca"]) == (5, 2, 4, 2)


def test_remind_reaches_only_non_readers(umumkan, penerima, penulis, mailoutbox):
    """A reminder goes to the non-readers only, as an inbox item and an e-mail."""
    p = umumkan()
    for k in ("kpu_madiun", "kpu_madiun_k", "kpu_ngawi"):
        services.pengumuman_baca(pengguna=penerima[k], pengumuman=p)
    mailoutbox.clear()
    n = services.pengumuman_ingatkan(pelaku=penulis, pengumuman=p)
    assert n == 2
    diingatkan = set(
        Notifikasi.objects.filter(jenis="pengingat").values_list("pengguna_id", flat=True)
    )
    assert diingatkan == {penerima["kpu_kota_madiun"].pk, penerima["bawaslu_madiun"].pk}
    assert len(mailoutbox) == 2


def test_remind_with_everyone_read_is_refused(umumkan, penerima, penulis):
    """When everyone has read it there is no one to remind."""
    p = umumkan(audiens_jenis=["bawaslu"])
    services.pengumuman_baca(pengguna=penerima["bawaslu_madiun"], pengumuman=p)
    with pytest.raises(ValidationError) as exc:
        services.pengumuman_ingatkan(pelaku=penulis, pengumuman=p)
    assert exc.value.messages == ["Everyone has read this announcement; there is no one to remind."]


def test_recipient_cannot_remind(umumkan, penerima):
    """Only the author organization reminds; a recipient gets 404 and no reminder is sent."""
    p = umumkan()
    with pytest.raises(Http404):
        services.pengumuman_ingatkan(pelaku=penerima["kpu_madiun"], pengumuman=p)
    assert not Penerimaan.objects.filter(diingatkan_at__isnull=False).exists()


def test_whatsapp_link_has_indonesian_text_and_link(umumkan, settings):
    """The share link is wa.me with an Indonesian message and the Sinergi link."""
    settings.SINERGI_BASE_URL = "https://sinergi.example"
    p = umumkan()
    link = selectors.tautan_whatsapp(p)
    assert link.startswith("https://wa.me/?text=")
    assert "Pengumuman" in link
    assert "https%3A%2F%2Fsinergi.example%2Fkomunikasi%2Fpengumuman%2F" in link


def test_confidential_announcement_has_no_whatsapp_link(umumkan):
    """Confidential content never leaves Sinergi through a share link."""
    assert selectors.tautan_whatsapp(umumkan(kerahasiaan="CONFIDENTIAL")) is None


def test_notifikasi_kirim_respects_preferences(pengguna_uji, mailoutbox):
    """Other apps notify through notifikasi_kirim: an inbox item for everyone, an e-mail
    only for those who want e-mail now."""
    a = pengguna_uji("kpu_madiun", "operator")
    b = pengguna_uji("kpu_ngawi", "operator")
    PreferensiNotifikasi.objects.create(pengguna=b, jenis="undangan", mode=ModeNotifikasi.APLIKASI)
    n = services.notifikasi_kirim(
        penerima=[a, b.pk], jenis="undangan", judul="Undangan rakor", tautan="/kegiatan/1/"
    )
    assert n == 2
    assert Notifikasi.objects.filter(jenis="undangan").count() == 2
    assert [m.to for m in mailoutbox] == [[a.email]]


def test_daily_digest_collects_unread_items(pengguna_uji, mailoutbox):
    """Digest users get one e-mail with their unread items, once."""
    a = pengguna_uji("kpu_madiun", "operator")
    PreferensiNotifikasi.objects.create(
        pengguna=a, jenis="peringatan", mode=ModeNotifikasi.RINGKASAN
    )
    services.notifikasi_kirim(penerima=[a], jenis="peringatan", judul="Peringatan dini 1")
    services.notifikasi_kirim(penerima=[a], jenis="peringatan", judul="Peringatan dini 2")
    assert mailoutbox == []
    assert tasks.kirim_ringkasan_harian.call() == 1
    assert "Peringatan dini 2" in mailoutbox[0].body
    assert tasks.kirim_ringkasan_harian.call() == 0


def test_preference_unknown_mode_is_refused(pengguna_uji):
    """An unknown delivery mode is refused by kind."""
    with pytest.raises(ValidationError) as exc:
        services.preferensi_simpan(
            pengguna=pengguna_uji("kpu_madiun", "operator"), preferensi={"sebutan": "merpati"}
        )
    assert exc.value.message_dict["sebutan"] == ["Choose one of: aplikasi, email, ringkasan."]


def test_mark_notification_of_someone_else_is_404(umumkan, penerima):
    """A user cannot mark another user's inbox item."""
    umumkan()
    n = Notifikasi.objects.get(pengguna=penerima["kpu_madiun"])
    with pytest.raises(Http404):
        services.notifikasi_baca(pengguna=penerima["kpu_ngawi"], notifikasi=n)
    n.refresh_from_db()
    assert n.dibaca_at is None


# --- Threads --------------------------------------------------------------------------------
def test_thread_region_outside_scope_is_refused(pengguna_uji):
    """A thread in a region outside one's scope is refused."""
    with pytest.raises(ValidationError) as exc:
        services.utas_create(
            pelaku=pengguna_uji("kpu_madiun", "operator"),
            judul="x",
            isi="y",
            wilayah_id="35.77",
        )
    assert exc.value.message_dict["wilayah"] == ["The region 35.77 is outside your scope."]


def test_mention_notifies_person_who_can_see(utas, pengguna_uji):
    """Mentioning someone who can see the thread, by e-mail, puts it in their inbox."""
    jatim = pengguna_uji("kpu_jatim", "koordinator")
    services.pos_create(
        pelaku=pengguna_uji("bawaslu_madiun", "operator"),
        utas=utas,
        isi="Mohon arahan",
        sebut=[jatim.email],
    )
    n = Notifikasi.objects.get(pengguna=jatim)
    assert n.jenis == "sebutan" and n.tautan == f"/komunikasi/diskusi/{utas.pk}/"


def test_mention_of_someone_who_cannot_see_is_refused(utas, pengguna_uji):
    """A mention of a user outside the thread's audience (and the author's view) is refused,
    without their name, and nothing is posted."""
    bali = pengguna_uji("kpu_bali", "operator")
    sebelum = Pos.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.pos_create(
            pelaku=pengguna_uji("kpu_madiun", "operator"), utas=utas, isi="x", sebut=[bali.nama]
        )
    assert exc.value.message_dict["sebut"] == [
        "No single user is named or has the e-mail “Operator kpu_bali”."
    ]
    assert Pos.objects.count() == sebelum


def test_flood_of_posts_is_throttled(utas, pengguna_uji):
    """The sixth post within a minute from one account is refused with a clear message."""
    u = pengguna_uji("kpu_madiun", "operator")  # the first post is already theirs
    for i in range(4):
        services.pos_create(pelaku=u, utas=utas, isi=f"pos {i}")
    with pytest.raises(ValidationError) as exc:
        services.pos_create(pelaku=u, utas=utas, isi="lagi")
    assert exc.value.message_dict["isi"] == [
        "You are posting too fast: at most 5 posts a minute. Wait a moment and post again."
    ]
    assert Pos.objects.filter(utas=utas).count() == 5


def test_resolve_needs_conclusion(utas, pengguna_uji):
    """Resolving without a conclusion is refused; with one, the thread is closed to posts."""
    u = pengguna_uji("kpu_madiun", "operator")
    with pytest.raises(ValidationError) as exc:
        services.utas_selesaikan(pelaku=u, utas=utas, kesimpulan="  ")
    assert exc.value.message_dict["kesimpulan"] == [
        "Write the conclusion before marking the thread resolved."
    ]
    services.utas_selesaikan(pelaku=u, utas=utas, kesimpulan="APK dilarang di jalan protokol.")
    with pytest.raises(ValidationError) as exc:
        services.pos_create(pelaku=u, utas=utas, isi="lagi")
    assert exc.value.message_dict["isi"] == ["This thread is resolved; it takes no more posts."]


def test_moderator_hides_post_with_reason_audited(utas, pengguna_uji):
    """Provincial KPU leadership hides a post with a reason; it is audited."""
    pos = utas.pos.get()
    mod = pengguna_uji("kpu_jatim", "koordinator")
    services.pos_sembunyikan(pelaku=mod, pos=pos, alasan="Tidak relevan")
    pos.refresh_from_db()
    assert pos.disembunyikan and pos.alasan_sembunyi == "Tidak relevan"
    assert AuditEntry.objects.filter(
        object_type="komunikasi.pos", actor=mod, note="moderation"
    ).exists()


def test_operator_of_other_org_cannot_hide(utas, pengguna_uji):
    """An operator of another organization may not moderate: 404, nothing changes."""
    pos = utas.pos.get()
    with pytest.raises(Http404):
        services.pos_sembunyikan(
            pelaku=pengguna_uji("bawaslu_madiun", "operator"), pos=pos, alasan="x"
        )
    pos.refresh_from_db()
    assert not pos.disembunyikan


def test_hide_without_reason_is_refused(utas, pengguna_uji):
    """Hiding needs a reason."""
    with pytest.raises(ValidationError) as exc:
        services.pos_sembunyikan(
            pelaku=pengguna_uji("kpu_jatim", "koordinator"), pos=utas.pos.get(), alasan=""
        )
    assert exc.value.message_dict["alasan"] == ["Give the reason for hiding this post."]
