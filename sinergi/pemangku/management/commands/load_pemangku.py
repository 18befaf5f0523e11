from django.core.management.base import BaseCommand, CommandError

from sinergi.core.impor import ImportGagal
from sinergi.pemangku.services import jenis_lembaga_load, tupoksi_load


class Command(BaseCommand):
    help = (
        "Load or refresh the organization types and the duty matrix (tupoksi) from the shipped "
        "files. Load the stages (tahapan) first: duty rows of unknown stages are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="Folder with jenis_lembaga.csv and tupoksi_*.csv.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and count only.")

    def handle(self, *args, **options):
        kwargs = {"data_dir": options["data_dir"], "dry_run": options["dry_run"]}
        try:
            jenis = jenis_lembaga_load(**kwargs)
            tupoksi = tupoksi_load(**kwargs)
        except ImportGagal as exc:
            raise CommandError(f"Nothing was written.\n{exc}") from None
        self.stdout.write(self.style.SUCCESS(f"jenis lembaga: {jenis}"))
        self.stdout.write(self.style.SUCCESS(f"tupoksi: {tupoksi}"))
