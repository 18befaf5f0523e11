from django.urls import path

from sinergi.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("dasbor/", views.dasbor, name="dasbor"),
]
