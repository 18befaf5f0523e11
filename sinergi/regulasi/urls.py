from django.urls import path

from sinergi.regulasi import views

app_name = "regulasi"

urlpatterns = [
    path("", views.regulasi_index, name="index"),
    path("<int:pk>/", views.regulasi_detail, name="detail"),
]
