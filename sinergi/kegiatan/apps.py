from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class KegiatanConfig(SinergiAppConfig):
    default = True
    name = "sinergi.kegiatan"
    label = "kegiatan"
    verbose_name = _("Events")

    def load_demo(self, *, stdout) -> None:
        from sinergi.kegiatan.demo import demo_load

        demo_load(stdout=stdout)
