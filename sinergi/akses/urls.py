from django.contrib.auth import views as auth_views
from django.urls import path

from sinergi.akses import views

app_name = "akses"

urlpatterns = [
    path("masuk/", views.MasukView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("saya/", views.saya, name="saya"),
    path("token/", views.token_index, name="token"),
    path("token/<int:pk>/cabut/", views.token_cabut, name="token_cabut"),
    path("anggota/", views.anggota_index, name="anggota"),
    path("anggota/<int:pk>/", views.anggota_ubah, name="anggota_ubah"),
    path("audit/", views.audit_index, name="audit"),
    path("undangan/<uidb64>/<token>/", views.UndanganView.as_view(), name="undangan"),
    path("sandi/reset/", views.ResetView.as_view(), name="reset"),
    path(
        "sandi/reset/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="akses/sandi_reset_terkirim.html"),
        name="reset_terkirim",
    ),
    path("sandi/reset/<uidb64>/<token>/", views.ResetAturView.as_view(), name="reset_atur"),
]
