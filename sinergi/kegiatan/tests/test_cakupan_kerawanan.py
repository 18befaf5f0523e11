"""Coverage ranked by vulnerability: "briefings go where the risk is highest"."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sinergi.kegiatan import services
from sinergi.kegiatan.cakupan import cakupan, urutkan_kerawanan

pytestmark = pytest.mark.django_db


@pytest.fixture
def ikp(db):
    from sinergi.kerawanan.models import Kerangka
    from sinergi.kerawanan.services import muat_referensi

    muat_referensi()
    return Kerangka.objects.get(slug="ikp-2024")


@pytest.fixture
def skor(ikp, lembaga_uji):
    """Ngawi and Madiun high (Ngawi CONFIDENTIAL to Bawaslu Jatim), Kota Madiun medium but only
    in an older period."""
    from sinergi.kerawanan.models import Penilaian

    def nilai(kode, periode, angka, kategori, kerahasiaan="RESTRICTED"):
        return Penilaian.objects.create(
            kerangka=ikp,
            wilayah_id=kode,
            periode=periode,
            lembaga=lembaga_uji["bawaslu_jatim"],
            kerahasiaan=kerahasiaan,
            skor=Decimal(angka),
            kategori=kategori,
        )

    nilai("35.19", "2019", "20.00", "sedang")
    nilai("35.19", "2024", "55.10", "tinggi")
    nilai("35.21", "2024", "61.00", "tinggi", kerahasiaan="CONFIDENTIAL")
    nilai("35.77", "2019", "30.00", "sedang")


@pytest.fixture
def madiun_dijangkau(operator_jatim, buat_kegiatan, lembaga_uji, tahapan):
    """KPU Madiun attended a briefing on the campaign stage: Madiun is partly reached."""
    k = buat_kegiatan(mulai=timezone.now() - dt.timedelta(hours=1))
    k.tahapan.set([tahapan["T7"]])
    u = services.undangan_create(
        pelaku=operator_jatim, kegiatan=k, lembaga=lembaga_uji["kpu_madiun"]
    )
    services.hadir_manual(pelaku=operator_jatim, kegiatan=k, undangan=u)


def _urutan(c):
    return [(r.wilayah.kode, r.skor, r.kategori, r.periode) for r in c.per_wilayah]


def test_urutan_risiko_lalu_jangkauan(
    pengguna_uji, pemilu, wilayah_mini, ikp, skor, madiun_dijangkau
):
    """Highest category first, then the least reached; each region's latest visible score;
    an assessment the user may not see does not rank (CONFIDENTIAL Ngawi for an operator)."""
    operator = pengguna_uji("kpu_jatim", "operator")
    c = cakupan(pengguna=operator, pemilu=pemilu, wilayah=wilayah_mini["35"])
    assert [r.wilayah.kode for r in c.per_wilayah] == ["35.19", "35.21", "35.77"]
    urutkan_kerawanan(c, pengguna=operator, kerangka=ikp)
    assert _urutan(c) == [
        ("35.19", Decimal("55.10"), "tinggi", "2024"),
        ("35.77", Decimal("30.00"), "sedang", "2019"),
        ("35.21", None, "", ""),
    ]
    # Bawaslu Jatim's coordinator (leadership) sees the confidential score: Ngawi (high, never
    # reached) now comes before Madiun (high, partly reached)
    pimpinan = pengguna_uji("bawaslu_jatim", "koordinator")
    c = cakupan(pengguna=pimpinan, pemilu=pemilu, wilayah=wilayah_mini["35"])
    urutkan_kerawanan(c, pengguna=pimpinan, kerangka=ikp)
    assert [r.wilayah.kode for r in c.per_wilayah] == ["35.21", "35.19", "35.77"]
    assert c.per_wilayah[1].persen > c.per_wilayah[0].persen == 0


def test_halaman_cakupan_dengan_kerawanan(
    client, pengguna_uji, pemilu, wilayah_mini, ikp, skor, madiun_dijangkau
):
    client.force_login(pengguna_uji("kpu_jatim", "operator"))
    biasa = client.get("/kegiatan/cakupan/", {"pemilu": pemilu.slug, "wilayah": "35"})
    body = biasa.content.decode()
    assert biasa.status_code == 200 and 'value="ikp-2024"' in body
    assert "/kerawanan/ikp-2024/wilayah/" not in body
    r = client.get(
        "/kegiatan/cakupan/", {"pemilu": pemilu.slug, "wilayah": "35", "kerawanan": "ikp-2024"}
    )
    body = r.content.decode()
    tabel = body[body.index('id="cakupan-wilayah"') :]
    posisi = [tabel.index(n) for n in ("Kabupaten Madiun", "Kota Madiun", "Kabupaten Ngawi")]
    assert posisi == sorted(posisi)
    assert (
        '/kerawanan/ikp-2024/wilayah/35.19/?periode=2024">55,10</a>'
    )  # Indonesian decimals in tabel
    # an unknown framework is ignored (default order), not an error
    r = client.get(
        "/kegiatan/cakupan/", {"pemilu": pemilu.slug, "wilayah": "35", "kerawanan": "tidak-ada"}
    )
    assert r.status_code == 200 and "/kerawanan/ikp-2024/wilayah/" not in r.content.decode()


def test_masuk_dulu(client, pemilu, ikp):
    """The coverage page (and so the ranking) needs a sign-in."""
    r = client.get("/kegiatan/cakupan/", {"pemilu": pemilu.slug, "kerawanan": "ikp-2024"})
    assert r.status_code == 302


def test_xlsx_membawa_skor(client, pengguna_uji, pemilu, wilayah_mini, ikp, skor):
    """The XLSX download keeps the ranking and adds the score, category and period."""
    import io

    import openpyxl

    client.force_login(pengguna_uji("kpu_jatim", "operator"))
    r = client.get(
        "/kegiatan/cakupan/cakupan.xlsx",
        {"pemilu": pemilu.slug, "wilayah": "35", "kerawanan": "ikp-2024"},
    )
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).worksheets[1]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert [row[0] for row in rows[1:]] == ["35.19", "35.77", "35.21"]
    assert rows[1][6:] == [55.1, "tinggi", "2024"] and rows[3][6:] == [None, None, None]


def test_xlsx_persen_dan_skor_sebagai_angka(client, pengguna_uji, pemilu, wilayah_mini, ikp, skor):
    """The share reached is a percent cell (0.25 shown as 25%) and the score a number cell
    with two decimals, so Excel shows them in its reader's conventions (25%, 55,10)."""
    import io

    import openpyxl

    client.force_login(pengguna_uji("kpu_jatim", "operator"))
    r = client.get(
        "/kegiatan/cakupan/cakupan.xlsx",
        {"pemilu": pemilu.slug, "wilayah": "35", "kerawanan": "ikp-2024"},
    )
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).worksheets[1]
    persen, skor_sel = ws["F2"], ws["G2"]
    assert isinstance(persen.value, int | float) and 0 <= persen.value <= 1
    assert persen.number_format == "0%"
    assert skor_sel.value == 55.1 and skor_sel.number_format == "#,##0.00"
