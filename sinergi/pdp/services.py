"""Personal data (UU PDP 27/2022): everything Sinergi holds about one person, found by e-mail
address and/or phone number; its export (JSON), its erasure (anonymisation) and the retention
of public reporters' contact data.

Only system administrators (`rules.dapat_kelola_data_pribadi`) may look a person up; anyone
else gets 404. Every export and erasure is audited, naming the person only by a hash of the
address they were found by, so the trail does not bring back what was erased. Erasure replaces
names, phones and e-mail addresses with `ANONIM` (the records and every count built on them
stay), deactivates the account, and masks the same values in the audit rows of those records.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.akses.models import User
from sinergi.core import audit
from sinergi.core.models import AuditEntry

ANONIM = "[dianonimkan]"
# Fields that hold personal data, masked in the audit rows of an erased record.
KUNCI_PRIBADI = {"nama", "email", "telepon", "nama_pelapor", "kontak_pelapor", "jabatan", "ip"}
STATUS_TUTUP = ("selesai", "ditolak", "digabung")


def retensi_hari() -> int:
    """Days a closed public report keeps its reporter's name and contact."""
    return int(getattr(settings, "SINERGI_RETENSI_PELAPOR_HARI", 365))


def nomor_telepon(teks: str) -> str:
    """A phone number as digits only, the Indonesian +62 prefix written as 0."""
    digit = re.sub(r"\D", "", teks or "")
    if digit.startswith("62"):
        digit = "0" + digit[2:]
    return digit


def _digit_sql(kolom: str):
    """The column with the usual separators removed (compared with `nomor_telepon`)."""
    expr = F(kolom)
    for tanda in ("-", " ", ".", "(", ")"):
        expr = Replace(expr, Value(tanda), Value(""))
    return Replace(expr, Value("+62"), Value("0"))


@dataclass
class Subjek:
    """What identifies the person: an e-mail address and/or a phone number."""

    email: str = ""
    telepon: str = ""

    @property
    def kunci(self) -> str:
        """How the audit trail names the person: a hash, never the address itself."""
        return hashlib.sha256(f"{self.email}|{self.telepon}".encode()).hexdigest()[:16]


def subjek_periksa(*, email: str = "", telepon: str = "") -> Subjek:
    email = (email or "").strip().lower()
    telepon = nomor_telepon(telepon)
    errors: dict[str, str] = {}
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid email address.")
    if (telepon or "").strip() and len(telepon) < 8:
        errors["telepon"] = _("Enter the phone number with at least 8 digits.")
    if not email and not telepon and not errors:
        errors["email"] = _("Enter the person's e-mail address, phone number, or both.")
    if errors:
        raise ValidationError(errors)
    return Subjek(email=email, telepon=telepon)


@dataclass
class Temuan:
    """The records holding the person's data, by kind."""

    akun: QuerySet
    kontak: QuerySet
    kejadian: QuerySet
    undangan: QuerySet
    kehadiran: QuerySet
    jumlah: dict[str, int] = field(default_factory=dict)


def _cari(s: Subjek) -> Temuan:
    from sinergi.kegiatan.models import Kehadiran, Undangan
    from sinergi.kejadian.models import Kejadian
    from sinergi.pemangku.models import Kontak

    akun = User.objects.filter(email__iexact=s.email) if s.email else User.objects.none()
    q_kontak, q_kejadian, q_undangan = Q(pk__in=[]), Q(pk__in=[]), Q(pk__in=[])
    kejadian = Kejadian.objects.all()
    kontak = Kontak.objects.all()
    if s.email:
        q_kontak |= Q(email__iexact=s.email)
        q_kejadian |= Q(kontak_pelapor__iexact=s.email) | Q(pelapor__in=akun)
        q_undangan |= Q(email__iexact=s.email)
    if s.telepon:
        kontak = kontak.annotate(_digit=_digit_sql("telepon"))
        kejadian = kejadian.annotate(_digit=_digit_sql("kontak_pelapor"))
        q_kontak |= Q(_digit=s.telepon)
        q_kejadian |= Q(_digit=s.telepon)
    kontak = kontak.filter(q_kontak)
    undangan = Undangan.objects.filter(q_undangan | Q(kontak__in=kontak.values("pk")))
    t = Temuan(
        akun=akun,
        kontak=kontak,
        kejadian=kejadian.filter(q_kejadian),
        undangan=undangan,
        kehadiran=Kehadiran.objects.filter(undangan__in=undangan.values("pk")),
    )
    t.jumlah = {
        "akun": t.akun.count(),
        "kontak": t.kontak.count(),
        "kejadian": t.kejadian.count(),
        "undangan": t.undangan.count(),
        "kehadiran": t.kehadiran.count(),
    }
    return t


def _cek(pelaku) -> None:
    if not rules.dapat_kelola_data_pribadi(pelaku):
        raise Http404


def data_pribadi_cari(*, pelaku, email: str = "", telepon: str = "") -> tuple[Subjek, Temuan]:
    """The records that hold the person's data (for the page's summary)."""
    _cek(pelaku)
    s = subjek_periksa(email=email, telepon=telepon)
    return s, _cari(s)


def _waktu(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime.datetime | datetime.date) else v


@transaction.atomic
def data_pribadi_ekspor(*, pelaku, email: str = "", telepon: str = "") -> dict:
    """Everything Sinergi holds about the person, as JSON-ready data; audited."""
    s, t = data_pribadi_cari(pelaku=pelaku, email=email, telepon=telepon)
    data = {
        "dibuat": timezone.now().isoformat(),
        "subjek": {"email": s.email, "telepon": s.telepon},
        "akun": [
            {
                "email": u.email,
                "nama": u.nama,
                "lembaga": u.lembaga.nama if u.lembaga_id else None,
                "peran": u.peran,
                "aktif": u.is_active,
                "bergabung": _waktu(u.date_joined),
                "masuk_terakhir": _waktu(u.last_login),
            }
            for u in t.akun.select_related("lembaga")
        ],
        "kontak": [
            {
                "lembaga": k.lembaga.nama,
                "nama": k.nama,
                "jabatan": k.jabatan,
                "unit": k.unit,
                "telepon": k.telepon,
                "email": k.email,
            }
            for k in t.kontak.select_related("lembaga")
        ],
        "laporan_kejadian": [
            {
                "ref": str(k.ref),
                "dibuat": _waktu(k.created_at),
                "kategori": k.kategori_id,
                "wilayah": k.wilayah_id,
                "status": k.status,
                "sumber": k.sumber,
                "nama_pelapor": k.nama_pelapor,
                "kontak_pelapor": k.kontak_pelapor,
                "uraian": k.uraian,
            }
            for k in t.kejadian
        ],
        "undangan_kegiatan": [
            {
                "kegiatan": u.kegiatan.judul,
                "mulai": _waktu(u.kegiatan.mulai),
                "lembaga": u.lembaga.nama,
                "nama": u.nama,
                "jabatan": u.jabatan,
                "email": u.email,
                "rsvp": u.rsvp,
            }
            for u in t.undangan.select_related("kegiatan", "lembaga")
        ],
        "kehadiran": [
            {
                "kegiatan": h.kegiatan.judul,
                "nama": h.nama,
                "instansi": h.instansi,
                "jabatan": h.jabatan,
                "waktu": _waktu(h.waktu),
            }
            for h in t.kehadiran.select_related("kegiatan")
        ],
    }
    audit.record(
        actor=pelaku,
        action="other",
        object_type="pdp.subjek",
        object_id=s.kunci,
        after={"jumlah": t.jumlah},
        note="personal data exported",
    )
    return data


def _samarkan_audit(object_type: str, ids: list) -> int:
    """Mask the personal values in the audit rows of these records (the rows stay)."""
    n = 0
    for entry in AuditEntry.objects.filter(
        object_type=object_type, object_id__in=[str(i) for i in ids]
    ):
        ubah = False
        for nama in ("before", "after"):
            isi = getattr(entry, nama)
            if isinstance(isi, dict):
                for kunci in KUNCI_PRIBADI & set(isi):
                    if isi[kunci]:
                        isi[kunci] = ANONIM
                        ubah = True
        if ubah:
            AuditEntry.objects.filter(pk=entry.pk).update(before=entry.before, after=entry.after)
            n += 1
    return n


@transaction.atomic
def data_pribadi_hapus(
    *, pelaku, email: str = "", telepon: str = "", konfirmasi: bool = False
) -> dict[str, int]:
    """Erase the person: anonymise their name, phone and e-mail everywhere they are found,
    deactivate their account; the records, the statistics and the audit trail stay (with the
    personal values masked), and one audit row says that it happened."""
    s, t = data_pribadi_cari(pelaku=pelaku, email=email, telepon=telepon)
    if not konfirmasi:
        raise ValidationError({"konfirmasi": _("Confirm the erasure: it cannot be undone.")})
    jumlah = dict(t.jumlah)
    ids = {
        "akses.user": list(t.akun.values_list("pk", flat=True)),
        "pemangku.kontak": list(t.kontak.values_list("pk", flat=True)),
        "kejadian.kejadian": list(t.kejadian.values_list("pk", flat=True)),
        "kegiatan.undangan": list(t.undangan.values_list("pk", flat=True)),
        "kegiatan.kehadiran": list(t.kehadiran.values_list("pk", flat=True)),
    }
    from sinergi.akses.models import TokenAPI
    from sinergi.kegiatan.models import Kehadiran, Undangan
    from sinergi.kejadian.models import Kejadian
    from sinergi.pemangku.models import Kontak

    for u in User.objects.filter(pk__in=ids["akses.user"]):
        u.nama = ANONIM
        u.email = f"dianonimkan-{u.pk}@sinergi.invalid"
        u.is_active = False
        u.set_unusable_password()
        u.save(update_fields=["nama", "email", "is_active", "password"])
    TokenAPI.objects.filter(user_id__in=ids["akses.user"], revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    Kontak.objects.filter(pk__in=ids["pemangku.kontak"]).update(
        nama=ANONIM, telepon="", email="", is_active=False
    )
    Kejadian.objects.filter(pk__in=ids["kejadian.kejadian"]).exclude(nama_pelapor="").update(
        nama_pelapor=ANONIM
    )
    Kejadian.objects.filter(pk__in=ids["kejadian.kejadian"]).exclude(kontak_pelapor="").update(
        kontak_pelapor=ANONIM
    )
    Undangan.objects.filter(pk__in=ids["kegiatan.undangan"]).update(nama=ANONIM, email="")
    Kehadiran.objects.filter(pk__in=ids["kegiatan.kehadiran"]).update(nama=ANONIM)
    for object_type, daftar in ids.items():
        _samarkan_audit(object_type, daftar)
    audit.record(
        actor=pelaku,
        action="update",
        object_type="pdp.subjek",
        object_id=s.kunci,
        after={"jumlah": jumlah},
        note="personal data anonymised",
    )
    return jumlah


def pelapor_kedaluwarsa(*, hari: int | None = None) -> QuerySet:
    """Public reports closed (resolved, rejected, merged) for more than `hari` days (the
    retention setting) that still hold the reporter's name or contact."""
    from sinergi.kejadian.models import Kejadian, SumberLaporan

    batas = timezone.now() - datetime.timedelta(days=retensi_hari() if hari is None else hari)
    return (
        Kejadian.objects.filter(
            sumber=SumberLaporan.PUBLIK, status__in=STATUS_TUTUP, updated_at__lt=batas
        )
        .exclude(nama_pelapor__in=["", ANONIM], kontak_pelapor__in=["", ANONIM])
        .order_by("pk")
    )


@transaction.atomic
def anonimkan_pelapor(*, hari: int | None = None, dry_run: bool = False) -> int:
    """Apply the retention of public reporters' contact data: anonymise the name and contact
    of every public report closed longer ago than the retention period. Returns how many
    reports were (or, with `dry_run`, would be) anonymised; one audit row per run."""
    ids = list(pelapor_kedaluwarsa(hari=hari).values_list("pk", flat=True))
    if dry_run or not ids:
        return len(ids)
    from sinergi.kejadian.models import Kejadian

    qs = Kejadian.objects.filter(pk__in=ids)
    qs.exclude(nama_pelapor="").update(nama_pelapor=ANONIM)
    qs.exclude(kontak_pelapor="").update(kontak_pelapor=ANONIM)
    _samarkan_audit("kejadian.kejadian", ids)
    audit.record(
        actor=None,
        action="update",
        object_type="kejadian.kejadian",
        after={"dianonimkan": len(ids), "retensi_hari": retensi_hari() if hari is None else hari},
        note="reporter contact retention",
    )
    return len(ids)
