"""Every write on follow-ups: validation, permission, audit.

Other apps attach a follow-up to anything of theirs by passing it as `sumber`:

    from sinergi.tindak_lanjut.services import tindak_lanjut_create
    tindak_lanjut_create(pelaku=user, sumber=keputusan, lembaga=polres, judul="…",
                         tenggat_tanggal=date(2024, 1, 15))

The first acknowledgement of a follow-up (explicit, or the owner's first update or status
change) sends `signals.tindak_lanjut_diakui` inside the transaction (kejadian listens).

Anything the actor may not see or do raises Http404 (nothing changes); bad input raises
ValidationError with a message per field.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.core import audit, waktu
from sinergi.core.models import Kerahasiaan
from sinergi.tindak_lanjut import izin
from sinergi.tindak_lanjut.berkas import periksa_berkas
from sinergi.tindak_lanjut.choices import (
    STATUS_AKTIF,
    TRANSISI,
    AlasanEskalasi,
    Prioritas,
    StatusTindakLanjut,
)
from sinergi.tindak_lanjut.models import PembaruanTindakLanjut, TindakLanjut
from sinergi.tindak_lanjut.signals import tindak_lanjut_diakui

# Escalate to the parent organization when a follow-up is overdue by more than this, or not
# acknowledged this long after it was assigned. Override with TINDAK_LANJUT_ESKALASI in
# settings (a dict with the same keys).
ESKALASI_BAWAAN = {
    "terlambat": datetime.timedelta(hours=24),
    "belum_diakui": datetime.timedelta(hours=48),
}
AKHIR_HARI = datetime.time(23, 59, 59)


def batas_eskalasi() -> dict[str, datetime.timedelta]:
    return {**ESKALASI_BAWAAN, **getattr(settings, "TINDAK_LANJUT_ESKALASI", {})}


def _wilayah_untuk(lembaga, sumber) -> Any:
    """The source's region when it lies in the owner's region (more precise), else the owner's."""
    kode = getattr(sumber, "wilayah_id", None) if sumber is not None else None
    if kode and (lembaga.wilayah_id is None or rules.kode_dalam(lembaga.wilayah_id, kode)):
        return sumber.wilayah
    return lembaga.wilayah


def hitung_tenggat(
    tanggal: datetime.date, jam: datetime.time | None, zona: str
) -> datetime.datetime:
    """The due moment (aware) for a local date and optional time; end of day without a time."""
    return waktu.dari_lokal(datetime.datetime.combine(tanggal, jam or AKHIR_HARI), zona)


def _periksa_tenggat(tanggal, jam, zona: str) -> datetime.datetime:
    if tanggal is None:
        raise ValidationError({"tenggat_tanggal": _("This field is required.")})
    if tanggal < waktu.hari_ini(zona):
        raise ValidationError({"tenggat_tanggal": _("The due date cannot be in the past.")})
    tenggat = hitung_tenggat(tanggal, jam, zona)
    if tenggat <= timezone.now():
        raise ValidationError({"tenggat_jam": _("The due time has already passed.")})
    return tenggat


def _ke_kotak_masuk(pk: int, *, eskalasi: bool = False) -> None:
    """After the commit, the owner's (or, escalated, the parent's) members are notified."""
    from sinergi.komunikasi.services import notifikasi_tindak_lanjut

    transaction.on_commit(lambda: notifikasi_tindak_lanjut(pk, eskalasi=eskalasi), robust=True)


def _snapshot(tl: TindakLanjut) -> dict:
    return audit.snapshot(tl)


def _akui_tersirat(tl: TindakLanjut, pelaku) -> bool:
    """A first update or status change by the owner organization acknowledges the follow-up
    (not yet saved); True when this call acknowledged it."""
    if tl.diakui_pada is not None or pelaku.lembaga_id != tl.lembaga_id:
        return False
    tl.diakui_pada, tl.diakui_oleh = timezone.now(), pelaku
    return True


def _kabarkan_diakui(tl: TindakLanjut, pelaku) -> None:
    """Tell the source's app (e.g. kejadian) of the first acknowledgement, in this
    transaction (`signals.tindak_lanjut_diakui`)."""
    tindak_lanjut_diakui.send(sender=TindakLanjut, tindak_lanjut=tl, pelaku=pelaku)


@transaction.atomic
def tindak_lanjut_create(
    *,
    pelaku,
    judul: str,
    lembaga,
    tenggat_tanggal: datetime.date,
    tenggat_jam: datetime.time | None = None,
    uraian: str = "",
    prioritas: str = Prioritas.SEDANG,
    kerahasiaan: str = Kerahasiaan.RESTRICTED,
    sumber: models.Model | None = None,
    sumber_label: str = "",
) -> TindakLanjut:
    """Assign a follow-up to `lembaga` (the owner), due on a local date (and time)."""
    if lembaga is None or not izin.dapat_buat(pelaku, lembaga):
        raise Http404
    wilayah = _wilayah_untuk(lembaga, sumber)
    zona = wilayah.zona_waktu if wilayah is not None else "WIB"
    tenggat = _periksa_tenggat(tenggat_tanggal, tenggat_jam, zona)
    tl = TindakLanjut(
        judul=(judul or "").strip(),
        uraian=(uraian or "").strip(),
        lembaga=lembaga,
        lembaga_pembuat=getattr(pelaku, "lembaga", None),
        dibuat_oleh=pelaku if getattr(pelaku, "is_authenticated", False) else None,
        wilayah=wilayah,
        zona_waktu=zona,
        tenggat=tenggat,
        tenggat_ada_jam=tenggat_jam is not None,
        prioritas=prioritas,
        kerahasiaan=kerahasiaan,
    )
    if sumber is not None:
        tl.sumber_jenis = ContentType.objects.get_for_model(sumber)
        tl.sumber_id = str(sumber.pk)
        tl.sumber_label = (sumber_label or str(sumber))[:255]
    tl.full_clean()
    tl.save()
    audit.record(actor=pelaku, action="create", obj=tl, after=_snapshot(tl))
    _ke_kotak_masuk(tl.pk)
    return tl


@transaction.atomic
def tindak_lanjut_update(
    *,
    pelaku,
    tindak_lanjut: TindakLanjut,
    judul: str | None = None,
    uraian: str | None = None,
    tenggat_tanggal: datetime.date | None = None,
    tenggat_jam: datetime.time | None = None,
    prioritas: str | None = None,
    kerahasiaan: str | None = None,
) -> TindakLanjut:
    """Edit a follow-up (the assigning organization's leadership). None leaves a field as is."""
    tl = TindakLanjut.objects.select_for_update().get(pk=tindak_lanjut.pk)
    if not izin.dapat_kelola(pelaku, tl):
        raise Http404
    before = _snapshot(tl)
    if judul is not None:
        tl.judul = judul.strip()
    if uraian is not None:
        tl.uraian = uraian.strip()
    if prioritas is not None:
        tl.prioritas = prioritas
    if kerahasiaan is not None:
        tl.kerahasiaan = kerahasiaan
    if tenggat_tanggal is not None:
        tl.tenggat = _periksa_tenggat(tenggat_tanggal, tenggat_jam, tl.zona_waktu)
        tl.tenggat_ada_jam = tenggat_jam is not None
    tl.full_clean()
    after = _snapshot(tl)
    changed_before, changed_after = audit.changes(before, after)
    if changed_after:
        tl.save(update_fields=[*changed_after.keys(), "updated_at"])
        audit.record(
            actor=pelaku, action="update", obj=tl, before=changed_before, after=changed_after
        )
    return tl


@transaction.atomic
def tindak_lanjut_update_status(
    *, pelaku, tindak_lanjut: TindakLanjut, status: str, alasan: str = ""
) -> TindakLanjut:
    """Move a follow-up along open → in progress → done, or cancel it (with a reason)."""
    tl = TindakLanjut.objects.select_for_update().get(pk=tindak_lanjut.pk)
    if not izin.dapat_ubah_status(pelaku, tl, status):
        raise Http404
    if status not in StatusTindakLanjut.values:
        raise ValidationError({"status": _("Unknown status.")})
    dari, ke = StatusTindakLanjut(tl.status), StatusTindakLanjut(status)
    if ke not in TRANSISI[dari]:
        raise ValidationError(
            {
                "status": _("A follow-up cannot go from “%(dari)s” to “%(ke)s”.")
                % {"dari": dari.label, "ke": ke.label}
            }
        )
    alasan = (alasan or "").strip()
    if ke == StatusTindakLanjut.DIBATALKAN and not alasan:
        raise ValidationError({"alasan": _("Give the reason for cancelling this follow-up.")})
    before = _snapshot(tl)
    tl.status = ke
    fields = ["status", "updated_at"]
    if ke == StatusTindakLanjut.DIBATALKAN:
        tl.alasan_batal = alasan
        fields.append("alasan_batal")
    if ke in (StatusTindakLanjut.SELESAI, StatusTindakLanjut.DIBATALKAN):
        tl.selesai_pada = timezone.now()
        fields.append("selesai_pada")
    if ke == StatusTindakLanjut.SELESAI:
        tl.persentase = 100
        fields.append("persentase")
    diakui = _akui_tersirat(tl, pelaku)
    if diakui:
        fields += ["diakui_pada", "diakui_oleh"]
    tl.full_clean()
    tl.save(update_fields=fields)
    b, a = audit.changes(before, _snapshot(tl))
    audit.record(actor=pelaku, action="update", obj=tl, before=b, after=a, note=f"status {ke}")
    if diakui:
        _kabarkan_diakui(tl, pelaku)
    return tl


@transaction.atomic
def tindak_lanjut_add_update(
    *,
    pelaku,
    tindak_lanjut: TindakLanjut,
    teks: str,
    persentase: int | None = None,
    berkas: UploadedFile | None = None,
) -> PembaruanTindakLanjut:
    """Record progress (text, percentage, evidence). The first update of an open follow-up
    starts it, and an update by the owner acknowledges it."""
    tl = TindakLanjut.objects.select_for_update().get(pk=tindak_lanjut.pk)
    if not izin.dapat_kerjakan(pelaku, tl):
        raise Http404
    if tl.status not in STATUS_AKTIF:
        raise ValidationError({"teks": _("This follow-up is closed; it cannot be updated.")})
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": _("Describe the progress.")})
    pembaruan = PembaruanTindakLanjut(
        tindak_lanjut=tl,
        teks=teks,
        persentase=persentase,
        dibuat_oleh=pelaku,
        lembaga=getattr(pelaku, "lembaga", None),
    )
    if berkas is not None:
        aman = periksa_berkas(berkas)
        pembaruan.nama_berkas = aman.nama
        pembaruan.tipe_berkas = aman.tipe
        pembaruan.ukuran_berkas = aman.ukuran
    pembaruan.full_clean(exclude=["berkas"])
    if berkas is not None:
        pembaruan.berkas.save(aman.nama, berkas, save=False)
    pembaruan.save()

    before = _snapshot(tl)
    fields = ["updated_at"]
    if persentase is not None:
        tl.persentase = persentase
        fields.append("persentase")
    if tl.status == StatusTindakLanjut.TERBUKA:
        tl.status = StatusTindakLanjut.DIKERJAKAN
        fields.append("status")
    diakui = _akui_tersirat(tl, pelaku)
    if diakui:
        fields += ["diakui_pada", "diakui_oleh"]
    tl.save(update_fields=fields)
    after = audit.snapshot(pembaruan, fields=["id", "tindak_lanjut", "teks", "persentase"])
    after["berkas"] = pembaruan.berkas.name or ""
    audit.record(actor=pelaku, action="create", obj=pembaruan, after=after)
    b, a = audit.changes(before, _snapshot(tl))
    if a:
        audit.record(actor=pelaku, action="update", obj=tl, before=b, after=a)
    if diakui:
        _kabarkan_diakui(tl, pelaku)
    return pembaruan


@transaction.atomic
def tindak_lanjut_acknowledge(*, pelaku, tindak_lanjut: TindakLanjut) -> TindakLanjut:
    """The owner organization confirms it has received the follow-up (idempotent)."""
    tl = TindakLanjut.objects.select_for_update().get(pk=tindak_lanjut.pk)
    if not izin.dapat_kerjakan(pelaku, tl):
        raise Http404
    if tl.diakui_pada is not None:
        return tl
    tl.diakui_pada, tl.diakui_oleh = timezone.now(), pelaku
    tl.save(update_fields=["diakui_pada", "diakui_oleh", "updated_at"])
    audit.record(
        actor=pelaku,
        action="update",
        obj=tl,
        before={"diakui_pada": None, "diakui_oleh": None},
        after={"diakui_pada": tl.diakui_pada, "diakui_oleh": pelaku.pk},
        note="acknowledged",
    )
    _kabarkan_diakui(tl, pelaku)
    return tl


def tindak_lanjut_perlu_eskalasi(sekarang: datetime.datetime | None = None):
    """Open follow-ups, not yet escalated, whose owner has a parent, and that are overdue
    beyond the threshold or unacknowledged beyond it."""
    sekarang = sekarang or timezone.now()
    batas = batas_eskalasi()
    return TindakLanjut.objects.filter(
        status__in=STATUS_AKTIF,
        dieskalasi_pada__isnull=True,
        lembaga__induk__isnull=False,
    ).filter(
        models.Q(tenggat__lt=sekarang - batas["terlambat"])
        | models.Q(diakui_pada__isnull=True, created_at__lt=sekarang - batas["belum_diakui"])
    )


def tindak_lanjut_eskalasi(*, sekarang: datetime.datetime | None = None) -> list[int]:
    """Escalate every follow-up that needs it to its owner's parent organization; one
    transaction per follow-up, audited with no actor (system work). Returns the ids."""
    sekarang = sekarang or timezone.now()
    batas = batas_eskalasi()
    done: list[int] = []
    for pk in tindak_lanjut_perlu_eskalasi(sekarang).values_list("pk", flat=True):
        with transaction.atomic():
            tl = (
                tindak_lanjut_perlu_eskalasi(sekarang)
                .select_for_update()
                .select_related("lembaga")
                .filter(pk=pk)
                .first()
            )
            if tl is None:  # another worker got there first
                continue
            before = _snapshot(tl)
            terlambat = tl.tenggat < sekarang - batas["terlambat"]
            tl.dieskalasi_ke_id = tl.lembaga.induk_id
            tl.dieskalasi_pada = sekarang
            tl.alasan_eskalasi = (
                AlasanEskalasi.TERLAMBAT if terlambat else AlasanEskalasi.BELUM_DIAKUI
            )
            tl.save(update_fields=["dieskalasi_ke", "dieskalasi_pada", "alasan_eskalasi"])
            b, a = audit.changes(before, _snapshot(tl))
            audit.record(actor=None, action="other", obj=tl, before=b, after=a, note="escalated")
            _ke_kotak_masuk(tl.pk, eskalasi=True)
            done.append(tl.pk)
    return done
