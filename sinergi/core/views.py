"""Operational endpoints: liveness and readiness."""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """The process is alive (no database access)."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """The database answers and every migration is applied."""
    try:
        loader = MigrationLoader(connections[DEFAULT_DB_ALIAS], ignore_no_migrations=True)
        pending = set(loader.graph.nodes) - set(loader.applied_migrations)
    except Exception as exc:  # any database failure means "not ready"
        logger.warning("readyz: database not ready", exc_info=True)
        return JsonResponse({"status": "unavailable", "detail": type(exc).__name__}, status=503)
    if pending:
        return JsonResponse({"status": "migrations pending", "pending": len(pending)}, status=503)
    return JsonResponse({"status": "ok"})
