from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class PortalConfig(SinergiAppConfig):
    default = True
    name = "sinergi.portal"
    label = "portal"
    verbose_name = _("Portal")
