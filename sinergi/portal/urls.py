from django.urls import path

from sinergi.portal import luring, views

app_name = "portal"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("dasbor/", views.dasbor, name="dasbor"),
    path("manifest.webmanifest", luring.manifest, name="manifest"),
    path("sw.js", luring.service_worker, name="service_worker"),
    path("luring/token-csrf/", luring.token_csrf, name="token_csrf"),
]
