"""Indonesian (PUEBI, government letters): "3 Desember 2026", "04.58 WIB", "23,06", "1.234"."""

from django.conf.locale.id.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"  # 3 Desember 2026 (Django's "j N Y" abbreviates to "Des.")
SHORT_DATE_FORMAT = "j M Y"  # 3 Des 2026
WEEKDAY_DATE_FORMAT = "l, j F Y"  # Kamis, 3 Desember 2026
TIME_FORMAT = "H.i"  # 04.58: 24-hour with a full stop, always two digits for the hour
DATETIME_FORMAT = "j F Y H.i"
SHORT_DATETIME_FORMAT = "j M Y H.i"
# A date range as (first day, last day) patterns: 1–3 Des 2026, 28 Nov – 3 Des 2026
RANGE_SAME_MONTH = ("j", "j M Y")
RANGE_SAME_YEAR = ("j M", "j M Y")
RANGE_SAME_MONTH_LONG = ("j", "j F Y")
RANGE_SAME_YEAR_LONG = ("j F", "j F Y")
