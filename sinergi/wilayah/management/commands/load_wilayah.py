from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sinergi.core.impor import ImportGagal
from sinergi.wilayah.services import wilayah_load


class Command(BaseCommand):
    help = "Load or refresh Indonesia's regions (Kemendagri codes) from the shipped files."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="Folder with provinsi.csv … desa.csv.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and count only.")

    def handle(self, *args, **options):
        try:
            hasil = wilayah_load(data_dir=options["data_dir"], dry_run=options["dry_run"])
        except ImportGagal as exc:
            raise CommandError(_("Nothing was written.") + f"\n{exc}") from None
        self.stdout.write(self.style.SUCCESS(f"wilayah: {hasil}"))
