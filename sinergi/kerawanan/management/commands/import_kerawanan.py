from django.core.management.base import BaseCommand, CommandError

from sinergi.core.impor import ImportGagal
from sinergi.core.models import Kerahasiaan
from sinergi.kerawanan import services
from sinergi.kerawanan.management.commands._progres import Bar
from sinergi.kerawanan.management.commands._umum import gagal, kerangka


class Command(BaseCommand):
    help = (
        "Import vulnerability assessments (CSV or XLSX sheet 'penilaian'): one row per region "
        "(kode_wilayah), one column per indicator code. Validates everything, then writes."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--kerangka", default="ikp-2024")
        parser.add_argument("--periode", required=True)
        parser.add_argument(
            "--kerahasiaan", default=Kerahasiaan.RESTRICTED, choices=Kerahasiaan.values
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **o):
        try:
            hasil = services.impor_penilaian(
                pelaku=None,
                path=o["berkas"],
                kerangka=kerangka(o["kerangka"]),
                periode=o["periode"],
                kerahasiaan=o["kerahasiaan"],
                progres=Bar(self.stderr),
                dry_run=o["dry_run"],
            )
        except ImportGagal as exc:
            raise gagal(exc) from None
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(hasil))
