"""API for the current user: who am I, my tokens, and the audit trail for admins."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.akses import rules, selectors, services
from sinergi.akses.api_auth import require_write, token_auth
from sinergi.core.angka import Id
from sinergi.core.api import ErrorOut, FieldInvalid, Halaman

router = Router(auth=token_auth)


def _invalid(exc: ValidationError):
    field, messages = next(iter(exc.message_dict.items()))
    raise FieldInvalid(field, messages[0]) from None


class LembagaRingkasAkses(Schema):
    id: int
    nama: str
    jenis: str = Field(alias="jenis_id")
    tingkat: str
    wilayah: str | None = Field(None, alias="wilayah_id")


class SayaOut(Schema):
    id: int
    email: str
    nama: str
    peran: str
    lembaga: LembagaRingkasAkses | None
    lingkup: str | None = Field(
        description='Region subtree the user sees: a code, "" for all of Indonesia, null for none'
    )
    token_read_only: bool | None = Field(
        description="For token requests: whether the token is read-only; null for sessions"
    )


class TokenOut(Schema):
    id: int
    nama: str
    prefix: str
    read_only: bool
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenIn(Schema):
    # Limits are checked by the service, so that the message names the field plainly.
    nama: str = Field(description="At most 100 characters")
    hari: int = Field(90, description=f"Validity in days, 1 to {services.TOKEN_HARI_MAKS}")
    read_only: bool = True


class TokenBaruOut(TokenOut):
    token: str = Field(description="The full token; shown only in this answer")


class AuditOut(Schema):
    id: int
    created_at: datetime.datetime
    actor: str | None
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict | None
    after: dict | None
    note: str

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.email if obj.actor else None


class AuditFilter(Schema):
    actor: str = Field("", max_length=254)
    object_type: str = Field("", max_length=100)
    action: str = Field("", max_length=16)
    sejak: datetime.date | None = None
    sampai: datetime.date | None = None


@router.get("/saya", response=SayaOut, summary=gettext_lazy("Current user"))
def saya(request: HttpRequest):
    """The signed-in user (by token or session), their organization, role and region scope."""
    user = request.user
    token = getattr(request, "auth_token", None)
    return {
        "id": user.pk,
        "email": user.email,
        "nama": user.nama,
        "peran": user.peran,
        "lembaga": user.lembaga,
        "lingkup": rules.lingkup(user),
        "token_read_only": token.read_only if token else None,
    }


@router.get("/token", response=list[TokenOut], summary=gettext_lazy("My API tokens"))
@paginate(Halaman)
def token_list(request: HttpRequest):
    """The user's own tokens (never their secrets), newest first."""
    return selectors.token_list(pengguna=request.user)


@router.post(
    "/token",
    response={201: TokenBaruOut, 422: ErrorOut},
    summary=gettext_lazy("Create an API token"),
)
def token_create(request: HttpRequest, payload: TokenIn):
    """Create a personal token; the full token is in this answer only. Needs a read-write
    token or a session."""
    user = require_write(request)
    try:
        token, secret = services.token_create(
            pelaku=user, nama=payload.nama, hari=payload.hari, read_only=payload.read_only
        )
    except ValidationError as exc:
        _invalid(exc)
    token.token = secret
    return Status(201, token)


@router.delete(
    "/token/{token_id}", response={204: None}, summary=gettext_lazy("Revoke an API token")
)
def token_revoke(request: HttpRequest, token_id: Id):
    """Revoke one of the user's own tokens (someone else's answers 404)."""
    user = require_write(request)
    services.token_revoke(pelaku=user, token_id=token_id)
    return Status(204, None)


@router.get("/audit", response=list[AuditOut], summary=gettext_lazy("Audit trail"))
@paginate(Halaman)
def audit_list(request: HttpRequest, filters: Query[AuditFilter]):
    """The audit trail, newest first: everything for system admins, their organization's
    subtree for organization admins; 404 for everyone else."""
    if not rules.dapat_lihat_audit(request.user):
        raise Http404
    return selectors.audit_list(pengguna=request.user, **filters.dict())
