from django.db import models
from django.utils.translation import gettext_lazy as _


class TingkatLembaga(models.TextChoices):
    """The level an organization works at; it decides which region it covers."""

    NASIONAL = "nasional", _("National")
    PROVINSI = "provinsi", _("Provincial")
    KABUPATEN_KOTA = "kabupaten_kota", _("Regency/city")
    KECAMATAN = "kecamatan", _("District")


class KelompokLembaga(models.TextChoices):
    """The broad role of an organization type in an election."""

    PENYELENGGARA = "penyelenggara", _("Election organizer")
    PENGAWAS = "pengawas", _("Election supervisor")
    KEAMANAN = "keamanan", _("Security")
    PEMERINTAH = "pemerintah", _("Government")
    MEDIA = "media", _("Media")
    PESERTA = "peserta", _("Election participant")
    MASYARAKAT = "masyarakat", _("Civil society")
    LAINNYA = "lainnya", _("Other")


# The region level an organization of each level must be attached to (None: no region).
TINGKAT_WILAYAH = {
    TingkatLembaga.NASIONAL: None,
    TingkatLembaga.PROVINSI: "provinsi",
    TingkatLembaga.KABUPATEN_KOTA: "kabupaten_kota",
    TingkatLembaga.KECAMATAN: "kecamatan",
}
