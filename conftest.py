"""Shared pytest fixtures for every app's tests."""

import pytest


@pytest.fixture(autouse=True)
def _bahasa_bawaan():
    """Every test starts in the default language (Indonesian): a request in English leaves the
    thread's active language behind, which must not decide the next test's messages."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _memo_kosong():
    """Every test starts with empty per-process memos (sinergi.core.memo): a value memoized by
    an earlier test must not answer for this test's database."""
    from sinergi.core.memo import clear_all

    clear_all()
    yield
    clear_all()


@pytest.fixture
def wilayah_mini(db):
    """A small slice of the region tree: Jawa Timur down to one village, plus Bali and Papua.

    Built with the models directly so that tests do not depend on the 91k-row reference load.
    """
    from sinergi.wilayah.models import KodeLama, Wilayah

    def w(kode, nama, tingkat, jenis, zona):
        induk = kode.rsplit(".", 1)[0] if "." in kode else None
        return Wilayah.objects.create(
            kode=kode, nama=nama, tingkat=tingkat, jenis=jenis, induk_id=induk, zona_waktu=zona
        )

    data = {
        "35": w("35", "Jawa Timur", "provinsi", "provinsi", "WIB"),
        "35.19": w("35.19", "Kabupaten Madiun", "kabupaten_kota", "kabupaten", "WIB"),
        "35.77": w("35.77", "Kota Madiun", "kabupaten_kota", "kota", "WIB"),
        "35.21": w("35.21", "Kabupaten Ngawi", "kabupaten_kota", "kabupaten", "WIB"),
        "35.19.01": w("35.19.01", "Kebonsari", "kecamatan", "kecamatan", "WIB"),
        "35.19.01.2001": w("35.19.01.2001", "Balerejo", "desa", "desa", "WIB"),
        "51": w("51", "Bali", "provinsi", "provinsi", "WITA"),
        "51.71": w("51.71", "Kota Denpasar", "kabupaten_kota", "kota", "WITA"),
        "96": w("96", "Papua Barat Daya", "provinsi", "provinsi", "WIT"),
        "96.01": w("96.01", "Kabupaten Sorong", "kabupaten_kota", "kabupaten", "WIT"),
    }
    KodeLama.objects.create(kode_lama="92.01", wilayah=data["96.01"], sumber="test")
    return data


# --- Organizations and users for access tests ------------------------------------------------
# Organization keys used by every app's tests and by the permission matrix (docs/akses.md):
#   national:  kpu_ri, bawaslu_ri
#   province:  kpu_jatim, bawaslu_jatim, polda_jatim (35 Jawa Timur); kpu_bali (51 Bali)
#   regency:   kpu_madiun, bawaslu_madiun, polres_madiun (35.19 Kab. Madiun),
#              kpu_kota_madiun (35.77), kpu_ngawi (35.21), kpu_denpasar (51.71)
JENIS_UJI = [
    # kode, nama, kelompok, urutan
    ("kpu", "KPU", "penyelenggara", 10),
    ("bawaslu", "Bawaslu", "pengawas", 20),
    ("polri", "Polri", "keamanan", 30),
    ("tni", "TNI", "keamanan", 40),
    ("kesbangpol", "Kesbangpol", "pemerintah", 50),
    ("media", "Media", "media", 90),
]
LEMBAGA_UJI = [
    # key, nama, jenis, tingkat, wilayah, induk key
    ("kpu_ri", "KPU Republik Indonesia", "kpu", "nasional", None, None),
    ("bawaslu_ri", "Bawaslu Republik Indonesia", "bawaslu", "nasional", None, None),
    ("kpu_jatim", "KPU Provinsi Jawa Timur", "kpu", "provinsi", "35", "kpu_ri"),
    ("bawaslu_jatim", "Bawaslu Provinsi Jawa Timur", "bawaslu", "provinsi", "35", "bawaslu_ri"),
    ("polda_jatim", "Polda Jawa Timur", "polri", "provinsi", "35", None),
    ("kpu_madiun", "KPU Kabupaten Madiun", "kpu", "kabupaten_kota", "35.19", "kpu_jatim"),
    (
        "bawaslu_madiun",
        "Bawaslu Kabupaten Madiun",
        "bawaslu",
        "kabupaten_kota",
        "35.19",
        "bawaslu_jatim",
    ),
    ("polres_madiun", "Polres Madiun", "polri", "kabupaten_kota", "35.19", "polda_jatim"),
    ("kpu_kota_madiun", "KPU Kota Madiun", "kpu", "kabupaten_kota", "35.77", "kpu_jatim"),
    ("kpu_ngawi", "KPU Kabupaten Ngawi", "kpu", "kabupaten_kota", "35.21", "kpu_jatim"),
    ("kpu_bali", "KPU Provinsi Bali", "kpu", "provinsi", "51", "kpu_ri"),
    ("kpu_denpasar", "KPU Kota Denpasar", "kpu", "kabupaten_kota", "51.71", "kpu_bali"),
]


@pytest.fixture
def jenis_lembaga(db):
    """The organization types the access tests need (created only if not shipped as data)."""
    from sinergi.pemangku.models import JenisLembaga

    return {
        kode: JenisLembaga.objects.get_or_create(
            kode=kode, defaults={"nama": nama, "kelompok": kelompok, "urutan": urutan}
        )[0]
        for kode, nama, kelompok, urutan in JENIS_UJI
    }


@pytest.fixture
def lembaga_uji(wilayah_mini, jenis_lembaga):
    """Organizations at national, provincial and regency level in Jawa Timur and Bali.

    A dict keyed as listed at the top of this file, e.g. `lembaga_uji["kpu_madiun"]`.
    """
    from sinergi.pemangku.models import Lembaga

    data = {}
    for key, nama, jenis, tingkat, wilayah, induk in LEMBAGA_UJI:
        data[key] = Lembaga.objects.create(
            nama=nama,
            jenis=jenis_lembaga[jenis],
            tingkat=tingkat,
            wilayah_id=wilayah,
            induk=data[induk] if induk else None,
        )
    return data


class PenggunaUji:
    """Users made on first use: `pengguna_uji("kpu_madiun", "operator")`.

    The email is `<peran>.<lembaga key>@uji.sinergi.test` (underscores become hyphens); the
    password is unusable (log in with `client.force_login`, or call `with_password`).
    """

    def __init__(self, lembaga):
        self.lembaga = lembaga
        self._cache = {}

    def __call__(self, lembaga_key: str | None, peran: str, **extra):
        from sinergi.akses.models import User

        key = (lembaga_key, peran)
        if key not in self._cache:
            email = f"{peran}.{lembaga_key or 'tanpa-lembaga'}@uji.sinergi.test".replace("_", "-")
            user = User(
                email=email,
                nama=f"{peran.replace('_', ' ').title()} {lembaga_key or ''}".strip(),
                lembaga=self.lembaga[lembaga_key] if lembaga_key else None,
                peran=peran,
                **extra,
            )
            user.set_unusable_password()
            user.save()
            self._cache[key] = user
        return self._cache[key]


@pytest.fixture
def pengguna_uji(lembaga_uji):
    """A factory of users by organization key and role (see `PenggunaUji`)."""
    return PenggunaUji(lembaga_uji)


@pytest.fixture
def admin_sistem(pengguna_uji):
    """A system administrator (role admin_sistem, member of KPU RI)."""
    return pengguna_uji("kpu_ri", "admin_sistem")


@pytest.fixture
def bearer():
    """`bearer(user, read_only=False)` → headers for the test client with a fresh API token:
    `client.get(url, headers=bearer(user))`."""

    def make(user, read_only: bool = False) -> dict[str, str]:
        from sinergi.akses.services import token_create

        _, secret = token_create(pelaku=user, nama="test", hari=30, read_only=read_only)
        return {"Authorization": f"Bearer {secret}"}

    return make
