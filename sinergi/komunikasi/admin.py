from django.contrib import admin

from sinergi.komunikasi.models import (
    MateriSosialisasi,
    Notifikasi,
    Penerimaan,
    PengirimanWebhook,
    Pengumuman,
    Pos,
    UnduhanMateri,
    Utas,
    Webhook,
)


@admin.register(Pengumuman)
class PengumumanAdmin(admin.ModelAdmin):
    list_display = ["judul", "lembaga", "prioritas", "status", "jumlah_penerima", "dikirim_at"]
    list_filter = ["status", "prioritas", "kerahasiaan"]
    search_fields = ["judul"]
    raw_id_fields = ["lembaga", "pembuat", "wilayah", "tahapan", "regulasi", "kegiatan"]


@admin.register(Penerimaan)
class PenerimaanAdmin(admin.ModelAdmin):
    list_display = ["pengumuman", "pengguna", "lembaga", "dikirim_at", "dibaca_at", "diakui_at"]
    raw_id_fields = ["pengumuman", "pengguna", "lembaga"]


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin):
    list_display = ["judul", "pengguna", "jenis", "created_at", "dibaca_at"]
    list_filter = ["jenis"]
    raw_id_fields = ["pengguna"]


@admin.register(Utas)
class UtasAdmin(admin.ModelAdmin):
    list_display = ["judul", "lembaga", "wilayah", "kerahasiaan", "selesai"]
    raw_id_fields = ["lembaga", "pembuat", "wilayah", "tahapan", "kegiatan"]


@admin.register(Pos)
class PosAdmin(admin.ModelAdmin):
    list_display = ["utas", "penulis", "created_at", "disembunyikan"]
    raw_id_fields = ["utas", "penulis", "disembunyikan_oleh", "lembaga_disebut"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["lembaga", "url", "is_active", "created_at"]
    raw_id_fields = ["lembaga"]


@admin.register(PengirimanWebhook)
class PengirimanWebhookAdmin(admin.ModelAdmin):
    list_display = ["peristiwa", "webhook", "status", "percobaan", "kode_http", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["payload"]


@admin.register(MateriSosialisasi)
class MateriSosialisasiAdmin(admin.ModelAdmin):
    list_display = ["judul", "jenis", "lembaga", "kerahasiaan", "terbit", "jumlah_unduhan"]
    list_filter = ["jenis", "terbit", "kerahasiaan"]
    search_fields = ["judul"]
    raw_id_fields = ["lembaga", "pembuat", "wilayah", "tahapan", "regulasi"]
    readonly_fields = ["jumlah_unduhan"]


@admin.register(UnduhanMateri)
class UnduhanMateriAdmin(admin.ModelAdmin):
    """Counters: read only (they are written by downloads, never by hand)."""

    list_display = ["materi", "wilayah", "tanggal", "jumlah"]
    raw_id_fields = ["materi", "wilayah"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
