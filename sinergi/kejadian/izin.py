"""Who may do what with incidents, on top of `sinergi.akses.rules`.

- Read: per confidentiality and region scope (`rules.filter_kerahasiaan`, the reporting
  organization counting as the authoring one), plus the organizations holding a follow-up of
  the incident. A report from the public stays invisible until it is verified, except to those
  who may verify it (and system admins).
- Report: admin_lembaga, koordinator and operator of an active organization, for a region in
  their scope.
- Verify, reject, merge and route: admin_lembaga, koordinator and operator of an organizer or
  supervisor (KPU, Bawaslu) whose scope covers the incident's region.
- Handle (in handling → resolved): the verifiers, and admin_lembaga/koordinator/operator of an
  organization holding a follow-up of the incident.
- The reporter's name and contact (personal data, UU PDP 27/2022): before verification those
  who may verify; afterwards the verifying organization's admin_lembaga, koordinator and
  operator (and the reporting organization's, for its own staff), and the reporter. Everyone
  else who sees the incident sees "Identitas pelapor dilindungi".
System admins may do everything. Anything else answers 404.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from sinergi.akses import rules
from sinergi.akses.models import Peran

PERAN_PELAKSANA = {Peran.ADMIN_LEMBAGA, Peran.KOORDINATOR, Peran.OPERATOR}
STATUS_TERVERIFIKASI = ("terverifikasi", "ditangani", "selesai")
STATUS_VERIFIKASI = {"terverifikasi", "ditolak"}  # moves of verifiers
STATUS_PENANGANAN = {"ditangani", "selesai"}  # moves of verifiers and handlers


def _aktif(user) -> bool:
    return rules.lingkup(user) is not None


def _pelaksana(user) -> bool:
    return _aktif(user) and user.lembaga_id is not None and user.peran in PERAN_PELAKSANA


def is_verifikator(user) -> bool:
    """Whether the user may verify incidents at all (in their scope): KPU/Bawaslu staff."""
    if rules.is_system_admin(user):
        return True
    return _pelaksana(user) and user.lembaga.jenis.kelompok in rules.KELOMPOK_PIMPINAN


def dapat_lapor(user, kode_wilayah: str | None = None) -> bool:
    """Report an incident (in region `kode_wilayah`, when given)."""
    if rules.is_system_admin(user):
        return True
    if not _pelaksana(user):
        return False
    return kode_wilayah is None or rules.dalam_lingkup(user, kode_wilayah)


def dapat_verifikasi(user, kejadian) -> bool:
    """Verify, reject, merge and route `kejadian`."""
    if rules.is_system_admin(user):
        return True
    return is_verifikator(user) and rules.dalam_lingkup(user, kejadian.wilayah_id)


def dapat_transisi(user, kejadian, status: str) -> bool:
    """Move `kejadian` to `status` (merging has its own rule: `dapat_verifikasi`)."""
    if status in STATUS_VERIFIKASI:
        return dapat_verifikasi(user, kejadian)
    if status in STATUS_PENANGANAN:
        return dapat_tangani(user, kejadian)
    return False


def lembaga_penangan_ids(kejadian) -> set[int]:
    """The organizations holding a follow-up of `kejadian`."""
    from sinergi.tindak_lanjut.models import TindakLanjut

    jenis = ContentType.objects.get_for_model(type(kejadian))
    return set(
        TindakLanjut.objects.filter(sumber_jenis=jenis, sumber_id=str(kejadian.pk)).values_list(
            "lembaga_id", flat=True
        )
    )


def dapat_tangani(user, kejadian) -> bool:
    """Move `kejadian` to in handling or resolved."""
    if dapat_verifikasi(user, kejadian):
        return True
    return _pelaksana(user) and user.lembaga_id in lembaga_penangan_ids(kejadian)


def dapat_lampir(user, kejadian) -> bool:
    """Attach evidence: the reporter, the reporting organization's staff, verifiers, handlers
    (never a viewer, even one who reported before becoming a viewer)."""
    if not rules.dapat_menulis(user):
        return False
    if kejadian.pelapor_id == user.pk:
        return True
    if _pelaksana(user) and user.lembaga_id == kejadian.lembaga_pelapor_id:
        return True
    return dapat_tangani(user, kejadian)


def dapat_lihat_pelapor(user, kejadian) -> bool:
    """See the reporter's name and contact: personal data (UU PDP 27/2022), so only those
    who need it to verify. System admins; the reporter; before verification whoever may verify
    it; afterwards the admin_lembaga, koordinator and operator of the verifying organization
    (and of the reporting organization, for its own staff's reports). Analysts, viewers and
    the organizations handling a follow-up see the incident with the identity masked."""
    if rules.is_system_admin(user):
        return True
    if not _aktif(user):
        return False
    if kejadian.pelapor_id and kejadian.pelapor_id == user.pk:
        return True
    if kejadian.diverifikasi_at is None:
        return dapat_verifikasi(user, kejadian)
    if not _pelaksana(user):
        return False
    return user.lembaga_id in {kejadian.lembaga_verifikator_id, kejadian.lembaga_pelapor_id}


def _ids_penanganan(user) -> list[int]:
    from sinergi.kejadian.models import Kejadian
    from sinergi.tindak_lanjut.models import TindakLanjut

    jenis = ContentType.objects.get_for_model(Kejadian)
    return [
        int(s)
        for s in TindakLanjut.objects.filter(
            sumber_jenis=jenis, lembaga_id=user.lembaga_id
        ).values_list("sumber_id", flat=True)
        if s.isdigit()
    ]


def filter_baca(qs: QuerySet, user) -> QuerySet:
    """The incidents `user` may read."""
    if rules.is_system_admin(user):
        return qs
    visible = rules.filter_kerahasiaan(qs, user, field_lembaga="lembaga_pelapor")
    if not _aktif(user):
        return visible.filter(q_terverifikasi_publik())
    # A report from the public stays hidden until verified, except from those who may verify
    # it (verifiers whose scope covers its region).
    belum = Q(sumber="publik", diverifikasi_at__isnull=True)
    if is_verifikator(user):
        visible = visible.exclude(belum & ~rules.q_wilayah(rules.lingkup(user)))
    else:
        visible = visible.exclude(belum)
    if user.lembaga_id:
        handled = _ids_penanganan(user)
        if handled:
            return visible | qs.filter(pk__in=handled)
    return visible


def q_terverifikasi_publik() -> Q:
    """Verified PUBLIC incidents (what anyone, the portal included, may see)."""
    return Q(kerahasiaan="PUBLIC", status__in=STATUS_TERVERIFIKASI)
