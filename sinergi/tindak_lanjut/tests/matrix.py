"""Who gets what from each follow-up page and API operation (see docs/akses.md).

Every follow-up page and operation needs a signed-in user. Reading follows the confidentiality
level (the owner, Polres Madiun, counts as the authoring organization). Creating: system
admins, and admin_lembaga/koordinator/operator/analis for an owner in their scope. Working
on a follow-up (status, updates, acknowledgement): its owner's admin_lembaga, koordinator and
operator (and system admins); an analyst creates but never works on one. Page writes are not
tried anonymously here (a login redirect changes nothing; `test_views.py` covers it).
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from sinergi.akses.testing import (
    KERAHASIAAN,
    PERAN,
    PIMPINAN,
    Rule,
    baca,
    masuk,
    peran,
    sendiri,
)
from sinergi.core.models import Kerahasiaan
from sinergi.tindak_lanjut.models import PembaruanTindakLanjut, TindakLanjut

PELAKSANA = {"admin_sistem", "admin_lembaga", "koordinator", "operator"}
PEMBUAT = PELAKSANA | {"analis"}
BUKTI = "tindak_lanjut/uji/matriks.pdf"


def buat(k):
    """A follow-up owned (and assigned) by Polres Madiun, in 35.19, at k.kerahasiaan."""
    return TindakLanjut.objects.create(
        judul="Pemetaan TPS rawan",
        lembaga=k.pemilik,
        lembaga_pembuat=k.pemilik,
        wilayah_id=k.wilayah,
        tenggat=timezone.now() + datetime.timedelta(days=3),
        kerahasiaan=k.kerahasiaan or Kerahasiaan.RESTRICTED,
    )


def buat_dengan_bukti(k):
    tl = buat(k)
    if not default_storage.exists(BUKTI):
        default_storage.save(BUKTI, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return PembaruanTindakLanjut.objects.create(
        tindak_lanjut=tl, teks="bukti", berkas=BUKTI, nama_berkas="laporan.pdf"
    )


def baca_masuk(k):
    """Signed-in reading by confidentiality; anonymous visitors go to the login page."""
    if k.anonim:
        return 401 if k.api else 302
    return baca()(k)


def pimpinan_wilayah(k):
    """Organizer/supervisor leadership (the KPU organizations of the matrix) and admins."""
    if k.anonim:
        return 302
    if k.peran == "admin_sistem":
        return 200
    return 200 if k.peran in PIMPINAN and k.relasi != "sendiri" else 404


def data_baru(k, obj=None):
    return {
        "judul": "Sosialisasi PKPU kampanye",
        "lembaga": k.pemilik.pk,
        "tenggat_tanggal": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "prioritas": "sedang",
        "kerahasiaan": "RESTRICTED",
    }


def jumlah_tl(k, obj):
    return TindakLanjut.objects.count()


def status_tl(k, obj):
    return TindakLanjut.objects.get(pk=obj.pk).status


def jumlah_pembaruan(k, obj):
    return PembaruanTindakLanjut.objects.filter(tindak_lanjut=obj).count()


def diakui(k, obj):
    return TindakLanjut.objects.get(pk=obj.pk).diakui_pada


RULES = [
    Rule("GET /tindak-lanjut/", masuk(200)),
    Rule("GET /tindak-lanjut/baru/", peran(PEMBUAT, 200, dalam_lingkup=False)),
    Rule(
        "POST /tindak-lanjut/baru/",
        peran(PEMBUAT, 302),
        data=data_baru,
        state=jumlah_tl,
        peran=PERAN,
    ),
    Rule("GET /tindak-lanjut/wilayah/", pimpinan_wilayah),
    Rule(
        "GET /tindak-lanjut/<int:pk>/",
        baca_masuk,
        setup=buat,
        path=lambda k, obj: f"/tindak-lanjut/{obj.pk}/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /tindak-lanjut/<int:pk>/status/",
        sendiri(PELAKSANA, 302),
        setup=buat,
        path=lambda k, obj: f"/tindak-lanjut/{obj.pk}/status/",
        data={"status": "dikerjakan"},
        state=status_tl,
        peran=PERAN,
    ),
    Rule(
        "POST /tindak-lanjut/<int:pk>/pembaruan/",
        sendiri(PELAKSANA, 302),
        setup=buat,
        path=lambda k, obj: f"/tindak-lanjut/{obj.pk}/pembaruan/",
        data={"teks": "Koordinasi dengan Polsek", "persentase": "30"},
        state=jumlah_pembaruan,
        peran=PERAN,
    ),
    Rule(
        "POST /tindak-lanjut/<int:pk>/akui/",
        sendiri(PELAKSANA, 302),
        setup=buat,
        path=lambda k, obj: f"/tindak-lanjut/{obj.pk}/akui/",
        state=diakui,
        peran=PERAN,
    ),
    Rule(
        "GET /tindak-lanjut/<int:pk>/pembaruan/<int:pembaruan_pk>/berkas/",
        baca_masuk,
        setup=buat_dengan_bukti,
        path=lambda k, obj: f"/tindak-lanjut/{obj.tindak_lanjut_id}/pembaruan/{obj.pk}/berkas/",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule("GET /api/v1/tindak-lanjut", masuk(200)),
    Rule(
        "GET /api/v1/tindak-lanjut/{tindak_lanjut_id}",
        baca_masuk,
        setup=buat,
        path=lambda k, obj: f"/api/v1/tindak-lanjut/{obj.pk}",
        kerahasiaan=KERAHASIAAN,
    ),
    Rule(
        "POST /api/v1/tindak-lanjut",
        peran(PEMBUAT, 201),
        data=data_baru,
        state=jumlah_tl,
    ),
    Rule(
        "POST /api/v1/tindak-lanjut/{tindak_lanjut_id}/status",
        sendiri(PELAKSANA, 200),
        setup=buat,
        path=lambda k, obj: f"/api/v1/tindak-lanjut/{obj.pk}/status",
        data={"status": "dikerjakan"},
        state=status_tl,
    ),
    Rule(
        "POST /api/v1/tindak-lanjut/{tindak_lanjut_id}/pembaruan",
        sendiri(PELAKSANA, 201),
        setup=buat,
        path=lambda k, obj: f"/api/v1/tindak-lanjut/{obj.pk}/pembaruan",
        data={"teks": "Koordinasi dengan Polsek", "persentase": 30},
        state=jumlah_pembaruan,
    ),
]
