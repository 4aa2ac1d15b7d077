from django.contrib import admin

from linli.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    # Tokens are made on the tokens page or with `linli create_api_token`, where
    # the secret can be shown once; here they can only be looked at.
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username", "user__display_name"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["key_hash"]

    def has_add_permission(self, request):
        return False
