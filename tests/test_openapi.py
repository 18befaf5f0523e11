"""The published OpenAPI schema is true to the API: every operation refuses a bad token, each
component name belongs to one schema class, and the status codes it can answer are declared."""

import re

import pytest
from ninja import Schema
from pydantic import BaseModel

from sinergi.api import api

METHODS = {"get", "post", "put", "patch", "delete"}


def _operations():
    schema = api.get_openapi_schema()
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield method, path, op


@pytest.mark.parametrize(
    ("method", "path"), [(m, p) for m, p, _op in _operations()], ids=lambda v: str(v)
)
def test_every_operation_answers_401_to_an_invalid_token(client, db, method, path):
    """A token that is sent but unknown answers 401 on every operation, public reads and the
    no-login RSVP and walk-in check-in included, so a script never runs as anonymous."""
    url = re.sub(r"\{[^}]+\}", "1", path.replace("{ref}", "00000000-0000-4000-8000-000000000001"))
    r = getattr(client, method)(
        url, content_type="application/json", headers={"Authorization": "Bearer sng_x_palsu"}
    )
    assert r.status_code == 401, (method, path, r.status_code)
    assert r.json()["message"] == "Perlu masuk terlebih dahulu, atau token tidak sah."


def _schema_classes():
    """Every ninja Schema class reachable from the API's operations, by its component name."""
    seen: dict[str, set[str]] = {}

    def visit(tp):
        for sub in getattr(tp, "__args__", ()) or ():
            visit(sub)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if issubclass(tp, Schema) and tp.__module__.startswith("sinergi."):
                name = tp.model_config.get("title") or tp.__name__
                qual = f"{tp.__module__}.{tp.__qualname__}"
                if qual in seen.setdefault(name, set()):
                    return
                seen[name].add(qual)
            for field in tp.model_fields.values():
                visit(field.annotation)

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                for model in op.response_models.values():
                    visit(model)
                for model in op.models:
                    visit(model)
    return seen


def test_component_names_map_to_one_schema_class():
    """Two Schemas with one class name in different apps would be merged into one OpenAPI
    component, and the responses of one would not match the published schema of the other."""
    dua = {name: sorted(q) for name, q in _schema_classes().items() if len(q) > 1}
    assert dua == {}


def test_every_reference_in_the_schema_resolves():
    """No `$ref` points outside `#/components/schemas` or at a missing component (a multipart
    body with an enum once pointed at `#/$defs/JenisMateri`, which the fuzz run could not
    resolve)."""
    schema = api.get_openapi_schema()
    components = set(schema["components"]["schemas"])
    refs: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    prefix = "#/components/schemas/"
    assert [r for r in refs if not r.startswith(prefix) or r[len(prefix) :] not in components] == []
