"""Screenshots for the Indonesian user guide (docs/panduan.md, docs/panduan/*.md).

Run from the repository root:

    .venv/bin/python docs/tangkapan_layar.py            # every screenshot
    .venv/bin/python docs/tangkapan_layar.py dasbor menu  # only those named with these words

It sets up a throwaway SQLite database exactly as `sinergi up --demo --no-serve` does (the
benchmarks' helpers in bench/_util.py), reads the demo users' generated passwords from that
command's console output (they are printed once, see docs/demo.md), starts the real server
(Granian, as `sinergi up` does), signs in through the login form and writes PNG files to
docs/img/panduan/: phone size (390 px wide, the page cropped to at most 1600 px tall) and a few at
laptop size (1366 px wide, cropped to 1000 px). The database is deleted afterwards; nothing in the
product or in your own database changes. `pngquant`, when installed, makes the files smaller.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from _util import scratch_sqlite, server, sinergi  # noqa: E402

from sinergi.core.testing.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from sinergi.core.testing.luring import TUNGGU_SW  # noqa: E402

KELUARAN = ROOT / "docs" / "img" / "panduan"
PONSEL = 390
LAPTOP = 1366
TINGGI_MAKS = {PONSEL: 1600, LAPTOP: 1000}

KOORDINATOR = "koordinator.kpu.jatim@demo.sinergi.local"
OPERATOR_KAB = "operator.kpu.madiun@demo.sinergi.local"
BAWASLU = "koordinator.bawaslu.jatim@demo.sinergi.local"
ADMIN_LEMBAGA = "admin.kpu.jatim@demo.sinergi.local"
ADMIN_BAWASLU = "admin.bawaslu.jatim@demo.sinergi.local"
OPERATOR_BAWASLU = "operator.bawaslu.jatim@demo.sinergi.local"

PENERIMAAN = "/komunikasi/pengumuman/{pengumuman}/penerimaan/"
CAKUPAN = "/kegiatan/cakupan/?pemilu=pemilu-2024&wilayah=35"

# (file name, user or None for a visitor, path, width, action before the screenshot)
TANGKAPAN = [
    ("beranda", None, "/", PONSEL, None),
    ("masuk", None, "/akun/masuk/", PONSEL, None),
    ("dasbor", KOORDINATOR, "/dasbor/", PONSEL, None),
    ("dasbor_laptop", KOORDINATOR, "/dasbor/", LAPTOP, None),
    ("menu", KOORDINATOR, "/dasbor/", PONSEL, "menu"),
    ("tahapan", KOORDINATOR, "/tahapan/?tanggal=2022-12-10", PONSEL, None),
    ("tahapan_pemilu", KOORDINATOR, "/tahapan/pemilu-2024/", PONSEL, None),
    ("regulasi", KOORDINATOR, "/regulasi/", PONSEL, None),
    ("pemangku", KOORDINATOR, "/pemangku/", PONSEL, None),
    ("tupoksi", KOORDINATOR, "/pemangku/tupoksi/", PONSEL, None),
    ("kegiatan", KOORDINATOR, "/kegiatan/", PONSEL, None),
    ("kegiatan_detail", KOORDINATOR, "/kegiatan/{kegiatan}/", PONSEL, None),
    ("kegiatan_detail_laptop", KOORDINATOR, "/kegiatan/{kegiatan}/", LAPTOP, None),
    ("kegiatan_baru", KOORDINATOR, "/kegiatan/baru/", PONSEL, None),
    ("kegiatan_undangan", KOORDINATOR, "/kegiatan/{kegiatan}/undangan/", PONSEL, None),
    ("kegiatan_hadir", KOORDINATOR, "/kegiatan/{kegiatan}/hadir/", PONSEL, None),
    ("kegiatan_catatan", KOORDINATOR, "/kegiatan/{kegiatan}/catatan/", PONSEL, None),
    ("kegiatan_cakupan", KOORDINATOR, CAKUPAN, PONSEL, None),
    ("kotak_masuk", OPERATOR_KAB, "/komunikasi/", PONSEL, None),
    ("pengumuman", OPERATOR_KAB, "/komunikasi/pengumuman/{pengumuman}/", PONSEL, None),
    ("pengumuman_penerimaan", KOORDINATOR, PENERIMAAN, PONSEL, None),
    ("diskusi", OPERATOR_KAB, "/komunikasi/diskusi/{utas}/", PONSEL, None),
    ("materi", None, "/komunikasi/materi/", PONSEL, None),
    ("kerawanan", BAWASLU, "/kerawanan/", PONSEL, None),
    ("kerawanan_peta_laptop", BAWASLU, "/kerawanan/ikp-2024/", LAPTOP, None),
    ("kerawanan_wilayah", BAWASLU, "/kerawanan/ikp-2024/wilayah/35.19/", PONSEL, None),
    ("kerawanan_tps", BAWASLU, "/kerawanan/survei/{survei}/?kode=35.19", PONSEL, None),
    ("kerawanan_impor", BAWASLU, "/kerawanan/impor/", PONSEL, None),
    ("kejadian", BAWASLU, "/kejadian/", PONSEL, None),
    ("kejadian_laptop", BAWASLU, "/kejadian/", LAPTOP, None),
    ("kejadian_lapor", OPERATOR_KAB, "/kejadian/lapor/", PONSEL, None),
    ("kejadian_detail", BAWASLU, "/kejadian/{kejadian}/", PONSEL, None),
    ("kejadian_lapor_publik", None, "/kejadian/publik/lapor/", PONSEL, None),
    ("kejadian_luring", OPERATOR_KAB, "/kejadian/lapor/", PONSEL, "luring"),
    ("kanal", OPERATOR_BAWASLU, "/kanal/?status=", PONSEL, None),
    ("kanal_detail", OPERATOR_BAWASLU, "/kanal/{pesan}/", PONSEL, None),
    ("peringatan", BAWASLU, "/kejadian/peringatan/", PONSEL, None),
    ("peringatan_dasbor", BAWASLU, "/kejadian/peringatan/dasbor/", PONSEL, None),
    ("peringatan_langganan", ADMIN_BAWASLU, "/kejadian/peringatan/langganan/", PONSEL, None),
    ("tindak_lanjut", KOORDINATOR, "/tindak-lanjut/", PONSEL, None),
    ("tindak_lanjut_detail", KOORDINATOR, "/tindak-lanjut/{tindak_lanjut}/", PONSEL, None),
    ("akun_saya", KOORDINATOR, "/akun/saya/", PONSEL, None),
    ("akun_token", KOORDINATOR, "/akun/token/", PONSEL, None),
    ("akun_anggota", ADMIN_LEMBAGA, "/akun/anggota/", PONSEL, None),
    ("akun_audit", ADMIN_LEMBAGA, "/akun/audit/", PONSEL, None),
]

# The ids the paths above need, read from the scratch demo database (printed as k=v lines).
ID_DEMO = """
from sinergi.kanal.models import PesanMasuk
from sinergi.kegiatan.models import Kegiatan
from sinergi.kejadian.models import Kejadian
from sinergi.kerawanan.models import SurveiTPS
from sinergi.komunikasi.models import Pengumuman, Utas
from sinergi.tindak_lanjut.models import TindakLanjut
print("kegiatan=%s" % Kegiatan.objects.order_by("pk").first().pk)
print("pengumuman=%s" % Pengumuman.objects.order_by("pk").first().pk)
print("utas=%s" % Utas.objects.order_by("pk").first().pk)
print("survei=%s" % SurveiTPS.objects.order_by("pk").first().pk)
print("tindak_lanjut=%s" % TindakLanjut.objects.order_by("pk").first().pk)
print("kejadian=%s" % Kejadian.objects.order_by("created_at").first().ref)
print("pesan=%s" % PesanMasuk.objects.filter(status="baru").order_by("diterima_at").first().pk)
"""

BARIS_PENGGUNA = re.compile(r"^\s+(\S+@demo\.sinergi\.local)\s+(\S+)\s", re.M)


def _sandi_demo(keluaran: str) -> dict[str, str]:
    """The demo users' passwords as `sinergi up --demo` printed them (email → password)."""
    return dict(BARIS_PENGGUNA.findall(keluaran))


def _perkecil(berkas: Path) -> None:
    pngquant = shutil.which("pngquant")
    if pngquant:
        subprocess.run(  # noqa: S603 - pngquant found on PATH, our own file names
            [pngquant, "--force", "--skip-if-larger", "--output", str(berkas), str(berkas)],
            check=False,
        )


def _masuk(browser, base: str, email: str | None, sandi: dict[str, str], lebar: int):
    context = browser.new_context(
        base_url=base,
        locale="id-ID",
        viewport={"width": lebar, "height": 844 if lebar == PONSEL else 900},
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(20_000)
    if email:
        page = context.new_page()
        page.goto("/akun/masuk/")
        page.fill("#id_username", email)
        page.fill("#id_password", sandi[email])
        page.click("form.stack button[type=submit]")
        page.wait_for_url(lambda url: "/akun/masuk/" not in url)
        page.close()
    return context


def _potret(context, path: str, berkas: Path, lebar: int, aksi: str | None) -> None:
    page = context.new_page()
    jawaban = page.goto(path)
    if jawaban is None or jawaban.status >= 400:
        raise RuntimeError(f"{path} answered {jawaban and jawaban.status}: fix the screenshot list")
    try:
        page.wait_for_load_state("networkidle", timeout=5_000)
    except Exception:  # noqa: S110 - a map tile that never answers is not a failure
        pass
    if aksi == "luring":  # a report written without signal, waiting on the phone
        page.evaluate(TUNGGU_SW)
        context.set_offline(True)
        page.reload()
        page.select_option("#id_kategori", "politik_uang")
        page.fill("#id_kode_wilayah", "35.19.01")
        page.fill("#id_uraian", "Pembagian amplop di dekat TPS 003 Balerejo")
        page.click("form.kj-form button[type=submit]")
        page.locator("#antrean-luring").get_by_text("Menunggu sinyal").wait_for()
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(berkas), animations="disabled")
        context.set_offline(False)
        page.evaluate("() => indexedDB.deleteDatabase('sinergi-luring')")
    elif aksi == "menu":
        page.click("button.nav-toggle")
        page.click("#nav summary:has-text('Kerawanan')")  # the group with the most Staf pages
        page.screenshot(path=str(berkas), animations="disabled")
    else:
        tinggi = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(
            path=str(berkas),
            full_page=True,
            animations="disabled",
            clip={"x": 0, "y": 0, "width": lebar, "height": min(tinggi, TINGGI_MAKS[lebar])},
        )
    page.close()
    _perkecil(berkas)


def main(*saring: str) -> None:
    from playwright.sync_api import sync_playwright

    mulai = time.perf_counter()
    KELUARAN.mkdir(parents=True, exist_ok=True)
    with scratch_sqlite() as env:
        env = {**env, "PYTHONPATH": str(ROOT)}
        sandi = _sandi_demo(sinergi("up", "--demo", "--no-serve", env=env).stdout)
        ids = dict(
            baris.split("=", 1)
            for baris in sinergi("shell", "-c", ID_DEMO, env=env).stdout.split()
            if "=" in baris
        )
        siap = time.perf_counter() - mulai
        print(f"demo database ready in {siap:.0f} s")
        with (
            server(env, workers=1, threads=4) as base,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            contexts = {}
            for nama, email, path, lebar, aksi in TANGKAPAN:
                if saring and not any(s in nama for s in saring):
                    continue
                if (email, lebar) not in contexts:
                    contexts[email, lebar] = _masuk(browser, base, email, sandi, lebar)
                berkas = KELUARAN / f"{nama}.png"
                _potret(contexts[email, lebar], path.format(**ids), berkas, lebar, aksi)
                print(f"{berkas.relative_to(ROOT)}  {berkas.stat().st_size // 1024} KB")
            browser.close()
    print(f"done in {time.perf_counter() - mulai:.0f} s")


if __name__ == "__main__":
    main(*sys.argv[1:])
