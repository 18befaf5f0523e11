"""Who gets what from each channel page and API operation (see docs/akses.md).

The object under test is a WhatsApp message sent to an endpoint of Polres Madiun (the matrix
owner). A message belongs to the office that owns the endpoint: only that office's
admin_lembaga, koordinator and operator (relation "sendiri") and system admins see or handle it;
everyone else gets 404, the parent province's office included (the inbox holds citizens' phone
numbers). The inbox list itself opens for every admin_lembaga/koordinator/operator (their own
office's inbox) and answers 404 to analis and pengamat. The providers' webhooks answer 404
while their channel is switched off (the test settings' default); their signatures are tested
in `test_webhook.py`. Page writes are not tried anonymously (a login redirect changes nothing).
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from sinergi.akses.testing import PERAN, Rule, peran, semua, sendiri
from sinergi.kanal.models import LampiranPesan, PesanMasuk

KOTAK = {"admin_sistem", "admin_lembaga", "koordinator", "operator"}


def buat(k):
    """A message to Polres Madiun's WhatsApp number, new, with one file."""
    from sinergi.kejadian.referensi import load_kategori

    load_kategori()
    p = PesanMasuk.objects.create(
        jenis="whatsapp",
        id_eksternal="wamid.matriks",
        lembaga=k.pemilik,
        alamat_pengirim="+6281200000001",
        isi="Ada pembagian amplop di Balerejo",
        diterima_at=timezone.now(),
    )
    lamp = LampiranPesan(pesan=p, nama="bukti.pdf", jenis_mime="application/pdf", ukuran=9)
    lamp.berkas.save("matriks.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return p


def status(k, p):
    return PesanMasuk.objects.get(pk=p.pk).status


JADIKAN = {
    "kategori": "politik_uang",
    "tempat": "35.19",
    "waktu": "2026-12-01T09:00",
    "uraian": "Pembagian amplop",
    "keparahan": "sedang",
    "kerahasiaan": "RESTRICTED",
}

RULES = [
    Rule("GET /kanal/", peran(KOTAK, dalam_lingkup=False)),
    Rule("GET /kanal/<int:pk>/", sendiri(KOTAK), setup=buat, path=lambda k, p: f"/kanal/{p.pk}/"),
    Rule(
        "GET /kanal/<int:pk>/lampiran/<int:lampiran>/",
        sendiri(KOTAK),
        setup=buat,
        path=lambda k, p: f"/kanal/{p.pk}/lampiran/{p.lampiran.get().pk}/",
    ),
    Rule(
        "POST /kanal/<int:pk>/derau/",
        sendiri(KOTAK, 302),
        setup=buat,
        path=lambda k, p: f"/kanal/{p.pk}/derau/",
        data={},
        state=status,
        peran=PERAN,
    ),
    Rule(
        "POST /kanal/<int:pk>/kejadian/",
        sendiri(KOTAK, 302),
        setup=buat,
        path=lambda k, p: f"/kanal/{p.pk}/kejadian/",
        data=JADIKAN,
        state=status,
        peran=PERAN,
    ),
    Rule(
        "POST /kanal/massal/",
        sendiri(KOTAK, 302),
        setup=buat,
        data=lambda k, p: {"aksi": "derau", "pesan": [str(p.pk)]},
        state=status,
        peran=PERAN,
    ),
    Rule("GET /kanal/whatsapp/webhook", semua(404)),
    Rule("POST /kanal/whatsapp/webhook", semua(404), data={}, peran=(None,)),
    Rule("GET /kanal/sms/webhook", semua(404)),
    Rule("POST /kanal/email/webhook", semua(404), data={}, peran=(None,)),
    # API
    Rule("GET /api/v1/kanal/pesan", peran(KOTAK, dalam_lingkup=False)),
    Rule(
        "POST /api/v1/kanal/pesan/{pesan_id}/kejadian",
        sendiri(KOTAK, 201),
        setup=buat,
        path=lambda k, p: f"/api/v1/kanal/pesan/{p.pk}/kejadian",
        data={"kategori": "politik_uang", "tempat": "35.19", "uraian": "Pembagian amplop"},
        state=status,
    ),
    Rule(
        "POST /api/v1/kanal/pesan/derau",
        sendiri(KOTAK, 200),
        setup=buat,
        data=lambda k, p: {"pesan": [p.pk]},
        state=status,
    ),
]
