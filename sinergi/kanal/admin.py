"""Admin for a deployment's channel configuration (system admins): which office owns which
endpoint, and the trusted senders. Every change is written to the audit trail. Messages
themselves are handled in the inbox (services: permission, audit)."""

from django.contrib import admin

from sinergi.core import audit
from sinergi.kanal.models import PengirimTepercaya, PesanKeluar, Saluran


class _Diaudit(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        after = audit.snapshot(obj)
        if before is not None:
            before, after = audit.changes(before, after)
        audit.record(
            actor=request.user,
            action="update" if change else "create",
            obj=obj,
            before=before,
            after=after,
            note="admin",
        )

    def delete_model(self, request, obj):
        audit.record(
            actor=request.user, action="delete", obj=obj, before=audit.snapshot(obj), note="admin"
        )
        super().delete_model(request, obj)


@admin.register(Saluran)
class SaluranAdmin(_Diaudit):
    list_display = ["jenis", "alamat", "nama", "lembaga", "is_active"]
    list_filter = ["jenis", "is_active"]
    search_fields = ["alamat", "nama", "lembaga__nama"]
    raw_id_fields = ["lembaga"]
    list_select_related = ["lembaga"]


@admin.register(PengirimTepercaya)
class PengirimTepercayaAdmin(_Diaudit):
    list_display = ["jenis", "alamat", "kontak", "pengguna", "is_active"]
    list_filter = ["jenis", "is_active"]
    search_fields = ["alamat", "kontak__nama", "pengguna__email"]
    raw_id_fields = ["kontak", "pengguna"]
    list_select_related = ["kontak", "pengguna"]


@admin.register(PesanKeluar)
class PesanKeluarAdmin(admin.ModelAdmin):
    list_display = ["jenis", "alamat_tujuan", "status", "created_at", "terkirim_at"]
    list_filter = ["jenis", "status"]
    readonly_fields = [f.name for f in PesanKeluar._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
