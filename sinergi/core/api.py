"""What every API router shares: error bodies in the user's language and common schemas.

Errors are JSON: `{"message": "...", "errors": [{"field": "limit", "message": "..."}]}`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination

from sinergi.core.angka import Offset


def skema_sebaris(model) -> dict:
    """The JSON schema of `model` with its `$defs` inlined, for an operation's `openapi_extra`
    (a `$ref` to `#/$defs/…` left in there would point nowhere in the OpenAPI document)."""
    skema = model.model_json_schema()
    defs = skema.pop("$defs", {})

    def ganti(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return ganti(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {k: ganti(v) for k, v in node.items()}
        if isinstance(node, list):
            return [ganti(v) for v in node]
        return node

    return ganti(skema)


class Halaman(LimitOffsetPagination):
    """`limit`/`offset` pagination whose offset stays within a 64-bit integer (422 beyond)."""

    class Input(LimitOffsetPagination.Input):
        offset: Offset = 0


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    message: str
    errors: list[FieldError] = []


def _pesan_pydantic(err: dict) -> str:
    """A pydantic error in plain Indonesian (or English), by its type."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Must be a whole number.")
    if kind in {"float_parsing", "float_type", "decimal_parsing"}:
        return _("Must be a number.")
    if kind in {"less_than_equal", "less_than"}:
        return _("Must be at most %(limit)s.") % {"limit": ctx.get("le", ctx.get("lt"))}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Must be at least %(limit)s.") % {"limit": ctx.get("ge", ctx.get("gt"))}
    if kind.startswith("date") or kind.startswith("datetime"):
        return (
            _("Not a valid date; use the form YYYY-MM-DD.")
            if kind.startswith("date_")
            else _("Not a valid date and time; use ISO 8601 with its offset.")
        )
    if kind in {"enum", "literal_error"}:
        return _("Must be one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind == "string_too_long":
        return _("At most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("At least %(n)s characters.") % {"n": ctx.get("min_length")}
    if kind in {"bool_parsing", "bool_type"}:
        return _("Must be true or false.")
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    return str(err.get("msg", _("Invalid value.")))


def _field_name(loc) -> str:
    # ninja prefixes locations with the parameter source ("query", "path", "body").
    parts = [str(p) for p in loc if p not in {"query", "path", "body", "header", "form"}]
    return ".".join(parts) or "__all__"


def field_errors(errors: list[dict]) -> list[dict[str, str]]:
    return [{"field": _field_name(e.get("loc", ())), "message": _pesan_pydantic(e)} for e in errors]


def tolak_validasi(exc: DjangoValidationError) -> Status:
    """A model ValidationError from a service as the 422 body, one entry per field message."""
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "__all__", "message": str(message)} for message in exc.messages]
    return Status(422, {"message": _("Some parameters are not valid."), "errors": errors})


def install_error_handlers(api: NinjaAPI) -> None:
    """JSON errors for validation, missing objects, auth and anything a handler raises."""

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError):
        return api.create_response(
            request,
            {"message": _("Some parameters are not valid."), "errors": field_errors(exc.errors)},
            status=422,
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return api.create_response(request, {"message": _("Not found."), "errors": []}, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        return api.create_response(
            request,
            {"message": _("Authentication required or the token is not valid."), "errors": []},
            status=401,
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        return api.create_response(
            request, {"message": str(exc.message), "errors": []}, status=exc.status_code
        )


# The error answers every operation can give besides its own, as the handlers above write them.
PESAN_GALAT = {
    "400": "The body is not valid JSON (or not the declared form).",
    "401": "The token is unknown, expired or revoked, or the operation needs a signed-in user.",
    "403": "A read-only token tried to write, or a session request lacked its CSRF token.",
    "404": "Not found, or not visible to you.",
    "422": "Some parameters are not valid: one message per field.",
}


# The API's description in the OpenAPI document and on /api/v1/docs (here so that the core
# catalogue holds its translation).
API_DESKRIPSI = gettext_lazy(
    "Sinergi API: regions, election stages, regulations, stakeholders. Authenticate with "
    "`Authorization: Bearer <token>`; lists are paginated as `{items, count}` with "
    "`limit`/`offset`."
)


class SinergiAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI also declares the shared error answers of each operation,
    so that a client (and the fuzz run, .ci/fuzz) can rely on every status code it gets."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        galat = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(galat.pop("$defs", {}))
        components.setdefault("ErrorOut", galat)
        for item in schema["paths"].values():
            for method, op in item.items():
                kode = {"401"}
                if op.get("parameters") or op.get("requestBody"):
                    kode |= {"404", "422"}
                if op.get("requestBody"):
                    kode.add("400")
                if method not in {"get", "head", "options"}:
                    kode.add("403")
                for k in sorted(kode):
                    op["responses"].setdefault(
                        k,
                        {
                            "description": PESAN_GALAT[k],
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ErrorOut"}
                                }
                            },
                        },
                    )
        return schema


class FieldInvalid(Exception):
    """Raised by handlers to answer 422 naming one field."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(message)


def install_field_invalid(api: NinjaAPI) -> None:
    @api.exception_handler(FieldInvalid)
    def field_invalid(request: HttpRequest, exc: FieldInvalid):
        return api.create_response(
            request,
            {
                "message": _("Some parameters are not valid."),
                "errors": [{"field": exc.field, "message": exc.message}],
            },
            status=422,
        )
