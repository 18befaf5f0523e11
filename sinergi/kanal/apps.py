from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class KanalConfig(SinergiAppConfig):
    default = True
    name = "sinergi.kanal"
    label = "kanal"
    verbose_name = _("Message channels")

    def load_demo(self, *, stdout) -> None:
        from sinergi.kanal.demo import load

        load(stdout=stdout)
