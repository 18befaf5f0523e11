from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class PemangkuConfig(SinergiAppConfig):
    default = True
    name = "sinergi.pemangku"
    label = "pemangku"
    verbose_name = _("Stakeholders")

    def load_reference(self, *, stdout) -> None:
        from sinergi.pemangku.services import jenis_lembaga_load, tupoksi_load

        stdout.write(f"pemangku (jenis lembaga): {jenis_lembaga_load()}")
        stdout.write(f"pemangku (tupoksi): {tupoksi_load()}")

    def load_demo(self, *, stdout) -> None:
        from sinergi.pemangku.demo import demo_load

        demo_load(stdout=stdout)
