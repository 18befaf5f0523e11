from django.utils.translation import gettext_lazy as _

from sinergi.core.apps import SinergiAppConfig


class PdpConfig(SinergiAppConfig):
    """Personal data protection (UU PDP 27/2022): what Sinergi holds about one person, its
    export and erasure, and the retention of public reporters' contact data. It spans the
    domain apps (accounts, contacts, incidents, invitations), so it sits above them."""

    default = True
    name = "sinergi.pdp"
    label = "pdp"
    verbose_name = _("Personal data")
