"""Incident pages (`/kejadian/…`). Early warning and the dashboard live in
urls_peringatan.py (`/kejadian/peringatan/…`)."""

from django.urls import include, path

from sinergi.kejadian import views

app_name = "kejadian"

urlpatterns = [
    path("", views.antrean, name="index"),
    path("lapor/", views.lapor, name="lapor"),
    path("massal/", views.massal, name="massal"),
    path("impor/", views.impor_halaman, name="impor"),
    path("impor/<int:pk>/", views.impor_status, name="impor_status"),
    path("impor/templat.<str:fmt>", views.impor_templat, name="impor_templat"),
    path("publik/", views.publik, name="publik"),
    path("publik/lapor/", views.lapor_publik, name="lapor_publik"),
    path("<uuid:ref>/", views.detail, name="detail"),
    path("<uuid:ref>/transisi/", views.transisi, name="transisi"),
    path("<uuid:ref>/gabung/", views.gabung, name="gabung"),
    path("<uuid:ref>/rute/", views.rute, name="rute"),
    path("<uuid:ref>/lampiran/", views.tambah_lampiran, name="tambah_lampiran"),
    path("<uuid:ref>/lampiran/<int:pk>/", views.unduh_lampiran, name="lampiran"),
    path("peringatan/", include("sinergi.kejadian.urls_peringatan")),
]
