from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisPemilu(models.TextChoices):
    """The two kinds of election in Indonesian law."""

    PEMILU = "pemilu", _("General election (Pemilu, UU 7/2017)")
    PEMILIHAN = "pemilihan", _("Regional head election (Pemilihan/Pilkada, UU 10/2016)")
    BERKELANJUTAN = "berkelanjutan", _("Continuous work between elections")


class StatusPemilu(models.TextChoices):
    """A draft schedule is a planning aid; it becomes official once its KPU regulation is set."""

    RANCANGAN = "rancangan", _("Draft (not yet official)")
    RESMI = "resmi", _("Official")


class Keyakinan(models.TextChoices):
    """How sure we are about a stage's dates, as stated by the reference sources."""

    TINGGI = "H", _("High")
    SEDANG = "M", _("Medium")
    RENDAH = "L", _("Low")


class KategoriTahapan(models.TextChoices):
    """What kind of row a stage is: a scheduled stage, a supporting activity, and so on."""

    TAHAPAN = "tahapan", _("Scheduled stage")
    PENDUKUNG = "pendukung", _("Supporting activity (not a statutory stage)")
    PERISTIWA = "peristiwa", _("Milestone (an event that happened)")
    KONTINJENSI = "kontinjensi", _("Contingency (only if needed)")
