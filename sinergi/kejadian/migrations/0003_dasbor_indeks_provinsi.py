from django.db import migrations

# The province dashboard filters `SUBSTRING(wilayah_id, 1, 2) = '35'` and a time window, then
# groups by status, category, day and regency. A covering index on (province, time) with the
# columns those queries read lets PostgreSQL answer them from the index alone (index-only
# scans), without visiting ~17k scattered table rows per query. The triage queue (reported
# incidents, all time) gets a small partial index of its own. PostgreSQL only; SQLite keeps
# the indexes of 0001.
INDEKS = [
    (
        "kejadian_provinsi_waktu_idx",
        "CREATE INDEX IF NOT EXISTS kejadian_provinsi_waktu_idx ON kejadian_kejadian "
        "((SUBSTRING(wilayah_id, 1, 2)), waktu_kejadian) INCLUDE (wilayah_id, status, "
        "kategori_id, kerahasiaan, lembaga_pelapor_id, lat, lng)",
    ),
    (
        "kejadian_triase_idx",
        "CREATE INDEX IF NOT EXISTS kejadian_triase_idx ON kejadian_kejadian "
        "((SUBSTRING(wilayah_id, 1, 2)), wilayah_id varchar_pattern_ops) "
        "INCLUDE (kerahasiaan, lembaga_pelapor_id) WHERE status = 'dilaporkan'",
    ),
]


def buat(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _nama, sql in INDEKS:
            schema_editor.execute(sql)


def hapus(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for nama, _sql in INDEKS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {nama}")


class Migration(migrations.Migration):
    dependencies = [("kejadian", "0002_peringatan_status_pengiriman")]

    operations = [migrations.RunPython(buat, hapus, elidable=False)]
