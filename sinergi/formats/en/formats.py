"""English (Django's "en" conventions, with a 24-hour clock as Indonesia's zones are written):
"December 3, 2026", "04:58 WIB", "23.06", "1,234"."""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "F j, Y"  # December 3, 2026
SHORT_DATE_FORMAT = "M j, Y"  # Dec 3, 2026
WEEKDAY_DATE_FORMAT = "l, F j, Y"  # Thursday, December 3, 2026
TIME_FORMAT = "H:i"  # 04:58
DATETIME_FORMAT = "F j, Y, H:i"
SHORT_DATETIME_FORMAT = "M j, Y, H:i"
RANGE_SAME_MONTH = ("M j", "j, Y")  # Dec 1–3, 2026
RANGE_SAME_YEAR = ("M j", "M j, Y")  # Nov 28 – Dec 3, 2026
RANGE_SAME_MONTH_LONG = ("F j", "j, Y")
RANGE_SAME_YEAR_LONG = ("F j", "F j, Y")
