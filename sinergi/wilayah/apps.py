from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class WilayahConfig(SinergiAppConfig):
    default = True
    name = "sinergi.wilayah"
    label = "wilayah"
    verbose_name = _("Regions")

    def load_reference(self, *, stdout) -> None:
        from sinergi.wilayah.services import wilayah_load

        hasil = wilayah_load()
        stdout.write(f"wilayah: {hasil}")
