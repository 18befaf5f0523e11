"""Inbox items written before messages were stored (0006): recognise the system's own texts
(invitations, follow-ups, escalations, reminders, mentions) in either language and store them
as messages, so that they too follow the reader's language. A text that matches nothing
(an announcement, something typed) stays as it is and is shown as written.

Self-contained on purpose: a migration must not depend on code that may change later."""

import datetime as dt
import re
import zoneinfo

from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

JUDUL = [
    "Invitation: %(judul)s",
    "New follow-up for your organization: %(judul)s",
    "Follow-up escalated to you: %(judul)s",
    "Reminder: %(judul)s",
    "%(nama)s mentioned you in “%(judul)s”",
    "%(nama)s mentioned your organization in “%(judul)s”",
]
ISI = [
    "%(lembaga)s invites your organization; %(waktu)s.",
    "%(lembaga)s has not finished it (due %(tenggat)s).",
    "Due %(tenggat)s.",
]
WAKTU = {"waktu", "tenggat"}  # parameters that were a moment formatted in a region's zone
ZONA = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
BULAN = {
    **{
        b: i
        for i, b in enumerate(
            "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November "
            "Desember".split(),
            start=1,
        )
    },
    **{
        b: i
        for i, b in enumerate(
            "January February March April May June July August September October November "
            "December".split(),
            start=1,
        )
    },
}
MOMEN = re.compile(r"^(\d{1,2}) (\w+) (\d{4}) (\d{1,2})[.:](\d{2}) (WIB|WITA|WIT)$")


def _pola(msgid: str) -> list[re.Pattern]:
    """The message's Indonesian and English texts as patterns with one group per parameter."""
    hasil = []
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            teks = gettext(msgid)
        bagian = re.split(r"%\((\w+)\)s", teks)
        regex = "".join(
            re.escape(b) if n % 2 == 0 else f"(?P<{b}>.+?)" for n, b in enumerate(bagian)
        )
        hasil.append(re.compile(f"^{regex}$", re.DOTALL))
    return hasil


def _momen(teks: str):
    """'8 Desember 2022 09.00 WIB' → the stored form of a Waktu parameter, or None."""
    m = MOMEN.match(teks.strip())
    if not m or m.group(2) not in BULAN:
        return None
    hari, bulan, tahun = int(m.group(1)), BULAN[m.group(2)], int(m.group(3))
    lokal = dt.datetime(
        tahun,
        bulan,
        hari,
        int(m.group(4)),
        int(m.group(5)),
        tzinfo=zoneinfo.ZoneInfo(ZONA[m.group(6)]),
    )
    return {"waktu": lokal.astimezone(dt.UTC).isoformat(), "zona": m.group(6)}


def pesan_dari_teks(teks: str, msgids: list[str]) -> dict | None:
    """The stored message for a text one of `msgids` produced, or None."""
    if not teks:
        return None
    for msgid in msgids:
        for pola in _pola(msgid):
            m = pola.match(teks)
            if not m:
                continue
            param = {}
            for nama, nilai in m.groupdict().items():
                if nama in WAKTU:
                    nilai = _momen(nilai)
                    if nilai is None:
                        break  # a moment we cannot read back: keep the text as written
                param[nama] = nilai
            else:
                return {"msgid": msgid, "param": param}
    return None


def isi_pesan(apps, schema_editor):
    Notifikasi = apps.get_model("komunikasi", "Notifikasi")
    jenis = ["pengingat", "sebutan", "undangan", "tindak_lanjut"]  # the system's own kinds
    qs = Notifikasi.objects.filter(judul_pesan__isnull=True, jenis__in=jenis)
    for n in qs.only("pk", "judul", "isi").iterator(chunk_size=1000):
        judul = pesan_dari_teks(n.judul, JUDUL)
        if judul is None:
            continue
        isi = pesan_dari_teks(n.isi, ISI)
        Notifikasi.objects.filter(pk=n.pk).update(judul_pesan=judul, isi_pesan=isi)


class Migration(migrations.Migration):
    dependencies = [("komunikasi", "0006_add_notifikasi_pesan")]

    operations = [migrations.RunPython(isi_pesan, migrations.RunPython.noop)]
