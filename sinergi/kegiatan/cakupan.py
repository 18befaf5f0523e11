"""Coverage: which stakeholder organizations an election's stages have reached, by region.

For an election and a region, every active organization in the region x every top-level stage
is one of: reached (someone from it attended an event covering that stage or one of its
sub-stages), invited but absent, or never invited. Only events the user may see count, and
cancelled events never do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.akses import rules
from sinergi.kegiatan import izin
from sinergi.kegiatan.choices import StatusKegiatan

TERCAPAI = "tercapai"
ABSEN = "absen"
BELUM = "belum"
LABEL = {
    TERCAPAI: gettext_lazy("Reached"),
    ABSEN: gettext_lazy("Invited, absent"),
    BELUM: gettext_lazy("Never invited"),
}


@dataclass
class BarisLembaga:
    lembaga: object
    unit: str
    sel: list[str]

    @property
    def label(self) -> str:
        return f"{self.lembaga.nama} {self.unit}".strip() if self.unit else self.lembaga.nama

    @property
    def tercapai(self) -> int:
        return self.sel.count(TERCAPAI)


@dataclass
class BarisWilayah:
    wilayah: object
    total: int = 0
    tercapai: int = 0
    absen: int = 0
    # the latest vulnerability score when ranked by vulnerability (see `urutkan_kerawanan`)
    skor: object = None
    kategori: str = ""
    periode: str = ""

    @property
    def persen(self) -> int:
        return round(100 * self.tercapai / self.total) if self.total else 0


@dataclass
class Cakupan:
    pemilu: object
    wilayah: object
    tahapan: list
    baris: list[BarisLembaga] = field(default_factory=list)
    per_wilayah: list[BarisWilayah] = field(default_factory=list)
    kerawanan: object = None  # the framework the regencies are ranked by, if any

    @property
    def total(self) -> int:
        return sum(len(b.sel) for b in self.baris)

    @property
    def tercapai(self) -> int:
        return sum(b.tercapai for b in self.baris)

    @property
    def persen(self) -> int:
        return round(100 * self.tercapai / self.total) if self.total else 0

    def celah(self) -> list[tuple[str, str, str]]:
        """The gap list: (organization label, stage name, sentence) for each cell not reached."""
        hasil = []
        for b in self.baris:
            for t, s in zip(self.tahapan, b.sel, strict=True):
                if s == TERCAPAI:
                    continue
                kalimat = (
                    _("%(lembaga)s: invited to a socialization of %(tahapan)s but did not attend")
                    if s == ABSEN
                    else _("%(lembaga)s: no socialization on %(tahapan)s yet")
                ) % {"lembaga": b.label, "tahapan": t.label}
                hasil.append((b.label, t.label, kalimat))
        return hasil


def _akar(tahapan_list) -> dict[int, int]:
    """Each stage's top-level ancestor."""
    induk = {t.pk: t.induk_id for t in tahapan_list}
    akar = {}
    for pk in induk:
        node, depth = pk, 0
        while induk.get(node) and depth < 10:
            node, depth = induk[node], depth + 1
        akar[pk] = node
    return akar


def cakupan(
    *,
    pengguna,
    pemilu,
    wilayah,
    jenis: list[str] | None = None,
    tanggal: dt.date | None = None,
) -> Cakupan:
    """The coverage matrix of `pemilu` in the region `wilayah` (a Wilayah), for the top-level
    stages started by `tanggal` (all of them when None). Http404 outside the user's scope."""
    from sinergi.kegiatan.models import Kegiatan, Kehadiran, Undangan
    from sinergi.pemangku.models import Kontak, Lembaga
    from sinergi.tahapan.choices import KategoriTahapan
    from sinergi.tahapan.models import Tahapan
    from sinergi.wilayah.models import Wilayah

    if not rules.dalam_lingkup(pengguna, wilayah.kode):
        raise Http404
    semua_tahapan = list(Tahapan.objects.filter(pemilu=pemilu).only("pk", "induk_id"))
    akar = _akar(semua_tahapan)
    utama = Tahapan.objects.filter(pemilu=pemilu, induk__isnull=True).exclude(
        kategori=KategoriTahapan.KONTINJENSI
    )
    if tanggal is not None:
        utama = utama.filter(mulai_efektif__lte=tanggal)
    utama = list(utama.order_by("urutan", "kode"))
    kolom = {t.pk: i for i, t in enumerate(utama)}

    kegiatan = izin.filter_terlihat(Kegiatan.objects.all(), pengguna).exclude(
        status=StatusKegiatan.DIBATALKAN
    )
    cover: dict[int, set[int]] = {}
    for kid, tid in Kegiatan.tahapan.through.objects.filter(
        kegiatan_id__in=kegiatan.values("pk"), tahapan__pemilu=pemilu
    ).values_list("kegiatan_id", "tahapan_id"):
        if akar.get(tid) in kolom:
            cover.setdefault(kid, set()).add(kolom[akar[tid]])

    lembaga_qs = (
        Lembaga.objects.filter(is_active=True)
        .filter(rules.q_wilayah(wilayah.kode))
        .select_related("jenis", "wilayah")
        .order_by("jenis__urutan", "wilayah_id", "nama")
    )
    if jenis:
        lembaga_qs = lembaga_qs.filter(jenis_id__in=jenis)
    lembaga = list(lembaga_qs)
    ids = [x.pk for x in lembaga]
    unit = {}
    for lid, u in (
        Kontak.objects.filter(lembaga_id__in=ids, is_active=True)
        .exclude(unit="")
        .order_by("pk")
        .values_list("lembaga_id", "unit")
    ):
        unit.setdefault(lid, u)

    diundang: dict[int, set[int]] = {}
    for lid, kid in Undangan.objects.filter(
        kegiatan_id__in=list(cover), lembaga_id__in=ids
    ).values_list("lembaga_id", "kegiatan_id"):
        diundang.setdefault(lid, set()).update(cover[kid])
    hadir: dict[int, set[int]] = {}
    for lid, kid in Kehadiran.objects.filter(
        kegiatan_id__in=list(cover), lembaga_id__in=ids
    ).values_list("lembaga_id", "kegiatan_id"):
        hadir.setdefault(lid, set()).update(cover[kid])

    hasil = Cakupan(pemilu=pemilu, wilayah=wilayah, tahapan=utama)
    for lem in lembaga:
        sel = []
        for i in range(len(utama)):
            if i in hadir.get(lem.pk, ()):
                sel.append(TERCAPAI)
            elif i in diundang.get(lem.pk, ()):
                sel.append(ABSEN)
            else:
                sel.append(BELUM)
        hasil.baris.append(BarisLembaga(lembaga=lem, unit=unit.get(lem.pk, ""), sel=sel))

    anak = list(
        Wilayah.objects.filter(induk=wilayah, tingkat="kabupaten_kota").order_by("kode")
    ) or ([wilayah] if wilayah.tingkat == "kabupaten_kota" else [])
    per = {w.kode: BarisWilayah(wilayah=w) for w in anak}
    for b in hasil.baris:
        kode = b.lembaga.wilayah_id or ""
        kunci = next((k for k in per if kode == k or kode.startswith(k + ".")), None)
        if kunci is None:
            continue
        per[kunci].total += len(b.sel)
        per[kunci].tercapai += b.sel.count(TERCAPAI)
        per[kunci].absen += b.sel.count(ABSEN)
    hasil.per_wilayah = list(per.values())
    return hasil


# Higher first; regencies without a score the user may see come last.
URUTAN_KATEGORI = {"tinggi": 3, "sedang": 2, "rendah": 1}


def urutkan_kerawanan(c: Cakupan, *, pengguna, kerangka) -> None:
    """Rank the regencies by vulnerability ("briefings go where the risk is highest"): each
    gets the latest score and category of the framework `kerangka` that the user may see;
    highest category first, then the least reached, then the highest score."""
    from sinergi.kerawanan.selectors import skor_terbaru

    skor = skor_terbaru(
        pengguna=pengguna, kerangka=kerangka, kode=[r.wilayah.kode for r in c.per_wilayah]
    )
    c.kerawanan = kerangka
    for r in c.per_wilayah:
        r.skor, r.kategori, r.periode = skor.get(r.wilayah.kode, (None, "", ""))
    c.per_wilayah.sort(
        key=lambda r: (
            -URUTAN_KATEGORI.get(r.kategori, 0),
            r.persen,
            -(r.skor if r.skor is not None else -1),
            r.wilayah.kode,
        )
    )


def _judul_sheet(judul: str) -> str:
    """A valid sheet title: Excel refuses / \\ ? * [ ] : ("Per kabupaten/kota") and > 31 chars."""
    for c in "/\\?*[]:":
        judul = judul.replace(c, "-")
    return judul[:31]


def cakupan_xlsx(c: Cakupan) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from sinergi.core import format
    from sinergi.kegiatan.laporan import _aman_xlsx

    warna = {TERCAPAI: "C6EFCE", ABSEN: "FFEB9C", BELUM: "FFC7CE"}
    wb = Workbook()
    ws = wb.active
    ws.title = _judul_sheet(_("Coverage"))
    ws.append([_("Organization"), _("Region"), *[t.label for t in c.tahapan]])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for b in c.baris:
        ws.append(
            [
                _aman_xlsx(b.label),
                b.lembaga.wilayah.nama if b.lembaga.wilayah else "",
                *[str(LABEL[s]) for s in b.sel],
            ]
        )
        for cell, s in zip(ws[ws.max_row][2:], b.sel, strict=True):
            cell.fill = PatternFill("solid", fgColor=warna[s])
    ws2 = wb.create_sheet(_judul_sheet(_("Per regency")))
    ws2.append([_("Code"), _("Regency/city"), _("Reached"), _("Invited, absent"), _("Cells"), "%"])
    if c.kerawanan is not None:
        ws2["G1"], ws2["H1"], ws2["I1"] = (
            _("Vulnerability score"),
            _("Vulnerability category"),
            _("Period"),
        )
    for r in c.per_wilayah:
        # real numbers with a display format: Excel shows 45% and 55,10 (or 55.10) itself
        baris = [r.wilayah.kode, r.wilayah.nama, r.tercapai, r.absen, r.total, r.persen / 100]
        if c.kerawanan is not None:
            baris += [r.skor, r.kategori, r.periode]
        ws2.append(baris)
        ws2.cell(row=ws2.max_row, column=6).number_format = format.XLSX_PERSEN[0]
        ws2.cell(row=ws2.max_row, column=7).number_format = format.XLSX_DESIMAL[2]
    ws3 = wb.create_sheet(_judul_sheet(_("Gaps")))
    ws3.append([_("Organization"), _("Stage"), _("Gap")])
    for label, tahap, kalimat in c.celah():
        ws3.append([_aman_xlsx(label), tahap, _aman_xlsx(kalimat)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
