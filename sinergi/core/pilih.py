"""Ids that arrive in a request body (API and forms) become objects only through a queryset
already scoped to the actor (a selector).

An id that does not exist and one the actor may not see give the same answer: a
ValidationError naming the field, so a 422 in the API and a field error on a page, and
nothing about the hidden object is revealed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet


def satu(qs: QuerySet, pk, *, field: str, pesan: str) -> Model:
    """The object with this id in the scoped queryset `qs`, else a ValidationError on `field`."""
    try:
        obj = qs.filter(pk=int(pk)).first() if pk is not None and pk != "" else None
    except (TypeError, ValueError):
        obj = None
    if obj is None:
        raise ValidationError({field: [pesan]})
    return obj


def banyak(qs: QuerySet, ids: Iterable, *, field: str, pesan: str) -> list[Model]:
    """The objects with these ids in the scoped queryset `qs` (all of them), else a
    ValidationError on `field`."""
    try:
        wanted = {int(pk) for pk in ids}
    except (TypeError, ValueError):
        raise ValidationError({field: [pesan]}) from None
    found = list(qs.filter(pk__in=wanted)) if wanted else []
    if len(found) != len(wanted):
        raise ValidationError({field: [pesan]})
    return found
