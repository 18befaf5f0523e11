from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class TindakLanjutConfig(SinergiAppConfig):
    default = True
    name = "sinergi.tindak_lanjut"
    label = "tindak_lanjut"
    verbose_name = _("Follow-ups")

    def load_demo(self, *, stdout) -> None:
        from sinergi.tindak_lanjut.demo import load

        load(stdout=stdout)
