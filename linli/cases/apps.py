from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "linli.cases"
    verbose_name = _("需求与个案")

    def ready(self):
        from linli.cases import signals

        signals.connect()
