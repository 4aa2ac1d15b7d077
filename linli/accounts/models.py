"""Users, their scoped roles, one-time login codes, and the records that rate-limit logins."""

import hashlib
import hmac
import ipaddress
import secrets
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
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
    # The default Chinese is also a valid choice, so "never chosen" needs its own flag.
    language_chosen = models.BooleanField(_("自己选过界面语言"), default=False)

    objects = UserManager()

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    def choose_language(self, language):
        self.language = language
        self.language_chosen = True
        self.save(update_fields=["language", "language_chosen"])

    def adopt_language(self, language) -> bool:
        """Take the language picked on the sign-in page, unless this user has their own."""
        if self.language_chosen or not language or language == self.language:
            return False
        self.choose_language(language)
        return True


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
    supplier = models.ForeignKey(
        "groupbuy.Supplier", models.CASCADE, null=True, blank=True, verbose_name=_("供应商")
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


# Login codes and failures are kept this long; `linli purge_login_codes` deletes older ones.
KEEP_LOGIN_RECORDS = timedelta(days=1)


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

    def stale(self):
        return self.filter(created_at__lt=timezone.now() - KEEP_LOGIN_RECORDS)


class OneTimeCode(models.Model):
    phone = models.CharField(max_length=20)
    code_hash = models.CharField(max_length=64)
    address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    objects = OneTimeCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("登录验证码")
        verbose_name_plural = _("登录验证码")
        # The rate limits count one phone's or one address's codes of the last hour.
        indexes = [
            models.Index(fields=["phone", "created_at"], name="otp_phone_created"),
            models.Index(fields=["address", "created_at"], name="otp_address_created"),
        ]

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


def ip_or_none(address: str | None) -> str | None:
    # X-Forwarded-For is text from outside; PostgreSQL's inet column rejects
    # anything that is not an address, and the login must not fail on it.
    try:
        return str(ipaddress.ip_address((address or "").strip()))
    except ValueError:
        return None


class ThrottleLockQuerySet(models.QuerySet):
    def stale(self):
        return self.filter(touched_at__lt=timezone.now() - KEEP_LOGIN_RECORDS)


class ThrottleLock(models.Model):
    """One row per rate-limited thing (a phone, a username, an address).

    A request that checks a limit and then writes what the limit counts holds
    these rows for the length of a transaction, so requests for the same
    thing on several app servers take turns: none sees a count that another
    is about to make stale. The lock is taken with an UPDATE, which locks the
    row on PostgreSQL and takes the write lock on SQLite alike.
    """

    key = models.CharField(max_length=200, primary_key=True)
    touched_at = models.DateTimeField(default=timezone.now)

    objects = ThrottleLockQuerySet.as_manager()

    class Meta:
        verbose_name = _("限流锁")
        verbose_name_plural = _("限流锁")

    def __str__(self):
        return self.key

    @classmethod
    @contextmanager
    def held(cls, *keys):
        """A transaction holding the lock rows of `keys`, created on first use."""
        with transaction.atomic():
            # Always in the same order, so two requests never wait on each other crosswise.
            for key in sorted({key[:200] for key in keys}):
                cls._take(key)
            yield

    @classmethod
    def _take(cls, key):
        now = timezone.now()
        if cls.objects.filter(key=key).update(touched_at=now):
            return
        try:
            with transaction.atomic():
                cls.objects.create(key=key, touched_at=now)
        except IntegrityError:
            # Another request created it first; wait for our turn on it.
            cls.objects.filter(key=key).update(touched_at=now)


class LoginFailureQuerySet(models.QuerySet):
    def recent(self):
        return self.filter(created_at__gte=timezone.now() - LoginFailure.WINDOW)

    def stale(self):
        return self.filter(created_at__lt=timezone.now() - KEEP_LOGIN_RECORDS)


class LoginFailure(models.Model):
    """A password that did not match, kept to slow down guessing.

    Counted per username and per address over the last `WINDOW`; the rows
    live in the database so the limits hold across several app servers.
    """

    WINDOW = timedelta(minutes=15)
    PER_USERNAME = 10
    PER_ADDRESS = 30

    username = models.CharField(_("用户名"), max_length=150)
    address = models.GenericIPAddressField(_("地址"), null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    objects = LoginFailureQuerySet.as_manager()

    class Meta:
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")
        indexes = [
            models.Index(fields=["username", "created_at"], name="loginfail_user_created"),
            models.Index(fields=["address", "created_at"], name="loginfail_address_created"),
        ]

    def __str__(self):
        return f"{self.username} {self.created_at:%H:%M}"

    @classmethod
    def reserve(cls, username: str, address: str | None) -> "LoginFailure | None":
        """Count this attempt as a failure before the password is checked.

        None when the username or the address is over its limit. Written first,
        so parallel guesses each see the others and cannot exceed the limit;
        the caller calls `forgive()` when the password turns out right.
        """
        keys = [f"login-user:{username}"] + ([f"login-address:{address}"] if address else [])
        with ThrottleLock.held(*keys):
            recent = cls.objects.recent()
            if recent.filter(username=username).count() >= cls.PER_USERNAME:
                return None
            if address and recent.filter(address=address).count() >= cls.PER_ADDRESS:
                return None
            return cls.objects.create(username=username, address=address)

    def forgive(self):
        # This person's own typos from here no longer count; failures for other
        # usernames, and for this one from elsewhere, stay.
        type(self).objects.filter(username=self.username, address=self.address).delete()
