from django.urls import path

from sinergi.komunikasi import views

app_name = "komunikasi"

urlpatterns = [
    path("", views.kotak_masuk, name="index"),
    path("belum-dibaca/", views.belum_dibaca, name="belum_dibaca"),
    path("notifikasi/<int:pk>/baca/", views.notifikasi_buka, name="notifikasi_baca"),
    path("notifikasi/baca-semua/", views.baca_semua, name="baca_semua"),
    path("preferensi/", views.preferensi, name="preferensi"),
    path("pengumuman/", views.pengumuman_list, name="pengumuman"),
    path("pengumuman/baru/", views.pengumuman_baru, name="pengumuman_baru"),
    path("pengumuman/pratinjau/", views.pratinjau, name="pratinjau"),
    path("pengumuman/<int:pk>/", views.pengumuman_detail, name="pengumuman_detail"),
    path("pengumuman/<int:pk>/tanda-terima/", views.akui, name="akui"),
    path("pengumuman/<int:pk>/lampiran/<int:lampiran_pk>/", views.unduh_lampiran, name="lampiran"),
    path("pengumuman/<int:pk>/penerimaan/", views.penerimaan, name="penerimaan"),
    path("pengumuman/<int:pk>/penerimaan.xlsx", views.penerimaan_xlsx, name="penerimaan_xlsx"),
    path("pengumuman/<int:pk>/penerimaan.pdf", views.penerimaan_pdf, name="penerimaan_pdf"),
    path("pengumuman/<int:pk>/ingatkan/", views.ingatkan, name="ingatkan"),
    path("diskusi/", views.diskusi, name="diskusi"),
    path("diskusi/<int:pk>/", views.utas_detail, name="utas"),
    path("diskusi/<int:pk>/pos/", views.pos_baru, name="pos_baru"),
    path("diskusi/<int:pk>/selesai/", views.utas_selesai, name="utas_selesai"),
    path("pos/<int:pk>/lampiran/<int:lampiran_pk>/", views.unduh_lampiran_pos, name="lampiran_pos"),
    path("pos/<int:pk>/sembunyikan/", views.pos_sembunyikan, name="pos_sembunyikan"),
    path("materi/", views.materi, name="materi"),
    path("materi/wilayah/", views.materi_wilayah, name="materi_wilayah"),
    path("materi/kelola/", views.materi_kelola, name="materi_kelola"),
    path("materi/baru/", views.materi_baru, name="materi_baru"),
    path("materi/statistik/", views.materi_statistik, name="materi_statistik"),
    path("materi/<int:pk>/", views.materi_detail, name="materi_detail"),
    path("materi/<int:pk>/unduh/", views.materi_unduh, name="materi_unduh"),
    path("materi/<int:pk>/ubah/", views.materi_ubah, name="materi_ubah"),
    path("materi/<int:pk>/terbit/", views.materi_terbit, name="materi_terbit"),
]
