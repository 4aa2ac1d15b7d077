from django.contrib import admin

from linli.gate.models import (
    Arrival,
    DisinfectionLog,
    ExitPass,
    GateRefusal,
    GateRules,
    Place,
    Returnee,
    Trip,
)


@admin.register(GateRules)
class GateRulesAdmin(admin.ModelAdmin):
    list_display = ["community", "max_out", "days_between", "max_hours", "fever_at"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "community", "building", "times_per_day"]
    list_filter = ["kind", "community"]


@admin.register(ExitPass)
class ExitPassAdmin(admin.ModelAdmin):
    list_display = ["household", "valid_on", "code", "requested"]
    raw_id_fields = ["household", "resident"]
    date_hierarchy = "valid_on"


admin.site.register([Trip, GateRefusal, Arrival, Returnee, DisinfectionLog])
