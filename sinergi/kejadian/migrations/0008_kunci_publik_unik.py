from django.conf import settings
from django.db import migrations, models


def satu_per_kunci(apps, schema_editor):
    """Before the constraint: a public report stored twice under one key and body (sent again
    from another address before this release) keeps its key on the first copy only. Both rows
    stay; the later copy is simply no longer an idempotent twin."""
    Kejadian = apps.get_model("kejadian", "Kejadian")
    publik = Kejadian.objects.filter(pengaju__startswith="ip:").exclude(kunci_idempotensi="")
    dilihat = set()
    for pk, kunci, h in publik.order_by("pk").values_list("pk", "kunci_idempotensi", "hash_isi"):
        if (kunci, h) in dilihat:
            Kejadian.objects.filter(pk=pk).update(kunci_idempotensi="")
        else:
            dilihat.add((kunci, h))


class Migration(migrations.Migration):

    dependencies = [
        ("kejadian", "0007_add_peringatan_nama_en_judul_pesan"),
        ("pemangku", "0002_kontak_is_active_tupoksi"),
        ("tahapan", "0004_pemilu_status_rancangan_sumber"),
        ("wilayah", "0002_add_tps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(satu_per_kunci, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="kejadian",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("pengaju__startswith", "ip:"),
                    models.Q(("kunci_idempotensi", ""), _negated=True),
                ),
                fields=("kunci_idempotensi", "hash_isi"),
                name="kejadian_kunci_publik_unik",
            ),
        ),
    ]
