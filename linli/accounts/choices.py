from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("社区工作者")
    AREA_LEADER = "area_leader", _("片长")
    CAPTAIN = "captain", _("楼栋长")
    RESIDENT = "resident", _("居民")
    SOCIAL_WORKER = "social_worker", _("社工")
    PSYCHOLOGIST = "psychologist", _("心理咨询师")
    DOCTOR = "doctor", _("医生")
    VOLUNTEER = "volunteer", _("志愿者")
    PROPERTY = "property", _("物业")
    GATEKEEPER = "gatekeeper", _("门岗")
    SUPPLIER = "supplier", _("供应商")
    VIEWER = "viewer", _("街道/区级查看")


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", _("简体中文")
    EN = "en", _("English")


# Roles that see every household of their community.
COMMUNITY_WIDE_ROLES = frozenset({Role.STAFF, Role.PROPERTY})
# Roles whose registry view will come from their cases, tasks or orders.
CASE_ROLES = frozenset({Role.SOCIAL_WORKER, Role.PSYCHOLOGIST, Role.DOCTOR})
# Roles that may see a resident's full phone number and ID number on request.
PERSONAL_DATA_ROLES = frozenset({Role.STAFF})
# Roles that may change registry data and import rosters.
REGISTRY_EDITOR_ROLES = frozenset({Role.STAFF})
