from django.db import models
from django.utils.translation import gettext_lazy as _


class Tingkat(models.TextChoices):
    """Administrative level (Permendagri 58/2021)."""

    PROVINSI = "provinsi", _("Province")
    KABUPATEN_KOTA = "kabupaten_kota", _("Regency/city")
    KECAMATAN = "kecamatan", _("District")
    DESA = "desa", _("Village")


class Jenis(models.TextChoices):
    PROVINSI = "provinsi", _("Province")
    KABUPATEN = "kabupaten", _("Regency")
    KOTA = "kota", _("City")
    KECAMATAN = "kecamatan", _("District")
    KELURAHAN = "kelurahan", _("Urban village (kelurahan)")
    DESA = "desa", _("Village (desa)")
    DESA_ADAT = "desa_adat", _("Customary village (desa adat)")


class ZonaWaktu(models.TextChoices):
    WIB = "WIB", "WIB (UTC+7)"
    WITA = "WITA", "WITA (UTC+8)"
    WIT = "WIT", "WIT (UTC+9)"


# Level by number of dot-separated parts of a Kemendagri code.
TINGKAT_MENURUT_BAGIAN = {
    1: Tingkat.PROVINSI,
    2: Tingkat.KABUPATEN_KOTA,
    3: Tingkat.KECAMATAN,
    4: Tingkat.DESA,
}

# Each province's zone (UU/Keppres 41/1987 on Indonesia's time zones), inherited below it.
ZONA_PROVINSI = {
    **dict.fromkeys(
        # Sumatra, Java, Kalimantan Barat and Kalimantan Tengah
        [
            *("11", "12", "13", "14", "15", "16", "17", "18", "19", "21"),
            *("31", "32", "33", "34", "35", "36", "61", "62"),
        ],
        ZonaWaktu.WIB,
    ),
    **dict.fromkeys(
        # Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara, Sulawesi
        ["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"],
        ZonaWaktu.WITA,
    ),
    # Maluku, Maluku Utara and all Papua provinces
    **dict.fromkeys(["81", "82", "91", "92", "93", "94", "95", "96"], ZonaWaktu.WIT),
}
