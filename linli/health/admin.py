"""Health records in the admin, read-mostly: the pages are where work happens."""

from django.contrib import admin

from linli.health.models import CareFlag, CategoryEntry, CheckIn, Quarantine, Transfer, VisitTask


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["resident", "date", "temperature", "symptoms", "abnormal", "channel"]
    list_filter = ["date", "abnormal", "channel"]
    raw_id_fields = ["resident", "household", "recorded_by"]


@admin.register(CategoryEntry)
class CategoryEntryAdmin(admin.ModelAdmin):
    list_display = ["resident", "category", "recorded_at", "recorded_by"]
    list_filter = ["category"]
    raw_id_fields = ["resident", "household", "recorded_by"]

    def has_change_permission(self, request, obj=None):
        return False  # the history is append-only


@admin.register(VisitTask, Transfer, CareFlag, Quarantine)
class HealthAdmin(admin.ModelAdmin):
    raw_id_fields = ["household"]
