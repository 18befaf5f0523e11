from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from sinergi.core.impor import ImportGagal
from sinergi.kejadian.impor import impor_kejadian


class Command(BaseCommand):
    help = (
        "Import incidents from a CSV or XLSX file (columns: kategori, kode_wilayah, "
        "waktu_kejadian, uraian, optional judul, keparahan, kerahasiaan, sumber, kode_tps, "
        "lat, lng) as the given user. Validates every row, then writes all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--email", required=True, help="The reporting user's email.")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **o):
        from sinergi.akses.models import User

        pelaku = User.objects.filter(email__iexact=o["email"], is_active=True).first()
        if pelaku is None:
            raise CommandError(_("No active user with that email."))
        try:
            n = impor_kejadian(pelaku=pelaku, path=o["berkas"], dry_run=o["dry_run"])
        except ImportGagal as exc:
            baris = [str(e) for e in exc.errors[:50]]
            if len(exc.errors) > 50:
                baris.append(_("… and %(n)s more.") % {"n": len(exc.errors) - 50})
            baris.append(_("Nothing was written."))
            raise CommandError("\n".join(baris)) from None
        except Http404:
            raise CommandError(_("This user may not report incidents.")) from None
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from None
        if o["dry_run"]:
            self.stdout.write(_("%(n)s rows are valid; nothing was written (dry run).") % {"n": n})
        else:
            self.stdout.write(_("%(n)s incidents imported.") % {"n": n})
