"""The East Java demo: the real shape of its stakeholder landscape, with fictional people.

Organizations follow East Java's real structure (KPU, Bawaslu, Polda/Polres, Bakesbangpol,
Kodam V/Brawijaya, a few media) for every kabupaten/kota loaded in the region table. Contact
people have obviously fictional names and numbers ("Contoh Nama 001", 0800-0000-0001). Demo
users get passwords from `secrets`, printed once when created and never stored anywhere else.

Idempotent: a second run finds everything by its natural key and writes nothing.
"""

from __future__ import annotations

import secrets

from django.db import transaction

from sinergi.core import audit
from sinergi.pemangku.choices import TingkatLembaga
from sinergi.pemangku.models import JenisLembaga, Kontak, Lembaga

PROVINSI = "35"
DOMAIN = "demo.sinergi.local"

# Police units whose real names differ from "Polres <name>" (as of 2024).
POLRES = {
    "35.07": "Polres Malang",
    "35.10": "Polresta Banyuwangi",
    "35.15": "Polresta Sidoarjo",
    "35.71": "Polres Kediri Kota",
    "35.72": "Polres Blitar Kota",
    "35.73": "Polresta Malang Kota",
    "35.74": "Polres Probolinggo Kota",
    "35.75": "Polres Pasuruan Kota",
    "35.76": "Polres Mojokerto Kota",
    "35.77": "Polres Madiun Kota",
    "35.78": "Polrestabes Surabaya",
    "35.79": "Polres Batu",
}

# (abbreviation used in emails, how to find the organization, unit for the contact)
ORGANISASI_PENGGUNA = [
    ("kpu.jatim", ("kpu", PROVINSI, "KPU Provinsi Jawa Timur")),
    ("kpu.madiun", ("kpu", "35.19", "KPU Kabupaten Madiun")),
    ("bawaslu.jatim", ("bawaslu", PROVINSI, "Bawaslu Provinsi Jawa Timur")),
    ("polda.jatim", ("polri", PROVINSI, "Polda Jawa Timur")),
    ("polres.madiun", ("polri", "35.19", "Polres Madiun")),
]
PERAN_DEMO = [
    ("admin", "admin_lembaga"),
    ("koordinator", "koordinator"),
    ("operator", "operator"),
    ("analis", "analis"),
    ("pengamat", "pengamat"),
]
# Where each demo user works inside their organization (shown as their name).
UNIT_PENGGUNA = {
    "polda.jatim": "Dit Intelkam",
    "polres.madiun": "Sat Intelkam",
}


def _nama_daerah(wilayah) -> str:
    """The region name without "Kabupaten "/"Kota " ("Kabupaten Ngawi" → "Ngawi")."""
    nama = wilayah.nama
    for awalan in ("Kabupaten ", "Kota "):
        if nama.startswith(awalan):
            return nama[len(awalan) :]
    return nama


def polres_nama(wilayah) -> str:
    """The police resort for a kabupaten/kota: its real name where known."""
    return POLRES.get(wilayah.kode) or f"Polres {_nama_daerah(wilayah)}"


def rencana_lembaga(provinsi, kabkota: list) -> list[dict]:
    """Every demo organization as field dicts, parents before children."""
    nasional = [
        {
            "key": "kpu-ri",
            "jenis": "kpu",
            "nama": "Komisi Pemilihan Umum Republik Indonesia",
            "singkatan": "KPU RI",
            "tingkat": TingkatLembaga.NASIONAL,
            "wilayah": None,
        },
        {
            "key": "bawaslu-ri",
            "jenis": "bawaslu",
            "nama": "Badan Pengawas Pemilihan Umum Republik Indonesia",
            "singkatan": "Bawaslu RI",
            "tingkat": TingkatLembaga.NASIONAL,
            "wilayah": None,
        },
    ]
    prov = TingkatLembaga.PROVINSI
    provinsi_rows = [
        {
            "key": "kpu-35",
            "jenis": "kpu",
            "nama": "KPU Provinsi Jawa Timur",
            "singkatan": "KPU Jatim",
            "induk": "kpu-ri",
        },
        {
            "key": "bawaslu-35",
            "jenis": "bawaslu",
            "nama": "Bawaslu Provinsi Jawa Timur",
            "singkatan": "Bawaslu Jatim",
            "induk": "bawaslu-ri",
        },
        {
            "key": "polri-35",
            "jenis": "polri",
            "nama": "Polda Jawa Timur",
            "singkatan": "Polda Jatim",
        },
        {"key": "tni-35", "jenis": "tni", "nama": "Kodam V/Brawijaya", "singkatan": "Kodam V/Brw"},
        {
            "key": "kesbangpol-35",
            "jenis": "kesbangpol",
            "nama": "Bakesbangpol Provinsi Jawa Timur",
            "singkatan": "Bakesbangpol Jatim",
        },
        {
            "key": "kpi-35",
            "jenis": "kpi",
            "nama": "KPID Provinsi Jawa Timur",
            "singkatan": "KPID Jatim",
        },
        {
            "key": "ki-35",
            "jenis": "komisi-informasi",
            "nama": "Komisi Informasi Provinsi Jawa Timur",
            "singkatan": "KI Jatim",
        },
        {
            "key": "media-tvri",
            "jenis": "media",
            "nama": "TVRI Stasiun Jawa Timur",
            "singkatan": "TVRI Jatim",
        },
        {
            "key": "media-rri",
            "jenis": "media",
            "nama": "LPP RRI Surabaya",
            "singkatan": "RRI Surabaya",
        },
        {"key": "media-jawapos", "jenis": "media", "nama": "Jawa Pos", "singkatan": ""},
    ]
    rows = list(nasional)
    for row in provinsi_rows:
        rows.append({**row, "tingkat": prov, "wilayah": provinsi})
    kk = TingkatLembaga.KABUPATEN_KOTA
    for w in kabkota:
        rows += [
            {"key": f"kpu-{w.kode}", "jenis": "kpu", "nama": f"KPU {w.nama}", "induk": "kpu-35"},
            {
                "key": f"bawaslu-{w.kode}",
                "jenis": "bawaslu",
                "nama": f"Bawaslu {w.nama}",
                "induk": "bawaslu-35",
            },
            {
                "key": f"polri-{w.kode}",
                "jenis": "polri",
                "nama": polres_nama(w),
                "induk": "polri-35",
            },
            {
                "key": f"kesbangpol-{w.kode}",
                "jenis": "kesbangpol",
                "nama": f"Bakesbangpol {w.nama}",
            },
        ]
        for row in rows[-4:]:
            row.update({"tingkat": kk, "wilayah": w, "singkatan": row.get("singkatan", "")})
        if w.kode == "35.77":
            rows.append(
                {
                    "key": "media-radar-madiun",
                    "jenis": "media",
                    "nama": "Radar Madiun",
                    "singkatan": "",
                    "tingkat": kk,
                    "wilayah": w,
                }
            )
    return rows


KONTAK_PER_JENIS = {
    "kpu": [
        ("Ketua Divisi Hukum dan Pengawasan", "Divisi Hukum dan Pengawasan"),
        ("Kepala Subbagian Hukum dan SDM", "Sekretariat"),
    ],
    "bawaslu": [("Koordinator Divisi Pencegahan", "Divisi Pencegahan, Parmas dan Humas")],
    "polri": [("Kasat Intelkam", "Sat Intelkam")],
    "tni": [("Asisten Intelijen", "Staf Intelijen")],
    "kesbangpol": [("Kepala Bidang Politik Dalam Negeri", "Bidang Politik Dalam Negeri")],
    "kpi": [("Koordinator Bidang Pengawasan Isi Siaran", "Bidang Pengawasan Isi Siaran")],
    "komisi-informasi": [("Ketua", "")],
    "media": [("Redaktur Pelaksana", "Redaksi")],
}
KONTAK_POLDA = ("Direktur Intelkam", "Dit Intelkam")


@transaction.atomic
def _muat_lembaga(stdout) -> dict[str, Lembaga]:
    from sinergi.wilayah.models import Wilayah

    provinsi = Wilayah.objects.filter(kode=PROVINSI).first()
    if provinsi is None:
        stdout.write("pemangku demo: region 35 (Jawa Timur) is not loaded; nothing to do.")
        return {}
    kabkota = list(
        Wilayah.objects.filter(induk=provinsi, tingkat="kabupaten_kota").order_by("kode")
    )
    jenis = set(JenisLembaga.objects.values_list("kode", flat=True))
    existing = {
        (lem.jenis_id, lem.wilayah_id, lem.nama): lem
        for lem in Lembaga.objects.filter(wilayah__isnull=True)
        | Lembaga.objects.filter(wilayah_id=PROVINSI)
        | Lembaga.objects.filter(wilayah__kode__startswith=PROVINSI + ".")
    }
    hasil: dict[str, Lembaga] = {}
    dibuat = 0
    for row in rencana_lembaga(provinsi, kabkota):
        if row["jenis"] not in jenis:
            continue
        wilayah = row["wilayah"]
        key = (row["jenis"], getattr(wilayah, "kode", None), row["nama"])
        lem = existing.get(key)
        if lem is None:
            lem = Lembaga(
                jenis_id=row["jenis"],
                nama=row["nama"],
                singkatan=row.get("singkatan", ""),
                tingkat=row["tingkat"],
                wilayah=wilayah,
                induk=hasil.get(row.get("induk", "")),
            )
            lem.full_clean()
            lem.save()
            audit.record(actor=None, action="create", obj=lem, note="demo")
            dibuat += 1
        hasil[row["key"]] = lem
    stdout.write(f"pemangku demo: {dibuat} organizations created, {len(hasil) - dibuat} kept")
    return hasil


@transaction.atomic
def _muat_kontak(lembaga: dict[str, Lembaga], stdout) -> None:
    ada = set(
        Kontak.objects.filter(lembaga__in=list(lembaga.values())).values_list(
            "lembaga_id", "jabatan"
        )
    )
    baru: list[Kontak] = []
    nomor = 0
    for key, lem in lembaga.items():
        daftar = KONTAK_PER_JENIS.get(lem.jenis_id, [])
        if key == "polri-35":
            daftar = [KONTAK_POLDA]
        for jabatan, unit in daftar:
            nomor += 1  # numbering is stable: it follows the plan's order
            if (lem.pk, jabatan) in ada:
                continue
            baru.append(
                Kontak(
                    lembaga=lem,
                    nama=f"Contoh Nama {nomor:03d}",
                    jabatan=jabatan,
                    unit=unit,
                    telepon=f"+62800{nomor:07d}",
                )
            )
    Kontak.objects.bulk_create(baru)
    if baru:
        audit.record(
            actor=None,
            action="create",
            object_type="pemangku.kontak",
            note=f"demo: {len(baru)} contacts",
        )
    stdout.write(f"pemangku demo: {len(baru)} contacts created")


def rencana_pengguna() -> list[tuple[str, str, tuple[str, str, str]]]:
    """(email, role, organization key) of every demo user."""
    rows = [(f"admin.sistem@{DOMAIN}", "admin_sistem", ("kpu", None, ""))]
    for singkat, org in ORGANISASI_PENGGUNA:
        for awalan, peran in PERAN_DEMO:
            rows.append((f"{awalan}.{singkat}@{DOMAIN}", peran, org))
    return rows


@transaction.atomic
def _muat_pengguna(stdout) -> list[tuple[str, str, str, str]]:
    from sinergi.akses.models import User

    ada = set(User.objects.filter(email__endswith="@" + DOMAIN).values_list("email", flat=True))
    dibuat: list[tuple[str, str, str, str]] = []
    for email, peran, (jenis, wilayah, nama) in rencana_pengguna():
        if email in ada:
            continue
        if peran == "admin_sistem":
            lem = Lembaga.objects.filter(jenis_id=jenis, wilayah__isnull=True).first()
        else:
            lem = Lembaga.objects.filter(jenis_id=jenis, wilayah_id=wilayah, nama=nama).first()
        if lem is None:
            continue
        password = secrets.token_urlsafe(12)
        singkat = email.split("@")[0]
        unit = UNIT_PENGGUNA.get(singkat.split(".", 1)[1], "")
        user = User.objects.create_user(
            email=email,
            password=password,
            nama=f"Demo {peran.replace('_', ' ').title()}{' ' + unit if unit else ''}",
            lembaga=lem,
            peran=peran,
        )
        audit.record(actor=None, action="create", obj=user, note="demo")
        dibuat.append((email, password, peran, lem.nama))
    return dibuat


def demo_load(*, stdout) -> None:
    """Load the East Java demo organizations, contacts and users (idempotent)."""
    lembaga = _muat_lembaga(stdout)
    if not lembaga:
        return
    _muat_kontak(lembaga, stdout)
    dibuat = _muat_pengguna(stdout)
    if dibuat:
        lebar = max(len(e) for e, *_ in dibuat)
        stdout.write(
            "pemangku demo: new demo users — passwords are shown only now, write them down:"
        )
        for email, password, peran, lem in dibuat:
            stdout.write(f"  {email:<{lebar}}  {password}  {peran:<13} {lem}")
    else:
        stdout.write("pemangku demo: demo users already exist (passwords were shown once).")
