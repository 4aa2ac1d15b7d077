from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from linli.accounts.models import LoginFailure, Membership, OneTimeCode, User


class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 0
    raw_id_fields = ["community", "area", "household", "street", "district"]
    filter_horizontal = ["buildings"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "phone", "is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "display_name", "phone"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("邻里"), {"fields": ["phone", "display_name", "language"]}),
    )
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "community", "area", "household"]
    list_filter = ["role"]
    list_select_related = ["user", "community", "area", "household__building"]
    search_fields = ["user__username", "user__display_name", "user__phone"]
    raw_id_fields = ["user", "community", "area", "household", "street", "district"]
    filter_horizontal = ["buildings"]


@admin.register(OneTimeCode)
class OneTimeCodeAdmin(admin.ModelAdmin):
    # Only hashes are stored; the list helps answer "why did my code not arrive".
    list_display = ["phone", "created_at", "expires_at", "tries", "used_at", "address"]
    readonly_fields = [f.name for f in OneTimeCode._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    # Answers "why can futingting not log in"; deleting the rows lifts the limit early.
    list_display = ["username", "address", "created_at"]
    search_fields = ["username", "address"]
    readonly_fields = [f.name for f in LoginFailure._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
