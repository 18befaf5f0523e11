from django.urls import path

from sinergi.kerawanan import views

app_name = "kerawanan"

urlpatterns = [
    path("", views.indeks, name="indeks"),
    path("impor/", views.impor, name="impor"),
    path("impor/<int:pk>/", views.impor_status, name="impor_status"),
    path("impor/<int:pk>/kesalahan.csv", views.impor_kesalahan, name="impor_kesalahan"),
    path("templat/<str:jenis>.<str:fmt>", views.templat, name="templat"),
    path("survei/<int:pk>/", views.survei, name="survei"),
    path("survei/<int:pk>/tindak-lanjut/", views.tindak_lanjut_tps, name="tindak_lanjut_tps"),
    path("<slug:slug>/", views.peta, name="peta"),
    path("<slug:slug>/peta.json", views.peta_data, name="peta_data"),
    path("<slug:slug>/wilayah/<str:kode>/", views.wilayah, name="wilayah"),
    path(
        "<slug:slug>/wilayah/<str:kode>/tindak-lanjut/",
        views.tindak_lanjut_skor,
        name="tindak_lanjut_skor",
    ),
]
