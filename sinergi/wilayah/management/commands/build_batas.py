from django.core.management.base import BaseCommand

from sinergi.wilayah.batas import SUMBER, TUJUAN, batas_build


class Command(BaseCommand):
    help = (
        "Rebuild the compact map boundaries (static/wilayah/batas/) from data/batas/*.geojson. "
        "Run after changing the source boundaries, and commit the result."
    )

    def handle(self, *args, **options):
        ukuran = batas_build()
        for nama, n in ukuran.items():
            self.stdout.write(f"{nama}: {n:,} bytes")
        self.stdout.write(
            self.style.SUCCESS(f"{len(ukuran)} files from {SUMBER} written to {TUJUAN}")
        )
