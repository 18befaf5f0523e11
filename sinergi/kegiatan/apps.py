from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class KegiatanConfig(SinergiAppConfig):
    default = True
    name = "sinergi.kegiatan"
    label = "kegiatan"
    verbose_name = _("Events")
