"""Permission-matrix rows for incident pages and API (see docs/akses.md)."""

RULES: list = []
EXEMPT: list = []
