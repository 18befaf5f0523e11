"""Every write of the message channels: receiving a message, coded reports from trusted
senders, turning a message into an incident, marking noise, assigning, and replies.

Incidents are made by `sinergi.kejadian.services` only (`kejadian_terima` for coded messages,
idempotent under the channel's message id; `kejadian_create` from the inbox, with the
message's files as evidence): the same validation, region scope, audit and routing as every
other report.

Who acts: a received message is system work (audit actor empty). A coded message from a
trusted sender acts as the sender's registered user (`PengirimTepercaya.pengguna`): that
user's role and region scope decide what it may report, and the incident, its audit row and
the message's audit row name that user. From the inbox, the staff member who clicks acts.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sinergi.core import audit
from sinergi.core import berkas as inti
from sinergi.core.memo import Memo
from sinergi.core.models import Kerahasiaan
from sinergi.kanal import izin, kode
from sinergi.kanal.adapter import BerkasMasuk, PesanNormal
from sinergi.kanal.models import (
    LampiranPesan,
    PengirimTepercaya,
    PesanKeluar,
    PesanMasuk,
    Saluran,
    StatusKirim,
    StatusPesan,
)
from sinergi.kejadian import izin as izin_kejadian
from sinergi.kejadian import services as kejadian_services
from sinergi.kejadian.models import Kejadian, Keparahan, SumberLaporan

logger = logging.getLogger("sinergi.kanal")
FIELDS_AUDIT = [
    "id",
    "jenis",
    "id_eksternal",
    "saluran",
    "lembaga",
    "status",
    "kejadian",
    "ditangani_oleh",
    "ditugaskan_ke",
]


def _catat(*, pelaku, action: str, pesan: PesanMasuk, before=None, note: str = "") -> None:
    after = audit.snapshot(pesan, fields=FIELDS_AUDIT)
    if before is not None:
        before, after = audit.changes(before, after)
    audit.record(actor=pelaku, action=action, obj=pesan, before=before, after=after, note=note)


def _snap(pesan: PesanMasuk) -> dict:
    return audit.snapshot(pesan, fields=FIELDS_AUDIT)


# --- receiving --------------------------------------------------------------------------------
def _simpan_lampiran(pesan: PesanMasuk, berkas: BerkasMasuk) -> LampiranPesan | str:
    """Store one file of a message after the incident attachment checks (content matches its
    extension, images re-encoded without EXIF); the refusal's text when it fails them."""
    upload = ContentFile(berkas.isi, name=berkas.nama or "lampiran")
    try:
        aman = inti.periksa_unggahan(
            upload,
            jenis=kejadian_services.JENIS_LAMPIRAN,
            maks_ukuran=kejadian_services.UKURAN_LAMPIRAN,
            field="lampiran",
            pesan_jenis=_("Only photos (PNG, JPEG, WebP) and PDF files are allowed."),
        )
    except ValidationError as exc:
        return f"{inti.nama_unggahan(upload)}: {' '.join(exc.messages)}"
    lampiran = LampiranPesan(pesan=pesan, nama=aman.nama, jenis_mime=aman.tipe, ukuran=aman.ukuran)
    return inti.simpan_lampiran(
        lampiran, upload=upload, aman=aman, actor=None, fields=["id", "pesan", "nama", "ukuran"]
    )


@transaction.atomic
def lampiran_pesan_tambah(*, pesan_id: int, berkas: BerkasMasuk) -> LampiranPesan | None:
    """A file fetched after the message (a WhatsApp photo): stored with the message, and
    added to its incident too when the message already became one."""
    pesan = PesanMasuk.objects.select_for_update().filter(pk=pesan_id).first()
    if pesan is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        hasil = _simpan_lampiran(pesan, berkas)
    if isinstance(hasil, str):
        pesan.catatan = (f"{pesan.catatan} {hasil}".strip())[:500]
        pesan.save(update_fields=["catatan", "updated_at"])
        return None
    if pesan.kejadian_id:
        pelaku = pesan.ditangani_oleh
        _salin_ke_kejadian(pelaku=pelaku, kejadian=pesan.kejadian, lampiran=[hasil])
    return hasil


def _salin_ke_kejadian(*, pelaku, kejadian: Kejadian, lampiran: list[LampiranPesan]) -> None:
    for lamp in lampiran:
        try:
            with transaction.atomic():
                with lamp.berkas.open("rb") as f:
                    upload = ContentFile(f.read(), name=lamp.nama)
                kejadian_services.lampiran_tambah(pelaku=pelaku, kejadian=kejadian, berkas=upload)
        except (ValidationError, Http404) as exc:
            logger.warning("attachment %s not added to incident %s: %s", lamp.pk, kejadian.pk, exc)


# Which office owns an endpoint, kept a few seconds in each process: every webhook asks, and
# a newly registered endpoint is seen within 5 s (as for intake's reference lookups).
_pemilik = Memo(seconds=5)


def _saluran(jenis: str, alamat: str) -> tuple[int | None, int | None]:
    key = (jenis, alamat)
    found = _pemilik.get(key)
    if found is None:
        row = (
            Saluran.objects.filter(jenis=jenis, alamat=alamat, is_active=True)
            .values_list("pk", "lembaga_id")
            .first()
        )
        found = row or (None, None)
        _pemilik.set(key, found)
    return found


# On PostgreSQL the message and its audit row are one statement (a data-modifying CTE, atomic by
# itself, `ON CONFLICT` on the channel's message id): one round trip per webhook, as incident
# intake does (docs/benchmarks.md). Elsewhere the ORM writes both in one transaction.
_SISIP_PG = """
WITH p AS (
    INSERT INTO kanal_pesanmasuk ({kolom}) VALUES ({nilai})
    ON CONFLICT (jenis, id_eksternal) DO NOTHING
    RETURNING id
), a AS (
    INSERT INTO core_auditentry
        (created_at, actor_id, action, object_type, object_id, object_repr, after, note)
    SELECT %s, NULL, 'create', 'kanal.pesanmasuk', p.id::text, %s || p.id::text,
        jsonb_set(%s::jsonb, '{{id}}', to_jsonb(p.id)), %s
    FROM p
)
SELECT id FROM p
"""


@functools.cache
def _sisip_pg() -> tuple[str, list]:
    fields = [f for f in PesanMasuk._meta.concrete_fields if not f.primary_key]
    kolom = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    return _SISIP_PG.format(kolom=kolom, nilai=", ".join(["%s"] * len(fields))), fields


def _simpan(row: PesanMasuk) -> bool:
    """Insert a new message with its audit row; False when (channel, id) is already stored."""
    note = f"received via {row.jenis}"
    if connection.vendor != "postgresql":
        try:
            with transaction.atomic():
                row.save(force_insert=True)
                _catat(pelaku=None, action="create", pesan=row, note=note)
        except IntegrityError:
            return False
        return True
    sekarang = timezone.now()
    row.created_at = row.updated_at = sekarang
    sql, fields = _sisip_pg()
    params = [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
    repr_awal = str(row).rsplit("#", 1)[0] + "#"
    params += [sekarang, repr_awal, json.dumps(_snap(row)), note]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        hasil = cursor.fetchone()
    if hasil is None:
        return False
    row.pk = hasil[0]
    row._state.adding, row._state.db = False, connection.alias
    return True


def pesan_terima(*, pesan: PesanNormal) -> tuple[PesanMasuk, bool]:
    """Store a message that came through a verified webhook or the IMAP mailbox (system work).

    It lands in the inbox of the office that owns the endpoint it was sent to. A second call
    with the same (channel, message id) stores nothing and returns the first row with False.
    The message and its audit row are one transaction; its files and, for a coded report from
    a trusted sender, the incident (`_proses_kode`) follow in a second one, so a failure there
    never loses the message: it waits in the inbox."""
    saluran_id, lembaga_id = _saluran(pesan.jenis, pesan.alamat_tujuan)
    row = PesanMasuk(
        jenis=pesan.jenis,
        id_eksternal=pesan.id_eksternal,
        saluran_id=saluran_id,
        lembaga_id=lembaga_id,
        alamat_pengirim=pesan.alamat_pengirim[:254],
        nama_pengirim=pesan.nama_pengirim[:150],
        subjek=pesan.subjek[:255],
        isi=pesan.isi[: kejadian_services.MAKS_URAIAN],
        lat=pesan.lat,
        lng=pesan.lng,
        diterima_at=pesan.diterima_at,
    )
    if not _simpan(row):
        first = PesanMasuk.objects.filter(jenis=pesan.jenis, id_eksternal=pesan.id_eksternal)
        return first.get(), False
    if pesan.lampiran or kode.berkode(row.isi):
        with transaction.atomic():
            _lanjut(row, pesan)
    return row, True


def _lanjut(row: PesanMasuk, pesan: PesanNormal) -> None:
    salah = []
    lampiran = []
    with translation.override(settings.LANGUAGE_CODE):
        for berkas in pesan.lampiran[: kejadian_services.MAKS_LAMPIRAN]:
            if berkas.media_id:
                _ambil_nanti(row.pk, berkas)
                continue
            hasil = _simpan_lampiran(row, berkas)
            if isinstance(hasil, str):
                salah.append(hasil)
            else:
                lampiran.append(hasil)
    if salah:
        row.catatan = " ".join(salah)[:500]
        row.save(update_fields=["catatan", "updated_at"])
    if kode.berkode(row.isi):
        tepercaya = (
            PengirimTepercaya.objects.filter(
                jenis=row.jenis, alamat=row.alamat_pengirim, is_active=True
            )
            .select_related("kontak", "pengguna__lembaga__jenis")
            .first()
        )
        if tepercaya is not None and tepercaya.pengguna.is_active:
            _proses_kode(row, tepercaya, lampiran)


def _ambil_nanti(pesan_id: int, berkas: BerkasMasuk) -> None:
    """Fetch a WhatsApp media file after the commit (Meta wants the webhook answered fast)."""
    if not settings.SINERGI_WA_ACCESS_TOKEN:
        return

    def antri():
        from sinergi.core.tasks import enqueue
        from sinergi.kanal.tasks import ambil_media_wa

        enqueue(ambil_media_wa, pesan_id, berkas.media_id, berkas.nama, berkas.tipe)

    transaction.on_commit(antri, robust=True)


def _proses_kode(pesan: PesanMasuk, tepercaya: PengirimTepercaya, lampiran) -> None:
    """A coded report from a trusted sender: the incident is made at once, acting as the
    sender's user; a malformed code or a refused report stays in the inbox with the reason,
    and the sender gets the help or the reason back."""
    pelaku = tepercaya.pengguna
    with translation.override(settings.LANGUAGE_CODE):
        kategori = list(kejadian_services.kategori_aktif().items())
        try:
            laporan = kode.baca(pesan.isi, kategori)
            hasil = kejadian_services.kejadian_terima(
                pelaku=pelaku,
                kunci_idempotensi=f"kanal:{pesan.jenis}:{pesan.id_eksternal}"[:100],
                isi=pesan.isi,
                kategori=laporan.kategori,
                kode_wilayah=laporan.kode_wilayah,
                nomor_tps=laporan.nomor_tps,
                waktu_kejadian=min(pesan.diterima_at, timezone.now()),
                uraian=laporan.uraian,
                lat=pesan.lat,
                lng=pesan.lng,
                nama_pelapor=tepercaya.kontak.nama,
                kontak_pelapor=pesan.alamat_pengirim,
            )
        except kode.KodeSalah as exc:
            _tolak_kode(pesan, str(exc))
            return
        except ValidationError as exc:
            _tolak_kode(
                pesan,
                _("The report was not recorded: %(alasan)s") % {"alasan": " ".join(exc.messages)},
            )
            return
        except (Http404, kejadian_services.KunciBentrok):
            _tolak_kode(
                pesan,
                _(
                    "The report could not be recorded from this number; your office will "
                    "read it in the inbox."
                ),
            )
            return
        k = hasil.kejadian
        before = _snap(pesan)
        pesan.status = StatusPesan.DIJADIKAN_KEJADIAN
        pesan.kejadian = k
        pesan.pengirim_tepercaya = tepercaya
        pesan.ditangani_oleh = pelaku
        pesan.ditangani_at = timezone.now()
        pesan.save(
            update_fields=[
                "status",
                "kejadian",
                "pengirim_tepercaya",
                "ditangani_oleh",
                "ditangani_at",
                "updated_at",
            ]
        )
        _catat(
            pelaku=pelaku,
            action="update",
            pesan=pesan,
            before=before,
            note=f"coded report from trusted sender {tepercaya.pk} ({tepercaya.kontak.nama}) "
            f"became incident {k.ref}",
        )
        _salin_ke_kejadian(pelaku=pelaku, kejadian=k, lampiran=lampiran)
        balas(
            pesan=pesan,
            isi=_("Report received as incident %(ref)s (%(kategori)s, %(wilayah)s). Thank you.")
            % {
                "ref": k.ref,
                "kategori": dict(kategori).get(k.kategori_id),
                "wilayah": k.wilayah.nama,
            },
        )


def _tolak_kode(pesan: PesanMasuk, alasan: str) -> None:
    pesan.catatan = alasan[:500]
    pesan.save(update_fields=["catatan", "updated_at"])
    balas(pesan=pesan, isi=alasan)


# --- replies ----------------------------------------------------------------------------------
def balas(*, pesan: PesanMasuk, isi: str) -> PesanKeluar:
    """Queue a reply to the sender of `pesan` through the same channel; it is sent after the
    commit (`kirim_keluar` in a task)."""
    keluar = PesanKeluar.objects.create(
        jenis=pesan.jenis,
        alamat_tujuan=pesan.alamat_pengirim,
        isi=isi[:4000],
        pesan_masuk=pesan,
        saluran_id=pesan.saluran_id,
    )
    audit.record(
        actor=None,
        action="create",
        obj=keluar,
        after=audit.snapshot(keluar, fields=["id", "jenis", "pesan_masuk", "status"]),
        note="reply queued",
    )

    def antri():
        from sinergi.core.tasks import enqueue
        from sinergi.kanal.tasks import kirim_pesan_keluar

        enqueue(kirim_pesan_keluar, keluar.pk)

    transaction.on_commit(antri, robust=True)
    return keluar


def kirim_keluar(*, keluar_id: int) -> str:
    """Send one queued reply with the configured backend; returns its status afterwards."""
    from sinergi.kanal import keluar as backend

    with transaction.atomic():
        k = (
            PesanKeluar.objects.select_for_update(of=("self",))
            .select_related("saluran", "pesan_masuk")
            .filter(pk=keluar_id)
            .first()
        )
        if k is None or k.status != StatusKirim.ANTRI:
            return k.status if k else ""
        try:
            id_eksternal = backend.backend().kirim(k)
        except backend.GagalKirim as exc:
            k.status, k.galat = StatusKirim.GAGAL, str(exc)[:500]
            k.save(update_fields=["status", "galat", "updated_at"])
            logger.warning("reply %s failed: %s", k.pk, exc)
            return k.status
        if id_eksternal is None:
            return k.status  # stays queued: the SMS gateway collects it
        k.status, k.id_eksternal, k.terkirim_at = StatusKirim.TERKIRIM, id_eksternal, timezone.now()
        k.save(update_fields=["status", "id_eksternal", "terkirim_at", "updated_at"])
        return k.status


@transaction.atomic
def sms_ambil_antrean(
    *, pesan: PesanMasuk | None = None, nomor: str = "", batas: int = 20
) -> list[PesanKeluar]:
    """Hand the queued SMS replies to the gateway phone (those answering `pesan`, or those to
    be sent from the gateway number `nomor`, or all when a deployment has one gateway): they
    count as sent once the gateway has them. With several offices' phones, each polls with
    its own number, so that a citizen's reply leaves from the number they wrote to."""
    from sinergi.kanal.adapter import nomor_normal

    qs = PesanKeluar.objects.select_for_update().filter(jenis="sms", status=StatusKirim.ANTRI)
    if pesan is not None:
        qs = qs.filter(pesan_masuk=pesan)
    elif nomor:
        qs = qs.filter(saluran__jenis="sms", saluran__alamat=nomor_normal(nomor))
    daftar = list(qs.order_by("pk")[:batas])
    sekarang = timezone.now()
    for k in daftar:
        k.status, k.id_eksternal, k.terkirim_at = StatusKirim.TERKIRIM, f"sms-{k.pk}", sekarang
    PesanKeluar.objects.bulk_update(daftar, ["status", "id_eksternal", "terkirim_at"])
    return daftar


# --- the inbox --------------------------------------------------------------------------------
def _kunci(pelaku, pesan: PesanMasuk) -> PesanMasuk:
    p = PesanMasuk.objects.select_for_update().filter(pk=pesan.pk).first()
    if p is None or not izin.dapat_tangani(pelaku, p):
        raise Http404
    return p


def _tempat(tempat: str):
    from sinergi.wilayah.selectors import label_wilayah, wilayah_dari_teks

    tempat = (tempat or "").strip()
    if not tempat:
        raise ValidationError({"tempat": _("Write the place: a village, district or regency.")})
    w, kandidat = wilayah_dari_teks(tempat)
    if w is not None:
        return w
    if kandidat:
        raise ValidationError(
            {
                "tempat": _("Several places are called “%(nama)s”: %(daftar)s. Write the code.")
                % {
                    "nama": tempat[:60],
                    "daftar": "; ".join(f"{x.kode} {label_wilayah(x)}" for x in kandidat),
                }
            }
        )
    raise ValidationError({"tempat": _("No place called “%(nama)s”.") % {"nama": tempat[:60]}})


@transaction.atomic
def pesan_jadikan_kejadian(
    *,
    pelaku,
    pesan: PesanMasuk,
    kategori: str,
    tempat: str,
    waktu_kejadian: datetime.datetime | None,
    uraian: str,
    judul: str = "",
    nomor_tps: int | None = None,
    keparahan: str = Keparahan.SEDANG,
    kerahasiaan: str = Kerahasiaan.RESTRICTED,
    kirim_balasan: bool = True,
) -> Kejadian:
    """Turn a new message into an incident in one step: category, place by name or code, time
    (the message's by default). The message's files become the incident's evidence; the
    sender is recorded as the reporter (source: hotline) and, unless told not to, thanked
    with the incident's reference. Exactly one incident per message."""
    p = _kunci(pelaku, pesan)
    if not izin_kejadian.dapat_lapor(pelaku):
        raise Http404
    if p.status != StatusPesan.BARU:
        raise ValidationError({"__all__": _("This message was already handled.")})
    wilayah = _tempat(tempat)
    files = []
    for lamp in p.lampiran.all():
        with lamp.berkas.open("rb") as f:
            files.append(ContentFile(f.read(), name=lamp.nama))
    try:
        k = kejadian_services.kejadian_create(
            pelaku=pelaku,
            lampiran=files,
            kategori=kategori,
            kode_wilayah=wilayah.kode,
            waktu_kejadian=waktu_kejadian or p.diterima_at,
            uraian=uraian or p.isi,
            judul=judul or p.subjek,
            nomor_tps=nomor_tps,
            keparahan=keparahan,
            kerahasiaan=kerahasiaan,
            sumber=SumberLaporan.HOTLINE,
            lat=p.lat,
            lng=p.lng,
            nama_pelapor=p.nama_pengirim,
            kontak_pelapor=p.alamat_pengirim,
        )
    except ValidationError as exc:
        pesan_galat = exc.message_dict
        if "kode_wilayah" in pesan_galat:
            pesan_galat["tempat"] = pesan_galat.pop("kode_wilayah")
        raise ValidationError({f: m[0] for f, m in pesan_galat.items()}) from None
    before = _snap(p)
    p.status, p.kejadian = StatusPesan.DIJADIKAN_KEJADIAN, k
    p.ditangani_oleh, p.ditangani_at = pelaku, timezone.now()
    p.save(update_fields=["status", "kejadian", "ditangani_oleh", "ditangani_at", "updated_at"])
    _catat(pelaku=pelaku, action="update", pesan=p, before=before, note=f"became incident {k.ref}")
    if kirim_balasan:
        with translation.override(settings.LANGUAGE_CODE):
            balas(
                pesan=p,
                isi=_("Thank you. Your report was recorded as incident %(ref)s.") % {"ref": k.ref},
            )
    pesan.status, pesan.kejadian = p.status, k
    return k


def _massal(pelaku, daftar: list[PesanMasuk], ubah) -> tuple[list, list]:
    done, failed = [], []
    for pesan in daftar:
        try:
            with transaction.atomic():
                done.append(ubah(_kunci(pelaku, pesan)))
        except ValidationError as exc:
            failed.append((pesan, " ".join(exc.messages)))
        except Http404:
            failed.append((pesan, _("You may not change this message.")))
    return done, failed


def pesan_tandai_derau(*, pelaku, pesan: list[PesanMasuk]) -> tuple[list, list]:
    """Mark new messages as noise (spam, greetings, tests). Each succeeds or fails on its own;
    returns (done, [(message, reason)])."""

    def ubah(p: PesanMasuk) -> PesanMasuk:
        if p.status != StatusPesan.BARU:
            raise ValidationError(_("This message was already handled."))
        before = _snap(p)
        p.status, p.ditangani_oleh, p.ditangani_at = StatusPesan.DERAU, pelaku, timezone.now()
        p.save(update_fields=["status", "ditangani_oleh", "ditangani_at", "updated_at"])
        _catat(pelaku=pelaku, action="update", pesan=p, before=before, note="marked noise")
        return p

    return _massal(pelaku, pesan, ubah)


def pesan_tugaskan(*, pelaku, pesan: list[PesanMasuk], pengguna) -> tuple[list, list]:
    """Assign messages to a colleague of the same office (who will handle them)."""
    from sinergi.kanal.selectors import rekan_list

    if pengguna is None or not rekan_list(pengguna=pelaku).filter(pk=pengguna.pk).exists():
        raise ValidationError({"pengguna": _("Choose a colleague of your office.")})

    def ubah(p: PesanMasuk) -> PesanMasuk:
        before = _snap(p)
        p.ditugaskan_ke = pengguna
        p.save(update_fields=["ditugaskan_ke", "updated_at"])
        _catat(pelaku=pelaku, action="update", pesan=p, before=before, note="assigned")
        return p

    return _massal(pelaku, pesan, ubah)
