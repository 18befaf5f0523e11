from django.contrib import admin

from sinergi.wilayah.models import KodeLama, Wilayah


@admin.register(Wilayah)
class WilayahAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "tingkat", "jenis", "zona_waktu"]
    list_filter = ["tingkat", "jenis", "zona_waktu"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["induk"]
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        # Reference data: corrected through the loader, never deleted by hand.
        return False


@admin.register(KodeLama)
class KodeLamaAdmin(admin.ModelAdmin):
    list_display = ["kode_lama", "wilayah", "sumber"]
    raw_id_fields = ["wilayah"]
