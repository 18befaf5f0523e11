"""The iCalendar (RFC 5545) feed of an election: one all-day event per stage and sub-stage."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from sinergi.tahapan.choices import KategoriTahapan
from sinergi.tahapan.models import Pemilu, Tahapan


def uid(tahapan: Tahapan, pemilu: Pemilu) -> str:
    """Stable across reloads and edits: the election's slug and the stage's code."""
    return f"{pemilu.slug}.{tahapan.kode}@sinergi.tahapan"


def kalender_ics(pemilu: Pemilu, *, url_tahapan) -> bytes:
    """The calendar of `pemilu`; `url_tahapan(kode)` gives the absolute URL of a stage page."""
    semua = list(
        Tahapan.objects.filter(pemilu=pemilu, selesai_efektif__isnull=False)
        .select_related("induk")
        .order_by("urutan", "kode")
    )
    stempel = Tahapan.objects.filter(pemilu=pemilu).aggregate(m=Max("updated_at"))["m"]
    stempel = max(filter(None, [stempel, pemilu.updated_at]), default=None) or timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Sinergi//Tahapan Pemilu//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", pemilu.label)
    cal.add(
        "x-wr-caldesc",
        _("Stages of %(pemilu)s (%(dasar)s)")
        % {"pemilu": pemilu.label, "dasar": pemilu.dasar_hukum},
    )
    cal.add("x-wr-timezone", "Asia/Jakarta")
    cal.add("x-published-ttl", "P1D")
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    for t in semua:
        ev = Event()
        ev.add("uid", uid(t, pemilu))
        ev.add("dtstamp", stempel.astimezone(dt.UTC))
        # a deadline is one all-day event on its date, named as a deadline
        ev.add("dtstart", t.mulai_efektif or t.selesai_efektif)
        ev.add("dtend", t.selesai_efektif + dt.timedelta(days=1))
        judul = f"{t.kode} {t.label}"
        if t.tenggat:
            judul = _("[At the latest] %(judul)s") % {"judul": judul}
        if t.kategori == KategoriTahapan.KONTINJENSI:
            judul = _("[Contingency] %(judul)s") % {"judul": judul}
        if pemilu.rancangan:
            judul = _("[Draft - not official] %(judul)s") % {"judul": judul}
        ev.add("summary", judul)
        # the name in the other language: the official Indonesian one under an English title
        lain = t.nama if t.label != t.nama else t.nama_en
        baris = [lain] if lain else []
        if t.induk_id:
            baris.append(_("Part of: %(tahapan)s") % {"tahapan": f"{t.induk.kode} {t.induk.label}"})
        if t.aturan_waktu:
            baris.append(_("Timing rule: %(aturan)s") % {"aturan": t.aturan_waktu})
        if t.dasar_hukum:
            baris.append(_("Legal basis: %(dasar)s") % {"dasar": t.dasar_hukum})
        link = url_tahapan(t.kode)
        baris.append(link)
        ev.add("description", "\n".join(baris))
        ev.add("url", link)
        ev.add("categories", [pemilu.label, t.get_kategori_display()])
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()
