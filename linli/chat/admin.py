from django.contrib import admin

from linli.chat.models import ChatAlert, ChatGroup, ChatMessage


@admin.register(ChatGroup)
class ChatGroupAdmin(admin.ModelAdmin):
    # The bot token is made with `linli create_chat_group` (shown once), never here.
    list_display = ["name", "external_id", "community", "building", "token_prefix", "active"]
    list_filter = ["active", "community"]
    search_fields = ["name", "external_id"]
    readonly_fields = ["token_prefix"]


@admin.register(ChatMessage)
class ChatMessageAdmin(admin.ModelAdmin):
    list_display = ["group", "sender", "sent_at", "kind", "priority", "status"]
    list_filter = ["kind", "priority", "status"]
    readonly_fields = [f.name for f in ChatMessage._meta.fields]


@admin.register(ChatAlert)
class ChatAlertAdmin(admin.ModelAdmin):
    list_display = ["message", "kind", "at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in ChatAlert._meta.fields]
