import secrets

from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig

DEMO_ADMIN_EMAIL = "admin@sinergi.local"


class AksesConfig(SinergiAppConfig):
    default = True
    name = "sinergi.akses"
    label = "akses"
    verbose_name = _("Access")

    def ready(self) -> None:
        from sinergi.akses import (
            backends,  # noqa: F401 - connects the sign-in signals
            signals,
        )

        signals.hubungkan()

    def load_demo(self, *, stdout) -> None:
        from sinergi.akses.models import User

        if User.objects.filter(email=DEMO_ADMIN_EMAIL).exists():
            stdout.write(
                f"demo admin: {DEMO_ADMIN_EMAIL} (already exists; its password was printed "
                "when it was created — reset it with `sinergi changepassword "
                f"{DEMO_ADMIN_EMAIL}`)"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(DEMO_ADMIN_EMAIL, password, nama="Admin Sinergi")
        stdout.write(
            "\n".join(
                [
                    "=" * 64,
                    "Demo admin created (the password is shown only this once):",
                    f"  email:    {DEMO_ADMIN_EMAIL}",
                    f"  password: {password}",
                    "=" * 64,
                ]
            )
        )
