from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusTindakLanjut(models.TextChoices):
    """Where a follow-up stands; done and cancelled are final."""

    TERBUKA = "terbuka", _("Open")
    DIKERJAKAN = "dikerjakan", _("In progress")
    SELESAI = "selesai", _("Done")
    DIBATALKAN = "dibatalkan", _("Cancelled")


# The statuses a follow-up may move to from each status.
TRANSISI = {
    StatusTindakLanjut.TERBUKA: {
        StatusTindakLanjut.DIKERJAKAN,
        StatusTindakLanjut.SELESAI,
        StatusTindakLanjut.DIBATALKAN,
    },
    StatusTindakLanjut.DIKERJAKAN: {StatusTindakLanjut.SELESAI, StatusTindakLanjut.DIBATALKAN},
    StatusTindakLanjut.SELESAI: set(),
    StatusTindakLanjut.DIBATALKAN: set(),
}
STATUS_AKTIF = (StatusTindakLanjut.TERBUKA, StatusTindakLanjut.DIKERJAKAN)


class Prioritas(models.TextChoices):
    RENDAH = "rendah", _("Low")
    SEDANG = "sedang", _("Medium")
    TINGGI = "tinggi", _("High")
    MENDESAK = "mendesak", _("Urgent")


class AlasanEskalasi(models.TextChoices):
    TERLAMBAT = "terlambat", _("Overdue")
    BELUM_DIAKUI = "belum_diakui", _("Not acknowledged")
