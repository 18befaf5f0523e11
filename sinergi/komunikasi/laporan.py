"""The receipt list as an XLSX workbook: proof of notification."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sinergi.core import waktu
from sinergi.komunikasi import selectors
from sinergi.komunikasi.teks import sel_aman


def penerimaan_xlsx(pengumuman) -> bytes:
    zona = pengumuman.wilayah.zona_waktu if pengumuman.wilayah_id else "WIB"

    def t(dt):
        return waktu.format_lokal(dt, zona) if dt else ""

    wb = Workbook()
    ws = wb.active
    ws.title = _("Receipts")[:31]
    ws.append([sel_aman(pengumuman.judul)])
    ws["A1"].font = Font(bold=True)
    ws.append([sel_aman(pengumuman.lembaga.nama), t(pengumuman.dikirim_at)])
    ws.append([])
    ws.append(
        [
            _("Organization"),
            _("Name"),
            _("E-mail"),
            _("Delivered"),
            _("E-mailed"),
            _("Read"),
            _("Acknowledged"),
            _("Reminded"),
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
    for col, lebar in zip("ABCDEFGH", (40, 28, 34, 22, 22, 22, 22, 22), strict=True):
        ws.column_dimensions[col].width = lebar
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
