"""Permission matrix rules for the project-level endpoints (see docs/akses.md)."""

from sinergi.akses.testing import Exempt, Rule, semua

RULES = [
    Rule("GET /healthz", semua(200)),
    Rule("GET /readyz", semua(200)),
    Rule("POST /i18n/setlang/", semua(302), data={"language": "en", "next": "/"}),
    Rule("GET /jsi18n/", semua(200)),
    # The schema is the same for everyone (operations are listed, never their data); each
    # build costs a second, so three identities stand for all.
    Rule("GET /api/v1/openapi.json", semua(200), peran=(None, "admin_sistem", "pengamat")),
    Rule("GET /api/v1/docs", semua(200)),
    # django-ninja's bare root has no view of its own.
    Rule("GET /api/v1/", semua(404)),
]

EXEMPT = [
    Exempt(
        "/admin/",
        "Django's admin site has its own gate (is_staff plus model permissions, checked by "
        "django.contrib.admin on every view; staff status is given only to system "
        "administrators); sinergi/akses/tests/test_views.py checks that non-staff users of "
        "every role are sent to the admin login and that the audit trail is read-only there.",
    ),
]
