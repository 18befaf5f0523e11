from django.urls import path

from sinergi.tindak_lanjut import views

app_name = "tindak_lanjut"

urlpatterns = [
    path("", views.lembaga_saya, name="index"),
    path("baru/", views.baru, name="baru"),
    path("wilayah/", views.wilayah, name="wilayah"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.ubah_status, name="status"),
    path("<int:pk>/pembaruan/", views.tambah_pembaruan, name="pembaruan"),
    path("<int:pk>/akui/", views.akui, name="akui"),
    path("<int:pk>/pembaruan/<int:pembaruan_pk>/berkas/", views.unduh_bukti, name="bukti"),
]
