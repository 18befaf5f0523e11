from django.core.management.base import BaseCommand, CommandError

from sinergi.core.impor import ImportGagal
from sinergi.tahapan.services import tahapan_load


class Command(BaseCommand):
    help = "Load or refresh the shipped elections and stages (Pemilu 2024, Pilkada 2024)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Validate only.")

    def handle(self, *args, **options):
        try:
            hasil = tahapan_load(dry_run=options["dry_run"])
        except ImportGagal as exc:
            raise CommandError(f"Nothing was written.\n{exc}") from None
        self.stdout.write(self.style.SUCCESS(f"tahapan: {hasil}"))
