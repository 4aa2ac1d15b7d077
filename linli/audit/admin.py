from django.contrib import admin

from linli.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: a trail anyone could edit would prove nothing."""

    list_display = ["at", "user", "action", "model", "object_repr", "address"]
    list_filter = ["action", "model"]
    list_select_related = ["user"]
    search_fields = ["object_repr", "user__username", "address"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
