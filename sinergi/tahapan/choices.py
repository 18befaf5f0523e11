from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisPemilu(models.TextChoices):
    """The two kinds of election in Indonesian law."""

    PEMILU = "pemilu", _("General election (Pemilu, UU 7/2017)")
    PEMILIHAN = "pemilihan", _("Regional head election (Pemilihan/Pilkada, UU 10/2016)")


class Keyakinan(models.TextChoices):
    """How sure we are about a stage's dates, as stated by the reference sources."""

    TINGGI = "H", _("High")
    SEDANG = "M", _("Medium")
    RENDAH = "L", _("Low")
