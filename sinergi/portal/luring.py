"""The installable, offline-capable side of the site (PWA): the web app manifest, the service
worker and the CSRF token a report queued offline is sent with.

The service worker (template `portal/sw.js`) is served from the root so that its scope is the
whole site. It precaches the static files the field forms need and the national map outline
(regency boundaries are kept as maps first draw them), and
keeps the three field forms (staff report, public report, self check-in) and each event's
one-tap check-in page once opened (`POLA`) network-first with a cached copy, so that they open
without a connection. Its cache names carry a version derived
from the content of every precached file (in production the hashed names of the static
manifest): a deploy that changes any of them installs a new worker, which drops the old caches.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# What a phone in the field needs before it loses its connection.
STATIS = [
    "portal/sinergi.css",
    "portal/sinergi.js",
    "portal/antrean.js",
    "portal/luring.js",
    "portal/logo.svg",
    "portal/ikon-192.png",
    "portal/ikon-512.png",
    "django_htmx/htmx-2.min.js",
    "kejadian/kejadian.css",
    "kegiatan/kegiatan.css",
    "leaflet/leaflet.css",
    "leaflet/leaflet.js",
    "leaflet/images/layers.png",
    "leaflet/images/layers-2x.png",
    "leaflet/images/marker-icon.png",
    "leaflet/images/marker-icon-2x.png",
    "leaflet/images/marker-shadow.png",
    "wilayah/batas.js",
]
# The pages that open offline (network first, the last copy when there is no connection).
HALAMAN = ["kejadian:lapor", "kejadian:lapor_publik", "kegiatan:hadir_mandiri"]
# Pages of one object that open offline once they have been opened, like the forms above, and
# the form a phone is sent to instead when one was never opened: the one-tap check-in an
# event's QR code leads to falls back to the self check-in with the event's code.
POLA = [("kegiatan:hadir_saya", "kegiatan:hadir_mandiri")]


def _pola() -> list[dict]:
    """Each of POLA as a regular expression over the path (the pk as digits) and the path of
    its fallback form, for the worker."""
    hasil = []
    for nama, cadangan in POLA:
        contoh = reverse(nama, args=[0])
        awal, akhir = contoh.rsplit("/0/", 1)
        hasil.append(
            {
                "pola": "^" + re.escape(awal) + r"/\d+/" + re.escape(akhir) + "$",
                "cadangan": reverse(cadangan),
            }
        )
    return hasil


def _batas() -> list[str]:
    """The national outline only (50 KB). Each province's regency boundaries are kept by the
    worker when a map first draws them (cache first after that): precaching all 38 would cost
    a phone on slow 3G another 0.7 MB in the background of its first visit."""
    return ["wilayah/batas/provinsi.json"]


def _versi_hitung() -> str:
    """A short hash of the app version and every precached file's URL and content."""
    h = hashlib.sha256(importlib.metadata.version("sinergi").encode())
    for name in [*STATIS, *_batas()]:
        h.update(static(name).encode())
        path = finders.find(name)
        if path:
            with open(path, "rb") as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()[:12]


_versi_tetap = functools.cache(_versi_hitung)


def versi() -> str:
    """The service worker's cache version: computed once per process, except in DEBUG where
    a file edited under runserver must reach the browser."""
    return _versi_hitung() if settings.DEBUG else _versi_tetap()


@require_GET
def manifest(request):
    """The web app manifest: the name and icons a phone shows when Sinergi is added to the
    home screen, and shortcuts to the field forms."""
    data = {
        "name": _("Sinergi — election coordination"),
        "short_name": "Sinergi",
        "description": _(
            "Report incidents and check in to events, also where the signal is weak: what is "
            "sent without a connection waits on the phone and is sent when the signal returns."
        ),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("portal:beranda"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#b91c1c",
        "icons": [
            {"src": static("portal/logo.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("portal/ikon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("portal/ikon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("portal/ikon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {"name": _("Report an incident"), "url": reverse("kejadian:lapor")},
            {"name": _("Public report"), "url": reverse("kejadian:lapor_publik")},
            {"name": _("Self check-in"), "url": reverse("kegiatan:hadir_mandiri")},
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def service_worker(request):
    """The service worker script, at the root so that it may control every page. Never cached
    by the browser's HTTP cache: a deploy's new worker is found on the next page load."""
    konfig = {
        "versi": versi(),
        "statis": [static(n) for n in [*STATIS, *_batas()]],
        "halaman": [reverse(n) for n in HALAMAN],
        "pola": _pola(),
        "token": reverse("portal:token_csrf"),
        "antrean": static("portal/antrean.js"),
        "prefiks_statis": settings.STATIC_URL,
    }
    body = render_to_string("portal/sw.js", {"konfig": json.dumps(konfig)})
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache, no-store, must-revalidate"
    return response


@never_cache
@require_GET
def token_csrf(request):
    """A fresh CSRF token for a report queued offline: the page it was written on may be an
    old cached copy, and the CSRF cookie is not readable by scripts (HttpOnly)."""
    return JsonResponse({"token": get_token(request)})
