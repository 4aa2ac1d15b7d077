"""API tokens: a user's bearer credentials for programs (a chat-group bridge, a
spreadsheet script). The secret itself is never stored, only its hash."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.api.keys import hash_secret, new_secret, prefix_of

# A busy script calls many times a minute; recording each call would turn every
# read into a write, so "last used" is only as precise as this.
TOUCH_INTERVAL = timedelta(minutes=1)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def of(self, user):
        return self.filter(user=user)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens",
        verbose_name=_("用户"),
    )  # fmt: skip
    name = models.CharField(_("用途"), max_length=100)
    prefix = models.CharField(_("开头字符"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name) -> tuple["ApiToken", str]:
        """A new token and its secret, which the caller shows once and forgets."""
        secret = new_secret()
        token = cls.objects.create(
            user=user, name=name, prefix=prefix_of(secret), key_hash=hash_secret(secret)
        )
        return token, secret

    @classmethod
    def find(cls, secret) -> "ApiToken | None":
        """The token with this secret, revoked or not, with its user; None if unknown."""
        if not secret:
            return None
        # key_hash is unique: no ORDER BY (which `.first()` would add), and only
        # the token's own fields that authentication and `touch` read. The user
        # is whole, since every endpoint reads its own fields of it.
        tokens = (
            cls.objects.select_related("user")
            .only("user", "last_used_at", "revoked_at")
            .filter(key_hash=hash_secret(secret))
            .order_by()
        )
        return next(iter(tokens[:1]), None)

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self, now=None):
        """Record a use, at most once per TOUCH_INTERVAL."""
        now = now or timezone.now()
        if self.last_used_at and now - self.last_used_at < TOUCH_INTERVAL:
            return
        # A conditional update: of several app servers seeing the same stale
        # time at once, the later ones write nothing.
        stale = models.Q(last_used_at__isnull=True) | models.Q(
            last_used_at__lt=now - TOUCH_INTERVAL
        )
        type(self).objects.filter(stale, pk=self.pk).update(last_used_at=now)
        self.last_used_at = now
