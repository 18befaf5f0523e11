from django.urls import path

from sinergi.pemangku import views

app_name = "pemangku"

urlpatterns = [
    path("", views.lembaga_index, name="index"),
    path("opsi-kabkota/", views.opsi_kabkota, name="opsi_kabkota"),
    path("lembaga/<int:pk>/", views.lembaga_detail, name="detail"),
    path("tupoksi/", views.tupoksi_matriks, name="tupoksi"),
]
