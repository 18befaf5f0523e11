from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class KerawananConfig(SinergiAppConfig):
    default = True
    name = "sinergi.kerawanan"
    label = "kerawanan"
    verbose_name = _("Vulnerability")

    def load_reference(self, *, stdout) -> None:
        from sinergi.kerawanan.services import muat_referensi

        stdout.write("kerawanan: " + "; ".join(muat_referensi()))

    def load_demo(self, *, stdout) -> None:
        from sinergi.kerawanan.demo import muat_demo

        stdout.write("kerawanan demo: " + muat_demo())
