"""Failed sign-ins become failed attempts of a kind (sign-in, self check-in code): the same
lockout mechanism throttles the check-in codes of kegiatan. Existing rows are sign-ins."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("akses", "0003_token_api_percobaan_masuk"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="percobaanmasuk", name="akses_percobaan_ip_idx"),
        migrations.RenameModel(old_name="PercobaanMasuk", new_name="PercobaanGagal"),
        migrations.AlterModelOptions(
            name="percobaangagal",
            options={"verbose_name": "failed attempt", "verbose_name_plural": "failed attempts"},
        ),
        migrations.RenameField(model_name="percobaangagal", old_name="email", new_name="kunci"),
        migrations.AlterField(
            model_name="percobaangagal",
            name="kunci",
            field=models.CharField(blank=True, max_length=254, verbose_name="key"),
        ),
        migrations.AddField(
            model_name="percobaangagal",
            name="jenis",
            field=models.CharField(
                choices=[("masuk", "sign-in"), ("kode_hadir", "self check-in code")],
                default="masuk",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddIndex(
            model_name="percobaangagal",
            index=models.Index(
                fields=["jenis", "kunci", "created_at"], name="akses_percobaan_kunci_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="percobaangagal",
            index=models.Index(
                fields=["jenis", "ip", "created_at"], name="akses_percobaan_jenis_ip_idx"
            ),
        ),
    ]
