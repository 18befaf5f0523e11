"""The demo (`sinergi up --demo`): synthetic IKP-style assessments and a TPS survey for Jawa Timur.

Every value here is invented (seeded random numbers) and labelled as demo data in the source and
notes fields; none of it is Bawaslu's published data.
"""

from __future__ import annotations

import csv
import random
import tempfile
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from sinergi.core.models import Kerahasiaan
from sinergi.kerawanan import services
from sinergi.kerawanan import skor as mesin
from sinergi.kerawanan.models import PENANDA_DEMO, Kerangka, Penilaian, SurveiTPS
from sinergi.wilayah.models import TPS, Wilayah

LABEL = f"{PENANDA_DEMO} (sintetis, bukan data Bawaslu)"
PERIODE = ["2022", "2023"]
PROVINSI = "35"


def _nilai(rng: random.Random, struktur: mesin.Struktur, dasar: float) -> dict[str, Decimal]:
    hasil = {}
    for i in struktur.indikator:
        v = max(0.0, min(100.0, rng.gauss(dasar, 18)))
        hasil[i.kode] = Decimal(f"{v:.2f}")
    return hasil


def _penilaian(kerangka: Kerangka) -> int:
    s = mesin.struktur(kerangka)
    wilayah = list(
        Wilayah.objects.filter(kode__startswith=PROVINSI + ".", tingkat="kabupaten_kota")
    )
    prov = Wilayah.objects.filter(kode=PROVINSI).first()
    if prov is None:
        return 0
    n = 0
    for periode in PERIODE:
        if Penilaian.objects.filter(kerangka=kerangka, periode=periode).exists():
            continue
        rng = random.Random(f"ikp-demo-{periode}")  # noqa: S311 - demo data
        with transaction.atomic():
            for w in [prov, *wilayah]:
                dasar = rng.uniform(8, 60) if w.tingkat == "kabupaten_kota" else 38
                services.penilaian_simpan(
                    pelaku=None,
                    kerangka=kerangka,
                    wilayah=w,
                    periode=periode,
                    nilai=_nilai(rng, s, dasar),
                    sumber=LABEL,
                    catatan=LABEL,
                    kerahasiaan=Kerahasiaan.PUBLIC,
                    struktur=s,
                )
                n += 1
    return n


def _tps(kerangka: Kerangka) -> str:
    if SurveiTPS.objects.filter(kerangka=kerangka, periode="demo-2024").exists():
        return "survei TPS ada"
    desa = list(
        Wilayah.objects.filter(kode__startswith=PROVINSI + ".", tingkat="desa").values_list(
            "kode", flat=True
        )
    )
    if not desa:
        return "tidak ada desa"
    rng = random.Random("tps-demo")  # noqa: S311 - demo data
    s = mesin.struktur(kerangka)
    # marginal rates from the national counts (anchors §3b) over 820,161 TPS, doubled for the demo
    catatan = dict(kerangka.indikator.values_list("kode", "catatan"))
    rates = []
    for i in s.indikator:
        angka = int("".join(c for c in catatan[i.kode].split(":")[-1] if c.isdigit()) or "0")
        rates.append(min(0.5, 2 * angka / 820161))
    with tempfile.TemporaryDirectory() as tmp:
        reg = Path(tmp) / "tps.csv"
        sur = Path(tmp) / "survei.csv"
        with reg.open("w", newline="") as f1, sur.open("w", newline="") as f2:
            w1, w2 = csv.writer(f1), csv.writer(f2)
            w1.writerow(["kode_desa", "nomor_tps", "jumlah_pemilih"])
            w2.writerow(["kode_desa", "nomor_tps", *[i.kode for i in s.indikator]])
            for kode in desa:
                for nomor in range(1, rng.randint(2, 5) + 1):
                    w1.writerow([kode, nomor, rng.randint(150, 300)])
                    w2.writerow([kode, nomor, *["1" if rng.random() < r else "0" for r in rates]])
        if not TPS.objects.filter(desa__kode__startswith=PROVINSI + ".").exists():
            services.impor_tps(pelaku=None, path=reg)
        hasil = services.impor_survei_tps(
            pelaku=None,
            path=sur,
            kerangka=kerangka,
            periode="demo-2024",
            nama=f"Pemetaan TPS rawan Jawa Timur - {LABEL}",
            wilayah=Wilayah.objects.get(kode=PROVINSI),
            kerahasiaan=Kerahasiaan.PUBLIC,
        )
    return f"survei TPS: {hasil}"


def muat_demo() -> str:
    ikp = Kerangka.objects.filter(slug="ikp-2024").first()
    tps = Kerangka.objects.filter(slug="tps-pemilu-2024").first()
    bagian = []
    if ikp:
        bagian.append(f"{_penilaian(ikp)} penilaian IKP dibuat")
    if tps:
        bagian.append(_tps(tps))
    return "; ".join(bagian)
