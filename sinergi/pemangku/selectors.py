"""Reads of the stakeholder directory, already scoped to the user.

Organizations are a public directory; contact people only reach signed-in users whose
region scope covers the organization's region (`izin.filter_kontak`). Hidden means 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.core import pilih
from sinergi.pemangku import izin
from sinergi.pemangku.models import JenisLembaga, Kontak, Lembaga, Tupoksi


def jenis_lembaga_list() -> QuerySet[JenisLembaga]:
    return JenisLembaga.objects.all()


def lembaga_list(
    *,
    pengguna=None,
    jenis: str | None = None,
    tingkat: str | None = None,
    wilayah: str | None = None,
    q: str = "",
    induk: int | None = None,
) -> QuerySet[Lembaga]:
    """Active organizations by type, level, region subtree (`wilayah` code), parent and text."""
    qs = Lembaga.objects.filter(is_active=True).select_related("jenis", "wilayah", "induk")
    if jenis:
        qs = qs.filter(jenis_id=jenis)
    if tingkat:
        qs = qs.filter(tingkat=tingkat)
    if wilayah:
        qs = qs.filter(rules.q_wilayah(wilayah))
    if induk:
        qs = qs.filter(induk_id=induk)
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(nama__icontains=q) | Q(singkatan__icontains=q) | Q(wilayah__nama__icontains=q)
        )
    return qs.order_by("jenis__urutan", "wilayah_id", "nama")


def lembaga_get(*, pengguna=None, pk: int) -> Lembaga:
    """One organization; inactive ones only for those who may manage them, else 404."""
    lembaga = (
        Lembaga.objects.select_related("jenis", "wilayah", "induk", "induk__wilayah")
        .filter(pk=pk)
        .first()
    )
    if lembaga is None:
        raise Http404
    if not lembaga.is_active and not izin.dapat_kelola_lembaga(
        pengguna, wilayah_kode=lembaga.wilayah_id, lembaga=lembaga
    ):
        raise Http404
    return lembaga


def lembaga_pilih(*, pengguna, pk, field: str = "lembaga") -> Lembaga:
    """An active organization of the directory named by id in a request body, else a
    ValidationError on `field` (use `izin` or the calling app's rules for what the actor may
    then do with it)."""
    return pilih.satu(
        lembaga_list(pengguna=pengguna), pk, field=field, pesan=_("Organization not found.")
    )


def lembaga_pilih_banyak(*, pengguna, ids, field: str) -> list[Lembaga]:
    """Active organizations named by id in a request body (all of them), else a
    ValidationError on `field`."""
    return pilih.banyak(
        lembaga_list(pengguna=pengguna), ids, field=field, pesan=_("Organization not found.")
    )


def lembaga_anak(lembaga: Lembaga) -> QuerySet[Lembaga]:
    """The active organizations directly under this one (a Polda's Polres)."""
    return (
        Lembaga.objects.filter(induk=lembaga, is_active=True)
        .select_related("jenis", "wilayah")
        .order_by("wilayah_id", "nama")
    )


def kontak_list(
    *, pengguna, lembaga: Lembaga | None = None, q: str = "", wilayah: str | None = None
) -> QuerySet[Kontak]:
    """Active contact people the user may see, optionally of one organization or region."""
    qs = izin.filter_kontak(
        Kontak.objects.filter(is_active=True, lembaga__is_active=True), pengguna
    )
    if lembaga is not None:
        qs = qs.filter(lembaga=lembaga)
    if wilayah:
        qs = qs.filter(rules.q_wilayah(wilayah, "lembaga__wilayah"))
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(nama__icontains=q)
            | Q(jabatan__icontains=q)
            | Q(unit__icontains=q)
            | Q(lembaga__nama__icontains=q)
        )
    return qs.select_related("lembaga", "lembaga__jenis").order_by("lembaga__nama", "nama")


def kontak_get(*, pengguna, pk: int) -> Kontak:
    """One contact person the user may see, else 404."""
    kontak = kontak_list(pengguna=pengguna).filter(pk=pk).first()
    if kontak is None:
        raise Http404
    return kontak


def kontak_pilih(*, pengguna, pk, field: str = "kontak") -> Kontak:
    """A contact person named by id in a request body, looked up in the user's scope: one
    that does not exist and one the user may not see are both a ValidationError on `field`
    ("Contact not found."), revealing nothing."""
    return pilih.satu(
        kontak_list(pengguna=pengguna), pk, field=field, pesan=_("Contact not found.")
    )


def dapat_lihat_kontak(pengguna, lembaga: Lembaga) -> bool:
    return izin.dapat_lihat_kontak(pengguna, lembaga)


# --- Duty matrix ---------------------------------------------------------------------------


def tupoksi_list(
    *, jenis: str | None = None, tahapan=None, pemilu=None, umum: bool = True
) -> QuerySet[Tupoksi]:
    """Duties filtered by organization type and stage.

    With a stage, the duties of that stage, of its parent stages and, with `umum`, those that
    hold in every stage of its election.
    """
    qs = Tupoksi.objects.select_related("jenis", "tahapan", "pemilu")
    if jenis:
        qs = qs.filter(jenis_id=jenis)
    if tahapan is not None:
        kode = [tahapan.pk]
        node = tahapan
        while node.induk_id:
            node = node.induk
            kode.append(node.pk)
        cond = Q(tahapan_id__in=kode)
        if umum:
            cond |= Q(tahapan__isnull=True) & (
                Q(pemilu_id=tahapan.pemilu_id) | Q(pemilu__isnull=True)
            )
        qs = qs.filter(cond)
    elif pemilu is not None:
        qs = qs.filter(Q(pemilu=pemilu) | Q(pemilu__isnull=True))
    return qs.order_by("jenis__urutan", "jenis_id", "tahapan__urutan", "urutan", "kode")


@dataclass
class BarisMatriks:
    """One organization type in the "who does what" matrix."""

    jenis: JenisLembaga
    tupoksi: list[Tupoksi] = field(default_factory=list)
    lembaga: list[Lembaga] = field(default_factory=list)


def matriks_tahapan(*, tahapan, wilayah: str | None = None) -> list[BarisMatriks]:
    """Who does what in this stage: duties per type, with the organizations of the region.

    With a region, each type lists its active organizations whose region is exactly that one
    (KPU Kabupaten Madiun and Polres Madiun for 35.19); without, the national ones.
    """
    baris: dict[str, BarisMatriks] = {}
    for t in tupoksi_list(tahapan=tahapan):
        baris.setdefault(t.jenis_id, BarisMatriks(jenis=t.jenis)).tupoksi.append(t)
    lembaga = Lembaga.objects.filter(is_active=True, jenis_id__in=list(baris)).select_related(
        "wilayah"
    )
    lembaga = (
        lembaga.filter(wilayah_id=wilayah) if wilayah else lembaga.filter(wilayah__isnull=True)
    )
    for lem in lembaga.order_by("nama"):
        baris[lem.jenis_id].lembaga.append(lem)
    return list(baris.values())


def jumlah_per_jenis(*, wilayah: str | None = None) -> dict[str, int]:
    """How many active organizations of each type (in a region subtree)."""
    qs = Lembaga.objects.filter(is_active=True)
    if wilayah:
        qs = qs.filter(rules.q_wilayah(wilayah))
    return dict(qs.values_list("jenis_id").annotate(n=Count("id")).order_by())
