from django.contrib import admin

from sinergi.pemangku.models import JenisLembaga, Kontak, Lembaga, Tupoksi


@admin.register(JenisLembaga)
class JenisLembagaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kelompok", "urutan"]
    list_filter = ["kelompok"]


class KontakInline(admin.TabularInline):
    model = Kontak
    extra = 0
    fields = ["nama", "jabatan", "unit", "telepon", "email", "is_active"]


@admin.register(Lembaga)
class LembagaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "tingkat", "wilayah", "induk", "is_active"]
    list_filter = ["jenis", "tingkat", "is_active"]
    search_fields = ["nama", "singkatan"]
    raw_id_fields = ["wilayah", "induk"]
    list_select_related = ["jenis", "wilayah", "induk"]
    inlines = [KontakInline]


@admin.register(Tupoksi)
class TupoksiAdmin(admin.ModelAdmin):
    list_display = ["kode", "jenis", "tahapan", "pasal", "keyakinan"]
    list_filter = ["jenis", "keyakinan"]
    search_fields = ["kode", "uraian", "pasal"]
    raw_id_fields = ["tahapan"]
