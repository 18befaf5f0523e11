from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisKegiatan(models.TextChoices):
    """What kind of event it is."""

    SOSIALISASI = "sosialisasi", _("Socialization (sosialisasi)")
    RAPAT_KOORDINASI = "rakor", _("Coordination meeting (rapat koordinasi)")
    FGD = "fgd", _("Focus group discussion (FGD)")
    BIMTEK = "bimtek", _("Technical guidance (bimbingan teknis)")
    SIMULASI = "simulasi", _("Simulation (simulasi)")
    MEDIA_BRIEFING = "media_briefing", _("Media briefing")
    LAINNYA = "lainnya", _("Other")


class StatusKegiatan(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Planned")
    TERLAKSANA = "terlaksana", _("Held")
    DIBATALKAN = "dibatalkan", _("Cancelled")


class Sasaran(models.TextChoices):
    """Who the event is for."""

    PEMANGKU = "pemangku", _("Stakeholders")
    PUBLIK = "publik", _("The public")


class PeranUndangan(models.TextChoices):
    NARASUMBER = "narasumber", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    PESERTA = "peserta", _("Participant")
    PERS = "pers", _("Press")


class StatusRSVP(models.TextChoices):
    BELUM = "belum", _("No answer yet")
    HADIR = "hadir", _("Will attend")
    TIDAK = "tidak", _("Will not attend")


class CaraHadir(models.TextChoices):
    QR = "qr", _("QR code")
    KODE = "kode", _("Event code (self check-in)")
    MANUAL = "manual", _("Operator")
