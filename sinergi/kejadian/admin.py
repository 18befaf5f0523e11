"""Admin for the incident reference data (taxonomy and duty matrix). Incidents themselves are
changed only through the pages and the API (services: permission, history, audit)."""

from django.contrib import admin

from sinergi.kejadian.models import KategoriKejadian, RuteKategori


@admin.register(KategoriKejadian)
class KategoriKejadianAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "urutan", "is_active"]
    list_filter = ["is_active"]


@admin.register(RuteKategori)
class RuteKategoriAdmin(admin.ModelAdmin):
    list_display = ["kategori", "jenis_lembaga", "tahapan", "peran", "tenggat_jam"]
    list_filter = ["kategori", "jenis_lembaga", "peran"]
    raw_id_fields = ["tahapan"]
    list_select_related = ["kategori", "jenis_lembaga", "tahapan"]


# Early warning registers its own models (rules, alerts, subscriptions, deliveries).
from sinergi.kejadian import admin_peringatan  # noqa: E402, F401
