from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class PemangkuConfig(SinergiAppConfig):
    default = True
    name = "sinergi.pemangku"
    label = "pemangku"
    verbose_name = _("Pemangku")
