import functools
import secrets

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
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
    nonce; the service worker and the web app manifest come only from here (said outright,
    not left to the fallbacks); no plugins, no <base>, no framing, forms post only here.
    Inline `style=""` attributes stay allowed (style-src-attr): the bars and charts set their
    width and colour from data, and an attribute cannot run script."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
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


# Formats that are compressed already: gzip would spend CPU to gain nothing.
SUDAH_TERKOMPRESI = (
    "image/",
    "video/",
    "audio/",
    "font/",
    "application/pdf",
    "application/zip",
    "application/gzip",
    "application/vnd.openxmlformats",
)


class KompresiMiddleware(GZipMiddleware):
    """gzip for pages and JSON (Django's GZipMiddleware, with its BREACH mitigation), except:

    - streaming responses (file downloads through `FileResponse`): they keep their
      Content-Length, and uploads are mostly PDFs and photos that gzip cannot shrink;
    - formats compressed already (PDF, XLSX, images);
    - responses marked by `tanpa_kompresi` (a secret shown next to what the user typed);
    - static files, which never get here: WhiteNoise, above this middleware, answers them
      with the gzip (or Brotli) copy made once by collectstatic.
    """

    def process_response(self, request, response):
        if (
            response.streaming
            or getattr(response, "tanpa_kompresi", False)
            or response.get("Content-Type", "").startswith(SUDAH_TERKOMPRESI)
        ):
            return response
        return super().process_response(request, response)


def tanpa_kompresi(view):
    """Never compress this view's responses: it shows a secret (e.g. a new API token) in the
    same body as text the user sent, which is what a BREACH attacker needs."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.tanpa_kompresi = True
        return response

    return wrapper
