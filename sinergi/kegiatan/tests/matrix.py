"""Who gets what from each kegiatan page and API operation (see docs/akses.md).

The event under test is Polres Madiun's, in 35.19. Reading follows its confidentiality
(`baca`). Running it (change, cancel, invite, check in, record, exports) belongs to its own
organization's admin/coordinator/operator, KPU/Bawaslu leadership whose scope covers 35.19,
and system admins; everyone else gets 404. Planning needs a managing role and a region in scope.
"""

import datetime as dt

from django.utils import timezone

from sinergi.akses.testing import (
    KERAHASIAAN,
    PIMPINAN,
    RELASI_DALAM_LINGKUP,
    Rule,
    baca,
    masuk,
    semua,
)
from sinergi.kegiatan.models import Kegiatan, Kehadiran, Undangan

PENGELOLA = {"admin_lembaga", "koordinator", "operator"}
PENYELENGGARA_DALAM_LINGKUP = {"sama", "induk", "nasional"}


def _anonim(k):
    return 401 if k.api else 302


def kelola(ok=200):
    def f(k):
        if k.anonim:
            return _anonim(k)
        if k.peran == "admin_sistem":
            return ok
        if k.relasi == "sendiri" and k.peran in PENGELOLA:
            return ok
        if k.peran in PIMPINAN and k.relasi in PENYELENGGARA_DALAM_LINGKUP:
            return ok
        return 404

    return f


def rencana(ok, luar):
    """Planning in 35.19: a managing role whose scope covers it. A system admin too, unless
    the default organizer (their own organization, e.g. KPU Bali) does not cover 35.19: an
    organization runs events in its own area."""

    def f(k):
        if k.anonim:
            return _anonim(k)
        if k.peran == "admin_sistem":
            return ok if k.relasi in RELASI_DALAM_LINGKUP else luar
        if k.peran not in PENGELOLA:
            return 404
        return ok if k.dalam_lingkup else luar

    return f


def buat(k, **extra):
    mulai = extra.pop("mulai", timezone.now() + dt.timedelta(days=2))
    return Kegiatan.objects.create(
        jenis="rakor",
        judul="Rakor Uji Matriks",
        penyelenggara=k.pemilik,
        wilayah_id=k.wilayah,
        tempat="Aula Polres",
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=3),
        kerahasiaan=k.kerahasiaan or "RESTRICTED",
        kode_hadir="MTX234",
        **extra,
    )


def buat_undangan(k):
    kg = buat(k)
    return Undangan.objects.create(kegiatan=kg, lembaga=k.lembaga["kpu_ngawi"], token="tkn-matriks")


def buat_kontak_bali(k):
    """An event, and a contact person of KPU Bali (another province) to invite by id."""
    from sinergi.pemangku.models import Kontak

    kg = buat(k)
    kg.kontak_bali = Kontak.objects.create(
        lembaga=k.lembaga["kpu_bali"], nama="Contoh Bali", jabatan="Ketua Divisi Hukum"
    )
    return kg


def undang_kontak_bali(k):
    """Whoever runs the event gets 422 "Kontak tidak ditemukan." unless their scope covers
    Bali (system admins, national leadership): the contact is looked up in the actor's scope."""
    status = kelola(201)(k)
    if status == 201 and not (k.peran == "admin_sistem" or k.relasi == "nasional"):
        return 422
    return status


def buat_bersama_kota(k):
    """An event of Polres Madiun co-organized by KPU Kota Madiun (relation "saudara")."""
    kg = buat(k)
    kg.penyelenggara_bersama.add(k.lembaga["kpu_kota_madiun"])
    return kg


def pindah_ke_kota(k):
    """Moving the event to Kota Madiun (35.77): the co-organizer may not (only the owning side
    moves an event), and for the owning side 35.77 is outside Polres Madiun's area or outside
    their own scope. Everyone who runs the event gets 422; nobody moves it."""
    if k.anonim:
        return 401
    if kelola()(k) == 200 or (k.relasi == "saudara" and k.peran in PENGELOLA):
        return 422
    return 404


def rencana_bersama_nasional(k):
    """Planning with KPU RI as co-organizer: only national users and system admins."""
    status = rencana(201, 422)(k)
    if status == 201 and not (k.peran == "admin_sistem" or k.relasi == "nasional"):
        return 422
    return status


def buat_sekarang(k):
    return buat(k, mulai=timezone.now() - dt.timedelta(minutes=10))


def buat_diundang(k):
    """An event running now, with an organization-level invitation of KPU Madiun (relation
    "sama"): the one-tap check-in admits its members even where they could not read it."""
    kg = buat_sekarang(k)
    Undangan.objects.create(kegiatan=kg, lembaga=k.lembaga["kpu_madiun"], token="tkn-diundang")
    return kg


def buat_hadir(k):
    """An event running now with one walk-in checked in (the row the desk may undo)."""
    kg = buat_sekarang(k)
    kg.hadir = Kehadiran.objects.create(
        kegiatan=kg,
        kunci="wtamu|ormas",
        nama="Tamu",
        instansi="Ormas",
        cara="manual",
        waktu=timezone.now(),
    )
    return kg


def hadir_saya(ok):
    """Invitees (KPU Madiun) always; others by the event's confidentiality; login first."""
    baca_ok = baca(ok)

    def f(k):
        if k.anonim:
            return 302
        return ok if k.relasi == "sama" else baca_ok(k)

    return f


def _path(suffix=""):
    return lambda k, obj: f"/kegiatan/{obj.pk}/{suffix}"


def _api(suffix=""):
    return lambda k, obj: f"/api/v1/kegiatan/{obj.pk}{suffix}"


def _jumlah_hadir(k, obj):
    return Kehadiran.objects.count()


BARU = {
    "jenis": "sosialisasi",
    "judul": "Sosialisasi Matriks Baru",
    "wilayah": "35.19",
    "mulai": "2031-01-10T09:00",
    "selesai": "2031-01-10T12:00",
    "tempat": "Aula",
    "sasaran": "pemangku",
    "kerahasiaan": "RESTRICTED",
}


def _jumlah_baru(k, obj):
    return Kegiatan.objects.filter(judul=BARU["judul"]).count()


RULES = [
    Rule("GET /kegiatan/", semua(200)),
    Rule("GET /kegiatan/publik/", semua(200)),
    Rule("GET /kegiatan/baru/", rencana(200, 200)),
    Rule(
        "POST /kegiatan/baru/",
        rencana(302, 200),
        data=BARU,
        state=_jumlah_baru,
        berubah=False,
    ),
    Rule("GET /kegiatan/hadir/", semua(200)),
    Rule(
        "POST /kegiatan/hadir/",
        semua(200),
        setup=buat_sekarang,
        data={"kode": "MTX234", "nama": "Tamu", "instansi": "Ormas"},
        state=_jumlah_hadir,
    ),
    Rule(
        "GET /kegiatan/undangan/<str:token>/",
        semua(200),
        setup=buat_undangan,
        path="/kegiatan/undangan/tkn-matriks/",
    ),
    Rule(
        "POST /kegiatan/undangan/<str:token>/",
        semua(302),
        setup=buat_undangan,
        path="/kegiatan/undangan/tkn-matriks/",
        data={"jawaban": "hadir"},
        state=lambda k, obj: Undangan.objects.get(pk=obj.pk).rsvp,
    ),
    Rule("GET /kegiatan/cakupan/", masuk(200), path="/kegiatan/cakupan/?wilayah=35.19"),
    Rule(
        "GET /kegiatan/cakupan/peta.json",
        masuk(200),
        path="/kegiatan/cakupan/peta.json?wilayah=35.19",
    ),
    Rule(
        "GET /kegiatan/cakupan/cakupan.xlsx",
        masuk(404),
        path="/kegiatan/cakupan/cakupan.xlsx?wilayah=35.19",
        nama="no election loaded: nothing to export",
    ),
    Rule(
        "GET /kegiatan/<int:pk>/",
        baca(),
        setup=buat,
        path=_path(),
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /kegiatan/<int:pk>/ubah/",
        kelola(),
        setup=buat,
        path=_path("ubah/"),
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /kegiatan/<int:pk>/ubah/",
        kelola(302),
        setup=buat,
        path=_path("ubah/"),
        data={**BARU, "judul": "Rakor Diubah"},
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).judul,
        berubah=False,
    ),
    Rule(
        "POST /kegiatan/<int:pk>/batal/",
        kelola(302),
        setup=buat,
        path=_path("batal/"),
        data={"alasan": "Bentrok"},
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).status,
        berubah=False,
    ),
    Rule(
        "POST /kegiatan/<int:pk>/terlaksana/",
        kelola(302),
        setup=buat_sekarang,
        path=_path("terlaksana/"),
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).status,
    ),
    Rule(
        "GET /kegiatan/<int:pk>/hadir-saya/",
        hadir_saya(200),
        setup=buat_diundang,
        path=_path("hadir-saya/"),
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /kegiatan/<int:pk>/hadir-saya/",
        hadir_saya(302),
        setup=buat_diundang,
        path=_path("hadir-saya/"),
        state=_jumlah_hadir,
        berubah=False,
        kerahasiaan=KERAHASIAAN,
    ),
    Rule("GET /kegiatan/<int:pk>/undangan/", kelola(), setup=buat, path=_path("undangan/")),
    Rule(
        "POST /kegiatan/<int:pk>/undangan/",
        kelola(302),
        setup=buat,
        path=_path("undangan/"),
        data={"aksi": "massal", "jenis": "kpu", "wilayah": "35", "peran": "peserta"},
        state=lambda k, obj: Undangan.objects.filter(kegiatan=obj).count(),
        berubah=False,
    ),
    Rule(
        "GET /kegiatan/<int:pk>/undangan/pratinjau/",
        kelola(),
        setup=buat,
        path=lambda k, obj: f"/kegiatan/{obj.pk}/undangan/pratinjau/?jenis=kpu&wilayah=35",
    ),
    Rule("GET /kegiatan/<int:pk>/hadir/", kelola(), setup=buat, path=_path("hadir/")),
    Rule(
        "POST /kegiatan/<int:pk>/hadir/",
        kelola(302),
        setup=buat_sekarang,
        path=_path("hadir/"),
        data={"aksi": "tamu", "nama": "Tamu", "instansi": "Ormas"},
        state=_jumlah_hadir,
    ),
    Rule(
        "POST /kegiatan/<int:pk>/hadir/<int:kehadiran_id>/batal/",
        kelola(302),
        setup=buat_hadir,
        path=lambda k, obj: f"/kegiatan/{obj.pk}/hadir/{obj.hadir.pk}/batal/",
        state=_jumlah_hadir,
    ),
    Rule(
        "POST /kegiatan/<int:pk>/hadir/kode-baru/",
        kelola(302),
        setup=buat,
        path=_path("hadir/kode-baru/"),
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).kode_hadir,
        berubah=False,
    ),
    Rule(
        "GET /kegiatan/<int:pk>/daftar-hadir.pdf",
        kelola(),
        setup=buat,
        path=_path("daftar-hadir.pdf"),
    ),
    Rule(
        "GET /kegiatan/<int:pk>/daftar-hadir.xlsx",
        kelola(),
        setup=buat,
        path=_path("daftar-hadir.xlsx"),
    ),
    Rule("GET /kegiatan/<int:pk>/catatan/", kelola(), setup=buat, path=_path("catatan/")),
    Rule(
        "POST /kegiatan/<int:pk>/catatan/",
        kelola(302),
        setup=buat,
        path=_path("catatan/"),
        data={"aksi": "catatan", "agenda": "Pembukaan", "notulen": "Notulen uji"},
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).notulen,
        berubah=False,
    ),
    Rule(
        "GET /kegiatan/<int:pk>/materi/<int:materi_id>/",
        masuk(404),
        setup=buat,
        path=lambda k, obj: f"/kegiatan/{obj.pk}/materi/999999/",
        nama="unknown material: 404 for everyone signed in",
    ),
    Rule("GET /kegiatan/<int:pk>/laporan.pdf", kelola(), setup=buat, path=_path("laporan.pdf")),
    Rule("GET /kegiatan/<int:pk>/siaran-pers/", kelola(), setup=buat, path=_path("siaran-pers/")),
    Rule(
        "POST /kegiatan/<int:pk>/siaran-pers/",
        kelola(302),
        setup=buat,
        path=_path("siaran-pers/"),
        data={"siaran_pers": "SURABAYA, uji."},
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).siaran_pers,
        berubah=False,
    ),
    # --- API ---
    Rule("GET /api/v1/kegiatan", semua(200), setup=buat),
    Rule(
        "GET /api/v1/kegiatan/{kegiatan_id}",
        baca(),
        setup=buat,
        path=_api(),
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/kegiatan",
        rencana(201, 422),
        data={**BARU, "mulai": "2031-01-10T09:00:00", "selesai": "2031-01-10T12:00:00"},
        state=_jumlah_baru,
    ),
    Rule(
        "PATCH /api/v1/kegiatan/{kegiatan_id}",
        kelola(),
        setup=buat,
        path=_api(),
        data={"judul": "Rakor Diubah"},
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).judul,
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/kegiatan/{kegiatan_id}/batal",
        kelola(),
        setup=buat,
        path=_api("/batal"),
        data={"alasan": "Bentrok"},
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).status,
    ),
    Rule(
        "POST /api/v1/kegiatan/{kegiatan_id}/terlaksana",
        kelola(),
        setup=buat_sekarang,
        path=_api("/terlaksana"),
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).status,
    ),
    Rule(
        "GET /api/v1/kegiatan/{kegiatan_id}/undangan", kelola(), setup=buat, path=_api("/undangan")
    ),
    Rule(
        "POST /api/v1/kegiatan/{kegiatan_id}/undangan",
        kelola(201),
        setup=buat,
        path=_api("/undangan"),
        data=lambda k, obj: {"lembaga": k.lembaga["kpu_ngawi"].pk},
        state=lambda k, obj: Undangan.objects.filter(kegiatan=obj).count(),
    ),
    Rule(
        "POST /api/v1/kegiatan/{kegiatan_id}/undangan",
        undang_kontak_bali,
        nama="kontak provinsi lain",
        setup=buat_kontak_bali,
        path=_api("/undangan"),
        data=lambda k, obj: {"kontak": obj.kontak_bali.pk},
        state=lambda k, obj: Undangan.objects.filter(kegiatan=obj).count(),
    ),
    Rule(
        "PATCH /api/v1/kegiatan/{kegiatan_id}",
        pindah_ke_kota,
        nama="pindah wilayah",
        setup=buat_bersama_kota,
        path=_api(),
        data={"wilayah": "35.77"},
        state=lambda k, obj: Kegiatan.objects.get(pk=obj.pk).wilayah_id,
    ),
    Rule(
        "POST /api/v1/kegiatan",
        rencana_bersama_nasional,
        nama="penyelenggara bersama nasional",
        data=lambda k, obj: {
            **BARU,
            "mulai": "2031-01-10T09:00:00",
            "selesai": "2031-01-10T12:00:00",
            "penyelenggara_bersama": [k.lembaga["kpu_ri"].pk],
        },
        state=_jumlah_baru,
    ),
    Rule(
        "POST /api/v1/kegiatan/{kegiatan_id}/undangan/massal",
        kelola(201),
        setup=buat,
        path=_api("/undangan/massal"),
        data={"jenis": "kpu", "wilayah": "35", "tingkat": "kabupaten_kota"},
        state=lambda k, obj: Undangan.objects.filter(kegiatan=obj).count(),
    ),
    Rule(
        "POST /api/v1/kegiatan/rsvp/{token}",
        semua(200),
        setup=buat_undangan,
        path="/api/v1/kegiatan/rsvp/tkn-matriks",
        data={"jawaban": "tidak"},
        state=lambda k, obj: Undangan.objects.get(pk=obj.pk).rsvp,
    ),
    Rule(
        "POST /api/v1/kegiatan/hadir-mandiri",
        semua(201),
        setup=buat_sekarang,
        data={"kode": "MTX234", "nama": "Tamu", "instansi": "Ormas"},
        state=_jumlah_hadir,
    ),
    Rule(
        "POST /api/v1/kegiatan/{kegiatan_id}/kehadiran",
        kelola(201),
        setup=buat_sekarang,
        path=_api("/kehadiran"),
        data={"nama": "Tamu", "instansi": "Ormas"},
        state=_jumlah_hadir,
    ),
    Rule(
        "GET /api/v1/kegiatan/{kegiatan_id}/kehadiran",
        kelola(),
        setup=buat,
        path=_api("/kehadiran"),
    ),
]
