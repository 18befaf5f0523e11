from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from sinergi.core.impor import ImportGagal
from sinergi.kerawanan.models import Kerangka


def kerangka(slug: str) -> Kerangka:
    k = Kerangka.objects.filter(slug=slug).first()
    if k is None:
        raise CommandError(_("Unknown framework “%(slug)s”.") % {"slug": slug})
    return k


def gagal(exc: ImportGagal) -> CommandError:
    baris = [str(e) for e in exc.errors[:50]]
    if len(exc.errors) > 50:
        baris.append(_("… and %(n)s more.") % {"n": len(exc.errors) - 50})
    baris.append(_("Nothing was written."))
    return CommandError("\n".join(baris))
