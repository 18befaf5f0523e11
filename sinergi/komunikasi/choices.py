from django.db import models
from django.utils.translation import gettext_lazy as _


class Prioritas(models.TextChoices):
    BIASA = "biasa", _("Normal")
    PENTING = "penting", _("Important")
    SEGERA = "segera", _("Urgent")


class StatusPengumuman(models.TextChoices):
    MENGIRIM = "mengirim", _("Sending")
    TERKIRIM = "terkirim", _("Sent")
    SEBAGIAN = "sebagian", _("Some deliveries failed")


class JenisNotifikasi(models.TextChoices):
    PENGUMUMAN = "pengumuman", _("Announcements")
    PENGINGAT = "pengingat", _("Reminders")
    SEBUTAN = "sebutan", _("Mentions")
    UNDANGAN = "undangan", _("Invitations")
    TINDAK_LANJUT = "tindak_lanjut", _("Follow-up assignments")
    PERINGATAN = "peringatan", _("Alerts")


class ModeNotifikasi(models.TextChoices):
    APLIKASI = "aplikasi", _("In the app only")
    EMAIL = "email", _("E-mail now")
    RINGKASAN = "ringkasan", _("Daily digest e-mail")


class JenisMateri(models.TextChoices):
    INFOGRAFIS = "infografis", _("Infographic")
    LEAFLET = "leaflet", _("Leaflet")
    SALINDIA = "salindia", _("Slide deck")
    PENJELASAN = "penjelasan", _("Short explanation")
    VIDEO = "video", _("Video link")
