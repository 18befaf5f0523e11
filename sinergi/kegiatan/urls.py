from django.urls import path

from sinergi.kegiatan import views

app_name = "kegiatan"

urlpatterns = [
    path("", views.index, name="index"),
    path("publik/", views.publik, name="publik"),
    path("baru/", views.baru, name="baru"),
    path("hadir/", views.hadir_mandiri, name="hadir_mandiri"),
    path("undangan/<str:token>/", views.undangan_publik, name="undangan_publik"),
    path("cakupan/", views.cakupan, name="cakupan"),
    path("cakupan/peta.json", views.cakupan_peta, name="cakupan_peta"),
    path("cakupan/cakupan.xlsx", views.cakupan_xlsx, name="cakupan_xlsx"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/batal/", views.batal, name="batal"),
    path("<int:pk>/terlaksana/", views.terlaksana, name="terlaksana"),
    path("<int:pk>/undangan/", views.undangan, name="undangan"),
    path("<int:pk>/undangan/pratinjau/", views.undangan_pratinjau, name="undangan_pratinjau"),
    path("<int:pk>/hadir/", views.hadir, name="hadir"),
    path("<int:pk>/hadir/<int:kehadiran_id>/batal/", views.hadir_batal, name="hadir_batal"),
    path("<int:pk>/hadir/kode-baru/", views.kode_baru, name="kode_baru"),
    path("<int:pk>/hadir-saya/", views.hadir_saya, name="hadir_saya"),
    path("<int:pk>/daftar-hadir.pdf", views.daftar_hadir_pdf, name="daftar_hadir_pdf"),
    path("<int:pk>/daftar-hadir.xlsx", views.daftar_hadir_xlsx, name="daftar_hadir_xlsx"),
    path("<int:pk>/catatan/", views.catatan, name="catatan"),
    path("<int:pk>/materi/<int:materi_id>/", views.materi_unduh, name="materi_unduh"),
    path("<int:pk>/laporan.pdf", views.laporan_pdf, name="laporan_pdf"),
    path("<int:pk>/siaran-pers/", views.siaran_pers, name="siaran_pers"),
]
