"""Documents of an event: the attendance list (PDF, XLSX), the event report (PDF), the press
release draft, and QR codes.

Every text that came from a user goes through `_p()`, which escapes it: reportlab's Paragraph
reads a small markup language, so "<b>" typed in a title must print as "<b>", not bold.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from sinergi.core import format, waktu
from sinergi.kegiatan import selectors
from sinergi.kegiatan.models import Kegiatan

# --- PDF ----------------------------------------------------------------------------------------


def _gaya():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    ss = getSampleStyleSheet()
    return {
        "judul": ParagraphStyle("judul", parent=ss["Title"], fontSize=14, leading=18),
        "sub": ParagraphStyle("sub", parent=ss["Heading2"], fontSize=11, leading=14),
        "isi": ParagraphStyle("isi", parent=ss["BodyText"], fontSize=9, leading=12),
        "kecil": ParagraphStyle("kecil", parent=ss["BodyText"], fontSize=8, leading=10),
    }


def _p(teks, gaya) -> object:
    """A paragraph of user text, escaped, with its line breaks kept."""
    from reportlab.platypus import Paragraph

    aman = escape(str(teks or "")).replace("\n", "<br/>")
    return Paragraph(aman, gaya)


def _dokumen(buffer, judul: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=judul,
        author="Sinergi",
        pageCompression=0,
    )


def _tabel(data, lebar, header=True):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    t = Table(data, colWidths=lebar, repeatRows=1 if header else 0)
    gaya = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        gaya.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")))
    t.setStyle(TableStyle(gaya))
    return t


def _waktu_teks(k: Kegiatan) -> str:
    mulai = waktu.format_lokal(k.mulai, k.zona_waktu)
    return f"{mulai} – {waktu.format_lokal(k.selesai, k.zona_waktu)}"  # noqa: RUF001


def _tempat_teks(k: Kegiatan) -> str:
    bagian = [x for x in [k.tempat, k.alamat] if x]
    if k.tautan_daring:
        bagian.append(k.tautan_daring)
    return ", ".join(bagian)


def daftar_hadir_pdf(k: Kegiatan) -> bytes:
    """The attendance list (daftar hadir), grouped by organization, with a signature column."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    g = _gaya()
    buf = io.BytesIO()
    doc = _dokumen(buf, _("Attendance list"))
    isi = [
        _p(_("ATTENDANCE LIST"), g["judul"]),
        _p(k.judul, g["sub"]),
        _p(f"{_waktu_teks(k)} · {_tempat_teks(k)}", g["isi"]),
        _p(k.penyelenggara.nama, g["isi"]),
        Spacer(1, 4 * mm),
    ]
    nomor = 0
    for instansi, rows in selectors.daftar_hadir_per_lembaga(k):
        data = [
            [
                _p(_("No."), g["kecil"]),
                _p(_("Name"), g["kecil"]),
                _p(_("Position"), g["kecil"]),
                _p(_("Time"), g["kecil"]),
                _p(_("Signature"), g["kecil"]),
            ]
        ]
        for row in rows:
            nomor += 1
            data.append(
                [
                    _p(str(nomor), g["kecil"]),
                    _p(row.nama, g["kecil"]),
                    _p(row.jabatan, g["kecil"]),
                    _p(format.jam(row.waktu, k.zona_waktu), g["kecil"]),
                    "",
                ]
            )
        isi += [_p(instansi, g["sub"]), _tabel(data, [10 * mm, 55 * mm, 50 * mm, 20 * mm, 45 * mm])]
        isi.append(Spacer(1, 3 * mm))
    if nomor == 0:
        isi.append(_p(_("No one has checked in yet."), g["isi"]))
    doc.build(isi)
    return buf.getvalue()


def laporan_pdf(k: Kegiatan) -> bytes:
    """The event report (laporan kegiatan): what, when, where, who attended by organization
    type, stages and regulations, statements, minutes and follow-ups."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    g = _gaya()
    buf = io.BytesIO()
    doc = _dokumen(buf, _("Event report"))
    isi = [
        _p(_("EVENT REPORT"), g["judul"]),
        _p(k.judul, g["sub"]),
    ]
    info = [
        (_("Kind"), k.get_jenis_display()),
        (_("Organizer"), k.penyelenggara.nama),
        (_("Co-organizers"), ", ".join(x.nama for x in k.penyelenggara_bersama.all())),
        (_("When"), _waktu_teks(k)),
        (_("Where"), _tempat_teks(k)),
        (_("Region"), k.wilayah.nama),
        (_("Status"), k.get_status_display()),
    ]
    if k.alasan_batal:
        info.append((_("Reason for cancelling"), k.alasan_batal))
    isi.append(
        _tabel([[_p(a, g["isi"]), _p(b, g["isi"])] for a, b in info], [45 * mm, 135 * mm], False)
    )
    if k.deskripsi:
        isi += [_p(_("Description"), g["sub"]), _p(k.deskripsi, g["isi"])]
    tahapan = list(k.tahapan.all())
    regulasi = list(k.regulasi.all())
    isi.append(_p(_("Stages covered"), g["sub"]))
    isi += [_p(f"• {t.label}", g["isi"]) for t in tahapan] or [_p("—", g["isi"])]
    isi.append(_p(_("Regulations covered"), g["sub"]))
    isi += [_p(f"• {r.sebutan} {r.judul}", g["isi"]) for r in regulasi] or [_p("—", g["isi"])]
    undangan = k.undangan.count()
    hadir = selectors.hadir_per_jenis(k)
    isi.append(_p(_("Attendance"), g["sub"]))
    isi.append(
        _p(
            _("%(hadir)s people attended; %(undangan)s invitations were sent.")
            % {"hadir": sum(n for _j, n in hadir), "undangan": undangan},
            g["isi"],
        )
    )
    if hadir:
        data = [[_p(_("Organization type"), g["kecil"]), _p(_("Attended"), g["kecil"])]]
        data += [[_p(j, g["kecil"]), _p(str(n), g["kecil"])] for j, n in hadir]
        isi.append(_tabel(data, [120 * mm, 30 * mm]))
    if k.agenda:
        isi += [_p(_("Agenda"), g["sub"]), _p(k.agenda, g["isi"])]
    pernyataan = list(k.pernyataan.all())
    if pernyataan:
        isi.append(_p(_("Statements"), g["sub"]))
        for p in pernyataan:
            siapa = ", ".join(x for x in [p.pembicara, p.jabatan] if x)
            isi += [_p(siapa, g["kecil"]), _p(f"“{p.isi}”", g["isi"]), Spacer(1, 2 * mm)]
    if k.notulen:
        isi += [_p(_("Minutes (notulen)"), g["sub"]), _p(k.notulen, g["isi"])]
    keputusan = list(k.keputusan.select_related("pemilik"))
    if keputusan:
        isi.append(_p(_("Decisions and follow-ups"), g["sub"]))
        data = [
            [
                _p(_("Decision"), g["kecil"]),
                _p(_("Owner organization"), g["kecil"]),
                _p(_("Due date"), g["kecil"]),
            ]
        ]
        for d in keputusan:
            data.append(
                [
                    _p(d.uraian, g["kecil"]),
                    _p(d.pemilik.nama, g["kecil"]),
                    _p(format.tanggal(d.tenggat, pendek=True) or "—", g["kecil"]),
                ]
            )
        isi.append(_tabel(data, [100 * mm, 55 * mm, 25 * mm]))
    doc.build(isi)
    return buf.getvalue()


# --- The stored report -------------------------------------------------------------------------
def nama_laporan(k, bahasa: str | None = None) -> str:
    """Where the report of `k`'s current record is stored (`tasks.buat_laporan`), in `bahasa`
    (default: the active language). The name carries a fingerprint of what the report shows,
    so a stored file is only served while the record is unchanged; any change makes the
    download build a fresh one."""
    import hashlib
    import json

    from django.utils.translation import get_language

    bagian = [
        bahasa or get_language(),
        k.updated_at.isoformat(),
        k.status,
        sorted(k.tahapan.values_list("pk", flat=True)),
        sorted(k.regulasi.values_list("pk", flat=True)),
        k.undangan.count(),
        sorted(k.kehadiran.values_list("pk", "lembaga_id")),
        sorted(k.pernyataan.values_list("pk", flat=True)),
        sorted(k.keputusan.values_list("pk", flat=True)),
    ]
    sidik = hashlib.sha256(json.dumps(bagian, default=str).encode()).hexdigest()[:20]
    return f"kegiatan/laporan/{k.pk}-{sidik}.pdf"


# --- XLSX ---------------------------------------------------------------------------------------
def _aman_xlsx(teks) -> str:
    """Cell text that a spreadsheet will not run as a formula."""
    teks = str(teks or "")
    return "'" + teks if teks[:1] in {"=", "+", "-", "@"} else teks


def daftar_hadir_xlsx(k: Kegiatan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("Attendance")[:31]
    ws.append([_aman_xlsx(k.judul)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_waktu_teks(k), _aman_xlsx(_tempat_teks(k))])
    ws.append([])
    kepala = [
        _("No."),
        _("Organization"),
        _("Name"),
        _("Position"),
        f"{_('Time')} ({k.zona_waktu})",
        _("How"),
        _("Signature"),
    ]
    ws.append(kepala)
    for c in ws[4]:
        c.font = Font(bold=True)
    nomor = 0
    for instansi, rows in selectors.daftar_hadir_per_lembaga(k):
        for row in rows:
            nomor += 1
            # a real date-time cell, local wall-clock time (Excel has no zones; the header says it)
            jam = waktu.ke_lokal(row.waktu, k.zona_waktu).replace(tzinfo=None, microsecond=0)
            ws.append(
                [
                    nomor,
                    _aman_xlsx(instansi),
                    _aman_xlsx(row.nama),
                    _aman_xlsx(row.jabatan),
                    jam,
                    str(row.get_cara_display()),
                    "",
                ]
            )
            ws.cell(row=ws.max_row, column=5).number_format = format.xlsx_waktu()
    for kolom, lebar in zip("ABCDEFG", [6, 40, 30, 30, 20, 16, 25], strict=True):
        ws.column_dimensions[kolom].width = lebar
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- QR -----------------------------------------------------------------------------------------
def qr_svg(data: str, *, skala: int = 6) -> str:
    """An inline SVG QR code (no external request, prints sharply)."""
    import segno

    buf = io.BytesIO()
    segno.make(data, error="m").save(
        buf, kind="svg", scale=skala, border=2, xmldecl=False, svgns=True
    )
    return buf.getvalue().decode()


# --- Press release -------------------------------------------------------------------------------
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def _tanggal_id(d) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def _kota(k: Kegiatan) -> str:
    nama = k.wilayah.nama
    for awalan in ("Kabupaten ", "Kota "):
        if nama.startswith(awalan):
            return nama[len(awalan) :].upper()
    return "SURABAYA" if k.wilayah_id == "35" else nama.upper()


def siaran_pers_draf(k: Kegiatan) -> str:
    """A press release draft in Indonesian, in the manner of a KPU news item: dateline, who held
    what where, who attended, the key quotes, and what comes next. Always Indonesian: it is
    published as is, whatever the operator's interface language."""
    mulai = waktu.ke_lokal(k.mulai, k.zona_waktu)
    selesai = waktu.ke_lokal(k.selesai, k.zona_waktu)
    if mulai.date() == selesai.date():
        kapan = f"{HARI[mulai.weekday()]} ({_tanggal_id(mulai)})"
    else:
        kapan = (
            f"{HARI[mulai.weekday()]}-{HARI[selesai.weekday()]} "
            f"({mulai.day}-{_tanggal_id(selesai)})"
            if mulai.month == selesai.month
            else f"{_tanggal_id(mulai)} sampai {_tanggal_id(selesai)}"
        )
    tempat = f" di {k.tempat}" if k.tempat else (" secara daring" if k.tautan_daring else "")
    alinea = [f"{_kota(k)}, {k.penyelenggara.nama} menggelar {k.judul} pada {kapan}{tempat}."]
    hadir = selectors.hadir_per_jenis(k)
    lembaga_hadir = sorted(
        {x.lembaga.nama for x in k.kehadiran.select_related("lembaga") if x.lembaga}
    )
    if hadir:
        total = sum(n for _j, n in hadir)
        contoh = ", ".join(lembaga_hadir[:6])
        kalimat = f"Kegiatan ini dihadiri {total} peserta"
        if contoh:
            lainnya = " dan lembaga lainnya" if len(lembaga_hadir) > 6 else ""
            kalimat += f", antara lain dari {contoh}{lainnya}"
        alinea.append(kalimat + ".")
    tahapan = [t.nama for t in k.tahapan.all()]
    if tahapan:
        alinea.append("Materi yang disampaikan mencakup tahapan " + "; ".join(tahapan) + ".")
    regulasi = [r.sebutan for r in k.regulasi.all()]
    if regulasi:
        alinea.append("Regulasi yang disosialisasikan antara lain " + ", ".join(regulasi) + ".")
    for p in k.pernyataan.all()[:4]:
        siapa = p.pembicara + (f", {p.jabatan}" if p.jabatan else "")
        alinea.append(f"“{p.isi.strip()}” ujar {siapa}.")
    keputusan = list(k.keputusan.all()[:3])
    if keputusan:
        alinea.append(
            "Kegiatan ditutup dengan sejumlah kesepakatan tindak lanjut, di antaranya "
            + "; ".join(d.uraian.strip().rstrip(".") for d in keputusan)
            + "."
        )
    alinea.append(f"({k.penyelenggara.singkatan or k.penyelenggara.nama})")
    return "\n\n".join(alinea)
