import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The early-warning dashboard filters incidents by region prefix (`wilayah_id LIKE '35.%'`)
# and time. On PostgreSQL a btree with varchar_pattern_ops serves LIKE prefixes whatever the
# database collation; SQLite keeps the (wilayah, waktu_kejadian) index of 0001.
INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS kejadian_prefix_waktu_idx ON kejadian_kejadian "
    "(wilayah_id varchar_pattern_ops, waktu_kejadian)"
)


def buat_indeks(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def hapus_indeks(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS kejadian_prefix_waktu_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("kejadian", "0001_initial"),
        ("komunikasi", "0002_add_webhook"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="peringatan",
            name="status_alasan",
            field=models.TextField(blank=True, verbose_name="reason"),
        ),
        migrations.AddField(
            model_name="peringatan",
            name="status_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="status changed at"),
        ),
        migrations.AddField(
            model_name="peringatan",
            name="status_oleh",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="status changed by",
            ),
        ),
        migrations.AddField(
            model_name="pengirimanperingatan",
            name="pengiriman_webhook",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="komunikasi.pengirimanwebhook",
                verbose_name="webhook delivery",
            ),
        ),
        migrations.AlterField(
            model_name="pengirimanperingatan",
            name="saluran",
            field=models.CharField(
                choices=[
                    ("email", "Email"),
                    ("webhook", "Webhook"),
                    ("ringkasan", "Daily digest"),
                    ("aplikasi", "In the app"),
                ],
                max_length=10,
                verbose_name="channel",
            ),
        ),
        migrations.RunPython(buat_indeks, hapus_indeks, elidable=False),
    ]
