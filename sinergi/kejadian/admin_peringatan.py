"""Early-warning rules, alerts, subscriptions and deliveries in the Django admin (system
administrators only). Imported by `kejadian/admin.py`. Rules are validated like the loader
does, so an administrator cannot save parameters the runner cannot evaluate."""

from django import forms
from django.contrib import admin

from sinergi.kejadian.models import (
    AturanPeringatan,
    Langganan,
    PengirimanPeringatan,
    Peringatan,
)
from sinergi.kejadian.peringatan import validasi_aturan


class AturanPeringatanForm(forms.ModelForm):
    class Meta:
        model = AturanPeringatan
        fields = [
            "kode",
            "nama",
            "jenis",
            "kategori",
            "tingkat_wilayah",
            "parameter",
            "keparahan",
            "is_active",
        ]

    def clean(self):
        data = super().clean()
        validasi_aturan(AturanPeringatan(**data))
        return data


@admin.register(AturanPeringatan)
class AturanPeringatanAdmin(admin.ModelAdmin):
    form = AturanPeringatanForm
    list_display = ["kode", "nama", "jenis", "kategori", "tingkat_wilayah", "is_active"]
    list_filter = ["jenis", "is_active", "tingkat_wilayah"]
    search_fields = ["kode", "nama"]


@admin.register(Peringatan)
class PeringatanAdmin(admin.ModelAdmin):
    list_display = ["judul", "aturan", "wilayah", "keparahan", "status", "created_at"]
    list_filter = ["status", "keparahan", "aturan"]
    search_fields = ["judul", "kunci"]
    raw_id_fields = ["wilayah", "status_oleh"]
    readonly_fields = ["kunci", "data"]


@admin.register(Langganan)
class LanggananAdmin(admin.ModelAdmin):
    list_display = ["lembaga", "aturan", "wilayah", "email", "webhook", "ringkasan_harian"]
    raw_id_fields = ["lembaga", "wilayah"]


@admin.register(PengirimanPeringatan)
class PengirimanPeringatanAdmin(admin.ModelAdmin):
    list_display = ["peringatan", "lembaga", "saluran", "status", "percobaan", "terkirim_at"]
    list_filter = ["saluran", "status"]
    raw_id_fields = ["peringatan", "lembaga", "pengiriman_webhook"]
