from django.urls import path

from sinergi.pdp import views

app_name = "pdp"

urlpatterns = [
    path("", views.data_pribadi, name="index"),
]
