"""Every write to events: plan, change, cancel, invite, RSVP, check in, keep the record.

Each service validates everything first (`full_clean`), checks permission with
`sinergi.kegiatan.izin`, and writes with its audit rows in one transaction, so nothing is ever
half-saved. A user who may not run an event gets Http404, as if it did not exist.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from sinergi.akses import services as akses_services
from sinergi.akses.models import JenisPercobaan
from sinergi.akses.services import BatasPercobaan
from sinergi.core import audit, waktu
from sinergi.kegiatan import izin, selectors
from sinergi.kegiatan.choices import CaraHadir, PeranUndangan, StatusKegiatan, StatusRSVP
from sinergi.kegiatan.models import (
    Kegiatan,
    Kehadiran,
    Keputusan,
    Materi,
    Pernyataan,
    Undangan,
)

KEGIATAN_FIELDS = [
    "jenis",
    "judul",
    "wilayah",
    "tempat",
    "alamat",
    "lintang",
    "bujur",
    "tautan_daring",
    "mulai",
    "selesai",
    "sasaran",
    "kerahasiaan",
    "deskripsi",
    "agenda",
    "notulen",
    "siaran_pers",
]
M2M_FIELDS = ["tahapan", "regulasi", "penyelenggara_bersama"]
# Self check-in with the event's code opens this long before the start and closes after the end.
BUKA_SEBELUM = dt.timedelta(hours=2)
TUTUP_SESUDAH = dt.timedelta(hours=1)
ALFABET_KODE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a hall
# 8 of 32 characters: 2^40 codes. With the throttle below, a guesser gets ~2,900 tries a day
# per IP address; even with 100,000 events stored, hitting any code takes ~11 million tries on
# average (about ten years from one address). Six characters (2^30) took ~11,000 tries.
PANJANG_KODE = 8


# Wrong codes per signed-in user and per IP address in 15 minutes; the IP limit leaves room
# for a hall of people mistyping behind one venue Wi-Fi (NAT).
BATAS_KODE_HADIR = BatasPercobaan(
    JenisPercobaan.KODE_HADIR, per_kunci=10, per_ip=30, jendela=dt.timedelta(minutes=15)
)


def _kode_hadir() -> str:
    return "".join(secrets.choice(ALFABET_KODE) for _ in range(PANJANG_KODE))


def _aware(value: dt.datetime | None, zona: str) -> dt.datetime | None:
    """A naive wall-clock time is read in the region's zone; aware times are kept."""
    if value is None:
        return None
    return waktu.dari_lokal(value, zona)


def _validasi(
    kegiatan: Kegiatan, *, pelaku, cek_naungan: bool = False, bersama_baru: Iterable = ()
) -> None:
    """Fields and the rules of who plans what where. `cek_naungan` (a new event, or a new
    region) checks that the organizer's region covers the event's; `bersama_baru` are the
    co-organizers being added, each of which must lie in the actor's scope."""
    errors: dict[str, list[str]] = {}
    try:
        kegiatan.full_clean(exclude=["kode_hadir"], validate_constraints=False)
    except ValidationError as exc:
        errors = dict(exc.message_dict)
    if kegiatan.mulai and kegiatan.selesai and kegiatan.selesai <= kegiatan.mulai:
        errors.setdefault("selesai", []).append(_("The end must be after the start."))
    if not kegiatan.tempat.strip() and not kegiatan.tautan_daring.strip():
        errors.setdefault("tempat", []).append(_("Give a venue, an online link, or both."))
    if (kegiatan.lintang is None) != (kegiatan.bujur is None):
        errors.setdefault("lintang", []).append(_("Give both latitude and longitude, or neither."))
    if kegiatan.wilayah_id and not izin.dapat_buat_di(pelaku, kegiatan.wilayah_id):
        errors.setdefault("wilayah", []).append(
            _("This region is outside your area; you can only plan events in your own region.")
        )
    if (
        cek_naungan
        and "wilayah" not in errors
        and kegiatan.penyelenggara_id
        and kegiatan.wilayah_id
        and not izin.menaungi(kegiatan.penyelenggara, kegiatan.wilayah_id)
    ):
        errors.setdefault("wilayah", []).append(
            _("This region is outside the area of the organizer (%(lembaga)s).")
            % {"lembaga": kegiatan.penyelenggara.nama}
        )
    for lembaga in bersama_baru:
        if not izin.dapat_pilih_lembaga(pelaku, lembaga):
            errors.setdefault("penyelenggara_bersama", []).append(
                _("Co-organizers must be organizations within your area; %(lembaga)s is not.")
                % {"lembaga": lembaga.nama}
            )
    if kegiatan.status == StatusKegiatan.DIBATALKAN and not kegiatan.alasan_batal.strip():
        errors.setdefault("alasan_batal", []).append(_("Say why the event is cancelled."))
    if errors:
        raise ValidationError(errors)


def _lembaga_list(values: Iterable) -> list:
    """Organizations given as objects or ids (ids of inactive or unknown ones are dropped:
    the API and the forms resolve them through `pemangku.selectors.lembaga_pilih_banyak`)."""
    from sinergi.pemangku.models import Lembaga

    ids = [getattr(v, "pk", v) for v in values]
    return list(Lembaga.objects.filter(pk__in=ids, is_active=True))


def _set_m2m(kegiatan: Kegiatan, m2m: dict[str, Any]) -> None:
    for name, values in m2m.items():
        if values is not None:
            getattr(kegiatan, name).set(list(values))


def _snapshot(kegiatan: Kegiatan) -> dict:
    data = audit.snapshot(kegiatan)
    if kegiatan.pk:
        data["tahapan"] = sorted(kegiatan.tahapan.values_list("pk", flat=True))
        data["regulasi"] = sorted(kegiatan.regulasi.values_list("pk", flat=True))
        data["penyelenggara_bersama"] = sorted(
            kegiatan.penyelenggara_bersama.values_list("pk", flat=True)
        )
    return data


@transaction.atomic
def kegiatan_create(
    *,
    pelaku,
    jenis: str,
    judul: str,
    wilayah,
    mulai: dt.datetime,
    selesai: dt.datetime,
    penyelenggara=None,
    penyelenggara_bersama: Iterable = (),
    tahapan: Iterable = (),
    regulasi: Iterable = (),
    **fields: Any,
) -> Kegiatan:
    """Plan an event. Naive `mulai`/`selesai` are the region's local time (WIB/WITA/WIT)."""
    if not izin.dapat_buat(pelaku):
        raise Http404
    unknown = set(fields) - set(KEGIATAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if penyelenggara is None:
        penyelenggara = pelaku.lembaga
    elif penyelenggara.pk != pelaku.lembaga_id:
        if not (izin.rules.is_system_admin(pelaku) or izin.rules.is_pimpinan(pelaku)):
            raise ValidationError(
                {"penyelenggara": [_("You can only plan events of your own organization.")]}
            )
        if not izin.dapat_pilih_lembaga(pelaku, penyelenggara):
            raise ValidationError(
                {"penyelenggara": [_("The organizer must be an organization within your area.")]}
            )
    penyelenggara_bersama = _lembaga_list(penyelenggara_bersama)
    zona = getattr(wilayah, "zona_waktu", None) or "WIB"
    kegiatan = Kegiatan(
        jenis=jenis,
        judul=judul,
        wilayah=wilayah,
        penyelenggara=penyelenggara,
        mulai=_aware(mulai, zona),
        selesai=_aware(selesai, zona),
        zona_waktu=zona,
        dibuat_oleh=pelaku if getattr(pelaku, "pk", None) else None,
        kode_hadir=_kode_hadir(),
        **fields,
    )
    _validasi(kegiatan, pelaku=pelaku, cek_naungan=True, bersama_baru=penyelenggara_bersama)
    while Kegiatan.objects.filter(kode_hadir=kegiatan.kode_hadir).exists():
        kegiatan.kode_hadir = _kode_hadir()
    kegiatan.save()
    _set_m2m(
        kegiatan,
        {"tahapan": tahapan, "regulasi": regulasi, "penyelenggara_bersama": penyelenggara_bersama},
    )
    audit.record(actor=pelaku, action="create", obj=kegiatan, after=_snapshot(kegiatan))
    _jadwalkan_pengingat(kegiatan)
    return kegiatan


@transaction.atomic
def kegiatan_update(*, pelaku, kegiatan: Kegiatan, **perubahan: Any) -> Kegiatan:
    """Change the given fields. Naive times are the (possibly new) region's local time."""
    unknown = set(perubahan) - set(KEGIATAN_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    kegiatan = Kegiatan.objects.select_for_update().get(pk=kegiatan.pk)
    before = _snapshot(kegiatan)
    m2m = {k: perubahan.pop(k) for k in M2M_FIELDS if k in perubahan}
    pindah = "wilayah" in perubahan and (
        getattr(perubahan["wilayah"], "pk", perubahan["wilayah"]) != kegiatan.wilayah_id
    )
    if pindah and not izin.dapat_pindah_wilayah(
        pelaku, kegiatan, getattr(perubahan["wilayah"], "pk", None)
    ):
        raise ValidationError(
            {"wilayah": [_("Only the organizer can move this event to another region.")]}
        )
    bersama_baru = []
    if m2m.get("penyelenggara_bersama") is not None:
        bersama = _lembaga_list(m2m["penyelenggara_bersama"])
        lama = set(before["penyelenggara_bersama"])
        if {lem.pk for lem in bersama} != lama and not izin.pihak_penyelenggara(pelaku, kegiatan):
            raise ValidationError(
                {"penyelenggara_bersama": [_("Only the organizer can change the co-organizers.")]}
            )
        bersama_baru = [lem for lem in bersama if lem.pk not in lama]
        m2m["penyelenggara_bersama"] = bersama
    for name, value in perubahan.items():
        setattr(kegiatan, name, value)
    if "wilayah" in perubahan:
        kegiatan.zona_waktu = kegiatan.wilayah.zona_waktu or "WIB"
    kegiatan.mulai = _aware(kegiatan.mulai, kegiatan.zona_waktu)
    kegiatan.selesai = _aware(kegiatan.selesai, kegiatan.zona_waktu)
    _validasi(kegiatan, pelaku=pelaku, cek_naungan=pindah, bersama_baru=bersama_baru)
    kegiatan.save()
    _set_m2m(kegiatan, m2m)
    sebelum, sesudah = audit.changes(before, _snapshot(kegiatan))
    if sesudah:
        audit.record(actor=pelaku, action="update", obj=kegiatan, before=sebelum, after=sesudah)
    if "mulai" in perubahan:
        _jadwalkan_pengingat(kegiatan)
    return kegiatan


@transaction.atomic
def kegiatan_cancel(*, pelaku, kegiatan: Kegiatan, alasan: str) -> Kegiatan:
    """Cancel an event, with the reason (shown to invitees and on the calendar)."""
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    if not (alasan or "").strip():
        raise ValidationError({"alasan_batal": [_("Say why the event is cancelled.")]})
    if kegiatan.status == StatusKegiatan.DIBATALKAN:
        raise ValidationError({"status": [_("This event is already cancelled.")]})
    before = audit.snapshot(kegiatan, ["status", "alasan_batal"])
    kegiatan.status = StatusKegiatan.DIBATALKAN
    kegiatan.alasan_batal = alasan.strip()
    kegiatan.save(update_fields=["status", "alasan_batal", "updated_at"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=kegiatan,
        before=before,
        after=audit.snapshot(kegiatan, ["status", "alasan_batal"]),
        note="cancel",
    )
    return kegiatan


@transaction.atomic
def kegiatan_tandai_terlaksana(*, pelaku, kegiatan: Kegiatan) -> Kegiatan:
    """Mark a planned event as held (after it started)."""
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    if kegiatan.status == StatusKegiatan.DIBATALKAN:
        raise ValidationError({"status": [_("A cancelled event cannot be marked as held.")]})
    if kegiatan.mulai > timezone.now():
        raise ValidationError({"status": [_("The event has not started yet.")]})
    if kegiatan.status != StatusKegiatan.TERLAKSANA:
        kegiatan.status = StatusKegiatan.TERLAKSANA
        kegiatan.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=pelaku,
            action="update",
            obj=kegiatan,
            before={"status": StatusKegiatan.DIRENCANAKAN},
            after={"status": StatusKegiatan.TERLAKSANA},
            note="held",
        )
        _jadwalkan_laporan(kegiatan)
    return kegiatan


def _jadwalkan_laporan(kegiatan: Kegiatan) -> None:
    """Queue the event report PDF (after this transaction), so that it is ready to download."""
    from sinergi.kegiatan import tasks

    pk = kegiatan.pk
    transaction.on_commit(lambda: tasks.jadwalkan(tasks.buat_laporan, pk))


# --- Invitations -------------------------------------------------------------------------------
def _undangan_baru(kegiatan: Kegiatan, lembaga, kontak, peran: str, **extra) -> Undangan:
    u = Undangan(
        kegiatan=kegiatan,
        lembaga=lembaga,
        kontak=kontak,
        peran=peran,
        nama=extra.get("nama") or (kontak.nama if kontak else ""),
        jabatan=extra.get("jabatan") or (kontak.jabatan if kontak else ""),
        unit=extra.get("unit") or (kontak.unit if kontak else ""),
        email=extra.get("email") or (kontak.email if kontak else ""),
        token=secrets.token_urlsafe(24),
    )
    return u


def _undangan_ke_kotak_masuk(kegiatan: Kegiatan, lembaga_ids: list[int]) -> None:
    """After the commit, the invited organizations' members find it in their inbox."""
    from sinergi.komunikasi.services import notifikasi_undangan

    transaction.on_commit(lambda: notifikasi_undangan(kegiatan.pk, lembaga_ids), robust=True)


def _cek_bisa_undang(kegiatan: Kegiatan) -> None:
    if kegiatan.status == StatusKegiatan.DIBATALKAN:
        raise ValidationError({"kegiatan": [_("This event was cancelled.")]})


@transaction.atomic
def undangan_massal(
    *,
    pelaku,
    kegiatan: Kegiatan,
    jenis: str,
    wilayah: str,
    tingkat: str | None = None,
    unit: str = "",
    peran: str = PeranUndangan.PESERTA,
) -> list[Undangan]:
    """Invite every organization of a type in a region (one invitation each, to the contact
    whose unit or position matches `unit`); organizations already invited are skipped."""
    from sinergi.kegiatan.selectors import sasaran_undangan

    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    _cek_bisa_undang(kegiatan)
    if peran not in PeranUndangan.values:
        raise ValidationError({"peran": [_("Unknown invitation role.")]})
    sudah = set(Undangan.objects.filter(kegiatan=kegiatan).values_list("lembaga_id", flat=True))
    baru = [
        _undangan_baru(kegiatan, lembaga, kontak, peran)
        for lembaga, kontak in sasaran_undangan(
            pengguna=pelaku, jenis=jenis, wilayah=wilayah, tingkat=tingkat, unit=unit
        )
        if lembaga.pk not in sudah
    ]
    Undangan.objects.bulk_create(baru)
    if baru:
        audit.record(
            actor=pelaku,
            action="create",
            object_type="kegiatan.undangan",
            object_id=str(kegiatan.pk),
            after={"jenis": jenis, "wilayah": wilayah, "unit": unit, "jumlah": len(baru)},
            note=f"bulk invitation to {kegiatan}"[:500],
        )
        _undangan_ke_kotak_masuk(kegiatan, [u.lembaga_id for u in baru])
    return baru


@transaction.atomic
def undangan_create(
    *,
    pelaku,
    kegiatan: Kegiatan,
    lembaga=None,
    kontak=None,
    peran: str = PeranUndangan.PESERTA,
    nama: str = "",
    jabatan: str = "",
    email: str = "",
) -> Undangan:
    """Invite one contact person (or an organization, naming a person by hand)."""
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    _cek_bisa_undang(kegiatan)
    if kontak is not None:
        from sinergi.pemangku import izin as pemangku_izin

        if not kontak.is_active or not pemangku_izin.dapat_lihat_kontak(pelaku, kontak.lembaga):
            raise ValidationError({"kontak": [_("Contact not found.")]})
        lembaga = kontak.lembaga
    if lembaga is None:
        raise ValidationError({"lembaga": [_("Choose an organization or a contact.")]})
    u = _undangan_baru(kegiatan, lembaga, kontak, peran, nama=nama, jabatan=jabatan, email=email)
    u.full_clean(exclude=["token"], validate_constraints=False)
    ada = Undangan.objects.filter(kegiatan=kegiatan, lembaga=lembaga, kontak=kontak)
    if ada.exists():
        raise ValidationError({"kontak": [_("This person or organization is already invited.")]})
    u.save()
    audit.record(
        actor=pelaku,
        action="create",
        obj=u,
        after=audit.snapshot(u, ["lembaga", "kontak", "nama", "peran"]),
    )
    _undangan_ke_kotak_masuk(kegiatan, [lembaga.pk])
    return u


@transaction.atomic
def undangan_delete(*, pelaku, undangan: Undangan) -> None:
    if not izin.dapat_kelola(pelaku, undangan.kegiatan):
        raise Http404
    if hasattr(undangan, "kehadiran"):
        raise ValidationError(
            {"undangan": [_("This invitee has checked in; keep the invitation.")]}
        )
    audit.record(
        actor=pelaku,
        action="delete",
        obj=undangan,
        before=audit.snapshot(undangan, ["lembaga", "kontak", "nama"]),
    )
    undangan.delete()


@transaction.atomic
def rsvp(*, token: str, jawaban: str, catatan: str = "") -> Undangan:
    """The invitee answers through their personal link (no login); closed once the event ends
    or when it is cancelled."""
    from sinergi.kegiatan.selectors import undangan_by_token

    u = undangan_by_token(token)
    u = Undangan.objects.select_for_update().select_related("kegiatan").get(pk=u.pk)
    k = u.kegiatan
    if jawaban not in {StatusRSVP.HADIR, StatusRSVP.TIDAK}:
        raise ValidationError({"jawaban": [_("Answer 'hadir' or 'tidak'.")]})
    if k.status == StatusKegiatan.DIBATALKAN:
        raise ValidationError({"jawaban": [_("This event was cancelled.")]})
    if timezone.now() >= k.selesai:
        raise ValidationError(
            {"jawaban": [_("This event has already taken place; answers are closed.")]}
        )
    before = audit.snapshot(u, ["rsvp", "catatan_rsvp"])
    u.rsvp = jawaban
    u.catatan_rsvp = (catatan or "")[:300]
    u.rsvp_at = timezone.now()
    u.save(update_fields=["rsvp", "catatan_rsvp", "rsvp_at", "updated_at"])
    audit.record(
        actor=None,
        action="update",
        obj=u,
        before=before,
        after=audit.snapshot(u, ["rsvp", "catatan_rsvp"]),
        note="rsvp",
    )
    return u


# --- Attendance --------------------------------------------------------------------------------
def _normal(teks: str) -> str:
    teks = unicodedata.normalize("NFKC", teks or "").casefold()
    return re.sub(r"\s+", " ", teks).strip()


def _catat_hadir(kegiatan: Kegiatan, *, kunci: str, pelaku, **data) -> tuple[Kehadiran, bool]:
    """Create the attendance row unless it exists; returns (row, created)."""
    ada = Kehadiran.objects.filter(kegiatan=kegiatan, kunci=kunci).first()
    if ada is not None:
        return ada, False
    try:
        with transaction.atomic():
            row = Kehadiran.objects.create(
                kegiatan=kegiatan, kunci=kunci, waktu=timezone.now(), **data
            )
    except IntegrityError:  # a parallel request won the race: same person, one record
        return Kehadiran.objects.get(kegiatan=kegiatan, kunci=kunci), False
    audit.record(
        actor=pelaku,
        action="create",
        obj=row,
        after=audit.snapshot(row, ["kegiatan", "undangan", "nama", "instansi", "cara", "waktu"]),
    )
    return row, True


def _cek_tidak_batal(kegiatan: Kegiatan) -> None:
    if kegiatan.status == StatusKegiatan.DIBATALKAN:
        raise ValidationError({"kode": [_("This event was cancelled; check-in is closed.")]})


def _dari_undangan(undangan: Undangan) -> dict:
    lembaga = undangan.lembaga
    return {
        "undangan": undangan,
        "lembaga": lembaga,
        "nama": undangan.nama or undangan.jabatan or lembaga.nama,
        "instansi": lembaga.nama,
        "jabatan": undangan.jabatan,
    }


def _hadir_undangan(kegiatan, undangan, *, pelaku, cara: str, nama: str = "", **lain):
    """Check in under an invitation: one record per invitation, whoever records it."""
    data = _dari_undangan(undangan)
    if nama:
        data["nama"] = nama
    data.update(lain)
    return _catat_hadir(
        kegiatan, kunci=f"u{undangan.pk}", pelaku=pelaku, cara=cara, dicatat_oleh=pelaku, **data
    )


def token_dari_pindaian(teks: str) -> str:
    """The invitation token from what a scanner typed: the whole URL or the token alone."""
    teks = (teks or "").strip().rstrip("/")
    return teks.rsplit("/", 1)[-1]


@transaction.atomic
def hadir_qr(*, pelaku, kegiatan: Kegiatan, token: str) -> tuple[Kehadiran, bool]:
    """The operator scans an invitee's QR code at this event; twice gives the same record."""
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    _cek_jendela(kegiatan)
    token = token_dari_pindaian(token)
    undangan = (
        Undangan.objects.select_related("kegiatan", "lembaga").filter(token=token).first()
        if token
        else None
    )
    if undangan is None:
        raise ValidationError({"kode": [_("This QR code is not a Sinergi invitation.")]})
    if undangan.kegiatan_id != kegiatan.pk:
        raise ValidationError(
            {
                "kode": [
                    _("This QR code belongs to another event (%(judul)s).")
                    % {"judul": undangan.kegiatan.judul}
                ]
            }
        )
    return _hadir_undangan(kegiatan, undangan, pelaku=pelaku, cara=CaraHadir.QR)


@transaction.atomic
def hadir_manual(
    *,
    pelaku,
    kegiatan: Kegiatan,
    undangan: Undangan | None = None,
    nama: str = "",
    instansi: str = "",
    jabatan: str = "",
    lembaga=None,
) -> tuple[Kehadiran, bool]:
    """The operator checks someone in: an invitee from the list, or a walk-in by name (while
    check-in is open, the same window as self check-in)."""
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    _cek_jendela(kegiatan)
    if undangan is not None:
        if undangan.kegiatan_id != kegiatan.pk:
            raise Http404
        return _hadir_undangan(kegiatan, undangan, pelaku=pelaku, cara=CaraHadir.MANUAL)
    return _hadir_tamu(
        kegiatan,
        pelaku=pelaku,
        cara=CaraHadir.MANUAL,
        nama=nama,
        instansi=instansi,
        jabatan=jabatan,
        lembaga=lembaga,
    )


def _hadir_tamu(kegiatan, *, pelaku, cara, nama, instansi, jabatan, lembaga=None):
    nama, instansi, jabatan = (
        (nama or "").strip(),
        (instansi or "").strip(),
        (jabatan or "").strip(),
    )
    if lembaga is not None and not instansi:
        instansi = lembaga.nama
    errors = {}
    if not nama:
        errors["nama"] = [_("This field is required.")]
    if not instansi:
        errors["instansi"] = [_("This field is required.")]
    if len(nama) > 150:
        errors["nama"] = [_("At most %(n)s characters.") % {"n": 150}]
    if len(instansi) > 200:
        errors["instansi"] = [_("At most %(n)s characters.") % {"n": 200}]
    if len(jabatan) > 150:
        errors["jabatan"] = [_("At most %(n)s characters.") % {"n": 150}]
    if errors:
        raise ValidationError(errors)
    return _catat_hadir(
        kegiatan,
        kunci=f"w{_normal(nama)}|{_normal(instansi)}"[:400],
        pelaku=pelaku,
        cara=cara,
        nama=nama,
        instansi=instansi,
        jabatan=jabatan,
        lembaga=lembaga,
        dicatat_oleh=pelaku if getattr(pelaku, "pk", None) else None,
    )


def _kunci_pengguna(pengguna) -> str | None:
    return f"user:{pengguna.pk}" if getattr(pengguna, "is_authenticated", False) else None


def tanda_hadir(kode: str) -> str:
    """The mark the venue's QR link carries beside the code: an HMAC of the code under the
    site's secret, so only someone who read the QR (or the organizer's page) can have it."""
    return salted_hmac("sinergi.kegiatan.hadir", kode, algorithm="sha256").hexdigest()[:24]


def hadir_mandiri(
    *,
    kode: str,
    nama: str,
    instansi: str,
    jabatan: str = "",
    tanda: str = "",
    ip: str | None = None,
    pengguna=None,
) -> tuple[Kehadiran, bool]:
    """A walk-in checks themself in with the event's code (no login), while check-in is open:
    from two hours before the start until an hour after the end.

    Wrong codes are counted per IP address and per signed-in user (`akses` failed attempts,
    in the database); past the limit every code is refused for a while, the right one too,
    so that codes cannot be guessed. Not in a transaction: a refusal must keep its count.

    A hall of people shares one venue Wi-Fi address, so one person typing wrong codes could
    lock everyone out. A check-in from the QR link carries `tanda`, which proves the code was
    read, not guessed: it is let through the lock (it reveals nothing a guesser could use).
    """
    kunci = _kunci_pengguna(pengguna)
    kode = re.sub(r"[\s-]+", "", kode or "").upper()
    dari_qr = bool(kode and tanda) and constant_time_compare(tanda, tanda_hadir(kode))
    if not dari_qr and akses_services.percobaan_terkunci(BATAS_KODE_HADIR, kunci=kunci, ip=ip):
        raise ValidationError(
            {
                "kode": [
                    _(
                        "Too many wrong check-in codes. For security, self check-in from this "
                        "device is paused for 15 minutes; ask the organizer at the desk to check "
                        "you in."
                    )
                ]
            }
        )
    kegiatan = Kegiatan.objects.filter(kode_hadir=kode).first() if kode else None
    if kegiatan is None:
        akses_services.percobaan_gagal_catat(BATAS_KODE_HADIR, kunci=kunci, ip=ip)
        raise ValidationError(
            {"kode": [_("This check-in code is not valid. Check it with the organizer.")]}
        )
    return _hadir_mandiri_catat(kegiatan, nama=nama, instansi=instansi, jabatan=jabatan)


@transaction.atomic
def _hadir_mandiri_catat(kegiatan: Kegiatan, *, nama: str, instansi: str, jabatan: str):
    _cek_jendela(kegiatan)
    return _hadir_tamu(
        kegiatan, pelaku=None, cara=CaraHadir.KODE, nama=nama, instansi=instansi, jabatan=jabatan
    )


def _cek_jendela(kegiatan: Kegiatan) -> None:
    """Check-in (self or at the desk) is open from two hours before the start to an hour after
    the end."""
    _cek_tidak_batal(kegiatan)
    now = timezone.now()
    if now < kegiatan.mulai - BUKA_SEBELUM:
        raise ValidationError(
            {
                "kode": [
                    _("Check-in for this event opens at %(waktu)s.")
                    % {
                        "waktu": waktu.format_lokal(
                            kegiatan.mulai - BUKA_SEBELUM, kegiatan.zona_waktu
                        )
                    }
                ]
            }
        )
    if now > kegiatan.selesai + TUTUP_SESUDAH:
        raise ValidationError(
            {
                "kode": [
                    _("This check-in code has expired: check-in closed at %(waktu)s.")
                    % {
                        "waktu": waktu.format_lokal(
                            kegiatan.selesai + TUTUP_SESUDAH, kegiatan.zona_waktu
                        )
                    }
                ]
            }
        )


@transaction.atomic
def hadir_sendiri(*, pelaku, kegiatan: Kegiatan) -> tuple[Kehadiran, bool]:
    """A signed-in invitee checks themself in with one tap after scanning the event's QR code
    (while check-in is open); twice gives the same record. Not invited: refused."""
    _cek_jendela(kegiatan)
    undangan = selectors.undangan_pengguna(pengguna=pelaku, kegiatan=kegiatan)
    if undangan is None:
        raise ValidationError(
            {
                "kode": [
                    _(
                        "You are not on the invitation list of this event. Check in at the "
                        "desk or with the event's code."
                    )
                ]
            }
        )
    if undangan.email and undangan.email.lower() == (pelaku.email or "").lower():
        data = {"nama": undangan.nama or pelaku.nama}
    else:  # the organization's invitation: the row names who came (dicatat_oleh), not the contact
        data = {"nama": pelaku.nama or pelaku.email, "jabatan": ""}
    return _hadir_undangan(kegiatan, undangan, pelaku=pelaku, cara=CaraHadir.QR, **data)


@transaction.atomic
def kehadiran_batal(*, pelaku, kehadiran: Kehadiran) -> None:
    """The desk undoes a check-in recorded by mistake; the audit trail keeps what it was."""
    if not izin.dapat_kelola(pelaku, kehadiran.kegiatan):
        raise Http404
    audit.record(
        actor=pelaku,
        action="delete",
        obj=kehadiran,
        before=audit.snapshot(
            kehadiran, ["kegiatan", "undangan", "nama", "instansi", "cara", "waktu"]
        ),
    )
    kehadiran.delete()


@transaction.atomic
def kode_hadir_ganti(*, pelaku, kegiatan: Kegiatan) -> Kegiatan:
    """A new check-in code (the old one stops working), e.g. after it leaked."""
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    before = {"kode_hadir": kegiatan.kode_hadir}
    kode = _kode_hadir()
    while Kegiatan.objects.filter(kode_hadir=kode).exists():
        kode = _kode_hadir()
    kegiatan.kode_hadir = kode
    kegiatan.save(update_fields=["kode_hadir", "updated_at"])
    audit.record(
        actor=pelaku, action="update", obj=kegiatan, before=before, after={"kode_hadir": kode}
    )
    return kegiatan


# --- Record: statements, materials, decisions --------------------------------------------------
@transaction.atomic
def pernyataan_create(
    *, pelaku, kegiatan: Kegiatan, pembicara: str, isi: str, jabatan: str = "", lembaga=None
) -> Pernyataan:
    """Record who said what."""
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    urutan = kegiatan.pernyataan.count() + 1
    p = Pernyataan(
        kegiatan=kegiatan,
        pembicara=pembicara,
        isi=isi,
        jabatan=jabatan,
        lembaga=lembaga,
        urutan=urutan,
    )
    p.full_clean()
    p.save()
    audit.record(actor=pelaku, action="create", obj=p, after=audit.snapshot(p))
    return p


@transaction.atomic
def pernyataan_delete(*, pelaku, pernyataan: Pernyataan) -> None:
    if not izin.dapat_kelola(pelaku, pernyataan.kegiatan):
        raise Http404
    audit.record(actor=pelaku, action="delete", obj=pernyataan, before=audit.snapshot(pernyataan))
    pernyataan.delete()


@transaction.atomic
def materi_upload(*, pelaku, kegiatan: Kegiatan, judul: str, berkas) -> Materi:
    """Store a material after checking its size and its real type (by its first bytes)."""
    from sinergi.kegiatan.berkas import periksa_berkas

    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    jenis = periksa_berkas(berkas)
    m = Materi(
        kegiatan=kegiatan,
        judul=(judul or "").strip() or berkas.name[:200],
        nama_berkas=berkas.name[-200:],
        jenis_berkas=jenis,
        ukuran=berkas.size,
        berkas_id=uuid.uuid4().hex,
        diunggah_oleh=pelaku,
    )
    m.full_clean(exclude=["berkas"])
    berkas.seek(0)
    m.berkas.save(m.berkas_id, berkas, save=False)
    # Undo the stored file if the row cannot be written: nothing half-saved.
    transaction.on_commit(lambda: None)
    try:
        m.save()
    except Exception:
        m.berkas.delete(save=False)
        raise
    audit.record(
        actor=pelaku,
        action="create",
        obj=m,
        after=audit.snapshot(m, ["kegiatan", "judul", "nama_berkas", "jenis_berkas", "ukuran"]),
    )
    return m


@transaction.atomic
def materi_delete(*, pelaku, materi: Materi) -> None:
    if not izin.dapat_kelola(pelaku, materi.kegiatan):
        raise Http404
    audit.record(
        actor=pelaku,
        action="delete",
        obj=materi,
        before=audit.snapshot(materi, ["kegiatan", "judul", "nama_berkas"]),
    )
    berkas = materi.berkas
    materi.delete()
    transaction.on_commit(lambda: berkas.delete(save=False))


@transaction.atomic
def keputusan_create(
    *, pelaku, kegiatan: Kegiatan, uraian: str, pemilik, tenggat: dt.date | None = None
) -> Keputusan:
    """Record a decision and open its follow-up (tindak_lanjut) for the owner organization."""
    if not izin.dapat_kelola(pelaku, kegiatan):
        raise Http404
    k = Keputusan(kegiatan=kegiatan, uraian=uraian, pemilik=pemilik, tenggat=tenggat)
    k.full_clean()
    k.save()
    audit.record(actor=pelaku, action="create", obj=k, after=audit.snapshot(k))
    tl = _buat_tindak_lanjut(pelaku=pelaku, keputusan=k)
    if tl is not None:
        k.tindak_lanjut_id = tl.pk
        k.save(update_fields=["tindak_lanjut_id"])
    return k


def _buat_tindak_lanjut(*, pelaku, keputusan: Keputusan):
    """Open the follow-up through the tindak_lanjut service: owned by the decision's owner
    organization, due on its due date (else 30 days after the event, and at least two weeks
    from today), as confidential as the event, pointing back at the decision."""
    from sinergi.tindak_lanjut import izin as tl_izin
    from sinergi.tindak_lanjut import services as tl_services

    if not tl_izin.dapat_buat(pelaku, keputusan.pemilik):
        raise ValidationError(
            {"pemilik": [_("You cannot assign a follow-up to this organization.")]}
        )
    k = keputusan.kegiatan
    # Follow-ups are never due in the past: an old meeting's decision is due two weeks on.
    tenggat = keputusan.tenggat or max(
        waktu.ke_lokal(k.selesai, k.zona_waktu).date() + dt.timedelta(days=30),
        waktu.hari_ini(k.zona_waktu) + dt.timedelta(days=14),
    )
    judul = keputusan.uraian.strip().splitlines()[0]
    return tl_services.tindak_lanjut_create(
        pelaku=pelaku,
        judul=(judul[:197] + "...") if len(judul) > 200 else judul,
        uraian=keputusan.uraian,
        lembaga=keputusan.pemilik,
        tenggat_tanggal=tenggat,
        kerahasiaan=k.kerahasiaan,
        sumber=keputusan,
        sumber_label=f"{k.judul}"[:255],
    )


# --- Reminders -------------------------------------------------------------------------------
PENGINGAT_SEBELUM = dt.timedelta(days=1)


def _jadwalkan_pengingat(kegiatan: Kegiatan) -> None:
    """Queue the reminder e-mails for a day before the start (after this transaction)."""
    from sinergi.kegiatan import tasks

    kapan = kegiatan.mulai - PENGINGAT_SEBELUM
    if kegiatan.mulai <= timezone.now():
        return
    pk = kegiatan.pk
    transaction.on_commit(
        lambda: tasks.jadwalkan(tasks.kirim_pengingat, pk, run_after=max(kapan, timezone.now()))
    )
