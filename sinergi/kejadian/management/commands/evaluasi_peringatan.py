from django.core.management.base import BaseCommand, CommandError

from sinergi.kejadian.models import AturanPeringatan


class Command(BaseCommand):
    help = (
        "Evaluate the early-warning rules now (the worker does it every 5 minutes) and deliver "
        "the new alerts. Idempotent: a situation already alerted is not raised again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--aturan", help="Only this rule (its code).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Evaluate and roll back: show, raise nothing."
        )

    def handle(self, *args, **opts):
        from django.db import transaction

        from sinergi.core.tasks import enqueue
        from sinergi.kejadian.peringatan import aturan_evaluasi
        from sinergi.kejadian.tasks import kirim_peringatan

        qs = AturanPeringatan.objects.filter(is_active=True).select_related("kategori")
        if opts["aturan"]:
            qs = qs.filter(kode=opts["aturan"])
            if not qs.exists():
                raise CommandError(f"No active rule with code {opts['aturan']!r}.")
        total = 0
        with transaction.atomic():
            for aturan in qs:
                baru = aturan_evaluasi(aturan)
                total += len(baru)
                self.stdout.write(f"{aturan.kode}: {len(baru)} new alerts")
                if not opts["dry_run"]:
                    for pk in baru:
                        enqueue(kirim_peringatan, pk)
            if opts["dry_run"]:
                transaction.set_rollback(True)
        verb = "would be raised" if opts["dry_run"] else "raised"
        self.stdout.write(self.style.SUCCESS(f"{total} alerts {verb}."))
