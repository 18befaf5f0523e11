"""Error pages (handler400/403/404/500 in sinergi/urls.py): branded, in the user's language.

Pages get the base layout (menu, a way back, phone layout); anything under /api/ gets the
API's JSON error body instead. None of them says anything about the request: a page hidden by
the access rules and a page that does not exist answer byte for byte the same (but for the
CSRF token, which is masked afresh in every response).
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

API = "/api/"


def _jawab(request, status: int, template: str, pesan: str) -> HttpResponse:
    if request.path.startswith(API):
        return JsonResponse({"message": pesan, "errors": []}, status=status)
    return render(request, template, status=status)


def tidak_ditemukan(request, exception=None) -> HttpResponse:
    return _jawab(request, 404, "404.html", _("Not found."))


def dilarang(request, exception=None) -> HttpResponse:
    return _jawab(request, 403, "403.html", _("You may not do this."))


def csrf_gagal(request, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: most often a form left open until its token expired, or cookies
    blocked. The reason is for the log, not the page."""
    if request.path.startswith(API):
        pesan = _("The form has expired. Reload the page and send it again.")
        return JsonResponse({"message": pesan, "errors": []}, status=403)
    return render(request, "403_csrf.html", status=403)


def permintaan_buruk(request, exception=None) -> HttpResponse:
    return _jawab(request, 400, "400.html", _("The request could not be processed."))


def galat_server(request) -> HttpResponse:
    """Without the request's context (the user, the session) and without the database: the
    failure may be theirs. If even the template fails, a plain page in the same words."""
    pesan = _("Something went wrong on the server")
    if request.path.startswith(API):
        return JsonResponse({"message": pesan + ".", "errors": []}, status=500)
    try:
        isi = loader.get_template("500.html").render({})
    except Exception:
        logger.exception("the 500 page itself failed")
        isi = f"<!doctype html><title>Sinergi</title><h1>{pesan}</h1><p><a href='/'>Sinergi</a></p>"
    return HttpResponseServerError(isi)
