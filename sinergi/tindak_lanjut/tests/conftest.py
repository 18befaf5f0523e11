"""Fixtures for follow-up tests: organizations from the root `lembaga_uji`, users by role."""

import datetime

import pytest
from django.utils import timezone

from sinergi.core.models import Kerahasiaan
from sinergi.tindak_lanjut.models import TindakLanjut

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def antrean_db(settings):
    """Use the database queue (as in production) instead of running tasks at once."""
    settings.TASKS = DB_TASKS
    return settings


@pytest.fixture
def besok():
    return timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def buat_tl(lembaga_uji):
    """Make a follow-up directly (bypassing the service), owned by Polres Madiun by default."""

    def make(**kw):
        lembaga = kw.pop("lembaga", lembaga_uji["polres_madiun"])
        data = {
            "judul": "Pemetaan TPS rawan",
            "lembaga": lembaga,
            "lembaga_pembuat": kw.pop("pembuat", lembaga_uji["kpu_jatim"]),
            "wilayah_id": lembaga.wilayah_id,
            "tenggat": timezone.now() + datetime.timedelta(days=3),
            "kerahasiaan": Kerahasiaan.RESTRICTED,
        }
        data.update(kw)
        return TindakLanjut.objects.create(**data)

    return make


@pytest.fixture(autouse=True)
def bahasa_inggris():
    """Messages are asserted in English (the msgids); one test checks the Indonesian ones."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    """The test client with English chosen (the language switch's cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
