from django.core.management.base import BaseCommand, CommandError

from sinergi.core.impor import ImportGagal
from sinergi.tahapan.services import KOLOM_OPSIONAL, KOLOM_WAJIB, tahapan_impor


class Command(BaseCommand):
    help = (
        "Import an election schedule from a CSV (columns: "
        + ", ".join(KOLOM_WAJIB)
        + "; optional: "
        + ", ".join(KOLOM_OPSIONAL)
        + "). Stages are created or updated by code; with any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Validate only.")

    def handle(self, *args, **options):
        try:
            hasil = tahapan_impor(pelaku=None, path=options["file"], dry_run=options["dry_run"])
        except ImportGagal as exc:
            raise CommandError(f"Nothing was written.\n{exc}") from None
        self.stdout.write(self.style.SUCCESS(f"tahapan: {hasil}"))
