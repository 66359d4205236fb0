from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is never edited, not even by staff."""

    list_display = [
        "occurred_at",
        "actor_name",
        "action",
        "object_type",
        "object_repr",
        "partnership",
    ]
    list_filter = ["action", "object_type", "partnership"]
    search_fields = ["object_repr", "actor_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
