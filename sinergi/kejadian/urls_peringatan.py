"""Early-warning and dashboard pages (`/kejadian/peringatan/…`)."""

from django.urls import path

from sinergi.kejadian import views_peringatan as views

urlpatterns = [
    path("", views.peringatan_list, name="peringatan_list"),
    path("<int:pk>/", views.peringatan_detail, name="peringatan_detail"),
    path("<int:pk>/status/", views.peringatan_status, name="peringatan_status"),
    path("dasbor/", views.dasbor, name="dasbor"),
    path("langganan/", views.langganan, name="langganan"),
    path("langganan/<int:pk>/hapus/", views.langganan_hapus, name="langganan_hapus"),
    path("aturan/", views.aturan_list, name="aturan_list"),
]
