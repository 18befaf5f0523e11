from django.contrib import admin

from sinergi.kegiatan.models import Kegiatan, Kehadiran, Keputusan, Materi, Pernyataan, Undangan


@admin.register(Kegiatan)
class KegiatanAdmin(admin.ModelAdmin):
    list_display = ["judul", "jenis", "penyelenggara", "wilayah", "mulai", "status", "kerahasiaan"]
    list_filter = ["jenis", "status", "kerahasiaan"]
    search_fields = ["judul", "tempat"]
    raw_id_fields = ["penyelenggara", "wilayah", "penyelenggara_bersama", "tahapan", "regulasi"]


@admin.register(Undangan)
class UndanganAdmin(admin.ModelAdmin):
    list_display = ["kegiatan", "lembaga", "nama", "peran", "rsvp"]
    raw_id_fields = ["kegiatan", "lembaga", "kontak"]
    exclude = ["token"]


admin.site.register(Kehadiran, raw_id_fields=["kegiatan", "undangan", "lembaga"])
admin.site.register(Pernyataan, raw_id_fields=["kegiatan", "lembaga"])
admin.site.register(Materi, raw_id_fields=["kegiatan"])
admin.site.register(Keputusan, raw_id_fields=["kegiatan", "pemilik"])
