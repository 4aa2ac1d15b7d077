from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboundConfig(AppConfig):
    name = "linli.outbound"
    verbose_name = _("消息推送")

    def ready(self):
        from linli.outbound import signals  # noqa: F401  (visit tasks → captains)
