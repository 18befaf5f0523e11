"""Alert deliveries by webhook used to stay "menunggu" whatever their komunikasi webhook call
did; from now on `signals.py` mirrors each call's outcome on them. This brings the rows written
before up to date from their linked call, with the same rule as `tasks.status_dari_webhook`
(frozen here: five attempts), and fails the waiting ones whose call is gone."""

from django.db import migrations

PERCOBAAN_MAKS = 5  # komunikasi.tasks.WEBHOOK_PERCOBAAN_MAKS when this was written


def sinkron(apps, schema_editor):
    PengirimanPeringatan = apps.get_model("kejadian", "PengirimanPeringatan")
    menunggu = PengirimanPeringatan.objects.filter(saluran="webhook", status="menunggu")
    for log in menunggu.filter(pengiriman_webhook__isnull=False).select_related(
        "pengiriman_webhook"
    ):
        panggilan = log.pengiriman_webhook
        if panggilan.status == "berhasil":
            status = "berhasil"
        elif panggilan.status == "gagal" and panggilan.percobaan >= PERCOBAAN_MAKS:
            status = "gagal"
        else:
            status = "menunggu"
        PengirimanPeringatan.objects.filter(pk=log.pk).update(
            status=status,
            percobaan=panggilan.percobaan,
            galat=(panggilan.galat or "")[:300],
            terkirim_at=panggilan.terkirim_at,
        )
    menunggu.filter(pengiriman_webhook__isnull=True).update(
        status="gagal", galat="The webhook was removed before the alert was delivered."
    )


class Migration(migrations.Migration):
    dependencies = [
        ("kejadian", "0004_indeks_ringan"),
        ("komunikasi", "0002_add_webhook"),
    ]

    operations = [migrations.RunPython(sinkron, migrations.RunPython.noop, elidable=True)]
