"""Linli's one settings module. Every knob is an environment variable (see docs/deploy.md)."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from linli.env import ConfigError, database_config, env_bool, env_int, env_list, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# Debug is on for a developer's checkout; a deployment turns it off, and then
# must also give its own secret key and host names.
DEBUG = env_bool("LINLI_DEBUG", True)
SECRET_KEY = secret_key(VAR_DIR, production=not DEBUG)
# Old keys still accepted for signatures while a rotated key takes over
# (docs/operations.md), so nobody is logged out mid-shift.
SECRET_KEY_FALLBACKS = env_list("LINLI_SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list(
    "LINLI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ConfigError("LINLI_ALLOWED_HOSTS must be set when LINLI_DEBUG is false")
# The crash tests' pause points (linli/front/faults.py) hang an operation
# mid-transaction for a minute: a production server must never start with one.
if not DEBUG and os.environ.get("LINLI_FAULT_PAUSE"):
    raise ConfigError(
        "LINLI_FAULT_PAUSE is for the crash tests only; unset it when LINLI_DEBUG is false"
    )

DATABASES = {
    "default": database_config(
        os.environ.get("LINLI_DATABASE_URL", f"sqlite:///{VAR_DIR / 'linli.sqlite3'}"), BASE_DIR
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
# A PostgreSQL streaming replica for the reports' reads (linli/dbrouter.py,
# docs/deploy.md "A city"). In tests it mirrors the default database, Django's
# way to test a replica: one test database, both aliases reading it.
if os.environ.get("LINLI_REPLICA_DATABASE_URL"):
    DATABASES["replica"] = database_config(os.environ["LINLI_REPLICA_DATABASE_URL"], BASE_DIR)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["linli.dbrouter.ReplicaRouter"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # Listed so the API docs page uses ninja's bundled Swagger UI, not a CDN.
    "ninja",
    "linli.accounts",
    "linli.community",
    "linli.groupbuy",
    "linli.audit",
    "linli.front",
    "linli.api",
    "linli.health",
    "linli.gate",
    "linli.cases",
    "linli.notices",
    "linli.reports",
    "linli.outbound",
    "linli.chat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "linli.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "linli.audit.middleware.AuditContextMiddleware",
]

ROOT_URLCONF = "linli.urls"
WSGI_APPLICATION = "linli.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "front:home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "linli" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "linli" / "locale"]
# Short month-day dates per language (templates use date:"MONTH_DAY_FORMAT").
FORMAT_MODULE_PATH = ["linli.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# linli/static (vendored htmx, our CSS) belongs to no app, so name it here.
STATICFILES_DIRS = [BASE_DIR / "linli" / "static"]
STATIC_ROOT = VAR_DIR / "static"
if DEBUG:
    # Whitenoise warns on every start when this is missing; in debug it serves
    # from the apps' own directories, so an empty one is fine before collectstatic.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"  # MEDIA_ROOT/private (health data) is never served at it
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A public site: cookies only over HTTPS once deployed, never readable by
# scripts, and sessions that end when a shared phone is put down for a day.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 7
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("LINLI_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("LINLI_HSTS_SECONDS", 60 * 60 * 24 * 30)
    # On by default so `linli check --deploy` is clean; a site whose parent
    # domain serves plain-HTTP hosts turns them off (docs/deploy.md).
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LINLI_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("LINLI_HSTS_PRELOAD", True)
    CSRF_TRUSTED_ORIGINS = env_list("LINLI_CSRF_TRUSTED_ORIGINS", [])

# Content-Security-Policy (django-csp): scripts and styles only from our own
# static files, so an injected <script> or style="" does nothing. Templates carry
# no inline code; the API docs page relaxes it for Swagger UI (linli/api/api.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# How many proxies (nginx, a load balancer) stand in front of the app servers;
# their X-Forwarded-For entries give the client's address (docs/deploy.md).
LINLI_PROXY_COUNT = env_int("LINLI_PROXY_COUNT", 0)

# Uploads (linli/front/uploads.py): the largest roster spreadsheet and photo
# accepted, in MB. Request bodies other than files stay under Django's 2.5 MB.
LINLI_UPLOAD_SPREADSHEET_MB = env_int("LINLI_UPLOAD_SPREADSHEET_MB", 10)
LINLI_UPLOAD_IMAGE_MB = env_int("LINLI_UPLOAD_IMAGE_MB", 8)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Calls to the API that change data (POST, PUT, PATCH, DELETE), per user per
# minute; reads are limited separately at 600 a minute (linli/api/api.py).
LINLI_API_WRITE_RATE = os.environ.get("LINLI_API_WRITE_RATE", "120/m")

# One-time login codes for residents and captains.
LINLI_SMS_BACKEND = os.environ.get("LINLI_SMS_BACKEND", "linli.accounts.sms.LogBackend")
LINLI_OTP_TTL_SECONDS = 5 * 60
LINLI_OTP_MAX_TRIES = 5
LINLI_OTP_PER_PHONE_PER_HOUR = env_int("LINLI_OTP_PER_PHONE_PER_HOUR", 5)
LINLI_OTP_PER_ADDRESS_PER_HOUR = env_int("LINLI_OTP_PER_ADDRESS_PER_HOUR", 20)
# Uploaded rosters and pasted 接龙 never confirmed are deleted after this many
# days by `linli purge_login_codes` (a roster holds ID numbers).
LINLI_STAGING_DAYS = env_int("LINLI_STAGING_DAYS", 7)
if LINLI_STAGING_DAYS < 1:
    # 0 would delete a preview while someone is still checking it.
    raise ConfigError("LINLI_STAGING_DAYS must be 1 or more")

# Health: a reading at or above this (°C) opens a visit task; close contacts
# stay in quarantine this many days from their last contact.
LINLI_FEVER_THRESHOLD = os.environ.get("LINLI_FEVER_THRESHOLD", "37.3")
try:
    if not 35 <= float(LINLI_FEVER_THRESHOLD) <= 40:
        raise ValueError
except ValueError:
    raise ConfigError("LINLI_FEVER_THRESHOLD must be a temperature between 35 and 40") from None
LINLI_QUARANTINE_DAYS = env_int("LINLI_QUARANTINE_DAYS", 14)
# Minutes to a first response for needs of priority P1, P2, P3, P4.
LINLI_RESPONSE_MINUTES = [
    env_int(f"LINLI_RESPONSE_MINUTES_P{p}", default)
    for p, default in zip((1, 2, 3, 4), (30, 2 * 60, 24 * 60, 3 * 24 * 60), strict=True)
]

# Outbound notices (docs/operations.md): which channels are on (email, sms,
# wecom), the WeCom robots used where a community has none of its own
# ("name=url,name=url"; only while there is one community: they belong to none),
# P1 escalations sent at once, and the address in links.
LINLI_OUTBOUND_CHANNELS = env_list("LINLI_OUTBOUND_CHANNELS", ["wecom"])
if set(LINLI_OUTBOUND_CHANNELS) - {"email", "sms", "wecom"}:
    raise ConfigError("LINLI_OUTBOUND_CHANNELS takes email, sms and wecom")
LINLI_WECOM_WEBHOOKS = {}
for _item in env_list("LINLI_WECOM_WEBHOOKS", []):
    _name, _sep, _url = _item.partition("=")
    if not (_sep and _name.strip() and _url.strip().startswith(("https://", "http://"))):
        raise ConfigError("LINLI_WECOM_WEBHOOKS takes name=https://… entries, comma-separated")
    LINLI_WECOM_WEBHOOKS[_name.strip()] = _url.strip()
LINLI_OUTBOUND_AT_ONCE = env_bool("LINLI_OUTBOUND_AT_ONCE", True)
LINLI_BASE_URL = os.environ.get("LINLI_BASE_URL", "http://127.0.0.1:8000")
# Django's mail, for the email channel.
EMAIL_BACKEND = os.environ.get("LINLI_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("LINLI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("LINLI_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("LINLI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LINLI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("LINLI_EMAIL_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("LINLI_EMAIL_FROM", "linli@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "linli": {"handlers": ["console"], "level": "INFO"},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}
