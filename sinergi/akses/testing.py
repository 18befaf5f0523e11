"""The permission matrix: how each app declares who gets what from each of its endpoints.

Each installed Sinergi app may ship `sinergi/<app>/tests/matrix.py` with `RULES` (a list of
`Rule`) and optionally `EXEMPT` (a list of `Exempt`). `tests/test_permission_matrix.py`
collects them, fails on any URL pattern or OpenAPI operation without a rule (and on any rule
for an endpoint that no longer exists), and runs each rule for every role x relation x
confidentiality level. The format is documented in `docs/akses.md`.

The expectations here are written from DESIGN.md, independently of `rules.py`, so that the
matrix can catch a wrong rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sinergi.core.models import Kerahasiaan

# Roles, with None for an anonymous visitor.
PERAN = ("admin_sistem", "admin_lembaga", "koordinator", "operator", "analis", "pengamat")
SEMUA_PERAN = (None, *PERAN)
PIMPINAN = frozenset({"admin_lembaga", "koordinator"})

# Where the actor's organization stands relative to the target region (35.19 Kabupaten
# Madiun) and the owning organization (Polres Madiun, in 35.19).
RELASI_LEMBAGA = {
    "sendiri": "polres_madiun",  # a member of the owning organization itself
    "sama": "kpu_madiun",  # another organization in the same region
    "induk": "kpu_jatim",  # the parent region (province)
    "saudara": "kpu_kota_madiun",  # a sibling region in the same province
    "provinsi_lain": "kpu_bali",  # another province
    "nasional": "kpu_ri",  # a national organization
}
RELASI = tuple(RELASI_LEMBAGA)
RELASI_DALAM_LINGKUP = frozenset({"sendiri", "sama", "induk", "nasional"})
WILAYAH_SASARAN = "35.19"
LEMBAGA_PEMILIK = "polres_madiun"
KERAHASIAAN = (Kerahasiaan.PUBLIC, Kerahasiaan.RESTRICTED, Kerahasiaan.CONFIDENTIAL)


@dataclass
class Kasus:
    """One cell of the matrix, handed to `setup`, `path`, `data`, `state` and `expect`."""

    peran: str | None
    relasi: str | None
    kerahasiaan: str | None
    api: bool
    pengguna: Any  # the acting User, or AnonymousUser
    lembaga: dict  # the `lembaga_uji` fixture: organizations by key
    pengguna_uji: Callable  # the `pengguna_uji` fixture: more users by (lembaga key, peran)
    wilayah: str = WILAYAH_SASARAN

    @property
    def anonim(self) -> bool:
        return self.peran is None

    @property
    def pemilik(self):
        """The organization that owns the object under test (Polres Madiun)."""
        return self.lembaga[LEMBAGA_PEMILIK]

    @property
    def lembaga_pelaku(self):
        return self.lembaga[RELASI_LEMBAGA[self.relasi]] if self.relasi else None

    @property
    def dalam_lingkup(self) -> bool:
        """Whether the target region lies in the actor's region scope."""
        return self.peran == "admin_sistem" or (
            not self.anonim and self.relasi in RELASI_DALAM_LINGKUP
        )

    def __str__(self) -> str:
        return (
            f"peran={self.peran or 'anonim'} relasi={self.relasi or '-'} "
            f"kerahasiaan={self.kerahasiaan or '-'}"
        )


Expect = int | Callable[[Kasus], int]


@dataclass
class Rule:
    """The expected answer of one endpoint for every cell of the matrix.

    endpoint: "METHOD /route" — a page as its Django route (`GET /wilayah/<str:kode>/`), an API
        operation as its OpenAPI path (`GET /api/v1/wilayah/{kode}`).
    expect: a status, or a function of the `Kasus` (see `semua`, `masuk`, `lingkup`, `baca`,
        `peran`).
    path: the URL to request: a string, or `f(kasus, obj)`; defaults to the endpoint's route
        when it has no parameters.
    setup: `f(kasus) -> obj` creates what the request needs (in `kasus.wilayah`, owned by
        `kasus.pemilik`, at `kasus.kerahasiaan`); runs inside a savepoint rolled back after.
    data: the body of a write: a dict or `f(kasus, obj)`; form-encoded for pages, JSON for the
        API.
    state: `f(kasus, obj) -> value` for writes: when the answer is not 2xx/3xx-success the
        value must be unchanged (and no audit row added); when `berubah` is true and the write
        succeeds, it must have changed.
    kerahasiaan: the confidentiality levels to try (`KERAHASIAAN` for all three).
    peran: the roles to try (default all, anonymous included).
    """

    endpoint: str
    expect: Expect
    path: str | Callable[[Kasus, Any], str] | None = None
    setup: Callable[[Kasus], Any] | None = None
    data: dict | Callable[[Kasus, Any], dict] | None = None
    state: Callable[[Kasus, Any], Any] | None = None
    berubah: bool = True
    kerahasiaan: tuple = (None,)
    peran: tuple = SEMUA_PERAN
    headers: dict = field(default_factory=dict)
    nama: str = ""

    @property
    def method(self) -> str:
        return self.endpoint.split(" ", 1)[0].upper()

    @property
    def route(self) -> str:
        return self.endpoint.split(" ", 1)[1]

    @property
    def api(self) -> bool:
        return self.route.startswith("/api/")

    @property
    def id(self) -> str:
        return self.endpoint + (f" [{self.nama}]" if self.nama else "")


@dataclass
class Exempt:
    """URL patterns under `prefix` need no rule, for the stated `reason`."""

    prefix: str
    reason: str


# --- Expectations, written from DESIGN.md -----------------------------------------------------
def _anonim(k: Kasus, anonim: int | None) -> int:
    if anonim is not None:
        return anonim
    return 401 if k.api else 302


def semua(status: int = 200) -> Expect:
    """The same answer for everyone, anonymous included."""
    return lambda k: status


def masuk(ok: int = 200, *, anonim: int | None = None) -> Expect:
    """Any signed-in user; anonymous gets `anonim` (default: 302 to login, 401 in the API)."""
    return lambda k: _anonim(k, anonim) if k.anonim else ok


def lingkup(ok: int = 200, *, tolak: int = 404, anonim: int | None = None) -> Expect:
    """Signed-in users whose region scope covers the target region."""

    def f(k: Kasus) -> int:
        if k.anonim:
            return _anonim(k, anonim)
        return ok if k.dalam_lingkup else tolak

    return f


def baca(ok: int = 200, *, tolak: int = 404, anonim: int = 404) -> Expect:
    """Reading an object by its confidentiality level (DESIGN.md):
    PUBLIC anyone; RESTRICTED signed-in users whose scope covers its region; CONFIDENTIAL the
    owning organization, system admins, and organizer/supervisor leadership (admin_lembaga,
    koordinator of KPU/Bawaslu) whose scope covers its region."""

    def f(k: Kasus) -> int:
        if k.kerahasiaan in (None, Kerahasiaan.PUBLIC):
            return ok
        if k.anonim:
            return anonim
        if k.kerahasiaan == Kerahasiaan.RESTRICTED:
            return ok if k.dalam_lingkup else tolak
        if k.peran == "admin_sistem" or k.relasi == "sendiri":
            return ok
        leadership = k.peran in PIMPINAN and k.lembaga_pelaku.jenis.kelompok in {
            "penyelenggara",
            "pengawas",
        }
        return ok if leadership and k.dalam_lingkup else tolak

    return f


def peran(
    daftar,
    ok: int = 200,
    *,
    tolak: int = 404,
    anonim: int | None = None,
    dalam_lingkup: bool = True,
) -> Expect:
    """Only the roles in `daftar` (and, by default, only within their region scope)."""
    daftar = frozenset(daftar)

    def f(k: Kasus) -> int:
        if k.anonim:
            return _anonim(k, anonim)
        if k.peran not in daftar:
            return tolak
        return ok if (k.dalam_lingkup or not dalam_lingkup) else tolak

    return f


def sendiri(daftar, ok: int = 200, *, tolak: int = 404, anonim: int | None = None) -> Expect:
    """Only members of the owning organization (relation "sendiri") in the roles of `daftar`,
    and system admins anywhere when `daftar` names them."""
    daftar = frozenset(daftar)

    def f(k: Kasus) -> int:
        if k.anonim:
            return _anonim(k, anonim)
        if k.peran == "admin_sistem" and "admin_sistem" in daftar:
            return ok
        return ok if k.relasi == "sendiri" and k.peran in daftar else tolak

    return f
