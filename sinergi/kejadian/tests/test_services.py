"""Incident services: intake validation and scope, idempotency, transitions by role,
duplicates and merging, routing by the duty matrix, attachments, public reports."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from sinergi.core.models import AuditEntry, Kerahasiaan
from sinergi.core.testing.gambar import png_kecil
from sinergi.kejadian import izin, selectors, services
from sinergi.kejadian.models import Kejadian, RiwayatStatus
from sinergi.kejadian.tests.conftest import lalu
from sinergi.tindak_lanjut.models import TindakLanjut

pytestmark = pytest.mark.django_db
PNG = png_kecil()


def pesan(exc, field):
    return exc.value.message_dict[field][0]


# --- intake ----------------------------------------------------------------------------------
def test_report_stores_utc_time_zone_and_reporting_organization(lapor, pelapor):
    """A report keeps the moment (UTC), the region's zone and the reporter's organization,
    and is audited."""
    waktu = dt.datetime(2024, 2, 14, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    k = lapor(waktu_kejadian=waktu)
    k.refresh_from_db()
    assert k.waktu_kejadian == waktu
    assert k.zona_waktu == "WIB"
    assert k.lembaga_pelapor == pelapor.lembaga
    assert k.status == "dilaporkan"
    assert AuditEntry.objects.filter(object_type="kejadian.kejadian", object_id=str(k.pk)).exists()


def test_stage_suggested_from_local_date_most_specific_first(lapor, tahapan):
    """On voting day the sub-stage wins over its parent; in the campaign, the campaign."""
    pemilihan = dt.datetime(2024, 2, 14, 8, 0, tzinfo=dt.UTC)
    assert lapor(waktu_kejadian=pemilihan).tahapan == tahapan["T9.1"]
    kampanye = dt.datetime(2024, 1, 10, 8, 0, tzinfo=dt.UTC)
    assert lapor(waktu_kejadian=kampanye).tahapan == tahapan["T7"]
    # 13 Feb 2024 20:00 UTC is already 14 Feb in WIB.
    malam = dt.datetime(2024, 2, 13, 20, 0, tzinfo=dt.UTC)
    assert lapor(waktu_kejadian=malam).tahapan == tahapan["T9.1"]


def test_caller_may_override_the_stage(lapor, tahapan):
    """An explicit stage wins over the suggestion."""
    k = lapor(waktu_kejadian=dt.datetime(2024, 2, 14, 8, tzinfo=dt.UTC), tahapan=tahapan["T7"])
    assert k.tahapan == tahapan["T7"]


def test_unknown_category_refused(lapor):
    """An unknown category code is named in the message; nothing is written."""
    with pytest.raises(ValidationError) as exc:
        lapor(kategori="begal")
    assert pesan(exc, "kategori") == "Unknown incident category “begal”."
    assert Kejadian.objects.count() == 0


def test_time_in_the_future_refused_beyond_tolerance(lapor):
    """Up to 10 minutes ahead (clock drift) is accepted; an hour ahead is refused."""
    lapor(waktu_kejadian=timezone.now() + dt.timedelta(minutes=5))
    with pytest.raises(ValidationError) as exc:
        lapor(waktu_kejadian=timezone.now() + dt.timedelta(hours=1))
    assert pesan(exc, "waktu_kejadian") == "The time of the incident cannot be in the future."


def test_naive_time_refused(lapor):
    """A time without its offset is ambiguous across WIB/WITA/WIT: refused."""
    with pytest.raises(ValidationError) as exc:
        lapor(waktu_kejadian=dt.datetime(2024, 2, 14, 9, 0))
    assert "offset" in pesan(exc, "waktu_kejadian")


def test_region_outside_scope_refused_with_field_message(lapor, pengguna_uji):
    """KPU Kabupaten Madiun cannot report for Ngawi: a clear message on the region."""
    with pytest.raises(ValidationError) as exc:
        lapor(pelaku=pengguna_uji("kpu_madiun", "operator"), kode_wilayah="35.21")
    assert "outside your organization's area" in pesan(exc, "kode_wilayah")


def test_old_region_code_follows_crosswalk(lapor, pengguna_uji):
    """92.01 (before Papua Barat Daya) is stored as 96.01, in WIT."""
    k = lapor(pelaku=pengguna_uji("bawaslu_ri", "operator"), kode_wilayah="92.01")
    assert k.wilayah_id == "96.01"
    assert k.zona_waktu == "WIT"


def test_viewer_may_not_report(lapor, pengguna_uji):
    """Viewers and analysts do not report (404, nothing written)."""
    with pytest.raises(Http404):
        lapor(pelaku=pengguna_uji("bawaslu_madiun", "pengamat"))
    assert Kejadian.objects.count() == 0


def test_empty_description_and_half_coordinates_refused(lapor):
    with pytest.raises(ValidationError) as exc:
        lapor(uraian="   ", lat=-7.6)
    assert pesan(exc, "uraian") == "Describe what happened."
    assert pesan(exc, "lat") == "Give both latitude and longitude, or neither."


def test_tps_must_lie_in_region(lapor, wilayah_mini):
    """A TPS outside the incident's region is refused; inside it is linked."""
    from sinergi.wilayah.models import TPS

    TPS.objects.create(desa_id="35.19.01.2001", nomor=3)
    k = lapor(kode_tps="35.19.01.2001-003")
    assert k.tps.nomor == 3
    with pytest.raises(ValidationError) as exc:
        lapor(kode_wilayah="35.19.02", kode_tps="35.19.01.2001-003")
    assert "Unknown region code." == pesan(exc, "kode_wilayah")
    with pytest.raises(ValidationError) as exc:
        lapor(pelaku=None, kode_wilayah="35.19.01.2001", nomor_tps=9)
    assert pesan(exc, "nomor_tps") == "No such polling station (TPS) in that village."


def test_html_description_stored_as_text(lapor):
    """HTML is kept as typed (escaped on output, never interpreted)."""
    k = lapor(uraian="<script>alert(1)</script> amplop")
    k.refresh_from_db()
    assert k.uraian == "<script>alert(1)</script> amplop"


# --- idempotency -----------------------------------------------------------------------------
def _terima(pelaku, kunci, **data):
    body = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu_kejadian": lalu(),
        "uraian": "Amplop",
        **data,
    }
    isi = json.dumps({k: str(v) for k, v in body.items()})
    return services.kejadian_terima(pelaku=pelaku, kunci_idempotensi=kunci, isi=isi, **body)


def test_same_key_same_body_returns_first_incident(pelapor):
    """A retried request never creates a second incident."""
    t = lalu()
    first = _terima(pelapor, "k-1", waktu_kejadian=t)
    again = _terima(pelapor, "k-1", waktu_kejadian=t)
    assert first.baru and not again.baru
    assert again.kejadian.pk == first.kejadian.pk
    assert Kejadian.objects.count() == 1


def test_same_key_different_body_conflicts(pelapor):
    """The same key with another body is a conflict; nothing new is written."""
    t = lalu()
    _terima(pelapor, "k-2", waktu_kejadian=t)
    with pytest.raises(services.KunciBentrok):
        _terima(pelapor, "k-2", waktu_kejadian=t, uraian="Lain")
    with pytest.raises(services.KunciBentrok):
        _terima(pelapor, "k-2", waktu_kejadian=t, kategori="tidak_ada")
    assert Kejadian.objects.count() == 1


def test_same_key_from_another_submitter_is_another_incident(pelapor, pengguna_uji):
    """Keys belong to their submitter."""
    t = lalu()
    _terima(pelapor, "k-3", waktu_kejadian=t)
    _terima(pengguna_uji("bawaslu_madiun", "admin_lembaga"), "k-3", waktu_kejadian=t)
    assert Kejadian.objects.count() == 2


def test_concurrent_insert_of_the_same_key_resolves_to_the_first(pelapor):
    """When the row appears between validation and insert (a concurrent request), the unique
    constraint wins and the first incident is returned."""
    t = lalu()
    first = _terima(pelapor, "k-4", waktu_kejadian=t).kejadian
    k = services.siapkan_kejadian(
        pelaku=pelapor, kategori="politik_uang", kode_wilayah="35.19", waktu_kejadian=t, uraian="x"
    )
    k.kunci_idempotensi, k.pengaju, k.hash_isi = "k-4", first.pengaju, first.hash_isi
    hasil = services.simpan_kejadian(k, pelaku=pelapor)
    assert not hasil.baru and hasil.kejadian.pk == first.pk
    assert Kejadian.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="kejadian.kejadian").count() == 1


# --- transitions -----------------------------------------------------------------------------
def test_supervisor_verifies_with_reason_history_and_audit(lapor, verifikator):
    k = lapor()
    services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="Cek")
    k.refresh_from_db()
    assert k.status == "terverifikasi"
    assert k.lembaga_verifikator == verifikator.lembaga
    r = RiwayatStatus.objects.get(kejadian=k)
    assert (r.dari, r.ke, r.alasan, r.pelaku) == ("dilaporkan", "terverifikasi", "Cek", verifikator)


@pytest.mark.parametrize(
    ("lembaga", "peran"),
    [("polres_madiun", "koordinator"), ("kpu_ngawi", "admin_lembaga"), ("kpu_madiun", "analis")],
)
def test_others_may_not_verify(lapor, pengguna_uji, lembaga, peran):
    """Police, another regency's KPU and analysts cannot verify: 404, nothing changes."""
    k = lapor()
    with pytest.raises(Http404):
        services.kejadian_transisi(
            pelaku=pengguna_uji(lembaga, peran), kejadian=k, status="terverifikasi", alasan="x"
        )
    k.refresh_from_db()
    assert k.status == "dilaporkan"
    assert not RiwayatStatus.objects.exists()


def test_provincial_kpu_verifies_in_its_subtree(lapor, pengguna_uji):
    k = lapor()
    services.kejadian_transisi(
        pelaku=pengguna_uji("kpu_jatim", "operator"), kejadian=k, status="ditolak", alasan="Hoaks"
    )
    assert Kejadian.objects.get(pk=k.pk).status == "ditolak"


def test_reason_required_and_invalid_transition_named(lapor, verifikator):
    k = lapor()
    with pytest.raises(ValidationError) as exc:
        services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="ditolak", alasan=" ")
    assert pesan(exc, "alasan") == "Give the reason for this change."
    with pytest.raises(ValidationError) as exc:
        services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="selesai", alasan="x")
    assert pesan(exc, "status") == "An incident cannot go from “Reported” to “Resolved”."


def test_handler_moves_to_handling_and_resolved_after_routing(
    rute, lapor, verifikator, pengguna_uji
):
    """Polres Madiun may act only once it holds a follow-up of the incident."""
    polres = pengguna_uji("polres_madiun", "operator")
    k = lapor()
    services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok")
    services.kejadian_transisi(pelaku=polres, kejadian=k, status="ditangani", alasan="Tim turun")
    services.kejadian_transisi(pelaku=polres, kejadian=k, status="selesai", alasan="Selesai")
    assert Kejadian.objects.get(pk=k.pk).status == "selesai"


def test_non_handler_cannot_move_to_handling(kategori, lapor, verifikator, pengguna_uji):
    """Without a follow-up (no routing matrix here), the police cannot act: 404."""
    k = lapor()
    services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok")
    with pytest.raises(Http404):
        services.kejadian_transisi(
            pelaku=pengguna_uji("polres_madiun", "operator"),
            kejadian=k,
            status="ditangani",
            alasan="x",
        )


def test_bulk_verify_reports_each_result(lapor, verifikator, pengguna_uji):
    """Bulk: in-scope reports are verified, the others are listed with the reason."""
    a, b = lapor(), lapor()
    c = lapor(pelaku=pengguna_uji("kpu_ngawi", "operator"), kode_wilayah="35.21")
    done, failed = services.kejadian_transisi_massal(
        pelaku=verifikator, kejadian=[a, b, c], status="terverifikasi", alasan="Sesuai"
    )
    assert {k.pk for k in done} == {a.pk, b.pk}
    assert failed == [(c, "You may not change this incident.")]
    assert Kejadian.objects.get(pk=c.pk).status == "dilaporkan"


# --- duplicates and merge --------------------------------------------------------------------
def test_duplicates_same_category_region_tree_and_window(lapor, verifikator):
    base = lapor(waktu_kejadian=lalu(10))
    dekat = lapor(kode_wilayah="35.19.01", waktu_kejadian=lalu(7))
    lapor(waktu_kejadian=lalu(17))  # outside ±6 h
    lapor(kategori="logistik", waktu_kejadian=lalu(10))  # another category
    found = list(selectors.kejadian_duplikat(pengguna=verifikator, kejadian=base))
    assert found == [dekat]
    assert selectors.jumlah_duplikat(pengguna=verifikator, daftar=[base])[base.pk] == 1


def test_merge_keeps_originals_attachments_and_history(lapor, verifikator):
    induk = lapor()
    dup = lapor(lampiran=[SimpleUploadedFile("foto.png", PNG)])
    services.kejadian_gabung(pelaku=verifikator, induk=induk, duplikat=[dup], alasan="Sama")
    dup.refresh_from_db()
    assert dup.status == "digabung" and dup.induk == induk
    assert dup.lampiran.count() == 1
    assert RiwayatStatus.objects.get(kejadian=dup).ke == "digabung"
    assert Kejadian.objects.count() == 2
    assert list(selectors.digabung_list(pengguna=verifikator, kejadian=induk)) == [dup]
    assert not selectors.kejadian_duplikat(pengguna=verifikator, kejadian=induk).exists()


def test_merge_out_of_scope_refused(lapor, verifikator, pengguna_uji):
    induk = lapor()
    lain = lapor(pelaku=pengguna_uji("kpu_ngawi", "operator"), kode_wilayah="35.21")
    with pytest.raises(Http404):
        services.kejadian_gabung(pelaku=verifikator, induk=induk, duplikat=[lain])
    assert Kejadian.objects.get(pk=lain.pk).status == "dilaporkan"


# --- routing ---------------------------------------------------------------------------------
def test_verification_routes_one_follow_up_per_matching_organization(rute, lapor, verifikator):
    """Politik uang in Kab. Madiun: Bawaslu Madiun (lead) and Polres Madiun (support); no
    prosecutor's office exists in the test data, so that row finds nobody."""
    k = lapor(keparahan="kritis")
    k = services.kejadian_transisi(
        pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok"
    )
    tl = TindakLanjut.objects.filter(sumber_id=str(k.pk)).order_by("lembaga__nama")
    assert [t.lembaga.nama for t in tl] == ["Bawaslu Kabupaten Madiun", "Polres Madiun"]
    polres = tl.get(lembaga__nama="Polres Madiun")
    assert polres.prioritas == "mendesak"
    assert polres.kerahasiaan == k.kerahasiaan
    assert dt.timedelta(hours=23) < polres.tenggat - timezone.now() <= dt.timedelta(hours=24)
    assert k.dirutekan_at is not None
    again = services.kejadian_rute(pelaku=verifikator, kejadian=k)
    assert again.dibuat == [] and len(again.sudah_ada) == 2
    assert TindakLanjut.objects.filter(sumber_id=str(k.pk)).count() == 2


def test_routing_falls_back_to_the_province_via_system_path(rute, lapor, pengguna_uji):
    """Violence in Ngawi (no Polres in the data): Polda Jatim gets it, although KPU Ngawi may
    not assign to a provincial organization; the audit names the verifier."""
    ngawi = pengguna_uji("kpu_ngawi", "operator")
    k = lapor(pelaku=ngawi, kategori="kekerasan_intimidasi", kode_wilayah="35.21")
    hasil = services.kejadian_transisi(pelaku=ngawi, kejadian=k, status="terverifikasi", alasan="a")
    tl = TindakLanjut.objects.get(sumber_id=str(hasil.pk), lembaga__nama="Polda Jawa Timur")
    assert tl.wilayah_id == "35.21"
    assert tl.lembaga_pembuat == ngawi.lembaga
    entry = AuditEntry.objects.get(object_type="tindak_lanjut.tindaklanjut", object_id=str(tl.pk))
    assert entry.actor == ngawi and "system path" in entry.note


def test_routed_organizations_find_the_follow_up_in_their_inbox(
    rute, lapor, verifikator, pengguna_uji, django_capture_on_commit_callbacks
):
    """Both routing paths (tindak_lanjut's service and the system path) notify the members of
    the organization that must act."""
    from sinergi.komunikasi.models import Notifikasi

    polres = pengguna_uji("polres_madiun", "operator")
    polda = pengguna_uji("polda_jatim", "operator")
    ngawi = pengguna_uji("kpu_ngawi", "operator")
    with django_capture_on_commit_callbacks(execute=True):
        services.kejadian_transisi(
            pelaku=verifikator, kejadian=lapor(), status="terverifikasi", alasan="ok"
        )
        k = lapor(pelaku=ngawi, kategori="kekerasan_intimidasi", kode_wilayah="35.21")
        services.kejadian_transisi(pelaku=ngawi, kejadian=k, status="terverifikasi", alasan="a")
    assert Notifikasi.objects.filter(pengguna=polres, jenis="tindak_lanjut").count() == 1
    assert Notifikasi.objects.filter(pengguna=polda, jenis="tindak_lanjut").count() == 1


def test_route_refused_before_verification(rute, lapor, verifikator):
    k = lapor()
    with pytest.raises(ValidationError) as exc:
        services.kejadian_rute(pelaku=verifikator, kejadian=k)
    assert pesan(exc, "status") == "Only a verified incident can be routed."


def test_nearest_organization_regency_then_province_then_national(lembaga_uji):
    found = services.lembaga_terdekat({"kpu", "polri", "bawaslu"}, "35.19.01.2001")
    assert found["kpu"] == lembaga_uji["kpu_madiun"]
    assert found["polri"] == lembaga_uji["polres_madiun"]
    found = services.lembaga_terdekat({"kpu", "bawaslu", "polri"}, "51.71")
    assert found["kpu"] == lembaga_uji["kpu_denpasar"]
    assert found["bawaslu"] == lembaga_uji["bawaslu_ri"]
    assert "polri" not in found


# --- visibility ------------------------------------------------------------------------------
def test_confidential_incident_hidden_outside_author_and_leadership(lapor, pengguna_uji):
    k = lapor(kerahasiaan=Kerahasiaan.CONFIDENTIAL)
    boleh = pengguna_uji("kpu_madiun", "koordinator")
    tidak = pengguna_uji("kpu_madiun", "operator")
    assert selectors.kejadian_get(pengguna=boleh, ref=k.ref) == k
    with pytest.raises(Http404):
        selectors.kejadian_get(pengguna=tidak, ref=k.ref)
    with pytest.raises(Http404):
        selectors.kejadian_get(pengguna=pengguna_uji("kpu_ngawi", "admin_lembaga"), ref=k.ref)


def _publik(**kw):
    data = {
        "kategori": "politik_uang",
        "kode_wilayah": "35.19",
        "waktu_kejadian": lalu(),
        "uraian": "Ada serangan fajar",
        "nama_pelapor": "Warga",
        "kontak_pelapor": "0812-0000-0000",
    }
    data.update(kw)
    return services.kejadian_lapor_publik(ip=data.pop("ip", "203.0.113.5"), **data)


def test_public_report_invisible_until_verified(kategori, pengguna_uji, verifikator):
    k = _publik()
    assert k.kerahasiaan == "PUBLIC" and k.sumber == "publik"
    pengamat = pengguna_uji("kpu_madiun", "pengamat")
    assert not selectors.kejadian_list(pengguna=pengamat).exists()
    assert not selectors.kejadian_publik_list().exists()
    assert selectors.kejadian_get(pengguna=verifikator, ref=k.ref) == k
    bali = pengguna_uji("kpu_bali", "operator")  # a verifier, but not of this region
    assert not selectors.kejadian_list(pengguna=bali).exists()
    services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok")
    assert list(selectors.kejadian_list(pengguna=bali)) == [k]
    assert list(selectors.kejadian_list(pengguna=pengamat)) == [k]
    assert list(selectors.kejadian_publik_list()) == [k]


def test_reporter_contact_only_for_verifier_handlers(rute, verifikator, pengguna_uji):
    k = _publik()
    assert izin.dapat_lihat_pelapor(verifikator, k)
    assert izin.dapat_lihat_pelapor(pengguna_uji("kpu_madiun", "operator"), k)
    assert not izin.dapat_lihat_pelapor(pengguna_uji("polres_madiun", "operator"), k)
    k = services.kejadian_transisi(
        pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok"
    )
    assert izin.dapat_lihat_pelapor(verifikator, k)
    # UU PDP 27/2022: a handling organization gets the incident, not the reporter's identity
    assert not izin.dapat_lihat_pelapor(pengguna_uji("polres_madiun", "pengamat"), k)
    assert not izin.dapat_lihat_pelapor(pengguna_uji("polres_madiun", "operator"), k)
    assert not izin.dapat_lihat_pelapor(pengguna_uji("kpu_madiun", "koordinator"), k)
    assert not izin.dapat_lihat_pelapor(pengguna_uji("kpu_jatim", "koordinator"), k)


def test_public_reports_throttled_per_client(kategori, wilayah_mini):
    for _i in range(services.BATAS_PUBLIK):
        _publik()
    with pytest.raises(ValidationError) as exc:
        _publik()
    assert "Too many reports" in pesan(exc, "__all__")
    _publik(ip="198.51.100.7")  # another client is not affected
    assert Kejadian.objects.count() == services.BATAS_PUBLIK + 1
    assert not Kejadian.objects.filter(pengaju__contains="203.0.113.5").exists()


# --- attachments -----------------------------------------------------------------------------
def test_disguised_attachment_refused_nothing_written(lapor, pelapor):
    k = lapor()
    palsu = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not a jpeg")
    with pytest.raises(ValidationError) as exc:
        services.lampiran_tambah(pelaku=pelapor, kejadian=k, berkas=palsu)
    assert "does not match its extension .jpg" in pesan(exc, "berkas")
    assert k.lampiran.count() == 0
    with pytest.raises(ValidationError) as exc:
        lapor(lampiran=[SimpleUploadedFile("x.exe", b"MZ")])
    assert pesan(exc, "lampiran") == (
        "“x.exe”: Only photos (PNG, JPEG, WebP) and PDF files are allowed."
    )
    assert Kejadian.objects.count() == 1


def test_attachment_by_outsider_refused(lapor, pengguna_uji):
    k = lapor()
    with pytest.raises(Http404):
        services.lampiran_tambah(
            pelaku=pengguna_uji("polres_madiun", "operator"),
            kejadian=k,
            berkas=SimpleUploadedFile("foto.png", PNG),
        )


# --- reference data --------------------------------------------------------------------------
def test_duty_matrix_load_is_idempotent_and_validates(rute, tmp_path):
    from sinergi.core.impor import ImportGagal
    from sinergi.kejadian.models import RuteKategori
    from sinergi.kejadian.referensi import load_rute

    n = RuteKategori.objects.count()
    assert n > 20
    load_rute()
    assert RuteKategori.objects.count() == n
    bad = tmp_path / "rute.csv"
    bad.write_text(
        "kategori,jenis_lembaga,tahapan,peran,tenggat_jam\n"
        "politik_uang,bawaslu,,utama,24\n"
        "begal,polri,,utama,x\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportGagal) as exc:
        load_rute(bad)
    assert [(e.baris, e.kolom) for e in exc.value.errors] == [(3, "kategori"), (3, "tenggat_jam")]


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs concurrent writers (PostgreSQL); SQLite's test database serializes",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_one_key_make_one_incident(pelapor):
    """Eight threads send the same key and body at once: one incident, all get it back."""
    import threading

    from django.db import connections

    t = lalu()
    hasil, barrier = [], threading.Barrier(8)

    def kirim():
        try:
            barrier.wait()
            hasil.append(_terima(pelapor, "serentak", waktu_kejadian=t).kejadian.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=kirim) for _i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(hasil) == 8 and len(set(hasil)) == 1
    assert Kejadian.objects.filter(kunci_idempotensi="serentak").count() == 1


def test_routed_follow_up_escalates_to_the_parent_when_ignored(rute, lapor, verifikator):
    """tindak_lanjut's escalation task covers routed follow-ups: Polres Madiun ignores it for
    48 hours and it goes to Polda Jawa Timur."""
    from sinergi.tindak_lanjut.services import tindak_lanjut_eskalasi

    k = lapor()
    services.kejadian_transisi(pelaku=verifikator, kejadian=k, status="terverifikasi", alasan="ok")
    tl = TindakLanjut.objects.get(sumber_id=str(k.pk), lembaga__nama="Polres Madiun")
    assert tl.pk in tindak_lanjut_eskalasi(sekarang=timezone.now() + dt.timedelta(hours=49))
    tl.refresh_from_db()
    assert tl.dieskalasi_ke.nama == "Polda Jawa Timur"


def test_attachment_by_reporter_who_is_now_a_viewer_refused(lapor, pelapor):
    """A reporter made a viewer (pengamat: read only) attaches no more evidence: 404, nothing
    stored."""
    k = lapor()
    pelapor.peran = "pengamat"
    pelapor.save(update_fields=["peran"])
    with pytest.raises(Http404):
        services.lampiran_tambah(
            pelaku=pelapor, kejadian=k, berkas=SimpleUploadedFile("foto.png", PNG)
        )
    assert k.lampiran.count() == 0


@pytest.mark.parametrize(
    ("lembaga", "peran", "lihat"),
    [
        ("bawaslu_madiun", "admin_lembaga", True),
        ("bawaslu_madiun", "koordinator", True),
        ("bawaslu_madiun", "operator", True),
        ("bawaslu_madiun", "analis", False),
        ("bawaslu_madiun", "pengamat", False),
        ("polres_madiun", "admin_lembaga", False),  # handles a follow-up
        ("polres_madiun", "operator", False),
        ("kpu_ri", "admin_sistem", True),
    ],
)
def test_verified_reporter_identity_by_role(rute, verifikator, pengguna_uji, lembaga, peran, lihat):
    """After verification only the verifying organization's admin_lembaga, koordinator and
    operator (and system admins) see a public reporter's name and phone; its analysts and
    viewers, and the handling organizations, do not (UU PDP 27/2022)."""
    k = services.kejadian_transisi(
        pelaku=verifikator, kejadian=_publik(), status="terverifikasi", alasan="ok"
    )
    assert izin.lembaga_penangan_ids(k)  # routed: Polres Madiun holds a follow-up
    assert izin.dapat_lihat_pelapor(pengguna_uji(lembaga, peran), k) is lihat


def test_staff_claiming_a_public_report_is_told_why_in_indonesian(lapor):
    from django.utils import translation

    with translation.override("id"), pytest.raises(ValidationError) as exc:
        lapor(sumber="publik")
    assert pesan(exc, "sumber") == (
        "Hanya formulir laporan publik yang membuat laporan dari publik. Kosongkan sumbernya, "
        "atau pilih media atau hotline bila laporan itu sampai kepada Anda melalui jalur tersebut."
    )
    assert not Kejadian.objects.exists()
