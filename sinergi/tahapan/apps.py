from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class TahapanConfig(SinergiAppConfig):
    default = True
    name = "sinergi.tahapan"
    label = "tahapan"
    verbose_name = _("Election stages")

    def load_reference(self, *, stdout) -> None:
        from sinergi.tahapan.services import tahapan_load

        stdout.write(f"tahapan: {tahapan_load()}")
