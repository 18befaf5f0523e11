"""Sinergi's display formats per language (FORMAT_MODULE_PATH): Django's own locale formats,
with the few patterns Sinergi shows everywhere made explicit. `sinergi.core.format` reads them
through `django.utils.formats`, so the active language picks the convention.

Custom names (RANGE_*, WEEKDAY_DATE_FORMAT, ZONED_DATETIME_FORMAT) are looked up the same way;
every language module must define all of them.
"""
