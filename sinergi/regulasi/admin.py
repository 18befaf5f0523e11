"""Admin for the regulation catalogue; saves go through `services.regulasi_simpan`."""

from django.contrib import admin

from sinergi.akses.rules import dapat_kelola_referensi
from sinergi.regulasi.models import Regulasi
from sinergi.regulasi.services import regulasi_simpan


@admin.register(Regulasi)
class RegulasiAdmin(admin.ModelAdmin):
    list_display = ["__str__", "judul", "status", "tanggal_ditetapkan"]
    list_filter = ["jenis", "status", "tahun"]
    search_fields = ["judul", "nomor", "ringkasan"]
    filter_horizontal = ["mengubah", "mencabut", "mencabut_sebagian", "menetapkan"]
    raw_id_fields = ["tahapan"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return dapat_kelola_referensi(request.user)

    def has_change_permission(self, request, obj=None):
        return dapat_kelola_referensi(request.user)

    def has_delete_permission(self, request, obj=None):
        return dapat_kelola_referensi(request.user)

    def save_model(self, request, obj, form, change):
        regulasi_simpan(pelaku=request.user, regulasi=obj)
