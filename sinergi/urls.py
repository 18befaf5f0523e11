from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from sinergi.api import api
from sinergi.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("akun/", include("sinergi.akses.urls")),
    path("wilayah/", include("sinergi.wilayah.urls")),
    path("tahapan/", include("sinergi.tahapan.urls")),
    path("regulasi/", include("sinergi.regulasi.urls")),
    path("pemangku/", include("sinergi.pemangku.urls")),
    path("kerawanan/", include("sinergi.kerawanan.urls")),
    path("tindak-lanjut/", include("sinergi.tindak_lanjut.urls")),
    path("kegiatan/", include("sinergi.kegiatan.urls")),
    path("komunikasi/", include("sinergi.komunikasi.urls")),
    path("kejadian/", include("sinergi.kejadian.urls")),
    path("", include("sinergi.portal.urls")),
]

admin.site.site_header = "Sinergi"
admin.site.site_title = "Sinergi"
