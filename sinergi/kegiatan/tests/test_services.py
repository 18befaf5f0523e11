"""Services of kegiatan: planning, invitations, RSVP, check-in, record; bad input refused."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from sinergi.core.models import AuditEntry
from sinergi.kegiatan import services
from sinergi.kegiatan.models import Kegiatan, Kehadiran, Materi, Undangan

pytestmark = pytest.mark.django_db


def _pesan(exc, field):
    return exc.value.message_dict[field]


def _rencana(pelaku, wilayah, **kw):
    data = {
        "jenis": "sosialisasi",
        "judul": "Sosialisasi Regulasi Tahapan",
        "wilayah": wilayah,
        "mulai": dt.datetime(2030, 12, 8, 9, 0),
        "selesai": dt.datetime(2030, 12, 9, 16, 0),
        "tempat": "JW Marriott Hotel Surabaya",
    }
    data.update(kw)
    return services.kegiatan_create(pelaku=pelaku, **data)


def test_plan_stores_local_time_as_utc(operator_jatim, wilayah_mini, tahapan):
    """09.00 WIB in Jawa Timur is stored as 02.00 UTC, with the stages covered and an audit row."""
    before = AuditEntry.objects.filter(object_type="kegiatan.kegiatan").count()
    k = _rencana(operator_jatim, wilayah_mini["35"], tahapan=[tahapan["T6"].pk])
    k.refresh_from_db()
    assert k.mulai == dt.datetime(2030, 12, 8, 2, 0, tzinfo=dt.UTC)
    assert k.zona_waktu == "WIB"
    assert list(k.tahapan.all()) == [tahapan["T6"]]
    assert k.penyelenggara.nama == "KPU Provinsi Jawa Timur"
    assert len(k.kode_hadir) == 8
    assert AuditEntry.objects.filter(object_type="kegiatan.kegiatan").count() == before + 1


def test_plan_in_wita_region(pengguna_uji, wilayah_mini):
    """An event in Bali is entered in WITA (UTC+8)."""
    k = _rencana(pengguna_uji("kpu_bali", "operator"), wilayah_mini["51"])
    assert k.zona_waktu == "WITA"
    assert k.mulai == dt.datetime(2030, 12, 8, 1, 0, tzinfo=dt.UTC)


def test_end_before_start_is_refused(operator_jatim, wilayah_mini):
    """End before start: refused with a message on `selesai`, nothing saved."""
    with pytest.raises(ValidationError) as exc:
        _rencana(operator_jatim, wilayah_mini["35"], selesai=dt.datetime(2030, 12, 7, 9, 0))
    assert _pesan(exc, "selesai") == ["The end must be after the start."]
    assert Kegiatan.objects.count() == 0


def test_event_outside_region_is_refused(pengguna_uji, wilayah_mini):
    """A regency operator cannot plan an event in another regency."""
    with pytest.raises(ValidationError) as exc:
        _rencana(pengguna_uji("kpu_madiun", "operator"), wilayah_mini["35.21"])
    assert _pesan(exc, "wilayah") == [
        "This region is outside your area; you can only plan events in your own region."
    ]
    assert Kegiatan.objects.count() == 0


def test_venue_or_link_required(operator_jatim, wilayah_mini):
    """An event needs a venue or an online link."""
    with pytest.raises(ValidationError) as exc:
        _rencana(operator_jatim, wilayah_mini["35"], tempat="")
    assert _pesan(exc, "tempat") == ["Give a venue, an online link, or both."]


def test_viewer_cannot_plan(pengguna_uji, wilayah_mini):
    """A viewer (pengamat) may not plan events: 404, nothing saved."""
    with pytest.raises(Http404):
        _rencana(pengguna_uji("kpu_jatim", "pengamat"), wilayah_mini["35"])
    assert Kegiatan.objects.count() == 0


def test_cancel_needs_reason(operator_jatim, buat_kegiatan):
    """Cancelling without a reason is refused; with one, the status and reason are stored."""
    k = buat_kegiatan()
    with pytest.raises(ValidationError) as exc:
        services.kegiatan_cancel(pelaku=operator_jatim, kegiatan=k, alasan=" ")
    assert _pesan(exc, "alasan_batal") == ["Say why the event is cancelled."]
    services.kegiatan_cancel(pelaku=operator_jatim, kegiatan=k, alasan="Bentrok jadwal")
    k.refresh_from_db()
    assert (k.status, k.alasan_batal) == ("dibatalkan", "Bentrok jadwal")


def test_update_by_other_region_is_404(pengguna_uji, buat_kegiatan):
    """An operator of KPU Kota Madiun cannot change KPU Jatim's event; nothing changes."""
    k = buat_kegiatan()
    with pytest.raises(Http404):
        services.kegiatan_update(
            pelaku=pengguna_uji("kpu_kota_madiun", "operator"), kegiatan=k, judul="Diubah"
        )
    k.refresh_from_db()
    assert k.judul.startswith("Sosialisasi uji")


# --- invitations ------------------------------------------------------------------------------
@pytest.fixture
def kontak_polres(lembaga_uji):
    from sinergi.pemangku.models import Kontak

    return Kontak.objects.create(
        lembaga=lembaga_uji["polres_madiun"],
        nama="Contoh Nama 1",
        jabatan="Kasat Intelkam",
        unit="Sat Intelkam",
        email="intelkam@uji.test",
    )


def test_bulk_invitation_by_type_and_region(operator_jatim, buat_kegiatan, lembaga_uji):
    """Every KPU of a regency in Jawa Timur: three invitations; a second run adds none."""
    k = buat_kegiatan()
    baru = services.undangan_massal(
        pelaku=operator_jatim, kegiatan=k, jenis="kpu", wilayah="35", tingkat="kabupaten_kota"
    )
    assert sorted(u.lembaga.nama for u in baru) == [
        "KPU Kabupaten Madiun",
        "KPU Kabupaten Ngawi",
        "KPU Kota Madiun",
    ]
    again = services.undangan_massal(
        pelaku=operator_jatim, kegiatan=k, jenis="kpu", wilayah="35", tingkat="kabupaten_kota"
    )
    assert again == []
    assert Undangan.objects.filter(kegiatan=k).count() == 3


def test_bulk_invitation_picks_the_unit_contact(operator_jatim, buat_kegiatan, kontak_polres):
    """Every Polres Sat Intelkam: the invitation is addressed to the Kasat Intelkam."""
    k = buat_kegiatan()
    [u] = services.undangan_massal(
        pelaku=operator_jatim,
        kegiatan=k,
        jenis="polri",
        wilayah="35",
        tingkat="kabupaten_kota",
        unit="Sat Intelkam",
    )
    assert (u.kontak, u.jabatan, u.email) == (kontak_polres, "Kasat Intelkam", "intelkam@uji.test")
    assert len(u.token) >= 32


def test_rsvp_before_and_after_event(buat_kegiatan, lembaga_uji, operator_jatim):
    """RSVP works through the token before the event and is refused after it."""
    k = buat_kegiatan()
    u = services.undangan_create(
        pelaku=operator_jatim, kegiatan=k, lembaga=lembaga_uji["kpu_ngawi"]
    )
    services.rsvp(token=u.token, jawaban="hadir")
    u.refresh_from_db()
    assert u.rsvp == "hadir"
    lalu = buat_kegiatan(mulai=timezone.now() - dt.timedelta(days=3))
    u2 = services.undangan_create(
        pelaku=operator_jatim, kegiatan=lalu, lembaga=lembaga_uji["kpu_ngawi"]
    )
    with pytest.raises(ValidationError) as exc:
        services.rsvp(token=u2.token, jawaban="tidak")
    assert _pesan(exc, "jawaban") == ["This event has already taken place; answers are closed."]
    u2.refresh_from_db()
    assert u2.rsvp == "belum"


def test_rsvp_wrong_token_is_404(db):
    """An unknown token answers 404."""
    with pytest.raises(Http404):
        services.rsvp(token="tidak-ada", jawaban="hadir")


# --- attendance ------------------------------------------------------------------------------
def test_qr_check_in_twice_is_one_record(buat_kegiatan, lembaga_uji, operator_jatim):
    """Scanning the same QR twice gives the same record, created once."""
    k = buat_kegiatan(mulai=timezone.now())
    u = services.undangan_create(
        pelaku=operator_jatim, kegiatan=k, lembaga=lembaga_uji["kpu_ngawi"]
    )
    a, baru_a = services.hadir_qr(
        pelaku=operator_jatim, kegiatan=k, token=f"https://x/kegiatan/undangan/{u.token}/"
    )
    b, baru_b = services.hadir_qr(pelaku=operator_jatim, kegiatan=k, token=u.token)
    assert (baru_a, baru_b) == (True, False)
    assert a.pk == b.pk
    assert Kehadiran.objects.filter(kegiatan=k).count() == 1
    assert a.waktu is not None and a.cara == "qr"


def test_qr_of_another_event_is_refused(buat_kegiatan, lembaga_uji, operator_jatim):
    """An invitation QR code of another event is refused, naming that event."""
    k1, k2 = buat_kegiatan(mulai=timezone.now()), buat_kegiatan(judul="Rakor Lain")
    u = services.undangan_create(
        pelaku=operator_jatim, kegiatan=k2, lembaga=lembaga_uji["kpu_ngawi"]
    )
    with pytest.raises(ValidationError) as exc:
        services.hadir_qr(pelaku=operator_jatim, kegiatan=k1, token=u.token)
    assert _pesan(exc, "kode") == ["This QR code belongs to another event (Rakor Lain)."]
    assert Kehadiran.objects.count() == 0


def test_self_check_in_wrong_code(buat_kegiatan):
    """A wrong event code is refused with a clear message."""
    buat_kegiatan()
    with pytest.raises(ValidationError) as exc:
        services.hadir_mandiri(kode="SALAH1", nama="Budi", instansi="Ormas X")
    assert _pesan(exc, "kode") == ["This check-in code is not valid. Check it with the organizer."]


def test_self_check_in_expired_code(buat_kegiatan):
    """The event's code no longer works an hour after the event ended."""
    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(days=2))
    with pytest.raises(ValidationError) as exc:
        services.hadir_mandiri(kode=k.kode_hadir, nama="Budi", instansi="Ormas X")
    [pesan] = _pesan(exc, "kode")
    assert pesan.startswith("This check-in code has expired: check-in closed at ")
    assert pesan.endswith(" WIB.")
    assert Kehadiran.objects.count() == 0


def test_self_check_in_is_idempotent(buat_kegiatan):
    """The same walk-in (name and organization, any case or spacing) is one record."""
    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    a, baru = services.hadir_mandiri(
        kode=k.kode_hadir.lower(), nama="Budi  Santoso", instansi="Ormas X"
    )
    b, lagi = services.hadir_mandiri(kode=k.kode_hadir, nama="budi santoso", instansi="ORMAS X ")
    assert (baru, lagi, a.pk) == (True, False, b.pk)
    assert a.cara == "kode"


def test_cancelled_event_refuses_check_in(buat_kegiatan, operator_jatim):
    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(minutes=30))
    services.kegiatan_cancel(pelaku=operator_jatim, kegiatan=k, alasan="Banjir")
    with pytest.raises(ValidationError) as exc:
        services.hadir_mandiri(kode=k.kode_hadir, nama="Budi", instansi="Ormas X")
    assert _pesan(exc, "kode") == ["This event was cancelled; check-in is closed."]


# --- materials ---------------------------------------------------------------------------------
def _pdf():
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_material_pdf_is_stored(buat_kegiatan, operator_jatim, settings, tmp_path):
    """A real PDF is stored under MEDIA_ROOT with a generated name."""
    settings.MEDIA_ROOT = tmp_path
    k = buat_kegiatan()
    m = services.materi_upload(
        pelaku=operator_jatim,
        kegiatan=k,
        judul="Paparan",
        berkas=SimpleUploadedFile("paparan.pdf", _pdf()),
    )
    assert m.jenis_berkas == "pdf"
    assert (tmp_path / m.berkas.name).read_bytes() == _pdf()
    assert "paparan" not in m.berkas.name


def test_disguised_exe_is_refused(buat_kegiatan, operator_jatim, settings, tmp_path):
    """An .exe renamed .pdf is refused by its content; nothing is stored."""
    settings.MEDIA_ROOT = tmp_path
    k = buat_kegiatan()
    with pytest.raises(ValidationError) as exc:
        services.materi_upload(
            pelaku=operator_jatim,
            kegiatan=k,
            judul="x",
            berkas=SimpleUploadedFile("paparan.pdf", b"MZ\x90\x00" + b"\x00" * 100),
        )
    assert _pesan(exc, "berkas") == [
        "The file's content does not match its extension (.pdf); it was refused."
    ]
    assert Materi.objects.count() == 0
    assert not any(tmp_path.rglob("*.*"))


def test_oversized_file_is_refused(buat_kegiatan, operator_jatim, monkeypatch):
    """A file over 20 MB is refused."""
    from sinergi.kegiatan import berkas

    monkeypatch.setattr(berkas, "MAKS_UKURAN", 10)
    with pytest.raises(ValidationError) as exc:
        services.materi_upload(
            pelaku=operator_jatim,
            kegiatan=buat_kegiatan(),
            judul="x",
            berkas=SimpleUploadedFile("a.pdf", _pdf()),
        )
    assert _pesan(exc, "berkas") == ["The file is larger than 20 MB."]


def test_docx_detected_by_content(buat_kegiatan, operator_jatim, settings, tmp_path):
    """A DOCX (a zip with word/) is accepted as docx; the same file named .xlsx is refused."""
    import zipfile

    settings.MEDIA_ROOT = tmp_path
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
    data = buf.getvalue()
    k = buat_kegiatan()
    m = services.materi_upload(
        pelaku=operator_jatim, kegiatan=k, judul="", berkas=SimpleUploadedFile("a.docx", data)
    )
    assert m.jenis_berkas == "docx"
    with pytest.raises(ValidationError):
        services.materi_upload(
            pelaku=operator_jatim, kegiatan=k, judul="", berkas=SimpleUploadedFile("a.xlsx", data)
        )


# --- record and reports -----------------------------------------------------------------------
def test_decision_is_recorded(buat_kegiatan, operator_jatim, lembaga_uji):
    """A decision opens a follow-up (tindak_lanjut) owned by its owner organization."""
    from sinergi.tindak_lanjut.models import TindakLanjut

    k = buat_kegiatan()
    d = services.keputusan_create(
        pelaku=operator_jatim,
        kegiatan=k,
        uraian="Sosialisasi ke desa",
        pemilik=lembaga_uji["kpu_ngawi"],
        tenggat=dt.date(2030, 1, 31),
    )
    tl = TindakLanjut.objects.get(pk=d.tindak_lanjut_id)
    assert (tl.lembaga, tl.judul, tl.sumber) == (lembaga_uji["kpu_ngawi"], "Sosialisasi ke desa", d)
    assert k.keputusan.count() == 1


def test_pdf_escapes_markup(buat_kegiatan, operator_jatim):
    """HTML in a title is printed literally in the report PDF, not read as markup."""
    from sinergi.kegiatan.laporan import laporan_pdf

    k = buat_kegiatan(judul="<b>Rakor</b> <script>alert(1)</script>")
    services.pernyataan_create(pelaku=operator_jatim, kegiatan=k, pembicara="A & B", isi="<i>x</i>")
    data = laporan_pdf(k)
    assert data.startswith(b"%PDF")
    # The tags are drawn as characters: "<", "b", ">" and then the word, in the same font.
    assert b"(<) Tj (b) Tj (>) Tj (Rakor) Tj (<) Tj (/b) Tj" in data
    assert b"(alert\\(1\\)) Tj (<) Tj (/script)" in data


def test_press_release_draft_in_indonesian(buat_kegiatan, operator_jatim, lembaga_uji):
    """The draft names the organizer, the venue and quotes the statements."""
    from sinergi.core import waktu
    from sinergi.kegiatan.laporan import siaran_pers_draf

    k = buat_kegiatan(
        judul="Sosialisasi Regulasi Tahapan",
        tempat="JW Marriott Hotel Surabaya",
        mulai=waktu.dari_lokal(dt.datetime(2022, 12, 8, 9), "WIB"),
        selesai=waktu.dari_lokal(dt.datetime(2022, 12, 9, 16), "WIB"),
    )
    services.pernyataan_create(
        pelaku=operator_jatim,
        kegiatan=k,
        pembicara="Choirul Anam",
        jabatan="Ketua KPU Provinsi Jawa Timur",
        isi="Pemilu adalah tanggung jawab bersama.",
    )
    teks = siaran_pers_draf(k)
    assert teks.startswith(
        "SURABAYA, KPU Provinsi Jawa Timur menggelar Sosialisasi Regulasi Tahapan pada "
        "Kamis-Jumat (8-9 Desember 2022) di JW Marriott Hotel Surabaya."
    )
    assert (
        "“Pemilu adalah tanggung jawab bersama.” ujar Choirul Anam, Ketua KPU Provinsi Jawa Timur."
        in teks
    )
