from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "linli.chat"
    verbose_name = _("群聊接入")
