from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class KerawananConfig(SinergiAppConfig):
    default = True
    name = "sinergi.kerawanan"
    label = "kerawanan"
    verbose_name = _("Vulnerability")
