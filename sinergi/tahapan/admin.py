"""Admin for elections and stages. Every save goes through the services (validation, audit,
cache invalidation); only users allowed by `dapat_kelola_referensi` may change anything."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from sinergi.akses.rules import dapat_kelola_referensi
from sinergi.tahapan import services
from sinergi.tahapan.models import Pemilu, Tahapan


class _IzinReferensi:
    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request, obj=None):
        return dapat_kelola_referensi(request.user)

    def has_change_permission(self, request, obj=None):
        return dapat_kelola_referensi(request.user)

    def has_delete_permission(self, request, obj=None):
        return dapat_kelola_referensi(request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff


class SalinForm(forms.Form):
    slug = forms.SlugField(label=_("Slug of the new election"), initial="pemilu-2029")
    nama = forms.CharField(label=_("Name"), initial="Pemilihan Umum Tahun 2029")
    nama_en = forms.CharField(label=_("English name"), required=False)
    hari_pemungutan = forms.DateField(label=_("New voting day"), required=False)
    geser_hari = forms.IntegerField(label=_("Or shift by days"), required=False)


@admin.register(Pemilu)
class PemiluAdmin(_IzinReferensi, admin.ModelAdmin):
    list_display = ["nama", "slug", "jenis", "status", "hari_pemungutan"]
    list_filter = ["status", "jenis"]
    search_fields = ["nama", "slug"]
    actions = ["salin_jadwal"]

    def save_model(self, request, obj, form, change):
        data = {f: getattr(obj, f) for f in services.FIELD_PEMILU}
        services.pemilu_simpan(pelaku=request.user, slug=obj.slug, **data)

    @admin.action(description=_("Copy the schedule into a new election (date shift)"))
    def salin_jadwal(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one election."), messages.ERROR)
            return None
        sumber = queryset.get()
        form = SalinForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                baru = services.pemilu_salin(
                    pelaku=request.user, sumber=sumber, **form.cleaned_data
                )
            except PermissionDenied as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            except ValidationError as exc:
                for m in exc.messages:
                    form.add_error(None, m)
            else:
                self.message_user(
                    request,
                    _("%(nama)s created with %(n)s stages.")
                    % {"nama": baru.nama, "n": baru.tahapan.count()},
                    messages.SUCCESS,
                )
                return redirect("admin:tahapan_pemilu_change", baru.pk)
        return render(
            request,
            "tahapan/admin_salin.html",
            {"form": form, "sumber": sumber, "opts": self.model._meta, "title": _("Copy schedule")},
        )


class TahapanForm(forms.ModelForm):
    class Meta:
        model = Tahapan
        fields = [
            "pemilu",
            "induk",
            "kode",
            "nama",
            "nama_en",
            "urutan",
            "kategori",
            "butir_uu",
            "tanggal_mulai",
            "tanggal_selesai",
            "aturan_waktu",
            "tanggal_aktual",
            "deskripsi",
            "dasar_hukum",
            "alasan_di_luar_induk",
            "penanggung_jawab",
            "keyakinan",
            "sumber",
            "catatan",
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        obj = self.instance
        for k, v in data.items():
            setattr(obj, k, v)
        try:
            services.tahapan_validasi(obj)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc) from None
        return data


@admin.register(Tahapan)
class TahapanAdmin(_IzinReferensi, admin.ModelAdmin):
    form = TahapanForm
    list_display = ["kode", "nama", "pemilu", "tanggal_mulai", "tanggal_selesai", "kategori"]
    list_filter = ["pemilu", "kategori", "keyakinan"]
    search_fields = ["kode", "nama", "nama_en"]
    list_select_related = ["pemilu"]
    raw_id_fields = ["induk"]
    readonly_fields = ["mulai_efektif", "selesai_efektif"]

    def save_model(self, request, obj, form, change):
        services.tahapan_simpan(pelaku=request.user, tahapan=obj)

    def delete_model(self, request, obj):
        services.tahapan_hapus(pelaku=request.user, tahapan=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.tahapan_hapus(pelaku=request.user, tahapan=obj)
