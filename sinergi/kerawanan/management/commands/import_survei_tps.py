from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sinergi.core.impor import ImportGagal
from sinergi.core.models import Kerahasiaan
from sinergi.kerawanan import services
from sinergi.kerawanan.management.commands._progres import Bar
from sinergi.kerawanan.management.commands._umum import gagal, kerangka
from sinergi.wilayah.selectors import wilayah_get


class Command(BaseCommand):
    help = (
        "Import a TPS vulnerability survey (CSV or XLSX sheet 'survei_tps'): kode_desa, "
        "nomor_tps, then one 0/1 column per indicator code; counts per region are computed."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--kerangka", default="tps-pemilu-2024")
        parser.add_argument("--periode", required=True)
        parser.add_argument("--nama", default="")
        parser.add_argument("--wilayah", default="", help="Region code; empty for national.")
        parser.add_argument(
            "--kerahasiaan", default=Kerahasiaan.RESTRICTED, choices=Kerahasiaan.values
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **o):
        wilayah = None
        if o["wilayah"]:
            wilayah = wilayah_get(o["wilayah"])
            if wilayah is None:
                raise CommandError(_("Unknown region code “%(code)s”.") % {"code": o["wilayah"]})
        try:
            hasil = services.impor_survei_tps(
                pelaku=None,
                path=o["berkas"],
                kerangka=kerangka(o["kerangka"]),
                periode=o["periode"],
                nama=o["nama"],
                wilayah=wilayah,
                kerahasiaan=o["kerahasiaan"],
                progres=Bar(self.stderr),
                dry_run=o["dry_run"],
            )
        except ImportGagal as exc:
            raise gagal(exc) from None
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(hasil))
