from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SinergiAppConfig(AppConfig):
    """Base for Sinergi's domain apps.

    `sinergi up` walks the installed apps in order and calls `load_reference()` on each (the
    reference data it ships) and, with `--demo`, `load_demo()`. Both must be idempotent.
    """

    default_auto_field = "django.db.models.BigAutoField"

    def load_reference(self, *, stdout) -> None:  # pragma: no cover - default does nothing
        return None

    def load_demo(self, *, stdout) -> None:  # pragma: no cover - default does nothing
        return None


class CoreConfig(SinergiAppConfig):
    default = True
    name = "sinergi.core"
    label = "core"
    verbose_name = _("Core")
