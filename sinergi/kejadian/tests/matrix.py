"""Permission-matrix rows of the kejadian app (see docs/akses.md): incidents in
matrix_kejadian.py, early warning and the dashboard in matrix_peringatan.py."""

from sinergi.kejadian.tests.matrix_kejadian import EXEMPT as _EXEMPT_K
from sinergi.kejadian.tests.matrix_kejadian import RULES as _RULES_K
from sinergi.kejadian.tests.matrix_peringatan import EXEMPT as _EXEMPT_P
from sinergi.kejadian.tests.matrix_peringatan import RULES as _RULES_P

RULES = _RULES_K + _RULES_P
EXEMPT = _EXEMPT_K + _EXEMPT_P
