from django.urls import path

from sinergi.wilayah import views

app_name = "wilayah"

urlpatterns = [
    path("", views.wilayah_index, name="index"),
    path("cari/", views.wilayah_cari, name="cari"),
    path("saran/", views.wilayah_saran, name="saran"),
    path("<str:kode>/", views.wilayah_detail, name="detail"),
]
