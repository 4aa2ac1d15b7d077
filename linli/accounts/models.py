"""Users, their scoped roles, and one-time login codes."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.accounts.choices import Language, Role
from linli.community.models import Area, Building, Community, District, Household, Street


class User(AbstractUser):
    # Residents and captains log in with their phone; staff also have a username.
    phone = models.CharField(_("手机号"), max_length=20, unique=True, null=True, blank=True)
    display_name = models.CharField(_("称呼"), max_length=50, blank=True)
    language = models.CharField(
        _("界面语言"), max_length=10, choices=Language.choices, default=Language.ZH_HANS
    )

    objects = UserManager()

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username


class MembershipQuerySet(models.QuerySet):
    def of(self, role):
        return self.filter(role=role)


class Membership(models.Model):
    """A user's role and where it applies. A user may hold several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    community = models.ForeignKey(
        Community, models.CASCADE, null=True, blank=True, verbose_name=_("社区")
    )
    area = models.ForeignKey(Area, models.CASCADE, null=True, blank=True, verbose_name=_("片区"))
    buildings = models.ManyToManyField(Building, blank=True, verbose_name=_("楼栋"))
    household = models.ForeignKey(
        Household, models.CASCADE, null=True, blank=True, verbose_name=_("住户")
    )
    street = models.ForeignKey(Street, models.CASCADE, null=True, blank=True)
    district = models.ForeignKey(District, models.CASCADE, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"

    def clean(self):
        needs = {
            Role.AREA_LEADER: ("area", self.area_id),
            Role.RESIDENT: ("household", self.household_id),
            Role.VIEWER: ("street", self.street_id or self.district_id),
        }
        if self.role in needs and not needs[self.role][1]:
            field = needs[self.role][0]
            raise ValidationError({field: _("这个角色需要指定范围")})
        if self.role not in (Role.VIEWER,) and not self.community_id:
            raise ValidationError({"community": _("这个角色需要指定社区")})


def _hash_code(phone: str, code: str) -> str:
    # Keyed with the secret so a leaked table cannot be brute-forced offline
    # over the small space of six-digit codes.
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


class OneTimeCodeQuerySet(models.QuerySet):
    def recent(self, minutes=60):
        return self.filter(created_at__gte=timezone.now() - timedelta(minutes=minutes))

    def latest_for(self, phone):
        return self.filter(phone=phone).order_by("-created_at", "-pk").first()

    def usable(self):
        return self.filter(
            used_at__isnull=True,
            tries__lt=settings.LINLI_OTP_MAX_TRIES,
            expires_at__gt=timezone.now(),
        )


class OneTimeCode(models.Model):
    phone = models.CharField(max_length=20, db_index=True)
    code_hash = models.CharField(max_length=64)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    objects = OneTimeCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("登录验证码")
        verbose_name_plural = _("登录验证码")

    def __str__(self):
        return f"{self.phone} {self.created_at:%H:%M}"

    @classmethod
    def issue(cls, phone: str, address: str | None) -> tuple["OneTimeCode", str]:
        code = f"{secrets.randbelow(10**6):06d}"
        now = timezone.now()
        otp = cls.objects.create(
            phone=phone,
            code_hash=_hash_code(phone, code),
            address=address,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.LINLI_OTP_TTL_SECONDS),
        )
        return otp, code

    @property
    def is_usable(self):
        return (
            self.used_at is None
            and self.tries < settings.LINLI_OTP_MAX_TRIES
            and timezone.now() < self.expires_at
        )

    def matches(self, code: str) -> bool:
        return hmac.compare_digest(self.code_hash, _hash_code(self.phone, code.strip()))

    # The three writes below are conditional UPDATEs rather than read-modify-save,
    # so two app servers handling the same code at once cannot both succeed.

    def count_try(self) -> bool:
        """Spend one try; False if the code was no longer usable."""
        counted = type(self).objects.usable().filter(pk=self.pk).update(tries=models.F("tries") + 1)
        self.refresh_from_db(fields=["tries", "used_at", "expires_at"])
        return counted == 1

    def claim(self) -> bool:
        """Mark the code used; True for exactly one caller."""
        now = timezone.now()
        claimed = type(self).objects.filter(pk=self.pk, used_at__isnull=True).update(used_at=now)
        if claimed:
            self.used_at = now
        return claimed == 1

    @property
    def tries_left(self) -> int:
        return max(settings.LINLI_OTP_MAX_TRIES - self.tries, 0)
