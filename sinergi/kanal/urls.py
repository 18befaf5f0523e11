"""Channel pages (`/kanal/…`): the providers' webhooks and the staff inbox."""

from django.urls import path

from sinergi.kanal import views

app_name = "kanal"

urlpatterns = [
    path("", views.kotak, name="index"),
    path("massal/", views.massal, name="massal"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kejadian/", views.jadikan_kejadian, name="jadikan"),
    path("<int:pk>/derau/", views.derau, name="derau"),
    path("<int:pk>/lampiran/<int:lampiran>/", views.unduh_lampiran, name="lampiran"),
    path("whatsapp/webhook", views.whatsapp_webhook, name="whatsapp_webhook"),
    path("sms/webhook", views.sms_webhook, name="sms_webhook"),
    path("email/webhook", views.email_webhook, name="email_webhook"),
]
