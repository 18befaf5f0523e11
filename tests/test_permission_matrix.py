"""The permission matrix (issue 4): every page and API endpoint, every role x relation x
confidentiality level, against the rules each app declares in `sinergi/<app>/tests/matrix.py`.

See docs/akses.md for the format. The enumeration tests fail when an endpoint has no rule, so
the matrix grows with the code.
"""

from __future__ import annotations

import importlib
import json
import re
from http.cookies import SimpleCookie

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLResolver, get_resolver

from sinergi.akses.testing import RELASI, RELASI_LEMBAGA, Exempt, Kasus, Rule
from sinergi.core.models import AuditEntry

PARAM = re.compile(r"<(?:[^:>]+:)?([^>]+)>")


def sinergi_apps():
    return [a for a in apps.get_app_configs() if a.name.startswith("sinergi.")]


def collect() -> tuple[list[Rule], list[Exempt]]:
    rules: list[Rule] = []
    exempt: list[Exempt] = []
    for app in sinergi_apps():
        try:
            module = importlib.import_module(f"{app.name}.tests.matrix")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.tests.matrix":
                raise
            continue
        rules.extend(getattr(module, "RULES", []))
        exempt.extend(getattr(module, "EXEMPT", []))
    return rules, exempt


RULES, EXEMPT = collect()


def url_patterns(patterns=None, prefix: str = ""):
    """Every URL pattern as its full route ("/wilayah/<str:kode>/"), recursively."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from url_patterns(p.url_patterns, prefix + str(p.pattern))
        else:
            yield "/" + prefix + str(p.pattern)


def api_operations() -> list[str]:
    from sinergi.api import api

    schema = api.get_openapi_schema()
    return sorted(
        f"{method.upper()} {path}"
        for path, ops in schema["paths"].items()
        for method in ops
        if method in {"get", "post", "put", "patch", "delete"}
    )


def normal(route: str) -> str:
    return PARAM.sub(r"{\1}", route)


def exempt_for(route: str) -> Exempt | None:
    return next((e for e in EXEMPT if route.startswith(e.prefix)), None)


def test_every_exemption_has_a_reason():
    """An exemption without a written reason is not allowed."""
    assert all(len(e.reason.strip()) > 20 for e in EXEMPT), EXEMPT


def test_every_url_pattern_has_a_rule():
    """Every page (URL pattern) has at least one declared rule, or a documented exemption.

    URL patterns that django-ninja generates for API operations are covered by the operation
    rules (next test); only its extra pages (docs, schema, root) need page rules."""
    page_routes = {r.route for r in RULES}
    op_paths = {op.split(" ", 1)[1] for op in api_operations()}
    missing = [
        route
        for route in url_patterns()
        if exempt_for(route) is None and route not in page_routes and normal(route) not in op_paths
    ]
    assert not missing, "endpoints without a rule in any sinergi/<app>/tests/matrix.py:\n" + (
        "\n".join(missing)
    )


def test_every_api_operation_has_a_rule():
    """Every OpenAPI operation has at least one declared rule."""
    declared = {r.endpoint for r in RULES}
    missing = [op for op in api_operations() if op not in declared]
    assert not missing, "API operations without a rule:\n" + "\n".join(missing)


def test_no_rule_for_an_endpoint_that_does_not_exist():
    """A rule naming an endpoint that is gone (renamed, removed) fails, so rules cannot rot."""
    routes = set(url_patterns())
    ops = set(api_operations())
    stale = [r.endpoint for r in RULES if r.endpoint not in ops and r.route not in routes]
    assert not stale, "rules for endpoints that do not exist:\n" + "\n".join(stale)


@pytest.fixture
def pelaku(pengguna_uji, bearer):
    """One cookie jar per (peran, relasi) on a single test client (each new Client would
    rebuild the middleware, and WhiteNoise rescans every static file): a signed-in session for
    pages, a read-write Bearer token for the API. Built once per test, outside the per-cell
    savepoints."""
    client = Client()
    cache: dict = {}

    def get(peran: str | None, relasi: str | None, api: bool):
        key = (peran, relasi, api)
        if key not in cache:
            client.cookies = SimpleCookie()
            if peran is None:
                user, headers = AnonymousUser(), {}
            else:
                user = pengguna_uji(RELASI_LEMBAGA[relasi], peran)
                if api:
                    headers = bearer(user)
                else:
                    client.force_login(user)
                    headers = {}
            cache[key] = (client.cookies, user, headers)
        cookies, user, headers = cache[key]
        client.cookies = SimpleCookie()
        client.cookies.update(cookies)
        return client, user, headers

    return get


def _request(client: Client, rule: Rule, path: str, data, headers: dict):
    method = rule.method.lower()
    headers = {**headers, **rule.headers}
    if method in {"get", "head", "options"}:
        return getattr(client, method)(path, data=data, headers=headers)
    if rule.api:
        body = json.dumps(data) if data is not None else ""
        return getattr(client, method)(
            path, data=body, content_type="application/json", headers=headers
        )
    if method == "post":
        return client.post(path, data=data or {}, headers=headers)
    return getattr(client, method)(path, headers=headers)


def cells(rule: Rule):
    for peran in rule.peran:
        for relasi in RELASI if peran else (None,):
            for level in rule.kerahasiaan:
                yield peran, relasi, level


@pytest.mark.django_db
@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule(rule: Rule, lembaga_uji, pengguna_uji, pelaku):
    """Each cell answers the declared status; refused writes change nothing."""
    failures = []
    login_url = resolve_url(settings.LOGIN_URL)
    for peran, relasi, level in cells(rule):
        client, user, headers = pelaku(peran, relasi, rule.api)
        kasus = Kasus(
            peran=peran,
            relasi=relasi,
            kerahasiaan=level,
            api=rule.api,
            pengguna=user,
            lembaga=lembaga_uji,
            pengguna_uji=pengguna_uji,
        )
        expected = rule.expect(kasus) if callable(rule.expect) else rule.expect
        made_before = set(pengguna_uji._cache)
        with transaction.atomic():
            obj = rule.setup(kasus) if rule.setup else None
            if rule.path is None:
                path = rule.route
            else:
                path = rule.path(kasus, obj) if callable(rule.path) else rule.path
            data = rule.data(kasus, obj) if callable(rule.data) else rule.data
            before = rule.state(kasus, obj) if rule.state else None
            audit_before = AuditEntry.objects.count()
            response = _request(client, rule, path, data, headers)
            if response.status_code != expected:
                failures.append(f"{kasus}: expected {expected}, got {response.status_code}")
            elif rule.state is not None:
                after = rule.state(kasus, obj)
                refused = expected >= 400 or (
                    expected == 302 and response["Location"].startswith(login_url)
                )
                if refused and after != before:
                    failures.append(f"{kasus}: refused ({expected}) but changed")
                if refused and AuditEntry.objects.count() != audit_before:
                    failures.append(f"{kasus}: refused ({expected}) but an audit row was added")
                if not refused and rule.berubah and after == before:
                    failures.append(f"{kasus}: allowed ({expected}) but nothing changed")
            transaction.set_rollback(True)
        # Users made inside the rolled-back savepoint are gone: forget them.
        for key in set(pengguna_uji._cache) - made_before:
            del pengguna_uji._cache[key]
    assert not failures, f"{rule.id} ({path}):\n" + "\n".join(failures)
