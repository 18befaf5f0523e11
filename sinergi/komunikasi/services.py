"""Every write of komunikasi: announcements, receipts, the inbox, threads and posts.

Each service validates, checks permission (hidden → Http404), and records the audit trail.
Deliveries and e-mails run in background tasks (`sinergi.komunikasi.tasks`), never in the
request that sends an announcement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sinergi.akses import rules
from sinergi.akses.models import Peran, User
from sinergi.akses.selectors import pengguna_terlihat
from sinergi.core import audit
from sinergi.core.angka import angka
from sinergi.core.berkas import BerkasAman, periksa_unggahan
from sinergi.core.models import Kerahasiaan
from sinergi.core.pesan import Pesan, Waktu
from sinergi.kegiatan.berkas import periksa_berkas
from sinergi.komunikasi import izin, selectors
from sinergi.komunikasi.choices import JenisMateri, JenisNotifikasi, ModeNotifikasi, Prioritas
from sinergi.komunikasi.models import (
    LampiranPengumuman,
    LampiranPos,
    MateriSosialisasi,
    Notifikasi,
    Penerimaan,
    Pengumuman,
    Pos,
    PreferensiNotifikasi,
    UnduhanMateri,
    Utas,
)
from sinergi.komunikasi.teks import bersihkan
from sinergi.komunikasi.webhook import publik as alamat_publik
from sinergi.pemangku.choices import TingkatLembaga

# Flood throttling: at most this many posts per account in the window (database-based, so it
# holds across processes).
BATAS_POS = 5
JENDELA_POS = dt.timedelta(minutes=1)


# --- Audience -------------------------------------------------------------------------------
def _q_wilayah_audiens(kode_list: list[str]) -> Q:
    q = Q(pk__in=[])
    for kode in kode_list:
        if kode == rules.SEMUA:
            return Q()
        q |= Q(lembaga__wilayah__kode=kode) | Q(lembaga__wilayah__kode__startswith=kode + ".")
    return q


def audiens_pengguna(
    *, jenis: list[str], tingkat: list[str], wilayah: list[str], peran: list[str]
) -> QuerySet[User]:
    """Active users of active organizations matching type x level x region x role."""
    qs = User.objects.filter(
        is_active=True, lembaga__is_active=True, lembaga__jenis_id__in=jenis
    ).filter(_q_wilayah_audiens(wilayah))
    if tingkat:
        qs = qs.filter(lembaga__tingkat__in=tingkat)
    if peran:
        qs = qs.filter(peran__in=peran)
    return qs


def audiens_periksa(
    *,
    pelaku,
    jenis: Iterable[str],
    tingkat: Iterable[str] = (),
    wilayah: Iterable[str] = (),
    peran: Iterable[str] = (),
) -> dict:
    """The audience, normalized and checked against the author's scope; ValidationError names
    the part that is wrong. An empty region list means the author's whole scope."""
    from sinergi.pemangku.models import JenisLembaga
    from sinergi.wilayah.models import Wilayah

    jenis = sorted({j.strip() for j in jenis if j and j.strip()})
    tingkat = sorted({t.strip() for t in tingkat if t and t.strip()})
    wilayah = sorted({w.strip() for w in wilayah if w and w.strip()})
    peran = sorted({p.strip() for p in peran if p and p.strip()})
    errors: dict[str, list[str]] = {}
    if not jenis:
        errors["audiens_jenis"] = [_("Choose at least one organization type.")]
    else:
        dikenal = set(JenisLembaga.objects.filter(kode__in=jenis).values_list("kode", flat=True))
        salah = [j for j in jenis if j not in dikenal]
        if salah:
            errors["audiens_jenis"] = [
                _("Unknown organization type: %(kode)s.") % {"kode": ", ".join(salah)}
            ]
    salah = [t for t in tingkat if t not in TingkatLembaga.values]
    if salah:
        errors["audiens_tingkat"] = [_("Unknown level: %(kode)s.") % {"kode": ", ".join(salah)}]
    salah = [p for p in peran if p not in Peran.values]
    if salah:
        errors["audiens_peran"] = [_("Unknown role: %(kode)s.") % {"kode": ", ".join(salah)}]
    root = rules.lingkup(pelaku)
    if not wilayah and root is not None:
        wilayah = [root]
    elif wilayah:
        ada = dict(Wilayah.objects.filter(kode__in=wilayah).values_list("kode", "nama"))
        salah = [w for w in wilayah if w not in ada]
        if salah:
            errors["audiens_wilayah"] = [
                _("Unknown region: %(kode)s.") % {"kode": ", ".join(salah)}
            ]
        else:
            luar = [w for w in wilayah if not rules.dalam_lingkup(pelaku, w)]
            if luar:
                errors["audiens_wilayah"] = [
                    _(
                        "The region %(wilayah)s is outside your scope; you may only announce to "
                        "your own region and the regions below it."
                    )
                    % {"wilayah": ", ".join(f"{w} {ada[w]}" for w in luar)}
                ]
    if errors:
        raise ValidationError(errors)
    data = {"jenis": jenis, "tingkat": tingkat, "wilayah": wilayah, "peran": peran}
    if not audiens_pengguna(**data).exists():
        raise ValidationError(
            {
                "audiens": [
                    _(
                        "The audience is empty: no active user matches these organization "
                        "types, levels, regions and roles."
                    )
                ]
            }
        )
    return data


def audiens_pratinjau(*, pelaku, **audiens) -> dict:
    """How many people and organizations an audience reaches, before sending."""
    if not izin.dapat_umumkan(pelaku):
        raise Http404
    data = audiens_periksa(pelaku=pelaku, **audiens)
    qs = audiens_pengguna(**data)
    return {
        "pengguna": qs.count(),
        "lembaga": qs.values("lembaga_id").distinct().count(),
        "audiens": data,
    }


# --- Announcements --------------------------------------------------------------------------
def _periksa_lampiran(lampiran) -> tuple[list[str], list[str]]:
    """The accepted kind of each attachment (the event-material file rules), and the
    refusals as "name: reason"."""
    jenis, salah = [], []
    for berkas in lampiran or []:
        try:
            jenis.append(periksa_berkas(berkas))
        except ValidationError as exc:
            salah.extend(
                f"{berkas.name}: {m}" for m in exc.message_dict.get("berkas", exc.messages)
            )
    return jenis, salah


def _simpan_lampiran(model, *, pelaku, induk: dict, lampiran, jenis) -> None:
    """Store checked attachments (one audit row each)."""
    for berkas, kind in zip(lampiran or [], jenis, strict=True):
        lam = model.objects.create(
            **induk,
            berkas=berkas,
            nama_berkas=berkas.name[:200],
            jenis_berkas=kind,
            ukuran=berkas.size,
        )
        audit.record(
            actor=pelaku,
            action="create",
            obj=lam,
            after={"berkas": lam.berkas.name, "nama_berkas": lam.nama_berkas, "ukuran": lam.ukuran},
        )


def _tautan_periksa(pelaku, *, tahapan_id, regulasi_id, kegiatan_id) -> dict:
    from sinergi.regulasi.models import Regulasi
    from sinergi.tahapan.models import Tahapan

    errors = {}
    if tahapan_id and not Tahapan.objects.filter(pk=tahapan_id).exists():
        errors["tahapan"] = [_("Unknown stage.")]
    if regulasi_id and not Regulasi.objects.filter(pk=regulasi_id).exists():
        errors["regulasi"] = [_("Unknown regulation.")]
    if kegiatan_id:
        from sinergi.kegiatan.selectors import kegiatan_get

        try:
            kegiatan_get(pengguna=pelaku, pk=kegiatan_id)
        except Http404:
            errors["kegiatan"] = [_("Unknown event.")]
    if errors:
        raise ValidationError(errors)
    return {"tahapan_id": tahapan_id, "regulasi_id": regulasi_id, "kegiatan_id": kegiatan_id}


@transaction.atomic
def pengumuman_create(
    *,
    pelaku,
    judul: str,
    isi: str,
    audiens_jenis: list[str],
    audiens_tingkat: list[str] | None = None,
    audiens_wilayah: list[str] | None = None,
    audiens_peran: list[str] | None = None,
    prioritas: str = Prioritas.BIASA,
    kerahasiaan: str = Kerahasiaan.RESTRICTED,
    perlu_tanda_terima: bool = False,
    tahapan_id: int | None = None,
    regulasi_id: int | None = None,
    kegiatan_id: int | None = None,
    lampiran: list | None = None,
) -> Pengumuman:
    """Save an announcement and queue its delivery; the request never waits for it.
    Attachments follow the event-material file rules (`kegiatan.berkas.periksa_berkas`)."""
    from sinergi.komunikasi import tasks

    if not izin.dapat_umumkan(pelaku):
        raise Http404
    errors: dict[str, list[str]] = {}
    judul = bersihkan(judul)
    isi = bersihkan(isi)
    if not judul:
        errors["judul"] = [_("Write a title.")]
    if not isi:
        errors["isi"] = [_("Write the announcement text.")]
    try:
        data = audiens_periksa(
            pelaku=pelaku,
            jenis=audiens_jenis,
            tingkat=audiens_tingkat or [],
            wilayah=audiens_wilayah or [],
            peran=audiens_peran or [],
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
        data = None
    try:
        tautan = _tautan_periksa(
            pelaku, tahapan_id=tahapan_id, regulasi_id=regulasi_id, kegiatan_id=kegiatan_id
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    jenis_lampiran, salah = _periksa_lampiran(lampiran)
    if salah:
        errors["lampiran"] = salah
    if errors:
        raise ValidationError(errors)
    p = Pengumuman(
        lembaga=pelaku.lembaga,
        pembuat=pelaku,
        wilayah_id=pelaku.lembaga.wilayah_id,
        judul=judul,
        isi=isi,
        prioritas=prioritas,
        kerahasiaan=kerahasiaan,
        perlu_tanda_terima=perlu_tanda_terima,
        audiens_jenis=data["jenis"],
        audiens_tingkat=data["tingkat"],
        audiens_wilayah=data["wilayah"],
        audiens_peran=data["peran"],
        **tautan,
    )
    p.full_clean()
    p.save()
    audit.record(actor=pelaku, action="create", obj=p, after=audit.snapshot(p))
    _simpan_lampiran(
        LampiranPengumuman,
        pelaku=pelaku,
        induk={"pengumuman": p},
        lampiran=lampiran,
        jenis=jenis_lampiran,
    )
    tasks.jadwalkan(tasks.kirim_pengumuman, p.pk)
    return p


def _penerimaan_saya(pengguna, pengumuman) -> Penerimaan | None:
    return Penerimaan.objects.filter(pengumuman=pengumuman, pengguna=pengguna).first()


@transaction.atomic
def pengumuman_baca(*, pengguna, pengumuman: Pengumuman) -> Penerimaan | None:
    """Record that a recipient opened the announcement (once); their inbox item is read too."""
    r = _penerimaan_saya(pengguna, pengumuman)
    if r is None or r.dibaca_at is not None:
        return r
    r.dibaca_at = timezone.now()
    r.save(update_fields=["dibaca_at"])
    Notifikasi.objects.filter(
        pengguna=pengguna, tautan=selectors.tautan_pengumuman(pengumuman), dibaca_at__isnull=True
    ).update(dibaca_at=r.dibaca_at)
    audit.record(actor=pengguna, action="update", obj=r, after={"dibaca_at": r.dibaca_at})
    return r


@transaction.atomic
def pengumuman_akui(*, pengguna, pengumuman: Pengumuman) -> Penerimaan:
    """The recipient's acknowledgement (tanda terima); it also counts as read."""
    r = _penerimaan_saya(pengguna, pengumuman)
    if r is None:
        raise Http404
    if not pengumuman.perlu_tanda_terima:
        raise ValidationError(_("This announcement does not ask for an acknowledgement."))
    if r.diakui_at is not None:
        return r
    now = timezone.now()
    r.diakui_at = now
    fields = ["diakui_at"]
    if r.dibaca_at is None:
        r.dibaca_at = now
        fields.append("dibaca_at")
    r.save(update_fields=fields)
    audit.record(actor=pengguna, action="update", obj=r, after={"diakui_at": now})
    return r


@transaction.atomic
def pengumuman_ingatkan(*, pelaku, pengumuman: Pengumuman) -> int:
    """Remind only the recipients who have not read it (or, when an acknowledgement is
    required, not acknowledged it). Returns how many are reminded."""
    from sinergi.komunikasi import tasks

    if not izin.dapat_kelola_pengumuman(pelaku, pengumuman):
        raise Http404
    belum = Penerimaan.objects.filter(pengumuman=pengumuman)
    belum = (
        belum.filter(diakui_at__isnull=True)
        if pengumuman.perlu_tanda_terima
        else belum.filter(dibaca_at__isnull=True)
    )
    ids = list(belum.values_list("pengguna_id", flat=True))
    if not ids:
        raise ValidationError(_("Everyone has read this announcement; there is no one to remind."))
    now = timezone.now()
    belum.update(diingatkan_at=now)
    audit.record(
        actor=pelaku,
        action="other",
        obj=pengumuman,
        after={"diingatkan": len(ids)},
        note="reminder sent",
    )
    tasks.jadwalkan(tasks.kirim_pengingat_pengumuman, pengumuman.pk, ids)
    return len(ids)


# --- The inbox ------------------------------------------------------------------------------
def mode_notifikasi(pengguna_ids: Iterable[int], jenis: str) -> dict[int, str]:
    """Each user's delivery mode for a kind (default: e-mail now), in one query."""
    ids = list(pengguna_ids)
    beda = dict(
        PreferensiNotifikasi.objects.filter(jenis=jenis)
        .exclude(mode=ModeNotifikasi.EMAIL)
        .values_list("pengguna_id", "mode")
    )
    return {i: beda.get(i, ModeNotifikasi.EMAIL) for i in ids}


def _teks_dan_pesan(teks: str | Pesan) -> tuple[str, dict | None]:
    """A notification text as stored: the text and, for a message, its msgid and parameters
    (markup removed from the text ones) to translate on display, with its Indonesian text."""
    from django.conf import settings

    if not isinstance(teks, Pesan):
        return teks, None
    bersih = Pesan(
        teks.msgid, **{k: bersihkan(v) if isinstance(v, str) else v for k, v in teks.param.items()}
    )
    return bersihkan(bersih.teks(settings.LANGUAGE_CODE)), bersih.simpan()


def _notifikasi_buat(*, pengguna_ids, jenis, judul, isi, tautan) -> list[int]:
    now = timezone.now()
    judul, judul_pesan = _teks_dan_pesan(judul)
    isi, isi_pesan = _teks_dan_pesan(isi)
    rows = [
        Notifikasi(
            pengguna_id=i,
            jenis=jenis,
            judul=judul[:250],
            isi=isi,
            judul_pesan=judul_pesan,
            isi_pesan=isi_pesan,
            tautan=tautan,
            created_at=now,
        )
        for i in pengguna_ids
    ]
    Notifikasi.objects.bulk_create(rows, batch_size=1000)
    return [r.pk for r in rows if r.pk]


def notifikasi_kirim(
    *,
    penerima: Iterable = (),
    jenis: str,
    judul: str | Pesan,
    isi: str | Pesan = "",
    tautan: str = "",
    lembaga: Iterable = (),
) -> int:
    """Put a notification in each recipient's inbox, and e-mail those who want it now (by a
    background task). The door for other apps: invitations, follow-up assignments, alerts.

        notifikasi_kirim(penerima=[user], jenis=JenisNotifikasi.TINDAK_LANJUT,
                         judul="…", tautan="/tindak-lanjut/12/")
        notifikasi_kirim(lembaga=[lembaga_id], jenis="peringatan", judul="…")
        notifikasi_kirim(penerima=[user], jenis=JenisNotifikasi.UNDANGAN,
                         judul=Pesan(gettext_noop("Invitation: %(judul)s"), judul=k.judul))

    A text the system writes goes in as a `Pesan` (sinergi.core.pesan): it is stored with its
    msgid and shown in each reader's language; a text a person typed goes in as a string.

    `penerima` holds users or user ids; `lembaga` organizations or their ids (every active
    member of an active organization); inactive users are skipped, nobody gets it twice.
    Returns how many got one.
    """
    from sinergi.komunikasi import tasks

    if jenis not in JenisNotifikasi.values:
        raise ValueError(f"Unknown notification kind: {jenis}")
    ids = {getattr(p, "pk", p) for p in penerima}
    lembaga_ids = {getattr(lem, "pk", lem) for lem in lembaga}
    q = Q(pk__in=ids)
    if lembaga_ids:
        q |= Q(lembaga_id__in=lembaga_ids, lembaga__is_active=True)
    ids = list(User.objects.filter(q, is_active=True).values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        _notifikasi_buat(
            pengguna_ids=ids,
            jenis=jenis,
            judul=bersihkan(judul) if isinstance(judul, str) else judul,
            isi=bersihkan(isi) if isinstance(isi, str) else isi,
            tautan=tautan,
        )
        audit.record(
            actor=None,
            action="create",
            object_type="komunikasi.notifikasi",
            after={"jenis": jenis, "penerima": len(ids)},
            note=str(judul)[:200],
        )
        mode = mode_notifikasi(ids, jenis)
        segera = [i for i in ids if mode[i] == ModeNotifikasi.EMAIL]
        if segera:
            tasks.jadwalkan(tasks.kirim_email_notifikasi, jenis, segera, tautan)
    return len(ids)


def notifikasi_undangan(kegiatan_id: int, lembaga_ids: Iterable[int]) -> int:
    """The inbox side of an invitation: every active member of each invited organization.
    Called by kegiatan after the invitations are committed (`transaction.on_commit`)."""
    from django.conf import settings
    from django.utils import translation

    from sinergi.kegiatan.models import Kegiatan

    k = Kegiatan.objects.filter(pk=kegiatan_id).select_related("penyelenggara").first()
    if k is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return notifikasi_kirim(
            lembaga=lembaga_ids,
            jenis=JenisNotifikasi.UNDANGAN,
            judul=Pesan(gettext_noop("Invitation: %(judul)s"), judul=k.judul),
            isi=Pesan(
                gettext_noop("%(lembaga)s invites your organization; %(waktu)s."),
                lembaga=k.penyelenggara.nama,
                waktu=Waktu(k.mulai, k.zona_waktu),
            ),
            tautan=f"/kegiatan/{k.pk}/",
        )


def notifikasi_tindak_lanjut(tindak_lanjut_id: int, *, eskalasi: bool = False) -> int:
    """The inbox side of a follow-up: its owner organization's members when it is assigned,
    the parent organization's members when it is escalated. Called by tindak_lanjut after
    the commit (`transaction.on_commit`)."""
    from django.conf import settings
    from django.utils import translation

    from sinergi.tindak_lanjut.models import TindakLanjut

    tl = TindakLanjut.objects.filter(pk=tindak_lanjut_id).select_related("lembaga").first()
    if tl is None or (eskalasi and not tl.dieskalasi_ke_id):
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        tenggat = Waktu(tl.tenggat, tl.zona_waktu)
        if eskalasi:
            judul = Pesan(gettext_noop("Follow-up escalated to you: %(judul)s"), judul=tl.judul)
            isi = Pesan(
                gettext_noop("%(lembaga)s has not finished it (due %(tenggat)s)."),
                lembaga=tl.lembaga.nama,
                tenggat=tenggat,
            )
        else:
            judul = Pesan(
                gettext_noop("New follow-up for your organization: %(judul)s"), judul=tl.judul
            )
            isi = Pesan(gettext_noop("Due %(tenggat)s."), tenggat=tenggat)
        return notifikasi_kirim(
            lembaga=[tl.dieskalasi_ke_id if eskalasi else tl.lembaga_id],
            jenis=JenisNotifikasi.TINDAK_LANJUT,
            judul=judul,
            isi=isi,
            tautan=f"/tindak-lanjut/{tl.pk}/",
        )


@transaction.atomic
def notifikasi_baca(*, pengguna, notifikasi: Notifikasi) -> Notifikasi:
    """Mark one inbox item read (only the owner's own; anything else is 404)."""
    if notifikasi.pengguna_id != pengguna.pk:
        raise Http404
    if notifikasi.dibaca_at is None:
        notifikasi.dibaca_at = timezone.now()
        notifikasi.save(update_fields=["dibaca_at"])
        audit.record(actor=pengguna, action="update", obj=notifikasi, after={"dibaca": True})
    return notifikasi


@transaction.atomic
def notifikasi_baca_semua(*, pengguna) -> int:
    n = Notifikasi.objects.filter(pengguna=pengguna, dibaca_at__isnull=True).update(
        dibaca_at=timezone.now()
    )
    if n:
        audit.record(
            actor=pengguna,
            action="update",
            object_type="komunikasi.notifikasi",
            after={"dibaca": n},
            note="mark all read",
        )
    return n


@transaction.atomic
def preferensi_simpan(*, pengguna, preferensi: dict[str, str]) -> dict[str, str]:
    """Save the delivery mode per kind; unknown kinds or modes are refused by name."""
    errors = {}
    for jenis, mode in preferensi.items():
        if jenis not in JenisNotifikasi.values:
            errors[jenis] = [_("Unknown notification kind.")]
        elif mode not in ModeNotifikasi.values:
            errors[jenis] = [
                _("Choose one of: %(pilihan)s.") % {"pilihan": ", ".join(ModeNotifikasi.values)}
            ]
    if errors:
        raise ValidationError(errors)
    before = selectors.preferensi_saya(pengguna=pengguna)
    for jenis, mode in preferensi.items():
        PreferensiNotifikasi.objects.update_or_create(
            pengguna=pengguna, jenis=jenis, defaults={"mode": mode}
        )
    after = selectors.preferensi_saya(pengguna=pengguna)
    b, a = audit.changes(before, after)
    if a:
        audit.record(
            actor=pengguna,
            action="update",
            object_type="komunikasi.preferensinotifikasi",
            object_id=str(pengguna.pk),
            before=b,
            after=a,
        )
    return after


# --- Discussion rooms -----------------------------------------------------------------------
@transaction.atomic
def utas_create(
    *,
    pelaku,
    judul: str,
    isi: str,
    wilayah_id: str | None = None,
    tahapan_id: int | None = None,
    kegiatan_id: int | None = None,
    topik: str = "",
    kerahasiaan: str = Kerahasiaan.RESTRICTED,
) -> Utas:
    """Open a thread with its first post. Its region decides who sees it (default: the
    organization's region); a region outside the author's scope is refused."""
    if not izin.dapat_diskusi(pelaku) or not pelaku.lembaga_id:
        raise Http404
    errors: dict[str, list[str]] = {}
    judul = bersihkan(judul)
    topik = bersihkan(topik)
    if not judul:
        errors["judul"] = [_("Write a title.")]
    if not bersihkan(isi):
        errors["isi"] = [_("Write the first post.")]
    if wilayah_id:
        from sinergi.wilayah.models import Wilayah

        if not Wilayah.objects.filter(pk=wilayah_id).exists():
            errors["wilayah"] = [_("Unknown region: %(kode)s.") % {"kode": wilayah_id}]
        elif not rules.dalam_lingkup(pelaku, wilayah_id):
            errors["wilayah"] = [
                _("The region %(kode)s is outside your scope.") % {"kode": wilayah_id}
            ]
    else:
        wilayah_id = pelaku.lembaga.wilayah_id
    try:
        _tautan_periksa(pelaku, tahapan_id=tahapan_id, regulasi_id=None, kegiatan_id=kegiatan_id)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    u = Utas(
        judul=judul,
        lembaga=pelaku.lembaga,
        pembuat=pelaku,
        wilayah_id=wilayah_id,
        tahapan_id=tahapan_id,
        kegiatan_id=kegiatan_id,
        topik=topik,
        kerahasiaan=kerahasiaan,
    )
    u.full_clean()
    u.save()
    audit.record(actor=pelaku, action="create", obj=u, after=audit.snapshot(u))
    pos_create(pelaku=pelaku, utas=u, isi=isi)
    return u


def _cari_sebutan(pelaku, nama: str) -> User | None:
    """The one account the actor may see with this e-mail or exact name; an account outside
    the actor's view is never matched, so it answers like one that does not exist."""
    nama = nama.strip().lstrip("@")
    terlihat = pengguna_terlihat(pengguna=pelaku)
    if "@" in nama:
        return terlihat.filter(email__iexact=nama).first()
    found = list(terlihat.filter(nama__iexact=nama)[:2])
    return found[0] if len(found) == 1 else None


SEBUT_LEMBAGA = re.compile(r"@\[([^\[\]\n]{2,200})\]")


def _cari_lembaga(nama: str):
    from sinergi.pemangku.models import Lembaga

    nama = nama.strip().lstrip("@").strip("[]").strip()
    if (pk := angka(nama, minimum=1)) is not None:
        return Lembaga.objects.filter(pk=pk, is_active=True).first()
    found = list(Lembaga.objects.filter(nama__iexact=nama, is_active=True)[:2])
    return found[0] if len(found) == 1 else None


def _kata(nama: str) -> list[str]:
    return [w for w in re.split(r"[\s,.;/()\[\]@]+", nama) if len(w) >= 2][:6]


def _mirip(qs, field: str, nama: str, dapat, batas: int = 3) -> list[str]:
    """Up to `batas` names from `qs` holding every word typed (any case, in any order), of
    those `dapat` accepts: what the author probably meant by a name that is not exact."""
    kata = _kata(nama)
    if not kata:
        return []
    for w in kata:
        qs = qs.filter(**{f"{field}__icontains": w})
    hasil: list[str] = []
    for obj in qs.order_by(field)[:20]:
        if dapat(obj) and (label := getattr(obj, field)) not in hasil:
            hasil.append(label)
        if len(hasil) >= batas:
            break
    return hasil


def _mungkin(pesan: str, mirip: list[str]) -> str:
    if not mirip:
        return pesan
    return pesan + " " + _("Did you mean: %(daftar)s?") % {"daftar": "; ".join(mirip)}


def _anggota_melihat(lem, utas: Utas) -> list[User]:
    """The organization's active members who can see the thread."""
    return [
        u
        for u in User.objects.filter(lembaga=lem, is_active=True).select_related(
            "lembaga", "lembaga__jenis"
        )
        if selectors.utas_dapat_dilihat(u, utas)
    ]


def _sebutan_lembaga(utas: Utas, nama_list: Iterable[str]) -> tuple[dict, list[str]]:
    """Mentioned organizations → their active members who can see the thread; an
    organization none of whose members can see the thread is refused by name."""
    hasil: dict = {}
    errors: list[str] = []
    for nama in nama_list:
        if not nama or not nama.strip():
            continue
        lem = _cari_lembaga(nama)
        if lem is None:
            from sinergi.pemangku.models import Lembaga

            mirip = _mirip(
                Lembaga.objects.filter(is_active=True),
                "nama",
                nama,
                lambda kand: bool(_anggota_melihat(kand, utas)),
            )
            errors.append(
                _mungkin(
                    _("No single organization is named “%(nama)s”.") % {"nama": nama.strip()},
                    mirip,
                )
            )
            continue
        if lem in hasil:
            continue
        anggota = _anggota_melihat(lem, utas)
        if not anggota:
            errors.append(
                _(
                    "%(nama)s cannot see this thread, so it cannot be mentioned in it. Choose "
                    "an organization within the thread's region and confidentiality."
                )
                % {"nama": lem.nama}
            )
        else:
            hasil[lem] = anggota
    return hasil, errors


@transaction.atomic
def pos_create(
    *,
    pelaku,
    utas: Utas,
    isi: str,
    sebut: Iterable[str] = (),
    sebut_lembaga: Iterable[str] = (),
    lampiran: list | None = None,
) -> Pos:
    """Add a post; mentioned people (by e-mail or exact name) and organizations (by exact
    name or id, or `@[Name]` in the text; their members who can see the thread) are notified,
    but only those who can see the thread may be mentioned. Attachments follow the
    announcement attachment rules. Throttled per account."""
    if not selectors.utas_dapat_dilihat(pelaku, utas) or not izin.dapat_diskusi(pelaku):
        raise Http404
    if utas.selesai:
        raise ValidationError({"isi": [_("This thread is resolved; it takes no more posts.")]})
    isi = bersihkan(isi)
    if not isi:
        raise ValidationError({"isi": [_("Write something before posting.")]})
    baru = Pos.objects.filter(penulis=pelaku, created_at__gte=timezone.now() - JENDELA_POS).count()
    if baru >= BATAS_POS:
        raise ValidationError(
            {
                "isi": [
                    _(
                        "You are posting too fast: at most %(n)s posts a minute. Wait a moment "
                        "and post again."
                    )
                    % {"n": BATAS_POS}
                ]
            }
        )
    disebut: list[User] = []
    errors: dict[str, list[str]] = {}
    for nama in sebut:
        if not nama or not nama.strip():
            continue
        u = _cari_sebutan(pelaku, nama)
        if u is None:
            # Names only (an e-mail is exact): people the author may see who can read the thread.
            mirip = (
                []
                if "@" in nama.strip().lstrip("@")
                else _mirip(
                    pengguna_terlihat(pengguna=pelaku)
                    .filter(is_active=True)
                    .exclude(nama="")
                    .exclude(pk=pelaku.pk),
                    "nama",
                    nama,
                    lambda u: selectors.utas_dapat_dilihat(u, utas),
                )
            )
            errors.setdefault("sebut", []).append(
                _mungkin(
                    _("No single user is named or has the e-mail “%(nama)s”.") % {"nama": nama},
                    mirip,
                )
            )
        elif not selectors.utas_dapat_dilihat(u, utas):
            errors.setdefault("sebut", []).append(
                _("%(nama)s cannot see this thread, so they cannot be mentioned in it.")
                % {"nama": u.nama or u.email}
            )
        else:
            disebut.append(u)
    lembaga, salah = _sebutan_lembaga(utas, [*sebut_lembaga, *SEBUT_LEMBAGA.findall(isi)])
    if salah:
        errors["sebut_lembaga"] = salah
    jenis_lampiran, salah = _periksa_lampiran(lampiran)
    if salah:
        errors["lampiran"] = salah
    if errors:
        raise ValidationError(errors)
    p = Pos.objects.create(utas=utas, penulis=pelaku, isi=isi)
    if disebut:
        p.disebut.set(disebut)
    if lembaga:
        p.lembaga_disebut.set(list(lembaga))
    _simpan_lampiran(
        LampiranPos, pelaku=pelaku, induk={"pos": p}, lampiran=lampiran, jenis=jenis_lampiran
    )
    Utas.objects.filter(pk=utas.pk).update(updated_at=timezone.now())
    audit.record(
        actor=pelaku,
        action="create",
        obj=p,
        after={
            "utas": utas.pk,
            "isi": isi,
            "lembaga_disebut": sorted(lem.pk for lem in lembaga),
            "lampiran": len(lampiran or []),
        },
    )
    judul = Pesan(
        gettext_noop("%(nama)s mentioned you in “%(judul)s”"),
        nama=pelaku.nama or pelaku.email,
        judul=utas.judul,
    )
    lain = {u.pk for u in disebut if u.pk != pelaku.pk}
    if lain:
        notifikasi_kirim(
            penerima=lain,
            jenis=JenisNotifikasi.SEBUTAN,
            judul=judul,
            isi=isi[:500],
            tautan=selectors.tautan_utas(utas),
        )
    anggota = {u.pk for daftar in lembaga.values() for u in daftar} - lain - {pelaku.pk}
    if anggota:
        notifikasi_kirim(
            penerima=anggota,
            jenis=JenisNotifikasi.SEBUTAN,
            judul=Pesan(
                gettext_noop("%(nama)s mentioned your organization in “%(judul)s”"),
                nama=pelaku.nama or pelaku.email,
                judul=utas.judul,
            ),
            isi=isi[:500],
            tautan=selectors.tautan_utas(utas),
        )
    return p


@transaction.atomic
def utas_selesaikan(*, pelaku, utas: Utas, kesimpulan: str) -> Utas:
    """Mark a thread resolved with its conclusion."""
    if not selectors.utas_dapat_dilihat(pelaku, utas) or not izin.dapat_selesaikan(pelaku, utas):
        raise Http404
    kesimpulan = bersihkan(kesimpulan)
    if not kesimpulan:
        raise ValidationError(
            {"kesimpulan": [_("Write the conclusion before marking the thread resolved.")]}
        )
    before = audit.snapshot(utas, ["selesai", "kesimpulan", "selesai_at"])
    utas.selesai, utas.kesimpulan, utas.selesai_at = True, kesimpulan, timezone.now()
    utas.save(update_fields=["selesai", "kesimpulan", "selesai_at", "updated_at"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=utas,
        before=before,
        after=audit.snapshot(utas, ["selesai", "kesimpulan", "selesai_at"]),
    )
    return utas


@transaction.atomic
def pos_sembunyikan(*, pelaku, pos: Pos, alasan: str) -> Pos:
    """Moderation: hide a post with a reason (the text stays for the audit trail)."""
    utas = pos.utas
    if not selectors.utas_dapat_dilihat(pelaku, utas) or not izin.dapat_moderasi(pelaku, utas):
        raise Http404
    alasan = bersihkan(alasan)
    if not alasan:
        raise ValidationError({"alasan": [_("Give the reason for hiding this post.")]})
    before = audit.snapshot(pos, ["disembunyikan", "alasan_sembunyi"])
    pos.disembunyikan, pos.alasan_sembunyi, pos.disembunyikan_oleh = True, alasan, pelaku
    pos.save(update_fields=["disembunyikan", "alasan_sembunyi", "disembunyikan_oleh"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=pos,
        before=before,
        after=audit.snapshot(pos, ["disembunyikan", "alasan_sembunyi"]),
        note="moderation",
    )
    return pos


# --- Public socialization materials ---------------------------------------------------------
MAKS_UKURAN_MATERI = 20 * 1024 * 1024
# Images, PDF, slide decks and documents (no spreadsheets: a citizen's material is none).
EKSTENSI_MATERI = ("pdf", "pptx", "docx", "png", "jpg", "jpeg")
PERLU_BERKAS = {JenisMateri.INFOGRAFIS, JenisMateri.LEAFLET, JenisMateri.SALINDIA}


def periksa_berkas_materi(berkas) -> BerkasAman:
    """Size limit and real type (magic bytes) of a material file; ValidationError on `berkas`
    with the reason otherwise (`sinergi.core.berkas`)."""
    from sinergi.kegiatan.berkas import EKSTENSI, MIME

    return periksa_unggahan(
        berkas,
        jenis={ext: (MIME[EKSTENSI[ext]], EKSTENSI[ext]) for ext in EKSTENSI_MATERI},
        maks_ukuran=MAKS_UKURAN_MATERI,
        pesan_terlalu_besar=_("The file is larger than 20 MB."),
        pesan_jenis=_("This file type is not allowed; upload PDF, PPTX, DOCX, PNG or JPEG."),
        pesan_isi=_("The file's content does not match its extension (.%(ext)s); it was refused."),
    )


def _materi_periksa(
    *,
    pelaku,
    judul: str,
    penjelasan: str,
    jenis: str,
    tahapan_ids: Iterable[int],
    regulasi_ids: Iterable[int],
    berkas,
    ada_berkas: bool,
    tautan_video: str,
    wilayah_id: str | None,
    kerahasiaan: str,
) -> tuple[dict, BerkasAman | None]:
    from sinergi.regulasi.models import Regulasi
    from sinergi.tahapan.models import Tahapan
    from sinergi.wilayah.models import Wilayah

    errors: dict[str, list[str]] = {}
    judul, penjelasan = bersihkan(judul), bersihkan(penjelasan)
    tautan_video = (tautan_video or "").strip()
    if not judul:
        errors["judul"] = [_("Write a title.")]
    if not penjelasan:
        errors["penjelasan"] = [_("Write a short explanation in plain Indonesian.")]
    if jenis not in JenisMateri.values:
        errors["jenis"] = [_("Choose the kind of material.")]
    if kerahasiaan not in Kerahasiaan.values:
        errors["kerahasiaan"] = [_("Choose a confidentiality level.")]
    tahapan_ids = sorted({int(t) for t in tahapan_ids if t})
    regulasi_ids = sorted({int(r) for r in regulasi_ids if r})
    if not tahapan_ids:
        errors["tahapan"] = [_("Choose at least one stage.")]
    elif Tahapan.objects.filter(pk__in=tahapan_ids).count() != len(tahapan_ids):
        errors["tahapan"] = [_("Unknown stage.")]
    if regulasi_ids and Regulasi.objects.filter(pk__in=regulasi_ids).count() != len(regulasi_ids):
        errors["regulasi"] = [_("Unknown regulation.")]
    if wilayah_id:
        if not Wilayah.objects.filter(pk=wilayah_id).exists():
            errors["wilayah"] = [_("Unknown region: %(kode)s.") % {"kode": wilayah_id}]
        elif not rules.dalam_lingkup(pelaku, wilayah_id):
            errors["wilayah"] = [
                _("The region %(kode)s is outside your scope.") % {"kode": wilayah_id}
            ]
    aman = None
    if berkas is not None:
        try:
            aman = periksa_berkas_materi(berkas)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if jenis == JenisMateri.VIDEO:
        if not tautan_video.startswith("https://"):
            errors["tautan_video"] = [_("Give the video's address; it must start with https://.")]
    elif tautan_video:
        errors["tautan_video"] = [_("Only a video link material has a video address.")]
    if jenis in PERLU_BERKAS and berkas is None and not ada_berkas and "berkas" not in errors:
        errors["berkas"] = [_("This kind of material needs a file (PDF, PPTX, DOCX, PNG or JPEG).")]
    if errors:
        raise ValidationError(errors)
    data = {
        "judul": judul,
        "penjelasan": penjelasan,
        "jenis": jenis,
        "tautan_video": tautan_video,
        "kerahasiaan": kerahasiaan,
        "tahapan": tahapan_ids,
        "regulasi": regulasi_ids,
    }
    return data, aman


def _materi_simpan_berkas(m: MateriSosialisasi, berkas, aman: BerkasAman) -> None:
    berkas.seek(0)
    m.nama_berkas, m.jenis_berkas, m.ukuran = aman.nama, aman.jenis, aman.ukuran
    m.berkas.save(aman.nama, berkas, save=False)


def _materi_snapshot(m: MateriSosialisasi) -> dict:
    snap = audit.snapshot(
        m,
        [
            "judul",
            "penjelasan",
            "jenis",
            "tautan_video",
            "nama_berkas",
            "ukuran",
            "wilayah",
            "kerahasiaan",
            "terbit",
        ],
    )
    snap["tahapan"] = sorted(m.tahapan.values_list("pk", flat=True))
    snap["regulasi"] = sorted(m.regulasi.values_list("pk", flat=True))
    return snap


@transaction.atomic
def materi_create(
    *,
    pelaku,
    judul: str,
    penjelasan: str,
    jenis: str,
    tahapan_ids: Iterable[int],
    regulasi_ids: Iterable[int] = (),
    berkas=None,
    tautan_video: str = "",
    wilayah_id: str | None = None,
    kerahasiaan: str = Kerahasiaan.PUBLIC,
    terbit: bool = False,
) -> MateriSosialisasi:
    """Add a socialization material on behalf of the author's organization (default region:
    the organization's). Files follow the upload rules of `sinergi.core.berkas`."""
    if not izin.dapat_buat_materi(pelaku):
        raise Http404
    data, aman = _materi_periksa(
        pelaku=pelaku,
        judul=judul,
        penjelasan=penjelasan,
        jenis=jenis,
        tahapan_ids=tahapan_ids,
        regulasi_ids=regulasi_ids,
        berkas=berkas,
        ada_berkas=False,
        tautan_video=tautan_video,
        wilayah_id=wilayah_id,
        kerahasiaan=kerahasiaan,
    )
    tahapan, regulasi = data.pop("tahapan"), data.pop("regulasi")
    m = MateriSosialisasi(
        lembaga=pelaku.lembaga,
        pembuat=pelaku,
        wilayah_id=wilayah_id or (pelaku.lembaga.wilayah_id if pelaku.lembaga_id else None),
        terbit=bool(terbit),
        **data,
    )
    m.full_clean(exclude=["berkas", "lembaga", "pembuat"])
    if aman is not None:
        _materi_simpan_berkas(m, berkas, aman)
    try:
        m.save()
    except Exception:
        if m.berkas:
            m.berkas.delete(save=False)
        raise
    m.tahapan.set(tahapan)
    m.regulasi.set(regulasi)
    audit.record(actor=pelaku, action="create", obj=m, after=_materi_snapshot(m))
    return m


@transaction.atomic
def materi_update(
    *,
    pelaku,
    materi: MateriSosialisasi,
    judul: str,
    penjelasan: str,
    jenis: str,
    tahapan_ids: Iterable[int],
    regulasi_ids: Iterable[int] = (),
    berkas=None,
    tautan_video: str = "",
    kerahasiaan: str = Kerahasiaan.PUBLIC,
) -> MateriSosialisasi:
    """Edit a material; a new file replaces the old one (removed after the commit)."""
    if not izin.dapat_kelola_materi(pelaku, materi):
        raise Http404
    data, aman = _materi_periksa(
        pelaku=pelaku,
        judul=judul,
        penjelasan=penjelasan,
        jenis=jenis,
        tahapan_ids=tahapan_ids,
        regulasi_ids=regulasi_ids,
        berkas=berkas,
        ada_berkas=bool(materi.berkas),
        tautan_video=tautan_video,
        wilayah_id=None,
        kerahasiaan=kerahasiaan,
    )
    before = _materi_snapshot(materi)
    tahapan, regulasi = data.pop("tahapan"), data.pop("regulasi")
    for field, value in data.items():
        setattr(materi, field, value)
    lama = materi.berkas.name if materi.berkas else ""
    fields = [*data, "updated_at"]
    if aman is not None:
        _materi_simpan_berkas(materi, berkas, aman)
        fields += ["berkas", "nama_berkas", "jenis_berkas", "ukuran"]
    materi.full_clean(exclude=["berkas", "lembaga", "pembuat"])
    materi.save(update_fields=fields)
    materi.tahapan.set(tahapan)
    materi.regulasi.set(regulasi)
    if aman is not None and lama:
        storage = materi.berkas.storage
        transaction.on_commit(lambda: storage.delete(lama))
    b, a = audit.changes(before, _materi_snapshot(materi))
    audit.record(actor=pelaku, action="update", obj=materi, before=b, after=a)
    return materi


@transaction.atomic
def materi_set_terbit(*, pelaku, materi: MateriSosialisasi, terbit: bool) -> MateriSosialisasi:
    """Publish or unpublish a material (an unpublished one leaves the portal at once)."""
    if not izin.dapat_kelola_materi(pelaku, materi):
        raise Http404
    if materi.terbit != bool(terbit):
        materi.terbit = bool(terbit)
        materi.save(update_fields=["terbit", "updated_at"])
        audit.record(
            actor=pelaku,
            action="update",
            obj=materi,
            before={"terbit": not materi.terbit},
            after={"terbit": materi.terbit},
        )
    return materi


def materi_unduhan_catat(*, materi: MateriSosialisasi, wilayah_id: str | None) -> None:
    """Count one download in the aggregate row of (material, region, local day), with F() so
    that concurrent downloads never lose a count. A counter, not an audited change: it holds
    no personal data and is written by anonymous visitors."""
    from django.db import IntegrityError
    from django.db.models import F

    from sinergi.core import waktu

    hari = waktu.hari_ini("WIB")
    kunci = {"materi_id": materi.pk, "wilayah_id": wilayah_id, "tanggal": hari}
    with transaction.atomic():
        MateriSosialisasi.objects.filter(pk=materi.pk).update(
            jumlah_unduhan=F("jumlah_unduhan") + 1
        )
        if UnduhanMateri.objects.filter(**kunci).update(jumlah=F("jumlah") + 1):
            return
        try:
            with transaction.atomic():
                UnduhanMateri.objects.create(**kunci, jumlah=1)
        except IntegrityError:
            UnduhanMateri.objects.filter(**kunci).update(jumlah=F("jumlah") + 1)


# --- Outgoing webhooks ----------------------------------------------------------------------
# What an audit row says instead of a signing secret: the secret itself is never stored there.
RAHASIA_TERSAMAR = "********"
PERISTIWA_UJI = "ping"


def _rahasia_baru() -> str:
    import secrets

    return secrets.token_urlsafe(32)  # 43 characters


def _ip_literal(host: str):
    """The address when `host` is an IP literal (also the short and numeric IPv4 forms that
    the resolver accepts, e.g. 127.1 or 2130706433); None for a name."""
    import ipaddress
    import socket

    try:
        alamat = ipaddress.ip_address(host)
    except ValueError:
        if not re.fullmatch(r"[0-9a-fA-Fx.]+", host) or not any(c.isdigit() for c in host):
            return None
        try:
            return ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return None
    if isinstance(alamat, ipaddress.IPv6Address) and alamat.ipv4_mapped:
        return alamat.ipv4_mapped
    return alamat


def webhook_periksa_url(url: str) -> str:
    """The address, stripped, when a webhook may call it: https, a host name that is not
    localhost, and no IP literal in a loopback, private, link-local or reserved range."""
    from urllib.parse import urlsplit

    from django.core.validators import URLValidator

    url = (url or "").strip()
    if not url:
        raise ValidationError({"url": _("Enter the webhook address.")})
    if len(url) > 500:
        raise ValidationError({"url": _("The address may have at most 500 characters.")})
    if not url.lower().startswith("https://"):
        raise ValidationError({"url": _("The webhook address must start with https://.")})
    try:
        bagian = urlsplit(url)
        host = (bagian.hostname or "").rstrip(".").lower()
        bagian.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        host = ""
    if not host:
        raise ValidationError({"url": _("Enter a valid address, e.g. https://contoh.go.id/hook.")})
    if host == "localhost" or host.endswith(".localhost"):
        raise ValidationError(
            {"url": _("The address may not point to this server (localhost); use a public one.")}
        )
    alamat = _ip_literal(host.strip("[]"))
    if alamat is not None:
        if not alamat_publik(alamat):
            raise ValidationError(
                {
                    "url": _(
                        "The address may not be a loopback, private, link-local or reserved "
                        "IP address (%(ip)s); use a public address."
                    )
                    % {"ip": alamat}
                }
            )
        return url
    try:
        URLValidator(schemes=["https"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": _("Enter a valid address, e.g. https://contoh.go.id/hook.")}
        ) from None
    return url


def _webhook_jejak(w) -> dict:
    """A webhook for the audit trail, its secret masked."""
    return {
        "lembaga": w.lembaga_id,
        "url": w.url,
        "is_active": w.is_active,
        "rahasia": RAHASIA_TERSAMAR,
    }


def _webhook_url_unik(*, lembaga_id: int, url: str, kecuali: int | None = None) -> None:
    from sinergi.komunikasi.models import Webhook

    if Webhook.objects.filter(lembaga_id=lembaga_id, url=url).exclude(pk=kecuali).exists():
        raise ValidationError(
            {"url": _("This organization already has a webhook at this address.")}
        )


@transaction.atomic
def webhook_create(*, pelaku, url: str, lembaga_id: int | None = None):
    """Add a webhook for `lembaga_id` (default: the actor's organization); the server makes
    the signing secret. Returns (webhook, secret): the only time the secret is given out."""
    from sinergi.komunikasi.models import Webhook

    if not izin.dapat_kelola_webhook(pelaku):
        raise Http404
    if lembaga_id is None:
        lembaga_id = pelaku.lembaga_id
    if lembaga_id is None:
        raise ValidationError({"lembaga": _("Choose the organization.")})
    if not selectors.lembaga_webhook_pilihan(pengguna=pelaku).filter(pk=lembaga_id).exists():
        raise Http404
    url = webhook_periksa_url(url)
    _webhook_url_unik(lembaga_id=lembaga_id, url=url)
    rahasia = _rahasia_baru()
    w = Webhook(lembaga_id=lembaga_id, url=url, rahasia=rahasia, is_active=True)
    w.full_clean()
    w.save()
    audit.record(actor=pelaku, action="create", obj=w, after=_webhook_jejak(w))
    return w, rahasia


@transaction.atomic
def webhook_ubah(*, pelaku, webhook, url: str | None = None, is_active: bool | None = None):
    """Change a webhook's address and/or switch it on or off."""
    if not izin.dapat_kelola_webhook(pelaku, webhook.lembaga_id):
        raise Http404
    sebelum = _webhook_jejak(webhook)
    if url is not None:
        webhook.url = webhook_periksa_url(url)
        _webhook_url_unik(lembaga_id=webhook.lembaga_id, url=webhook.url, kecuali=webhook.pk)
    if is_active is not None:
        webhook.is_active = is_active
    before, after = audit.changes(sebelum, _webhook_jejak(webhook))
    if not after:
        return webhook
    webhook.save(update_fields=["url", "is_active"])
    audit.record(actor=pelaku, action="update", obj=webhook, before=before, after=after)
    return webhook


@transaction.atomic
def webhook_rotasi(*, pelaku, webhook) -> str:
    """Replace the signing secret; returns the new one (the only time it is given out)."""
    if not izin.dapat_kelola_webhook(pelaku, webhook.lembaga_id):
        raise Http404
    webhook.rahasia = _rahasia_baru()
    webhook.save(update_fields=["rahasia"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=webhook,
        before={"rahasia": RAHASIA_TERSAMAR},
        after={"rahasia": RAHASIA_TERSAMAR},
        note="webhook signing secret rotated",
    )
    return webhook.rahasia


@transaction.atomic
def webhook_hapus(*, pelaku, webhook) -> None:
    """Delete a webhook with its delivery log."""
    if not izin.dapat_kelola_webhook(pelaku, webhook.lembaga_id):
        raise Http404
    sebelum = _webhook_jejak(webhook)
    pk = webhook.pk
    audit.record(actor=pelaku, action="delete", obj=webhook, before=sebelum)
    webhook.delete()
    webhook.pk = pk


@transaction.atomic
def webhook_uji(*, pelaku, webhook):
    """Queue a signed `ping` call through the ordinary delivery path (log, retries)."""
    from sinergi.komunikasi import tasks
    from sinergi.komunikasi.models import PengirimanWebhook

    if not izin.dapat_kelola_webhook(pelaku, webhook.lembaga_id):
        raise Http404
    log = PengirimanWebhook.objects.create(
        webhook=webhook,
        peristiwa=PERISTIWA_UJI,
        payload={
            "peristiwa": PERISTIWA_UJI,
            "webhook": webhook.pk,
            "lembaga": webhook.lembaga.nama,
            "waktu": timezone.now().isoformat(),
            "pesan": "Uji webhook Sinergi",
        },
    )
    audit.record(
        actor=pelaku,
        action="create",
        obj=log,
        after={"webhook": webhook.pk, "peristiwa": PERISTIWA_UJI},
        note="webhook test queued",
    )
    tasks.jadwalkan(tasks.kirim_webhook, log.pk)
    return log


@transaction.atomic
def pengiriman_webhook_ulang(*, pelaku, pengiriman):
    """Queue a failed delivery again (one more attempt, with the usual retries after it)."""
    from sinergi.komunikasi import tasks
    from sinergi.komunikasi.models import PengirimanWebhook

    if not izin.dapat_kelola_webhook(pelaku, pengiriman.webhook.lembaga_id):
        raise Http404
    if pengiriman.status != PengirimanWebhook.Status.GAGAL:
        raise ValidationError(_("Only a failed delivery can be retried."))
    pengiriman.status = PengirimanWebhook.Status.MENUNGGU
    pengiriman.save(update_fields=["status"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=pengiriman,
        before={"status": PengirimanWebhook.Status.GAGAL, "percobaan": pengiriman.percobaan},
        after={"status": PengirimanWebhook.Status.MENUNGGU},
        note="webhook delivery retried",
    )
    tasks.jadwalkan(tasks.kirim_webhook, pengiriman.pk)
    return pengiriman
