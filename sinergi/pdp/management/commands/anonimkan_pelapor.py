from django.core.management.base import BaseCommand, CommandError

from sinergi.pdp import services


class Command(BaseCommand):
    help = (
        "Anonymise the reporter's name and contact of public reports closed for longer than "
        "SINERGI_RETENSI_PELAPOR_HARI days (UU PDP 27/2022). Runs daily in the worker too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        parser.add_argument("--hari", type=int, default=None, help="Override the retention days.")

    def handle(self, *args, dry_run=False, hari=None, **options):
        if hari is not None and hari < 0:
            raise CommandError("--hari must be 0 or more days.")
        n = services.anonimkan_pelapor(hari=hari, dry_run=dry_run)
        hari = services.retensi_hari() if hari is None else hari
        kata = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{n} public report(s) closed more than {hari} days ago {kata}.")
