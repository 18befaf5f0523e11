from django.urls import path

from sinergi.tahapan import views

app_name = "tahapan"

urlpatterns = [
    path("", views.tahapan_index, name="index"),
    path("<slug:slug>/", views.pemilu_detail, name="pemilu"),
    path("<slug:slug>/linimasa/", views.linimasa, name="linimasa"),
    path("<slug:slug>/<str:kode>/", views.tahapan_detail, name="tahapan"),
]
