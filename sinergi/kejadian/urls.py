"""Incident pages (`/kejadian/…`). Early warning and the dashboard live in
urls_peringatan.py (`/kejadian/peringatan/…`)."""

from django.urls import include, path

app_name = "kejadian"

urlpatterns = [
    path("peringatan/", include("sinergi.kejadian.urls_peringatan")),
]
