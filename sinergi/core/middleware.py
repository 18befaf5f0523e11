import secrets

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class BahasaMiddleware(LocaleMiddleware):
    """Indonesian first: the language is Indonesian unless the user chose another one.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which gives English
    pages to the many officials whose phones are set to English. Here only an explicit choice
    (the language switch's cookie) changes the language.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def politik_konten(nonce: str) -> str:
    """The Content-Security-Policy of every response: only this origin's scripts, styles,
    images, fonts and fetches; an inline <script> or <style> runs only with the request's
    nonce; no plugins, no <base>, no framing, forms post only here. Inline `style=""`
    attributes stay allowed (style-src-attr): the bars and charts set their width and colour
    from data, and an attribute cannot run script."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )


class KebijakanKontenMiddleware:
    """Sets `request.csp_nonce` (for `<script nonce="{{ request.csp_nonce }}">`) and the
    Content-Security-Policy header on every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", politik_konten(request.csp_nonce))
        return response
