"""Every read of komunikasi, already scoped to the user (hidden → Http404)."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from sinergi.akses import rules
from sinergi.core.models import Kerahasiaan
from sinergi.core.pesan import pilih_nama
from sinergi.komunikasi import izin
from sinergi.komunikasi.choices import JenisNotifikasi, ModeNotifikasi
from sinergi.komunikasi.models import (
    Notifikasi,
    Penerimaan,
    Pengumuman,
    Pos,
    PreferensiNotifikasi,
    Utas,
)
from sinergi.pemangku.choices import TingkatLembaga


def tautan_pengumuman(p) -> str:
    return f"/komunikasi/pengumuman/{p.pk}/"


def tautan_utas(u) -> str:
    return f"/komunikasi/diskusi/{u.pk}/"


def url_penuh(path: str) -> str:
    return settings.SINERGI_BASE_URL.rstrip("/") + path


# --- Announcements --------------------------------------------------------------------------
def pengumuman_list(*, pengguna) -> QuerySet[Pengumuman]:
    """Announcements the user received or their organization sent (all for system admins)."""
    if rules.lingkup(pengguna) is None:
        return Pengumuman.objects.none()
    qs = Pengumuman.objects.select_related("lembaga")
    if rules.is_system_admin(pengguna):
        return qs
    diterima = Penerimaan.objects.filter(pengumuman=OuterRef("pk"), pengguna=pengguna)
    return qs.filter(Exists(diterima) | Q(lembaga_id=pengguna.lembaga_id))


def pengumuman_get(*, pengguna, pk: int) -> Pengumuman:
    p = (
        pengumuman_list(pengguna=pengguna)
        .select_related("lembaga", "tahapan", "regulasi", "kegiatan", "pembuat")
        .filter(pk=pk)
        .first()
    )
    if p is None:
        raise Http404
    return p


def pengumuman_kelola_get(*, pengguna, pk: int) -> Pengumuman:
    """An announcement whose receipts the user may see (author organization); else 404."""
    p = pengumuman_get(pengguna=pengguna, pk=pk)
    if not izin.dapat_kelola_pengumuman(pengguna, p):
        raise Http404
    return p


def penerimaan_saya(*, pengguna, pengumuman) -> Penerimaan | None:
    return Penerimaan.objects.filter(pengumuman=pengumuman, pengguna=pengguna).first()


def penerimaan_list(*, pengumuman) -> QuerySet[Penerimaan]:
    return (
        Penerimaan.objects.filter(pengumuman=pengumuman)
        .select_related("pengguna", "lembaga", "lembaga__jenis")
        .order_by(
            "lembaga__jenis__urutan",
            "lembaga__tingkat",
            "lembaga__nama",
            "lembaga_id",
            "pengguna__email",
        )
    )


def penerimaan_halaman(*, pengumuman, ringkasan: dict, offset: int, limit: int) -> list:
    """One page of `penerimaan_list`, read only from the organizations that page covers (the
    summary knows each organization's head count and order), so a page of a 10,000-recipient
    announcement costs a few rows instead of sorting them all."""
    dipakai, awal, ambil = [], 0, []
    for lembaga_id, orang in ringkasan["urutan_lembaga"]:
        if awal + orang > offset and awal < offset + limit:
            if not ambil:
                lewati = offset - awal
            ambil.append(lembaga_id)
        awal += orang
        if awal >= offset + limit:
            break
    if not ambil:
        return dipakai
    posisi = {lem: i for i, lem in enumerate(ambil)}
    rows = sorted(
        penerimaan_list(pengumuman=pengumuman).filter(lembaga_id__in=ambil),
        key=lambda r: (posisi[r.lembaga_id], r.pengguna.email),
    )
    return rows[lewati : lewati + limit]


def _label_kelompok(jenis_nama: str, tingkat: str) -> str:
    label = TingkatLembaga(tingkat).label if tingkat in TingkatLembaga.values else tingkat
    return f"{jenis_nama} {str(label).lower()}"


def ringkasan_penerimaan(*, pengumuman) -> dict:
    """Receipts per person and per organization, grouped by organization type and level:
    "31 dari 38 KPU kabupaten/kota sudah membaca", with the organizations that have not."""
    # Count per organization on the receipts alone (no join over every row), then read the
    # organizations' names once: the same result, a fraction of the work at 10,000 rows.
    from sinergi.pemangku.models import Lembaga

    hitung = {
        r["lembaga_id"]: r
        for r in Penerimaan.objects.filter(pengumuman=pengumuman)
        .values("lembaga_id")
        .annotate(orang=Count("id"), baca=Count("dibaca_at"), akui=Count("diakui_at"))
        .order_by()
    }
    lembaga = Lembaga.objects.filter(
        pk__in=Penerimaan.objects.filter(pengumuman=pengumuman).values("lembaga_id")
    ).values("pk", "nama", "jenis__nama", "jenis__nama_en", "jenis__urutan", "tingkat")
    rows = sorted(
        (
            {
                **hitung[lem["pk"]],
                "lembaga__nama": lem["nama"],
                "lembaga__jenis__nama": pilih_nama(lem["jenis__nama"], lem["jenis__nama_en"]),
                "lembaga__jenis__urutan": lem["jenis__urutan"],
                "lembaga__tingkat": lem["tingkat"],
            }
            for lem in lembaga
        ),
        key=lambda r: (
            r["lembaga__jenis__urutan"],
            r["lembaga__tingkat"],
            r["lembaga__nama"],
            r["lembaga_id"],
        ),
    )
    kelompok: dict[tuple, dict] = {}
    total = defaultdict(int)
    for r in rows:
        key = (r["lembaga__jenis__urutan"], r["lembaga__jenis__nama"], r["lembaga__tingkat"])
        g = kelompok.get(key) or kelompok.setdefault(
            key,
            {
                "label": _label_kelompok(r["lembaga__jenis__nama"], r["lembaga__tingkat"]),
                "lembaga": 0,
                "baca": 0,
                "akui": 0,
                "belum_baca": [],
                "belum_akui": [],
            },
        )
        g["lembaga"] += 1
        if r["baca"]:
            g["baca"] += 1
        else:
            g["belum_baca"].append({"id": r["lembaga_id"], "nama": r["lembaga__nama"]})
        if r["akui"]:
            g["akui"] += 1
        elif pengumuman.perlu_tanda_terima:
            g["belum_akui"].append({"id": r["lembaga_id"], "nama": r["lembaga__nama"]})
        total["orang"] += r["orang"]
        total["baca"] += r["baca"]
        total["akui"] += r["akui"]
        total["lembaga"] += 1
        total["lembaga_baca"] += 1 if r["baca"] else 0
    daftar = []
    for g in kelompok.values():
        g["kalimat"] = _("%(baca)s of %(total)s %(kelompok)s have read, %(belum)s have not") % {
            "baca": g["baca"],
            "total": g["lembaga"],
            "kelompok": g["label"],
            "belum": g["lembaga"] - g["baca"],
        }
        daftar.append(g)
    return {
        "kelompok": daftar,
        "urutan_lembaga": [(r["lembaga_id"], r["orang"]) for r in rows],
        "orang": total["orang"],
        "orang_baca": total["baca"],
        "orang_akui": total["akui"],
        "lembaga": total["lembaga"],
        "lembaga_baca": total["lembaga_baca"],
    }


def tautan_whatsapp(pengumuman) -> str | None:
    """`wa.me` share link with a prefilled Indonesian message and the Sinergi link. Nothing
    for confidential announcements: their content must not leave Sinergi."""
    if pengumuman.kerahasiaan == Kerahasiaan.CONFIDENTIAL:
        return None
    with translation.override("id"):
        pesan = _("[Announcement from %(lembaga)s] %(judul)s\nRead it in Sinergi: %(url)s") % {
            "lembaga": pengumuman.lembaga.nama,
            "judul": pengumuman.judul,
            "url": url_penuh(tautan_pengumuman(pengumuman)),
        }
    return "https://wa.me/?text=" + quote(pesan, safe="")


# --- Inbox ----------------------------------------------------------------------------------
def notifikasi_list(*, pengguna, belum_dibaca: bool = False) -> QuerySet[Notifikasi]:
    qs = Notifikasi.objects.filter(pengguna=pengguna)
    if belum_dibaca:
        qs = qs.filter(dibaca_at__isnull=True)
    return qs


def notifikasi_get(*, pengguna, pk: int) -> Notifikasi:
    n = Notifikasi.objects.filter(pengguna=pengguna, pk=pk).first()
    if n is None:
        raise Http404
    return n


def jumlah_belum_dibaca(*, pengguna) -> int:
    if not pengguna.is_authenticated:
        return 0
    return Notifikasi.objects.filter(pengguna=pengguna, dibaca_at__isnull=True).count()


def preferensi_saya(*, pengguna) -> dict[str, str]:
    ada = dict(PreferensiNotifikasi.objects.filter(pengguna=pengguna).values_list("jenis", "mode"))
    return {j: ada.get(j, ModeNotifikasi.EMAIL) for j in JenisNotifikasi.values}


# --- Discussion rooms -----------------------------------------------------------------------
def _q_wilayah(root: str) -> Q:
    # `rules.q_wilayah` builds `wilayah_id__startswith`, which Django refuses on a foreign
    # key; `wilayah__pk__startswith` is the same test without a join.
    if root == rules.SEMUA:
        return Q(pk__isnull=False)  # not Q(): an empty Q vanishes when OR-ed
    return Q(wilayah__pk=root) | Q(wilayah__pk__startswith=root + ".")


def filter_kerahasiaan(qs: QuerySet, user) -> QuerySet:
    """`akses.rules.filter_kerahasiaan` (DESIGN.md), with the foreign-key-safe region test."""
    public = Q(kerahasiaan=Kerahasiaan.PUBLIC)
    root = rules.lingkup(user)
    if root is None:
        return qs.filter(public)
    if rules.is_system_admin(user):
        return qs
    in_scope = _q_wilayah(root)
    restricted = Q(kerahasiaan=Kerahasiaan.RESTRICTED) & in_scope
    confidential = Q(kerahasiaan=Kerahasiaan.CONFIDENTIAL) & (
        Q(lembaga_id=user.lembaga_id) | (in_scope if rules.is_pimpinan(user) else Q(pk__in=[]))
    )
    return qs.filter(public | restricted | confidential)


def utas_list(*, pengguna) -> QuerySet[Utas]:
    """Threads by confidentiality and region scope (PUBLIC ones for every signed-in user)."""
    if rules.lingkup(pengguna) is None:
        return Utas.objects.none()
    qs = (
        Utas.objects.select_related("lembaga", "tahapan", "wilayah")
        .annotate(jumlah_pos=Count("pos"))
        .order_by("-updated_at", "-id")
    )
    return filter_kerahasiaan(qs, pengguna)


def utas_dapat_dilihat(pengguna, utas) -> bool:
    if rules.lingkup(pengguna) is None:
        return False
    return filter_kerahasiaan(Utas.objects.filter(pk=utas.pk), pengguna).exists()


def utas_get(*, pengguna, pk: int) -> Utas:
    u = utas_list(pengguna=pengguna).filter(pk=pk).first()
    if u is None:
        raise Http404
    return u


def pos_list(*, utas) -> QuerySet[Pos]:
    return (
        Pos.objects.filter(utas=utas)
        .select_related("penulis", "penulis__lembaga")
        .prefetch_related("lampiran", "lembaga_disebut")
    )


def lampiran_pos_get(*, pengguna, pos_pk: int, pk: int):
    """An attachment of a visible, not hidden post; else 404."""
    from sinergi.komunikasi.models import LampiranPos

    pos = pos_get(pengguna=pengguna, pk=pos_pk)
    lam = LampiranPos.objects.filter(pos=pos, pk=pk).first()
    if lam is None or pos.disembunyikan:
        raise Http404
    return lam


def pos_get(*, pengguna, pk: int) -> Pos:
    p = Pos.objects.select_related("utas").filter(pk=pk).first()
    if p is None or not utas_dapat_dilihat(pengguna, p.utas):
        raise Http404
    return p


def lampiran_get(*, pengguna, pengumuman_pk: int, pk: int):
    """An attachment of an announcement the user may see; else 404."""
    from sinergi.komunikasi.models import LampiranPengumuman

    p = pengumuman_get(pengguna=pengguna, pk=pengumuman_pk)
    lam = LampiranPengumuman.objects.filter(pengumuman=p, pk=pk).first()
    if lam is None:
        raise Http404
    return lam


# --- Public socialization materials ---------------------------------------------------------
COOKIE_WILAYAH = "sinergi_wilayah_materi"


def _materi_qs() -> QuerySet:
    from sinergi.komunikasi.models import MateriSosialisasi

    return MateriSosialisasi.objects.select_related("lembaga", "wilayah").prefetch_related(
        "tahapan", "tahapan__pemilu", "regulasi"
    )


def _q_materi_kelola(pengguna) -> Q:
    """The materials this user may manage (izin.dapat_kelola_materi as a filter)."""
    if rules.is_system_admin(pengguna):
        return Q(pk__isnull=False)
    root = rules.lingkup(pengguna)
    if root is None:
        return Q(pk__in=[])
    q = Q(lembaga_id=pengguna.lembaga_id) if izin.dapat_buat_materi(pengguna) else Q(pk__in=[])
    if rules.is_pimpinan(pengguna):
        q |= rules.q_wilayah(root)
    return q


def materi_list(*, pengguna, tahapan: int | None = None, jenis: str = "", q: str = "") -> QuerySet:
    """The library: published PUBLIC materials for everyone (the portal); signed-in users
    also see published RESTRICTED/CONFIDENTIAL ones their scope allows, and the unpublished
    ones they manage. Filter by stage and kind; search the title and explanation."""
    qs = _materi_qs()
    if pengguna is None or not pengguna.is_authenticated:
        qs = qs.filter(terbit=True, kerahasiaan=Kerahasiaan.PUBLIC)
    else:
        qs = rules.filter_kerahasiaan(qs, pengguna).filter(
            Q(terbit=True) | _q_materi_kelola(pengguna)
        )
    if tahapan:
        qs = qs.filter(tahapan__pk=tahapan)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(penjelasan__icontains=q))
    return qs.distinct().order_by("-created_at", "-id")


def materi_get(*, pengguna, pk: int):
    m = materi_list(pengguna=pengguna).filter(pk=pk).first()
    if m is None:
        raise Http404
    return m


def materi_kelola_list(*, pengguna) -> QuerySet:
    """The materials the user may edit, unpublish and see the statistics of."""
    if rules.lingkup(pengguna) is None:
        return _materi_qs().none()
    return _materi_qs().filter(_q_materi_kelola(pengguna)).order_by("-created_at", "-id")


def materi_kelola_get(*, pengguna, pk: int):
    m = materi_kelola_list(pengguna=pengguna).filter(pk=pk).first()
    if m is None:
        raise Http404
    return m


def wilayah_pengunduh(request) -> str | None:
    """The region a download counts for: the signed-in user's organization region, else the
    kabupaten/kota an anonymous visitor chose (cookie), else None (tidak diketahui)."""
    from sinergi.wilayah.models import Wilayah

    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        lembaga = getattr(user, "lembaga", None)
        return lembaga.wilayah_id if lembaga else None
    kode = (request.COOKIES.get(COOKIE_WILAYAH) or "")[:13]
    if kode and Wilayah.objects.filter(pk=kode, tingkat="kabupaten_kota").exists():
        return kode
    return None


def kabupaten_pilihan():
    """Kabupaten/kota for the visitor's "Kabupaten/kota Anda" choice, by province."""
    from sinergi.wilayah.models import Wilayah

    return Wilayah.objects.filter(tingkat="kabupaten_kota").select_related("induk").order_by("kode")


def statistik_unduhan(*, materi_qs) -> dict:
    """Downloads per region and per material of these materials (region unknown: None)."""
    from django.db.models import Sum

    from sinergi.komunikasi.models import UnduhanMateri

    rows = UnduhanMateri.objects.filter(materi__in=materi_qs)
    per_wilayah = list(
        rows.values("wilayah_id", "wilayah__nama")
        .annotate(jumlah=Sum("jumlah"))
        .order_by("-jumlah", "wilayah_id")
    )
    per_materi = list(
        rows.values("materi_id", "materi__judul")
        .annotate(jumlah=Sum("jumlah"))
        .order_by("-jumlah", "materi_id")
    )
    total = sum(r["jumlah"] for r in per_wilayah)
    return {"total": total, "per_wilayah": per_wilayah, "per_materi": per_materi}


def statistik_unduhan_materi(*, materi) -> dict:
    """One material's downloads per region (totals) and per day and region."""
    from sinergi.komunikasi.models import UnduhanMateri

    hasil = statistik_unduhan(materi_qs=[materi.pk])
    hasil["per_hari"] = list(
        UnduhanMateri.objects.filter(materi=materi)
        .values("tanggal", "wilayah_id", "jumlah")
        .order_by("-tanggal", "wilayah_id")
    )
    return hasil


# --- Outgoing webhooks ----------------------------------------------------------------------
def webhook_list(*, pengguna) -> QuerySet:
    """The webhooks the user may manage, with their last delivery (status and time): all for
    system admins, their own organization's for its administrators, none for anyone else."""
    from django.db.models import Subquery

    from sinergi.komunikasi.models import PengirimanWebhook, Webhook

    if not izin.dapat_kelola_webhook(pengguna):
        return Webhook.objects.none()
    qs = Webhook.objects.select_related("lembaga")
    if not rules.is_system_admin(pengguna):
        qs = qs.filter(lembaga_id=pengguna.lembaga_id)
    terakhir = PengirimanWebhook.objects.filter(webhook=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    return qs.annotate(
        terakhir_status=Subquery(terakhir.values("status")[:1]),
        terakhir_at=Subquery(terakhir.values("created_at")[:1]),
    ).order_by("lembaga__nama", "-created_at", "-id")


def webhook_get(*, pengguna, pk: int):
    """One webhook the user may manage; anyone else's answers 404."""
    w = webhook_list(pengguna=pengguna).filter(pk=pk).first()
    if w is None:
        raise Http404
    return w


def pengiriman_webhook_list(*, webhook) -> QuerySet:
    """The delivery log of one (already scoped) webhook, newest first."""
    from sinergi.komunikasi.models import PengirimanWebhook

    return PengirimanWebhook.objects.filter(webhook=webhook).order_by("-created_at", "-id")


def pengiriman_webhook_get(*, pengguna, pk: int):
    """One delivery of a webhook the user may manage; anyone else's answers 404."""
    from sinergi.komunikasi.models import PengirimanWebhook

    d = (
        PengirimanWebhook.objects.select_related("webhook", "webhook__lembaga")
        .filter(pk=pk, webhook__in=webhook_list(pengguna=pengguna).values("pk"))
        .first()
    )
    if d is None:
        raise Http404
    return d


def lembaga_webhook_pilihan(*, pengguna) -> QuerySet:
    """The organizations the user may add a webhook for."""
    from sinergi.pemangku.models import Lembaga

    if rules.is_system_admin(pengguna):
        return Lembaga.objects.filter(is_active=True).order_by("nama")
    if izin.dapat_kelola_webhook(pengguna):
        return Lembaga.objects.filter(pk=pengguna.lembaga_id)
    return Lembaga.objects.none()


def zona_pengguna(pengguna) -> str:
    """The time zone (WIB/WITA/WIT) of the user's organization's region; WIB otherwise."""
    lembaga = getattr(pengguna, "lembaga", None)
    wilayah = getattr(lembaga, "wilayah", None) if lembaga is not None else None
    return getattr(wilayah, "zona_waktu", None) or "WIB"
