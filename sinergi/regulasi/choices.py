from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisRegulasi(models.TextChoices):
    """Kinds of legal instruments, in the hierarchy of UU 12/2011 and election practice."""

    UU = "uu", _("Law (UU)")
    PERPPU = "perppu", _("Government regulation in lieu of law (Perppu)")
    PP = "pp", _("Government regulation (PP)")
    PERPRES = "perpres", _("Presidential regulation (Perpres)")
    KEPPRES = "keppres", _("Presidential decree (Keppres)")
    PKPU = "pkpu", _("KPU regulation (PKPU)")
    PERBAWASLU = "perbawaslu", _("Bawaslu regulation (Perbawaslu)")
    KEPUTUSAN_KPU = "keputusan_kpu", _("KPU decision (Keputusan KPU)")
    SURAT_EDARAN = "surat_edaran", _("Circular (Surat Edaran)")
    PUTUSAN_MK = "putusan_mk", _("Constitutional Court ruling (Putusan MK)")
    LAINNYA = "lainnya", _("Other")


SINGKATAN = {
    "uu": "UU",
    "perppu": "Perppu",
    "pp": "PP",
    "perpres": "Perpres",
    "keppres": "Keppres",
    "pkpu": "PKPU",
    "perbawaslu": "Perbawaslu",
    "keputusan_kpu": "Keputusan KPU",
    "surat_edaran": "SE",
    "putusan_mk": "Putusan MK",
    "lainnya": "",
}


class StatusRegulasi(models.TextChoices):
    BERLAKU = "berlaku", _("In force")
    DIUBAH = "diubah", _("In force, amended")
    DICABUT = "dicabut", _("Revoked")


class Keyakinan(models.TextChoices):
    TINGGI = "H", _("High")
    SEDANG = "M", _("Medium")
    RENDAH = "L", _("Low")
