"""Writes on follow-ups: validation, permission (404, nothing changed), audit, escalation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from sinergi.core.models import AuditEntry, Kerahasiaan
from sinergi.tindak_lanjut import services
from sinergi.tindak_lanjut.choices import StatusTindakLanjut
from sinergi.tindak_lanjut.models import PembaruanTindakLanjut, TindakLanjut

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def audit_count(obj):
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).count()


def test_create_derives_region_zone_and_due_moment(pengguna_uji, lembaga_uji, besok):
    """A follow-up for Polres Madiun gets its region, WIB, and end-of-day due time in WIB."""
    koordinator = pengguna_uji("kpu_jatim", "koordinator")
    tl = services.tindak_lanjut_create(
        pelaku=koordinator,
        lembaga=lembaga_uji["polres_madiun"],
        judul="Petakan TPS rawan",
        tenggat_tanggal=besok,
    )
    assert tl.wilayah_id == "35.19"
    assert tl.zona_waktu == "WIB"
    assert tl.lembaga_pembuat == lembaga_uji["kpu_jatim"]
    local = tl.tenggat_lokal
    assert (local.date(), local.hour, local.minute) == (besok, 23, 59)
    assert not tl.tenggat_ada_jam
    assert audit_count(tl) == 1


def test_create_with_time_in_wita_is_stored_in_utc(pengguna_uji, lembaga_uji, besok):
    """A due time of 10.00 in Denpasar (WITA, UTC+8) is stored as 02.00 UTC."""
    admin = pengguna_uji("kpu_ri", "admin_sistem")
    tl = services.tindak_lanjut_create(
        pelaku=admin,
        lembaga=lembaga_uji["kpu_denpasar"],
        judul="Rapat koordinasi",
        tenggat_tanggal=besok,
        tenggat_jam=datetime.time(10, 0),
    )
    tl.refresh_from_db()
    assert tl.zona_waktu == "WITA"
    assert tl.tenggat.astimezone(datetime.UTC).hour == 2
    assert tl.tenggat_tampil.endswith("10:00 WITA")  # English (this app's tests), 10.00 in id


def test_create_takes_the_source_region_when_inside_the_owner(
    pengguna_uji, lembaga_uji, jenis_lembaga, besok
):
    """A source located in a district of Kabupaten Madiun gives the follow-up that district."""
    from sinergi.pemangku.models import Lembaga

    sumber = Lembaga.objects.create(
        nama="Panwascam Kebonsari",
        jenis=jenis_lembaga["bawaslu"],
        tingkat="kecamatan",
        wilayah_id="35.19.01",
    )
    tl = services.tindak_lanjut_create(
        pelaku=pengguna_uji("polres_madiun", "operator"),
        lembaga=lembaga_uji["polres_madiun"],
        judul="Patroli di Kebonsari",
        tenggat_tanggal=besok,
        sumber=sumber,
    )
    assert tl.wilayah_id == "35.19.01"


def test_create_links_a_generic_source(pengguna_uji, lembaga_uji, besok):
    """Any model instance can be the source; its type, id and label are kept."""
    sumber = lembaga_uji["kpu_madiun"]
    tl = services.tindak_lanjut_create(
        pelaku=pengguna_uji("kpu_jatim", "operator"),
        lembaga=lembaga_uji["polres_madiun"],
        judul="Tindak lanjut rapat",
        tenggat_tanggal=besok,
        sumber=sumber,
    )
    assert tl.sumber == sumber
    assert tl.sumber_label == "KPU Kabupaten Madiun"


def test_create_refuses_a_past_due_date(pengguna_uji, lembaga_uji):
    """A due date in the past is refused with a clear message; nothing is saved."""
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_create(
            pelaku=pengguna_uji("kpu_jatim", "koordinator"),
            lembaga=lembaga_uji["polres_madiun"],
            judul="Terlambat",
            tenggat_tanggal=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert exc.value.message_dict == {"tenggat_tanggal": ["The due date cannot be in the past."]}
    assert TindakLanjut.objects.count() == 0


def test_create_out_of_scope_is_404(pengguna_uji, lembaga_uji, besok):
    """KPU Bali cannot assign a follow-up to Polres Madiun: 404, nothing saved."""
    with pytest.raises(Http404):
        services.tindak_lanjut_create(
            pelaku=pengguna_uji("kpu_bali", "koordinator"),
            lembaga=lembaga_uji["polres_madiun"],
            judul="x",
            tenggat_tanggal=besok,
        )
    assert TindakLanjut.objects.count() == 0


def test_analyst_assigns_a_follow_up_in_scope(pengguna_uji, lembaga_uji, besok):
    """A Bawaslu analyst (issue #6: explain a score, open a follow-up) assigns one to Polres
    Madiun, inside the province; it is recorded with Bawaslu Jatim as the assigning
    organization and audited."""
    bawaslu = lembaga_uji["bawaslu_jatim"]
    assert TindakLanjut.objects.count() == 0
    tl = services.tindak_lanjut_create(
        pelaku=pengguna_uji("bawaslu_jatim", "analis"),
        lembaga=lembaga_uji["polres_madiun"],
        judul="Petakan TPS rawan kekerasan",
        tenggat_tanggal=besok,
    )
    assert TindakLanjut.objects.count() == 1
    assert (tl.lembaga, tl.lembaga_pembuat) == (lembaga_uji["polres_madiun"], bawaslu)
    assert audit_count(tl) == 1


def test_analyst_out_of_scope_is_404(pengguna_uji, lembaga_uji, besok):
    """An analyst of KPU Bali cannot assign a follow-up to Polres Madiun: 404, nothing saved."""
    with pytest.raises(Http404):
        services.tindak_lanjut_create(
            pelaku=pengguna_uji("kpu_bali", "analis"),
            lembaga=lembaga_uji["polres_madiun"],
            judul="x",
            tenggat_tanggal=besok,
        )
    assert TindakLanjut.objects.count() == 0


def test_assigning_analyst_cannot_work_on_the_follow_up(pengguna_uji, lembaga_uji, besok):
    """The analyst who assigned Polres Madiun's follow-up cannot start it, add an update or
    acknowledge it (that is the owner's work): 404, nothing changed."""
    analis = pengguna_uji("bawaslu_jatim", "analis")
    tl = services.tindak_lanjut_create(
        pelaku=analis, lembaga=lembaga_uji["polres_madiun"], judul="x", tenggat_tanggal=besok
    )
    with pytest.raises(Http404):
        services.tindak_lanjut_update_status(pelaku=analis, tindak_lanjut=tl, status="dikerjakan")
    with pytest.raises(Http404):
        services.tindak_lanjut_add_update(pelaku=analis, tindak_lanjut=tl, teks="x")
    with pytest.raises(Http404):
        services.tindak_lanjut_acknowledge(pelaku=analis, tindak_lanjut=tl)
    tl.refresh_from_db()
    assert (tl.status, tl.diakui_pada) == ("terbuka", None)
    assert PembaruanTindakLanjut.objects.count() == 0
    assert audit_count(tl) == 1


def test_create_by_viewer_is_404(pengguna_uji, lembaga_uji, besok):
    """A viewer (pengamat) cannot assign follow-ups."""
    with pytest.raises(Http404):
        services.tindak_lanjut_create(
            pelaku=pengguna_uji("kpu_jatim", "pengamat"),
            lembaga=lembaga_uji["polres_madiun"],
            judul="x",
            tenggat_tanggal=besok,
        )
    assert TindakLanjut.objects.count() == 0


def test_owner_operator_moves_open_to_in_progress_to_done(pengguna_uji, buat_tl):
    """The owner's operator starts and finishes; done sets 100% and the closing time."""
    tl = buat_tl()
    operator = pengguna_uji("polres_madiun", "operator")
    services.tindak_lanjut_update_status(pelaku=operator, tindak_lanjut=tl, status="dikerjakan")
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.DIKERJAKAN
    assert tl.diakui_pada is not None
    services.tindak_lanjut_update_status(pelaku=operator, tindak_lanjut=tl, status="selesai")
    tl.refresh_from_db()
    assert (tl.status, tl.persentase) == (StatusTindakLanjut.SELESAI, 100)
    assert tl.selesai_pada is not None
    assert audit_count(tl) == 2


def test_done_cannot_go_back_to_open(pengguna_uji, buat_tl):
    """done → open is refused with the exact message; the status stays done."""
    tl = buat_tl(status=StatusTindakLanjut.SELESAI)
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_update_status(
            pelaku=pengguna_uji("polres_madiun", "operator"), tindak_lanjut=tl, status="terbuka"
        )
    assert exc.value.message_dict == {"status": ["A follow-up cannot go from “Done” to “Open”."]}
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.SELESAI


def test_cancel_needs_a_reason(pengguna_uji, buat_tl):
    """Cancelling without a reason is refused."""
    tl = buat_tl()
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_update_status(
            pelaku=pengguna_uji("kpu_jatim", "koordinator"), tindak_lanjut=tl, status="dibatalkan"
        )
    assert exc.value.message_dict == {"alasan": ["Give the reason for cancelling this follow-up."]}
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.TERBUKA


def test_assigning_coordinator_cancels_with_reason(pengguna_uji, buat_tl):
    """The assigning organization's coordinator cancels, and the reason is kept."""
    tl = buat_tl()
    services.tindak_lanjut_update_status(
        pelaku=pengguna_uji("kpu_jatim", "koordinator"),
        tindak_lanjut=tl,
        status="dibatalkan",
        alasan="Digabung dengan rapat berikutnya",
    )
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.DIBATALKAN
    assert tl.alasan_batal == "Digabung dengan rapat berikutnya"


def test_owner_operator_cannot_cancel(pengguna_uji, buat_tl):
    """The owner organization cannot cancel what it was assigned: 404, nothing changes."""
    tl = buat_tl()
    with pytest.raises(Http404):
        services.tindak_lanjut_update_status(
            pelaku=pengguna_uji("polres_madiun", "koordinator"),
            tindak_lanjut=tl,
            status="dibatalkan",
            alasan="x",
        )
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.TERBUKA


def test_update_by_another_organization_is_404(pengguna_uji, buat_tl):
    """An operator of KPU Madiun (same region) cannot add an update: 404, nothing saved."""
    tl = buat_tl()
    with pytest.raises(Http404):
        services.tindak_lanjut_add_update(
            pelaku=pengguna_uji("kpu_madiun", "operator"), tindak_lanjut=tl, teks="x"
        )
    assert PembaruanTindakLanjut.objects.count() == 0
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.TERBUKA


def test_update_starts_acknowledges_and_sets_progress(pengguna_uji, buat_tl, settings, tmp_path):
    """The first update moves open to in progress, acknowledges, and stores evidence safely."""
    settings.MEDIA_ROOT = tmp_path
    tl = buat_tl()
    operator = pengguna_uji("polres_madiun", "operator")
    p = services.tindak_lanjut_add_update(
        pelaku=operator,
        tindak_lanjut=tl,
        teks="Pemetaan 40 TPS selesai",
        persentase=40,
        berkas=SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf"),
    )
    tl.refresh_from_db()
    assert (tl.status, tl.persentase) == (StatusTindakLanjut.DIKERJAKAN, 40)
    assert tl.diakui_oleh == operator
    assert p.nama_berkas == "laporan.pdf"
    assert p.tipe_berkas == "application/pdf"
    assert "laporan" not in p.berkas.name  # stored under a random name
    assert (tmp_path / p.berkas.name).read_bytes() == PDF


def test_update_refuses_exe_renamed_pdf(pengguna_uji, buat_tl, settings, tmp_path):
    """An .exe renamed .pdf is refused with the reason; nothing is saved or stored."""
    settings.MEDIA_ROOT = tmp_path
    tl = buat_tl()
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_add_update(
            pelaku=pengguna_uji("polres_madiun", "operator"),
            tindak_lanjut=tl,
            teks="bukti",
            berkas=SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00" + b"\x00" * 100),
        )
    assert exc.value.message_dict == {
        "berkas": ["The content of the file does not match its extension .pdf; it was refused."]
    }
    assert PembaruanTindakLanjut.objects.count() == 0
    assert not any(tmp_path.rglob("*.pdf"))


def test_update_refuses_oversized_file(pengguna_uji, buat_tl, settings, tmp_path):
    """A file over 10 MB is refused with the limit in the message."""
    settings.MEDIA_ROOT = tmp_path
    tl = buat_tl()
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_add_update(
            pelaku=pengguna_uji("polres_madiun", "operator"), tindak_lanjut=tl, teks="x", berkas=big
        )
    assert exc.value.message_dict == {"berkas": ["The file is larger than 10 MB."]}
    assert PembaruanTindakLanjut.objects.count() == 0


def test_update_refuses_unlisted_types(pengguna_uji, buat_tl):
    """An executable with its own extension is refused by type."""
    tl = buat_tl()
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_add_update(
            pelaku=pengguna_uji("polres_madiun", "operator"),
            tindak_lanjut=tl,
            teks="x",
            berkas=SimpleUploadedFile("alat.exe", b"MZ\x90\x00"),
        )
    assert exc.value.message_dict == {
        "berkas": ["Only PDF, images (PNG, JPEG, WebP) and Office files are allowed."]
    }


def test_update_on_a_closed_follow_up_is_refused(pengguna_uji, buat_tl):
    """A done follow-up takes no more updates."""
    tl = buat_tl(status=StatusTindakLanjut.SELESAI)
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_add_update(
            pelaku=pengguna_uji("polres_madiun", "operator"), tindak_lanjut=tl, teks="x"
        )
    assert exc.value.message_dict == {"teks": ["This follow-up is closed; it cannot be updated."]}


def test_acknowledge_is_idempotent(pengguna_uji, buat_tl):
    """Acknowledging twice keeps the first time and adds one audit row."""
    tl = buat_tl()
    operator = pengguna_uji("polres_madiun", "operator")
    services.tindak_lanjut_acknowledge(pelaku=operator, tindak_lanjut=tl)
    tl.refresh_from_db()
    first = tl.diakui_pada
    services.tindak_lanjut_acknowledge(pelaku=operator, tindak_lanjut=tl)
    tl.refresh_from_db()
    assert tl.diakui_pada == first
    assert audit_count(tl) == 1


@pytest.mark.parametrize("cara", ["akui", "pembaruan", "status"])
def test_first_acknowledgement_sends_the_signal_once(pengguna_uji, buat_tl, cara):
    """Explicitly, or implicitly by the owner's first update or status change: one
    `tindak_lanjut_diakui` with the follow-up and the user; later acknowledgements, and work
    by someone outside the owner organization, send none."""
    from sinergi.tindak_lanjut.signals import tindak_lanjut_diakui

    tl = buat_tl()
    operator = pengguna_uji("polres_madiun", "operator")
    seen = []

    def receiver(sender, tindak_lanjut, pelaku, **kwargs):
        seen.append((tindak_lanjut.pk, tindak_lanjut.diakui_oleh_id, pelaku))

    tindak_lanjut_diakui.connect(receiver)
    try:
        admin = pengguna_uji("kpu_ri", "admin_sistem")
        services.tindak_lanjut_add_update(pelaku=admin, tindak_lanjut=tl, teks="Dicek pusat")
        assert seen == []
        if cara == "akui":
            services.tindak_lanjut_acknowledge(pelaku=operator, tindak_lanjut=tl)
        elif cara == "pembaruan":
            services.tindak_lanjut_add_update(pelaku=operator, tindak_lanjut=tl, teks="Mulai")
        else:
            services.tindak_lanjut_update_status(
                pelaku=operator, tindak_lanjut=tl, status=StatusTindakLanjut.SELESAI
            )
        services.tindak_lanjut_acknowledge(pelaku=operator, tindak_lanjut=tl)
    finally:
        tindak_lanjut_diakui.disconnect(receiver)
    assert seen == [(tl.pk, operator.pk, operator)]


def test_acknowledge_by_viewer_is_404(pengguna_uji, buat_tl):
    """A viewer of the owner organization cannot acknowledge."""
    tl = buat_tl()
    with pytest.raises(Http404):
        services.tindak_lanjut_acknowledge(
            pelaku=pengguna_uji("polres_madiun", "pengamat"), tindak_lanjut=tl
        )
    tl.refresh_from_db()
    assert tl.diakui_pada is None


def test_escalation_of_overdue_follow_up_to_parent(buat_tl, lembaga_uji):
    """Overdue beyond a day: escalated to Polda Jawa Timur, once, with an audit row."""
    tl = buat_tl(tenggat=timezone.now() - datetime.timedelta(days=2), diakui_pada=timezone.now())
    assert services.tindak_lanjut_eskalasi() == [tl.pk]
    tl.refresh_from_db()
    assert tl.dieskalasi_ke == lembaga_uji["polda_jatim"]
    assert tl.alasan_eskalasi == "terlambat"
    assert tl.dieskalasi_pada is not None
    assert AuditEntry.objects.filter(object_id=str(tl.pk), note="escalated").count() == 1
    assert services.tindak_lanjut_eskalasi() == []


def test_escalation_of_unacknowledged_follow_up(buat_tl):
    """Not acknowledged three days after assignment: escalated as not acknowledged."""
    tl = buat_tl()
    TindakLanjut.objects.filter(pk=tl.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    assert services.tindak_lanjut_eskalasi() == [tl.pk]
    tl.refresh_from_db()
    assert tl.alasan_eskalasi == "belum_diakui"


def test_no_escalation_when_fresh_done_or_without_parent(buat_tl, lembaga_uji):
    """Fresh, done, or parentless follow-ups are left alone."""
    buat_tl()
    buat_tl(status=StatusTindakLanjut.SELESAI, tenggat=timezone.now() - datetime.timedelta(days=5))
    buat_tl(lembaga=lembaga_uji["polda_jatim"], tenggat=timezone.now() - datetime.timedelta(days=5))
    assert services.tindak_lanjut_eskalasi() == []


def test_escalation_task_runs_through_the_worker(antrean_db, buat_tl):
    """`sinergi worker --once` schedules and runs the escalation task."""
    from django.core.management import call_command

    tl = buat_tl(tenggat=timezone.now() - datetime.timedelta(days=2))
    call_command("worker", "--once", verbosity=0)
    tl.refresh_from_db()
    assert tl.dieskalasi_pada is not None


def test_html_is_kept_as_text(pengguna_uji, lembaga_uji, besok):
    """Script in a title is stored as typed (templates and JSON escape it)."""
    tl = services.tindak_lanjut_create(
        pelaku=pengguna_uji("polres_madiun", "operator"),
        lembaga=lembaga_uji["polres_madiun"],
        judul="<script>alert(1)</script>",
        tenggat_tanggal=besok,
        kerahasiaan=Kerahasiaan.CONFIDENTIAL,
    )
    assert tl.judul == "<script>alert(1)</script>"
