from django.core.management.base import BaseCommand, CommandError

from sinergi.core.impor import ImportGagal
from sinergi.regulasi.services import regulasi_load


class Command(BaseCommand):
    help = "Load or refresh the shipped regulation catalogue and its links to the stages."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Validate only.")

    def handle(self, *args, **options):
        try:
            hasil = regulasi_load(dry_run=options["dry_run"])
        except ImportGagal as exc:
            raise CommandError(f"Nothing was written.\n{exc}") from None
        self.stdout.write(self.style.SUCCESS(f"regulasi: {hasil}"))
