"""Who gets what from each pemangku page and API operation (see docs/akses.md).

Organizations and duties are a public directory. Contact people reach signed-in users whose
scope covers the organization's region (35.19 here); everyone else gets 404. Writes follow
`sinergi.pemangku.izin`: system admins; KPU/Bawaslu leadership (admin_lembaga, koordinator)
in scope; an organization admin for their own organization; for contacts also the
organization's own koordinator and operator.
"""

from sinergi.akses.testing import PIMPINAN, Rule, lingkup, semua
from sinergi.pemangku.models import Kontak, Lembaga

# KPU organizations of the matrix whose scope covers 35.19 (leadership there manages).
RELASI_PENYELENGGARA_DALAM_LINGKUP = {"sama", "induk", "nasional"}


def _anonim(k):
    return 401


def kelola_baru(k) -> int:
    """Register a new organization in 35.19."""
    if k.anonim:
        return 401
    if k.peran == "admin_sistem":
        return 201
    ok = k.peran in PIMPINAN and k.relasi in RELASI_PENYELENGGARA_DALAM_LINGKUP
    return 201 if ok else 404


def kelola_polres(k, ok: int = 200) -> int:
    """Change Polres Madiun itself."""
    if k.anonim:
        return 401
    if k.peran == "admin_sistem":
        return ok
    if k.peran in PIMPINAN and k.relasi in RELASI_PENYELENGGARA_DALAM_LINGKUP:
        return ok
    if k.peran == "admin_lembaga" and k.relasi == "sendiri":
        return ok
    return 404


def kelola_kontak(k, ok: int = 200) -> int:
    """Add or change Polres Madiun's contact people."""
    if not k.anonim and k.relasi == "sendiri" and k.peran in {"koordinator", "operator"}:
        return ok
    return kelola_polres(k, ok)


def pindah_induk(k) -> int:
    """Move Polres Madiun under KPU Jatim: system admins only; whoever else may change the
    organization gets 422 on `induk` (the directory is public, so nothing is revealed)."""
    if k.peran == "admin_sistem":
        return 200
    status = kelola_polres(k)
    return 422 if status == 200 else status


def baru_di_bawah_polda(k) -> int:
    """Register an organization under Polda Jatim: only those who govern Polda Jatim (system
    admins in the matrix); other registrars get 422 on `induk`."""
    if k.peran == "admin_sistem":
        return 201
    status = kelola_baru(k)
    return 422 if status == 201 else status


def buat_kontak(k):
    return Kontak.objects.create(
        lembaga=k.pemilik, nama="Contoh Nama 99", jabatan="Kasat Intelkam", telepon="+628000000099"
    )


BARU = {
    "nama": "Bakesbangpol Kabupaten Madiun",
    "jenis": "kesbangpol",
    "tingkat": "kabupaten_kota",
    "wilayah": "35.19",
}

RULES = [
    Rule("GET /pemangku/", semua(200)),
    Rule("GET /pemangku/opsi-kabkota/", semua(200), path="/pemangku/opsi-kabkota/?provinsi=35"),
    Rule(
        "GET /pemangku/lembaga/<int:pk>/",
        semua(200),
        path=lambda k, obj: f"/pemangku/lembaga/{k.pemilik.pk}/",
    ),
    Rule("GET /pemangku/tupoksi/", semua(200)),
    Rule("GET /api/v1/jenis-lembaga", semua(200)),
    Rule("GET /api/v1/lembaga", semua(200), path="/api/v1/lembaga?wilayah=35"),
    Rule(
        "GET /api/v1/lembaga/{lembaga_id}",
        semua(200),
        path=lambda k, obj: f"/api/v1/lembaga/{k.pemilik.pk}",
    ),
    Rule(
        "POST /api/v1/lembaga",
        kelola_baru,
        data=BARU,
        state=lambda k, obj: Lembaga.objects.filter(nama=BARU["nama"]).count(),
    ),
    Rule(
        "PATCH /api/v1/lembaga/{lembaga_id}",
        kelola_polres,
        path=lambda k, obj: f"/api/v1/lembaga/{k.pemilik.pk}",
        data={"alamat": "Jl. Uji 1"},
        state=lambda k, obj: Lembaga.objects.get(pk=k.pemilik.pk).alamat,
    ),
    Rule(
        "POST /api/v1/lembaga",
        baru_di_bawah_polda,
        nama="di bawah lembaga lain",
        data=lambda k, obj: {**BARU, "induk": k.lembaga["polda_jatim"].pk},
        state=lambda k, obj: Lembaga.objects.filter(nama=BARU["nama"]).count(),
    ),
    Rule(
        "PATCH /api/v1/lembaga/{lembaga_id}",
        pindah_induk,
        nama="pindah induk",
        path=lambda k, obj: f"/api/v1/lembaga/{k.pemilik.pk}",
        data=lambda k, obj: {"induk": k.lembaga["kpu_jatim"].pk},
        state=lambda k, obj: Lembaga.objects.get(pk=k.pemilik.pk).induk_id,
    ),
    Rule(
        "GET /api/v1/lembaga/{lembaga_id}/kontak",
        lingkup(200, anonim=404),
        setup=buat_kontak,
        path=lambda k, obj: f"/api/v1/lembaga/{k.pemilik.pk}/kontak",
    ),
    Rule(
        "POST /api/v1/lembaga/{lembaga_id}/kontak",
        lambda k: kelola_kontak(k, 201),
        path=lambda k, obj: f"/api/v1/lembaga/{k.pemilik.pk}/kontak",
        data={"nama": "Contoh Nama 98", "jabatan": "Kanit Intelkam", "telepon": "0800-0000-0098"},
        state=lambda k, obj: Kontak.objects.filter(lembaga=k.pemilik).count(),
    ),
    Rule("GET /api/v1/kontak", semua(200), setup=buat_kontak),
    Rule(
        "GET /api/v1/kontak/{kontak_id}",
        lingkup(200, anonim=404),
        setup=buat_kontak,
        path=lambda k, obj: f"/api/v1/kontak/{obj.pk}",
    ),
    Rule(
        "PATCH /api/v1/kontak/{kontak_id}",
        kelola_kontak,
        setup=buat_kontak,
        path=lambda k, obj: f"/api/v1/kontak/{obj.pk}",
        data={"jabatan": "Kasat Intelkam (Plt.)"},
        state=lambda k, obj: Kontak.objects.get(pk=obj.pk).jabatan,
    ),
    Rule("GET /api/v1/tupoksi", semua(200), path="/api/v1/tupoksi?jenis=kpu"),
]
