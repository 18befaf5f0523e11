from django.urls import path

from sinergi.tahapan import views

app_name = "tahapan"

urlpatterns = [
    path("", views.tahapan_index, name="index"),
    path("kelola/baru/", views.pemilu_baru, name="pemilu_baru"),
    path("<slug:slug>/terbitkan/", views.pemilu_terbitkan, name="terbitkan"),
    path("<slug:slug>/", views.pemilu_detail, name="pemilu"),
    path("<slug:slug>/linimasa/", views.linimasa, name="linimasa"),
    path("<slug:slug>/<str:kode>/", views.tahapan_detail, name="tahapan"),
]
