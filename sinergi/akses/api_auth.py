"""Authentication for every API router: a Bearer token or the signed-in session.

    from sinergi.akses.api_auth import token_auth, token_or_anonymous, require_write

    @router.get("/x", auth=token_auth)            # 401 without a valid token or session
    @router.get("/y", auth=token_or_anonymous)    # public; a bad or expired token still 401s
    def handler(request):
        user = request.user                       # the token's user, or the session's
        require_write(request)                    # in write handlers: 401/403 otherwise

A token that is sent but unknown, expired or revoked always answers 401, even on public
endpoints, so that a client never silently runs as anonymous. Session requests that change
something must carry the CSRF token, like any form.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security.http import HttpBearer
from ninja.utils import check_csrf

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sng_…` or a Django session; optionally lets anonymous through."""

    def __init__(self, *, allow_anonymous: bool = False) -> None:
        self.allow_anonymous = allow_anonymous
        super().__init__()

    def __call__(self, request: HttpRequest):
        header = request.headers.get(self.header)
        if header:
            scheme, _sep, secret = header.partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                raise AuthenticationError()
            return self.authenticate(request, secret.strip())
        request.auth_token = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            if request.method not in SAFE_METHODS and not getattr(
                request, "_ninja_csrf_exempt", False
            ):
                if check_csrf(request) is not None:
                    raise HttpError(403, _("CSRF check failed; reload the page and try again."))
            return user
        if self.allow_anonymous:
            request.user = AnonymousUser()
            return request.user
        return None

    def authenticate(self, request: HttpRequest, token: str):
        from sinergi.akses.services import token_authenticate

        found = token_authenticate(token)
        if found is None:
            raise AuthenticationError()
        request.user = found.user
        request.auth_token = found
        return found.user


token_auth = TokenAuth()
token_or_anonymous = TokenAuth(allow_anonymous=True)


def require_write(request: HttpRequest):
    """The user allowed to write: 401 for anonymous, 403 for a read-only token."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise AuthenticationError()
    token = getattr(request, "auth_token", None)
    if token is not None and token.read_only:
        raise HttpError(403, _("This token is read-only; create a read-write token to write."))
    return user
