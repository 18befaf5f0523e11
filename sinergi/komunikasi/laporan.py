"""The receipt list as an XLSX workbook: proof of notification."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sinergi.core import format, waktu
from sinergi.komunikasi import selectors
from sinergi.komunikasi.teks import sel_aman


def penerimaan_xlsx(pengumuman) -> bytes:
    zona = pengumuman.wilayah.zona_waktu if pengumuman.wilayah_id else "WIB"

    def t(dt):
        # a real date-time cell in the region's wall-clock time (Excel has no zones; the
        # headers name it), shown with the reader's own date order and separators
        return waktu.ke_lokal(dt, zona).replace(tzinfo=None, microsecond=0) if dt else None

    wb = Workbook()
    ws = wb.active
    ws.title = _("Receipts")[:31]
    ws.append([sel_aman(pengumuman.judul)])
    ws["A1"].font = Font(bold=True)
    ws.append([sel_aman(pengumuman.lembaga.nama), t(pengumuman.dikirim_at), zona])
    ws["B2"].number_format = format.xlsx_waktu()
    ws.append([])
    ws.append(
        [
            _("Organization"),
            _("Name"),
            _("E-mail"),
            *(
                f"{kolom} ({zona})"
                for kolom in (
                    _("Delivered"),
                    _("E-mailed"),
                    _("Read"),
                    _("Acknowledged"),
                    _("Reminded"),
                )
            ),
        ]
    )
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for r in selectors.penerimaan_list(pengumuman=pengumuman):
        ws.append(
            [
                sel_aman(r.lembaga.nama),
                sel_aman(r.pengguna.nama),
                sel_aman(r.pengguna.email),
                t(r.dikirim_at),
                t(r.email_at),
                t(r.dibaca_at),
                t(r.diakui_at),
                t(r.diingatkan_at),
            ]
        )
        for cell in ws[ws.max_row][3:]:
            cell.number_format = format.xlsx_waktu()
    for col, lebar in zip("ABCDEFGH", (40, 28, 34, 22, 22, 22, 22, 22), strict=True):
        ws.column_dimensions[col].width = lebar
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def penerimaan_pdf(pengumuman) -> bytes:
    """The receipt list as a PDF: proof of notification, in the region's local time. Every
    text that came from a user is escaped (reportlab reads markup in paragraphs)."""
    from django.utils import timezone
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from sinergi.kegiatan.laporan import _dokumen, _gaya, _p, _tabel

    zona = pengumuman.wilayah.zona_waktu if pengumuman.wilayah_id else "WIB"

    def t(dt):
        return waktu.format_lokal(dt, zona) if dt else "—"

    gaya = _gaya()
    ringkasan = selectors.ringkasan_penerimaan(pengumuman=pengumuman)
    buffer = io.BytesIO()
    doc = _dokumen(buffer, _("Proof of notification"))
    isi = [
        _p(_("Proof of notification"), gaya["judul"]),
        _p(pengumuman.judul, gaya["sub"]),
        _p(
            _("From %(lembaga)s · sent %(waktu)s · priority: %(prioritas)s")
            % {
                "lembaga": pengumuman.lembaga.nama,
                "waktu": t(pengumuman.dikirim_at),
                "prioritas": pengumuman.get_prioritas_display(),
            },
            gaya["isi"],
        ),
        _p(
            _(
                "%(orang)s recipients in %(lembaga)s organizations; %(baca)s have read, "
                "%(akui)s acknowledged."
            )
            % {
                "orang": ringkasan["orang"],
                "lembaga": ringkasan["lembaga"],
                "baca": ringkasan["orang_baca"],
                "akui": ringkasan["orang_akui"],
            },
            gaya["isi"],
        ),
    ]
    for g in ringkasan["kelompok"]:
        isi.append(_p("• " + g["kalimat"], gaya["isi"]))
    isi.append(Spacer(1, 4 * mm))
    data = [
        [
            _p(_("Organization"), gaya["kecil"]),
            _p(_("Name"), gaya["kecil"]),
            _p(_("Delivered"), gaya["kecil"]),
            _p(_("Read"), gaya["kecil"]),
            _p(_("Acknowledged"), gaya["kecil"]),
        ]
    ]
    for r in selectors.penerimaan_list(pengumuman=pengumuman):
        data.append(
            [
                _p(r.lembaga.nama, gaya["kecil"]),
                _p(r.pengguna.nama or r.pengguna.email, gaya["kecil"]),
                _p(t(r.dikirim_at), gaya["kecil"]),
                _p(t(r.dibaca_at), gaya["kecil"]),
                _p(t(r.diakui_at), gaya["kecil"]),
            ]
        )
    isi.append(_tabel(data, [52 * mm, 44 * mm, 28 * mm, 28 * mm, 28 * mm]))
    isi.append(Spacer(1, 4 * mm))
    isi.append(
        _p(
            _("Made by Sinergi on %(waktu)s (%(zona)s).")
            % {"waktu": t(timezone.now()), "zona": zona},
            gaya["kecil"],
        )
    )
    doc.build(isi)
    return buffer.getvalue()
