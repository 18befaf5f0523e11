import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sinergi.tahapan.models import Pemilu
from sinergi.tahapan.services import pemilu_salin


class Command(BaseCommand):
    help = (
        "Create a new election by copying another's schedule with a date shift, e.g. "
        "`sinergi salin_pemilu pemilu-2024 pemilu-2029 --nama 'Pemilu 2029' "
        "--hari-pemungutan 2029-02-14`."
    )

    def add_arguments(self, parser):
        parser.add_argument("sumber", help="Slug of the election to copy.")
        parser.add_argument("slug", help="Slug of the new election.")
        parser.add_argument("--nama", required=True, help="Name of the new election.")
        parser.add_argument("--nama-en", default="", help="English name.")
        parser.add_argument("--hari-pemungutan", help="New voting day, YYYY-MM-DD.")
        parser.add_argument("--geser-hari", type=int, help="Shift in days (instead of a day).")
        parser.add_argument("--dry-run", action="store_true", help="Roll back at the end.")

    def handle(self, *args, **o):
        sumber = Pemilu.objects.filter(slug=o["sumber"]).first()
        if sumber is None:
            raise CommandError(f"Unknown election {o['sumber']}.")
        hari = None
        if o["hari_pemungutan"]:
            try:
                hari = dt.date.fromisoformat(o["hari_pemungutan"])
            except ValueError:
                raise CommandError("--hari-pemungutan must be a date YYYY-MM-DD.") from None
        try:
            with transaction.atomic():
                baru = pemilu_salin(
                    pelaku=None,
                    sumber=sumber,
                    slug=o["slug"],
                    nama=o["nama"],
                    nama_en=o["nama_en"],
                    hari_pemungutan=hari,
                    geser_hari=o["geser_hari"],
                )
                n = baru.tahapan.count()
                if o["dry_run"]:
                    transaction.set_rollback(True)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{baru.slug}: {n} tahapan, {baru.hari_pemungutan}"))
