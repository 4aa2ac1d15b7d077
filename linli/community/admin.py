"""The registry in Django's admin, for superusers fixing data by hand.
Saves here go through the same signals, so they are audited too."""

from django.contrib import admin

from linli.community.models import (
    Area,
    Building,
    Community,
    Compound,
    District,
    Household,
    Resident,
    ResidentTag,
    Street,
    Unit,
)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "street"]
    list_filter = ["street__district"]
    search_fields = ["name"]


@admin.register(Area, Compound)
class CommunityPartAdmin(admin.ModelAdmin):
    list_display = ["name", "community"]
    list_select_related = ["community"]
    search_fields = ["name"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "area"]
    list_select_related = ["compound", "area"]
    list_filter = ["compound__community"]
    search_fields = ["number", "compound__name"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["__str__", "building"]
    list_select_related = ["building__compound"]
    raw_id_fields = ["building"]


class ResidentInline(admin.TabularInline):
    model = Resident
    extra = 0
    fields = ["name", "relation", "sex", "birth_year", "phone"]


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["__str__", "building"]
    list_select_related = ["building__compound", "unit"]
    search_fields = ["room", "building__number"]
    raw_id_fields = ["building", "unit"]
    inlines = [ResidentInline]


class ResidentTagInline(admin.TabularInline):
    model = ResidentTag
    extra = 0


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    list_display = ["name", "household", "relation", "birth_year"]
    list_select_related = ["household__building__compound", "household__unit"]
    list_filter = ["tags__tag", "relation"]
    search_fields = ["name", "name_pinyin", "name_initials", "phone"]
    raw_id_fields = ["household"]
    inlines = [ResidentTagInline]
