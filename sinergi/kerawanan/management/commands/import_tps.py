from django.core.management.base import BaseCommand, CommandError

from sinergi.core.impor import ImportGagal
from sinergi.kerawanan import services
from sinergi.kerawanan.management.commands._progres import Bar
from sinergi.kerawanan.management.commands._umum import gagal


class Command(BaseCommand):
    help = (
        "Import the TPS registry (CSV or XLSX sheet 'tps'): kode_desa, nomor_tps, "
        "jumlah_pemilih. Adds new TPS and updates voter counts; validates everything first."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **o):
        try:
            hasil = services.impor_tps(
                pelaku=None, path=o["berkas"], progres=Bar(self.stderr), dry_run=o["dry_run"]
            )
        except ImportGagal as exc:
            raise gagal(exc) from None
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(hasil))
