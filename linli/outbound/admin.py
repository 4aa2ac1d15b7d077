from django.contrib import admin

from linli.outbound.models import Delivery, WebhookTarget


@admin.register(WebhookTarget)
class WebhookTargetAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "building", "active"]
    list_filter = ["active"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "channel", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "channel", "event"]
    readonly_fields = ["created_at", "sent_at"]
