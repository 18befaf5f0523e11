from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class RegulasiConfig(SinergiAppConfig):
    default = True
    name = "sinergi.regulasi"
    label = "regulasi"
    verbose_name = _("Regulations")

    def load_reference(self, *, stdout) -> None:
        from sinergi.regulasi.services import regulasi_load

        stdout.write(f"regulasi: {regulasi_load()}")
