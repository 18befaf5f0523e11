"""Permission-matrix rows for early-warning and dashboard pages and API."""

RULES: list = []
EXEMPT: list = []
