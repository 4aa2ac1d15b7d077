"""Who changed or looked at personal data, when, and from where."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("新建")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    VIEW_PHONE = "view_phone", _("查看电话")
    VIEW_ID = "view_id", _("查看身份证号")
    VIEW_HEALTH = "view_health", _("查看健康信息")
    VIEW_CASE = "view_case", _("查看个案记录")
    IMPORT = "import", _("导入")
    EXPORT = "export", _("导出")


class AuditEntryIsPermanent(Exception):
    """Raised on any attempt to change or delete an audit entry through Django."""


class AuditEntryQuerySet(models.QuerySet):
    def for_resident(self, resident):
        return self.filter(resident_id=resident.pk)

    # Append-only: a trail anyone could edit would prove nothing. On PostgreSQL
    # a trigger refuses the same (migration 0004), whatever the caller.
    def update(self, **kwargs):
        if kwargs == {"user": None}:
            # A deleted account (ON DELETE SET NULL): the entries stay.
            return super().update(**kwargs)
        raise AuditEntryIsPermanent("audit entries cannot be changed")

    def delete(self):
        raise AuditEntryIsPermanent("audit entries cannot be deleted")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, verbose_name=_("操作人")
    )
    address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    model = models.CharField(_("对象类型"), max_length=50)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    # Kept as a plain integer so the trail outlives a deleted resident.
    resident_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(_("变更"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-at", "-id"]

    def __str__(self):
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} {self.object_repr}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditEntryIsPermanent("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEntryIsPermanent("audit entries cannot be deleted")
