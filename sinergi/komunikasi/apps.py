from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class KomunikasiConfig(SinergiAppConfig):
    default = True
    name = "sinergi.komunikasi"
    label = "komunikasi"
    verbose_name = _("Communication")

    def load_demo(self, *, stdout) -> None:
        from sinergi.komunikasi.demo import load

        load(stdout=stdout)
