"""The proof-of-notification workbook holds times as date-time cells in the region's zone."""

import datetime as dt
import io

from openpyxl import load_workbook

from sinergi.komunikasi.models import Penerimaan

DIBACA = dt.datetime(2026, 12, 2, 21, 58, tzinfo=dt.UTC)  # 04.58 WIB on 3 December


def test_xlsx_waktu_sebagai_sel_tanggal(client, penulis, penerima, umumkan):
    """Read times are real date-time cells (WIB wall clock, the zone in the header) with a
    date format, so Excel shows and sorts them; not text such as "3 Desember 2026 04.58 WIB"."""
    p = umumkan()
    Penerimaan.objects.filter(pengumuman=p).update(dibaca_at=DIBACA)
    client.force_login(penulis)
    ws = load_workbook(
        io.BytesIO(client.get(f"/komunikasi/pengumuman/{p.pk}/penerimaan.xlsx").content)
    ).active
    kepala = [c.value for c in ws[4]]
    kolom = next(
        i
        for i, v in enumerate(kepala)
        if v and v.endswith("(WIB)") and v.startswith(("Dibaca", "Read"))
    )
    sel = ws.cell(row=5, column=kolom + 1)
    assert sel.value == dt.datetime(2026, 12, 3, 4, 58)
    assert sel.is_date
    assert ws["B2"].is_date and ws["C2"].value == "WIB"
