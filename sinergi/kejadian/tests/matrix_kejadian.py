"""Who gets what from each incident page and API operation (see docs/akses.md).

The object under test is an incident in 35.19 reported by Polres Madiun (the matrix owner, the
"authoring" organization) at the cell's confidentiality level. Every staff page and operation
needs a signed-in user; the public form, the public list and the category list are open.

- Read: by confidentiality level (`baca`).
- Report: admin_lembaga, koordinator, operator (and system admins) for a region in their scope;
  out of scope the form answers 422 with a message on the region.
- Verify, reject, merge, route, bulk: admin_lembaga/koordinator/operator of KPU/Bawaslu whose
  scope covers the region (every relation except "sendiri", Polres Madiun, is a KPU here).
- Attach: those, plus the reporting organization's admin_lembaga/koordinator/operator.
Page writes are not tried anonymously (a login redirect changes nothing).
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sinergi.akses.testing import KERAHASIAAN, PERAN, Rule, baca, masuk, peran, semua
from sinergi.core.models import Kerahasiaan
from sinergi.core.testing.gambar import png_kecil
from sinergi.kejadian.models import ImporKejadian, Kejadian, LampiranKejadian

PELAKSANA = {"admin_sistem", "admin_lembaga", "koordinator", "operator"}
BUKTI = "kejadian/uji/matriks.pdf"


def kategori(k=None):
    from sinergi.kejadian.referensi import load_kategori

    load_kategori()


def buat(k, **extra):
    """An incident in 35.19 reported by Polres Madiun, at k.kerahasiaan."""
    kategori()
    data = {
        "kategori_id": "politik_uang",
        "wilayah_id": k.wilayah,
        "waktu_kejadian": timezone.now() - datetime.timedelta(hours=1),
        "zona_waktu": "WIB",
        "uraian": "Pembagian amplop",
        "lembaga_pelapor": k.pemilik,
        "kerahasiaan": k.kerahasiaan or Kerahasiaan.RESTRICTED,
    }
    data.update(extra)
    return Kejadian.objects.create(**data)


def impor_sendiri(k):
    """An import the actor uploaded (only they may follow it)."""
    return ImporKejadian.objects.create(
        berkas="x", nama_asli="x.csv", pengguna=None if k.anonim else k.pengguna
    )


def impor_orang_lain(k):
    """An import uploaded by someone else (an operator of KPU Madiun, or of KPU Ngawi when
    the actor is that operator)."""
    lain = k.pengguna_uji("kpu_madiun", "operator")
    if lain == k.pengguna:
        lain = k.pengguna_uji("kpu_ngawi", "operator")
    return ImporKejadian.objects.create(berkas="x", nama_asli="x.csv", pengguna=lain)


def buat_publik(k):
    """A report from the public (PUBLIC, not yet verified): only its verifiers see it."""
    return buat(k, sumber="publik", lembaga_pelapor=None, kerahasiaan=Kerahasiaan.PUBLIC)


def buat_terverifikasi(k):
    return buat(k, status="terverifikasi", diverifikasi_at=timezone.now())


def buat_pasangan(k):
    """Two reports of the same thing; the second hangs on the first as `obj.dup`."""
    obj = buat(k)
    obj.dup = buat(k, waktu_kejadian=obj.waktu_kejadian - datetime.timedelta(minutes=30))
    return obj


def buat_dengan_lampiran(k):
    obj = buat(k)
    if not default_storage.exists(BUKTI):
        default_storage.save(BUKTI, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return LampiranKejadian.objects.create(kejadian=obj, berkas=BUKTI, nama="bukti.pdf")


def _anonim(k):
    return 401 if k.api else 302


def baca_masuk(k):
    """Signed-in reading by confidentiality; anonymous visitors go to the login page."""
    return _anonim(k) if k.anonim else baca()(k)


def lapor(ok, luar):
    """Staff roles report in their scope (outside it: `luar`, a message on the region)."""

    def f(k):
        if k.anonim:
            return _anonim(k)
        if k.peran not in PELAKSANA:
            return 404
        return ok if k.dalam_lingkup else luar

    return f


def verifikator(ok):
    """KPU/Bawaslu staff roles in scope, and system admins."""

    def f(k):
        if k.anonim:
            return _anonim(k)
        if k.peran == "admin_sistem":
            return ok
        if k.relasi == "sendiri" or k.peran not in PELAKSANA:
            return 404
        return ok if k.dalam_lingkup else 404

    return f


def verifikator_baca(ok):
    """Verifiers, but only for what they can read (CONFIDENTIAL: leadership only)."""

    def f(k):
        v = verifikator(ok)(k)
        return v if v != ok else (ok if baca()(k) == 200 else 404)

    return f


def lampir(ok):
    """Verifiers and the reporting organization's staff roles."""

    def f(k):
        if k.anonim:
            return _anonim(k)
        if k.relasi == "sendiri" and k.peran in PELAKSANA:
            return ok
        return verifikator(ok)(k)

    return f


def jumlah(k, obj=None):
    return Kejadian.objects.count()


def status(k, obj):
    return Kejadian.objects.get(pk=obj.pk).status


def dirutekan(k, obj):
    return Kejadian.objects.get(pk=obj.pk).dirutekan_at


def jumlah_lampiran(k, obj):
    return LampiranKejadian.objects.filter(kejadian=obj).count()


def form_lapor(k, obj=None):
    return {
        "kategori": "politik_uang",
        "kode_wilayah": k.wilayah,
        "waktu": "2024-02-14T09:30",
        "uraian": "Amplop",
        "keparahan": "sedang",
        "kerahasiaan": "RESTRICTED",
        "sumber": "",
    }


def json_lapor(k, obj=None):
    return {
        "kategori": "politik_uang",
        "kode_wilayah": k.wilayah,
        "waktu_kejadian": "2024-02-14T09:30:00+07:00",
        "uraian": "Amplop",
    }


def file_png(k, obj):
    return {"berkas": SimpleUploadedFile("foto.png", png_kecil())}


def siapkan_kategori(k):
    kategori()


RULES = [
    # --- pages ---
    Rule("GET /kejadian/", masuk(200)),
    Rule(
        "GET /kejadian/lapor/", peran(PELAKSANA, 200, dalam_lingkup=False), setup=siapkan_kategori
    ),
    Rule(
        "POST /kejadian/lapor/",
        lapor(302, 422),
        setup=siapkan_kategori,
        data=form_lapor,
        state=jumlah,
        peran=PERAN,
    ),
    Rule(
        "GET /kejadian/<uuid:ref>/",
        baca_masuk,
        setup=buat,
        path=lambda k, obj: f"/kejadian/{obj.ref}/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /kejadian/<uuid:ref>/",
        verifikator(200),
        setup=buat_publik,
        path=lambda k, obj: f"/kejadian/{obj.ref}/",
        nama="publik belum diverifikasi",
    ),
    Rule(
        "POST /kejadian/<uuid:ref>/transisi/",
        verifikator(302),
        setup=buat,
        path=lambda k, obj: f"/kejadian/{obj.ref}/transisi/",
        data={"status": "terverifikasi", "alasan": "Dicek"},
        state=status,
        peran=PERAN,
    ),
    Rule(
        "POST /kejadian/<uuid:ref>/transisi/",
        verifikator_baca(302),
        setup=buat,
        path=lambda k, obj: f"/kejadian/{obj.ref}/transisi/",
        data={"status": "ditolak", "alasan": "Tidak terbukti"},
        state=status,
        peran=PERAN,
        kerahasiaan=(Kerahasiaan.CONFIDENTIAL,),
        nama="rahasia",
    ),
    Rule(
        "POST /kejadian/massal/",
        verifikator(302),
        setup=buat,
        data=lambda k, obj: {"ref": [str(obj.ref)], "status": "ditolak", "alasan": "Hoaks"},
        state=status,
        peran=PERAN,
    ),
    Rule(
        "POST /kejadian/<uuid:ref>/gabung/",
        verifikator(302),
        setup=buat_pasangan,
        path=lambda k, obj: f"/kejadian/{obj.ref}/gabung/",
        data=lambda k, obj: {"ref": [str(obj.dup.ref)], "alasan": "Sama"},
        state=lambda k, obj: status(k, obj.dup),
        peran=PERAN,
    ),
    Rule(
        "POST /kejadian/<uuid:ref>/rute/",
        verifikator(302),
        setup=buat_terverifikasi,
        path=lambda k, obj: f"/kejadian/{obj.ref}/rute/",
        state=dirutekan,
        peran=PERAN,
    ),
    Rule(
        "POST /kejadian/<uuid:ref>/lampiran/",
        lampir(302),
        setup=buat,
        path=lambda k, obj: f"/kejadian/{obj.ref}/lampiran/",
        data=file_png,
        state=jumlah_lampiran,
        peran=PERAN,
    ),
    Rule(
        "GET /kejadian/<uuid:ref>/lampiran/<int:pk>/",
        baca_masuk,
        setup=buat_dengan_lampiran,
        path=lambda k, obj: f"/kejadian/{obj.kejadian.ref}/lampiran/{obj.pk}/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule("GET /kejadian/impor/", peran(PELAKSANA, 200, dalam_lingkup=False)),
    Rule(
        "POST /kejadian/impor/",
        peran(PELAKSANA, 422, dalam_lingkup=False),
        data={},
        state=jumlah,
        berubah=False,
        peran=PERAN,
    ),
    Rule(
        "GET /kejadian/impor/<int:pk>/",
        lambda k: 302 if k.anonim else 200,
        setup=impor_sendiri,
        path=lambda k, o: f"/kejadian/impor/{o.pk}/",
        nama="own import",
    ),
    Rule(
        "GET /kejadian/impor/<int:pk>/",
        lambda k: 302 if k.anonim else 404,
        setup=impor_orang_lain,
        path=lambda k, o: f"/kejadian/impor/{o.pk}/",
        nama="someone else's import",
    ),
    Rule(
        "GET /kejadian/impor/templat.<str:fmt>",
        peran(PELAKSANA, 200, dalam_lingkup=False),
        path="/kejadian/impor/templat.csv",
    ),
    Rule("GET /kejadian/publik/", semua(200)),
    Rule("GET /kejadian/publik/lapor/", semua(200), setup=siapkan_kategori),
    Rule(
        "POST /kejadian/publik/lapor/",
        semua(302),
        setup=siapkan_kategori,
        data=form_lapor,
        state=jumlah,
    ),
    # --- API ---
    Rule("GET /api/v1/kejadian/kategori", semua(200)),
    Rule("GET /api/v1/kejadian", masuk(200)),
    Rule(
        "POST /api/v1/kejadian",
        lapor(201, 422),
        setup=siapkan_kategori,
        data=json_lapor,
        state=jumlah,
    ),
    Rule(
        "GET /api/v1/kejadian/{ref}",
        baca_masuk,
        setup=buat,
        path=lambda k, obj: f"/api/v1/kejadian/{obj.ref}",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "GET /api/v1/kejadian/{ref}",
        verifikator(200),
        setup=buat_publik,
        path=lambda k, obj: f"/api/v1/kejadian/{obj.ref}",
        nama="publik belum diverifikasi",
    ),
    Rule(
        "GET /api/v1/kejadian/{ref}/duplikat",
        baca_masuk,
        setup=buat,
        path=lambda k, obj: f"/api/v1/kejadian/{obj.ref}/duplikat",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/kejadian/{ref}/transisi",
        verifikator(200),
        setup=buat,
        path=lambda k, obj: f"/api/v1/kejadian/{obj.ref}/transisi",
        data={"status": "terverifikasi", "alasan": "Dicek"},
        state=status,
    ),
    Rule(
        "POST /api/v1/kejadian/massal",
        verifikator(200),
        setup=buat,
        data=lambda k, obj: {"refs": [str(obj.ref)], "status": "ditolak", "alasan": "Hoaks"},
        state=status,
    ),
    Rule(
        "POST /api/v1/kejadian/{ref}/gabung",
        verifikator(200),
        setup=buat_pasangan,
        path=lambda k, obj: f"/api/v1/kejadian/{obj.ref}/gabung",
        data=lambda k, obj: {"duplikat": [str(obj.dup.ref)], "alasan": "Sama"},
        state=lambda k, obj: status(k, obj.dup),
    ),
    Rule(
        "POST /api/v1/kejadian/{ref}/rute",
        verifikator(200),
        setup=buat_terverifikasi,
        path=lambda k, obj: f"/api/v1/kejadian/{obj.ref}/rute",
        state=dirutekan,
    ),
    Rule(
        "POST /api/v1/kejadian/{ref}/lampiran",
        lampir(422),
        setup=buat,
        path=lambda k, obj: f"/api/v1/kejadian/{obj.ref}/lampiran",
        state=jumlah_lampiran,
        berubah=False,
    ),
]
EXEMPT: list = []
