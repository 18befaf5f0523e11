from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class KejadianConfig(SinergiAppConfig):
    default = True
    name = "sinergi.kejadian"
    label = "kejadian"
    verbose_name = _("Incidents and early warning")

    def ready(self) -> None:
        from sinergi.kejadian import signals
        from sinergi.kejadian.models import Kejadian
        from sinergi.kejadian.selectors import sumber_tindak_lanjut
        from sinergi.tindak_lanjut import sumber

        signals.hubungkan()
        sumber.daftar(Kejadian, sumber_tindak_lanjut)

    def load_reference(self, *, stdout) -> None:
        from sinergi.kejadian.referensi import load

        load(stdout=stdout)

    def load_demo(self, *, stdout) -> None:
        from sinergi.kejadian.demo import load

        load(stdout=stdout)
