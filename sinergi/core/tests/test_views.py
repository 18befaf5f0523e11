import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder


@pytest.mark.django_db
def test_healthz_needs_no_database(client, django_assert_num_queries):
    """/healthz answers while the process lives, without touching the database."""
    with django_assert_num_queries(0):
        r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_when_migrated(client):
    """/readyz answers 200 when the database is reachable and fully migrated."""
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_pending_migrations(client):
    """/readyz answers 503 while a migration is not applied."""
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="wilayah", name="0001_initial").delete()
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["status"] == "migrations pending"
