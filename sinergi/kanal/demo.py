"""The East Java demo for message channels: Bawaslu Provinsi Jawa Timur's WhatsApp number,
SMS gateway phone and intake address, a trusted sender (a contact of that office reporting
through its operator's account), and a handful of messages in its inbox, received through
the same service the webhooks call (`pesan_terima`), so the coded one became an incident.

Idempotent: the messages carry fixed ids (`demo-…`); a second run writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

DOMAIN = "demo.sinergi.local"
WIB = dt.timezone(dt.timedelta(hours=7))
NOMOR_WA = "100000000000001"  # a made-up WhatsApp phone number id
NOMOR_SMS = "+6281100003500"
EMAIL = "lapor@bawaslu-jatim.demo.sinergi.local"
TEPERCAYA = "+6281200003519"

# (channel, id, sender, name, local time (WIB), subject, text, lat, lng)
PESAN = [
    (
        "whatsapp",
        "demo-wa-1",
        "+6281334455667",
        "Rina",
        "2024-02-14 07:55",
        "",
        "Pak, di TPS 12 Desa Balerejo surat suara DPRD kurang 20 lembar, antrean sudah panjang.",
        None,
        None,
    ),
    (
        "whatsapp",
        "demo-wa-2",
        "+6285711223344",
        "Agus",
        "2024-02-14 08:10",
        "",
        "Balai Desa Kebonsari",
        -7.6298,
        111.5239,
    ),
    (
        "sms",
        "demo-sms-1",
        "+6281998877665",
        "",
        "2024-02-13 22:30",
        "",
        "Ada mobil bagi2 amplop di dusun krajan, plat AE",
        None,
        None,
    ),
    (
        "email",
        "demo-email-1",
        "warga@demo.sinergi.local",
        "Budi Santoso",
        "2024-02-11 10:05",
        "Baliho di jembatan saat masa tenang",
        "Selamat pagi, baliho calon DPR masih terpasang di jembatan Desa Balerejo padahal sudah "
        "masa tenang. Terima kasih.",
        None,
        None,
    ),
    ("whatsapp", "demo-wa-3", "+6289900001111", "", "2024-02-14 09:00", "", "Tes", None, None),
    (
        "whatsapp",
        "demo-wa-4",
        TEPERCAYA,
        "Sri Wahyuni",
        "2024-02-14 10:20",
        "",
        "LAPOR logistik 35.19.01 Kotak suara TPS 3 basah terkena hujan, segel masih utuh",
        None,
        None,
    ),
]


def load(*, stdout) -> None:
    from sinergi.akses.models import User
    from sinergi.kanal.adapter import PesanNormal
    from sinergi.kanal.models import PengirimTepercaya, PesanMasuk, Saluran
    from sinergi.kanal.services import pesan_terima
    from sinergi.pemangku.models import Kontak

    operator = (
        User.objects.select_related("lembaga")
        .filter(email=f"operator.bawaslu.jatim@{DOMAIN}", is_active=True)
        .first()
    )
    if operator is None or operator.lembaga is None:
        return
    lembaga = operator.lembaga
    with transaction.atomic():
        for jenis, alamat in (("whatsapp", NOMOR_WA), ("sms", NOMOR_SMS), ("email", EMAIL)):
            Saluran.objects.get_or_create(
                jenis=jenis, alamat=alamat, defaults={"lembaga": lembaga, "nama": "Demo"}
            )
        kontak, _ = Kontak.objects.get_or_create(
            lembaga=lembaga, nama="Sri Wahyuni", defaults={"jabatan": "Panwaslu Kecamatan"}
        )
        PengirimTepercaya.objects.get_or_create(
            jenis="whatsapp", alamat=TEPERCAYA, defaults={"kontak": kontak, "pengguna": operator}
        )
        ada = set(
            PesanMasuk.objects.filter(id_eksternal__startswith="demo-").values_list(
                "id_eksternal", flat=True
            )
        )
        tujuan = {"whatsapp": NOMOR_WA, "sms": NOMOR_SMS, "email": EMAIL}
        n = 0
        for jenis, pid, dari, nama, jam, subjek, isi, lat, lng in PESAN:
            if pid in ada:
                continue
            waktu = dt.datetime.strptime(jam, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)
            pesan_terima(
                pesan=PesanNormal(
                    jenis=jenis,
                    id_eksternal=pid,
                    alamat_tujuan=tujuan[jenis],
                    alamat_pengirim=dari,
                    nama_pengirim=nama,
                    subjek=subjek,
                    isi=isi,
                    lat=lat,
                    lng=lng,
                    diterima_at=waktu,
                )
            )
            n += 1
    if n:
        stdout.write(f"kanal: {n} demo messages received\n")
