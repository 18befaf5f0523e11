from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class KejadianConfig(SinergiAppConfig):
    default = True
    name = "sinergi.kejadian"
    label = "kejadian"
    verbose_name = _("Incidents and early warning")

    def ready(self) -> None:
        from sinergi.kejadian import signals

        signals.hubungkan()

    def load_reference(self, *, stdout) -> None:
        from sinergi.kejadian.referensi import load

        load(stdout=stdout)

    def load_demo(self, *, stdout) -> None:
        from sinergi.kejadian.demo import load

        load(stdout=stdout)
