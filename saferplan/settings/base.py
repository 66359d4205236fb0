"""Settings shared by every environment. Everything that differs between machines is read
from the environment (see docs/administration.md); the defaults suit a developer's laptop
and the SQLite demo."""

import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("SAFERPLAN_DEBUG", False)
# Development only: production.py refuses to start without SAFERPLAN_SECRET_KEY.
SECRET_KEY = os.environ.get("SAFERPLAN_SECRET_KEY", "insecure-development-key-never-in-production")
ALLOWED_HOSTS = env_list("SAFERPLAN_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("SAFERPLAN_CSRF_TRUSTED_ORIGINS", "")

VAR_DIR = Path(os.environ.get("SAFERPLAN_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "saferplan.core",
    "saferplan.accounts",
    "saferplan.partnerships",
    "saferplan.plans",
    "saferplan.meetings",
    "saferplan.funding",
    "saferplan.duties",
    "saferplan.imports",
    "saferplan.crimedata",
    "saferplan.indicators",
    "saferplan.assessments",
    "saferplan.consultations",
    "saferplan.reports",
    "saferplan.public",
    "saferplan.api",
    "saferplan.notifications",
    "saferplan.background",
    "saferplan.attachments",
    "django_tasks",
    "django_tasks_db",
    "saferplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language from its address: /cy/… Welsh, anything else English (never the
    # browser's Accept-Language, so a page is in the language its link promised).
    "django.middleware.locale.LocaleMiddleware",
    "saferplan.core.languages_middleware.EnglishUnlessTranslated",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "saferplan.core.middleware.never_store_signed_in_responses",
    # Last, as django-axes asks: it turns a lockout raised by authentication into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "saferplan.urls"
WSGI_APPLICATION = "saferplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "saferplan.core.context_processors.service",
                "saferplan.core.context_processors.language",
                "saferplan.accounts.context_processors.partnership_switcher",
            ],
        },
    },
]
# Forms render as GOV.UK Frontend form groups (saferplan/templates/govuk/forms/).
FORM_RENDERER = "saferplan.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'saferplan.sqlite3'}",
        conn_max_age=int(os.environ.get("SAFERPLAN_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits; IMMEDIATE avoids the
    # "database is locked" error a deferred transaction gets when it upgrades to a write.
    # SQLite has one writer at a time: another waits up to `timeout` seconds for it (a long
    # police.uk import holds the lock for its whole transaction; PostgreSQL has no such wait).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("SAFERPLAN_SQLITE_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Progress lines of background jobs, shared by the worker and the web servers
# (saferplan/background/progress.py): files in the var folder for one server, Redis
# (SAFERPLAN_PROGRESS_REDIS_URL) for several.
PROGRESS_CACHE: dict[str, object] = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["SAFERPLAN_PROGRESS_REDIS_URL"],
    }
    if os.environ.get("SAFERPLAN_PROGRESS_REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "progress"),
        # Entries expire after a day; the default of 300 would cull the heartbeats of running
        # jobs at random once some 150 jobs had run that day.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
)
# Rendered plan tables are cached per process under keys that hold each plan's content version
# (saferplan.plans.cache), so entries are never stale and need no sharing between servers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "saferplan",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("SAFERPLAN_CACHE_ENTRIES", "500"))},
    },
    "progress": PROGRESS_CACHE,
}

# The background task queue (docs/adr/0013-background-tasks.md): Django's tasks framework
# (the django-tasks backport) on the database; `saferplan db_worker` runs the tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job whose worker has not been heard from for this many seconds (its heartbeat
# beats every 10) is taken to have stopped with its worker: it is queued again for another
# worker, and marked failed once SAFERPLAN_JOB_ATTEMPTS of its runs have stopped so.
SAFERPLAN_WORKER_HEARTBEAT_LIMIT = int(os.environ.get("SAFERPLAN_WORKER_HEARTBEAT_LIMIT", "120"))
SAFERPLAN_JOB_ATTEMPTS = int(os.environ.get("SAFERPLAN_JOB_ATTEMPTS", "3"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
PASSWORD_RESET_TIMEOUT = (
    60 * 60 * 24
)  # one day: long enough to find the email, short enough to be safe

# The client's address behind reverse proxies (saferplan/accounts/client_address.py, ADR 0016):
# how many proxies of ours, each appending to X-Forwarded-For, stand between the client and
# saferplan. 0: none, REMOTE_ADDR is the client (and X-Forwarded-For is ignored); 1: the nginx
# of docs/administration.md; 2: a load balancer or CDN in front of that nginx.
_hops = os.environ.get("SAFERPLAN_TRUSTED_PROXY_HOPS", "0").strip()
if not re.fullmatch(r"[0-9]{1,2}", _hops):
    raise ImproperlyConfigured(
        f"SAFERPLAN_TRUSTED_PROXY_HOPS must be a number of proxies (0, 1, 2 ...), not {_hops!r}"
    )
SAFERPLAN_TRUSTED_PROXY_HOPS = int(_hops)

# django-axes: lock a username + address pair out after repeated failures, the address read
# behind the trusted proxies.
AXES_CLIENT_IP_CALLABLE = "saferplan.accounts.client_address.client_address"
AXES_FAILURE_LIMIT = int(os.environ.get("SAFERPLAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "saferplan.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get(
    "SAFERPLAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# Links in emails sent by commands (reminders), which have no request to take the address from.
SAFERPLAN_BASE_URL = os.environ.get("SAFERPLAN_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("SAFERPLAN_FROM_EMAIL", "saferplan <no-reply@localhost>")
if os.environ.get("SAFERPLAN_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["SAFERPLAN_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("SAFERPLAN_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("SAFERPLAN_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SAFERPLAN_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("SAFERPLAN_EMAIL_USE_TLS", True)

LANGUAGE_CODE = "en-gb"
# English at the usual addresses, Welsh under /cy/ (i18n_patterns in urls.py; ADR 0032). The
# interface's Welsh is in saferplan/locale (gettext); `make` compiles it.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Every page is in Welsh at its /cy/ address (tests/test_welsh_every_page.py reads each one
# for English left unmarked). A page whose Welsh is not complete yet is listed here by its URL
# name: it is then drawn wholly in English, even at its /cy/ address, rather than half in
# English under lang="cy" (core/languages_middleware.py).
PAGES_NOT_IN_WELSH: set[str] = set()
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Outside production static files are served from the app folders; production.py sets a root.
STATIC_ROOT = None
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads waiting for the background worker (a police.uk archive): the worker must see the
# same folder, so with several servers it is a shared one (SAFERPLAN_UPLOAD_DIR).


def uploads_storage(environ) -> dict:
    """Where uploads, attachments and the worker's documents are kept: a folder by default
    (SAFERPLAN_UPLOAD_DIR, shared between servers), or S3-compatible object storage (AWS S3,
    MinIO, Ceph…) when SAFERPLAN_UPLOADS_S3_BUCKET is set, through django-storages (installed
    with `pip install "saferplan[s3]"`; credentials from boto3's usual chain: the AWS_*
    variables or the server's role). Objects are private, never overwritten, and sent only
    through saferplan's own permission checks (never by a public link)."""
    bucket = environ.get("SAFERPLAN_UPLOADS_S3_BUCKET", "")
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": environ.get("SAFERPLAN_UPLOAD_DIR", str(VAR_DIR / "uploads"))},
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("SAFERPLAN_UPLOADS_S3_ENDPOINT") or None,
            "region_name": environ.get("SAFERPLAN_UPLOADS_S3_REGION") or None,
            "location": environ.get("SAFERPLAN_UPLOADS_S3_PREFIX", "saferplan"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            # Encrypted at rest by the service when the bucket does not do it by default.
            "object_parameters": (
                {"ServerSideEncryption": environ["SAFERPLAN_UPLOADS_S3_ENCRYPTION"]}
                if environ.get("SAFERPLAN_UPLOADS_S3_ENCRYPTION")
                else {}
            ),
        },
    }


UPLOADS_STORAGE = uploads_storage(os.environ)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "uploads": UPLOADS_STORAGE,
}
# Uploads and the documents the worker makes may be OFFICIAL-SENSITIVE: the service's user
# and group only (Django's default, 0o644, lets every account on the server read them).
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Outside production, serve straight from the app folders (no collectstatic step).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SERVICE_NAME = "saferplan"
SERVICE_PHASE = os.environ.get("SAFERPLAN_PHASE", "Beta")
SERVICE_CONTACT_EMAIL = os.environ.get("SAFERPLAN_CONTACT_EMAIL", "communitysafety@example.org")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAFERPLAN_LOG_LEVEL", "INFO")},
    # WeasyPrint tells every layout step at INFO: one line per page of every PDF.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The street map of hotspots, drawn in the browser over these tiles when it is online (the
# server-drawn map works offline). An empty SAFERPLAN_MAP_TILES turns the street map off.
SAFERPLAN_MAP_TILES = os.environ.get(
    "SAFERPLAN_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
SAFERPLAN_MAP_ATTRIBUTION = os.environ.get(
    "SAFERPLAN_MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# Content Security Policy (django-csp, docs/adr/0009): scripts only from saferplan itself or
# carrying this response's nonce, no inline styles or plugins, no framing, forms post only
# here. The street map's tile server is the one image source from elsewhere.
_tile_origin = re.match(r"https?://[^/{}]+", SAFERPLAN_MAP_TILES)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_tile_origin.group(0)] if _tile_origin else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The largest police.uk file the web page takes; larger archives go through the command line.
SAFERPLAN_POLICE_UK_UPLOAD_MB = int(os.environ.get("SAFERPLAN_POLICE_UK_UPLOAD_MB", "300"))

# The police.uk API, for fetching a force's latest months when saferplan is online.
SAFERPLAN_POLICE_API_URL = os.environ.get("SAFERPLAN_POLICE_API_URL", "https://data.police.uk/api")

# The public consultation form accepts this many responses per hour from one connection
# (a spam limit; counted in the cache, so per process unless the cache is shared).
SAFERPLAN_CONSULTATION_RESPONSES_PER_HOUR = int(
    os.environ.get("SAFERPLAN_CONSULTATION_RESPONSES_PER_HOUR", "20")
)

# The JSON API (docs/adr/0010-api.md): JSON only, personal tokens or the session, the pages'
# permission policies in the views; no browsable HTML API (the documentation page is ours).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "saferplan.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["saferplan.api.parsers.CleanJSONParser"],  # text hygiene
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": [
        "saferplan.api.throttling.AnonRateThrottle",
        "saferplan.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("SAFERPLAN_API_ANON_RATE", "60/minute"),
        "user": os.environ.get("SAFERPLAN_API_USER_RATE", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "saferplan API",
    "DESCRIPTION": (
        "Plans, actions, progress updates, RAG ratings, performance measures and crime "
        "comparisons of Community Safety Partnerships. The public's view without a token; "
        "a member's view with a personal API token (Authorization: Bearer <token>)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "saferplan.api.schema.describe_path_parameters",
    ],
    "ENUM_NAME_OVERRIDES": {
        "RagRatingEnum": "saferplan.plans.models.RagRating",
        "MarkingEnum": "saferplan.core.models.Marking",
        "ActionStatusEnum": "saferplan.plans.models.ActionStatus",
    },
}

# Single sign-on with OpenID Connect (docs/adr/0012-single-sign-on.md): on only when
# SAFERPLAN_OIDC_CLIENT_ID is set. For Microsoft Entra ID, SAFERPLAN_OIDC_ENTRA_TENANT (the
# tenant's id) fills in the provider's addresses; any other provider gives them one by one.
SAFERPLAN_SSO_ENABLED = bool(os.environ.get("SAFERPLAN_OIDC_CLIENT_ID"))
SAFERPLAN_SSO_NAME = os.environ.get("SAFERPLAN_OIDC_NAME", "your organisation's account")
SAFERPLAN_SSO_EMAIL_CLAIMS = ["email", "preferred_username", "upn"]
_entra = os.environ.get("SAFERPLAN_OIDC_ENTRA_TENANT", "")
_entra_base = f"https://login.microsoftonline.com/{_entra}"


def _oidc(name: str, entra_default: str) -> str:
    return os.environ.get(f"SAFERPLAN_OIDC_{name}", entra_default if _entra else "")


OIDC_RP_CLIENT_ID = os.environ.get("SAFERPLAN_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("SAFERPLAN_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = _oidc(
    "AUTHORIZATION_ENDPOINT", f"{_entra_base}/oauth2/v2.0/authorize"
)
OIDC_OP_TOKEN_ENDPOINT = _oidc("TOKEN_ENDPOINT", f"{_entra_base}/oauth2/v2.0/token")
OIDC_OP_USER_ENDPOINT = _oidc("USERINFO_ENDPOINT", "https://graph.microsoft.com/oidc/userinfo")
OIDC_OP_JWKS_ENDPOINT = _oidc("JWKS_ENDPOINT", f"{_entra_base}/discovery/v2.0/keys")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso-callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/sign-in/"
if SAFERPLAN_SSO_ENABLED:
    _missing = [
        name
        for name, value in (
            ("SAFERPLAN_OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("SAFERPLAN_OIDC_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("SAFERPLAN_OIDC_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
            ("SAFERPLAN_OIDC_USERINFO_ENDPOINT", OIDC_OP_USER_ENDPOINT),
            ("SAFERPLAN_OIDC_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT),
        )
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(
            "Single sign-on is on (SAFERPLAN_OIDC_CLIENT_ID is set) but these are not: "
            + ", ".join(_missing)
            + " (or set SAFERPLAN_OIDC_ENTRA_TENANT for Microsoft Entra ID)"
        )
    AUTHENTICATION_BACKENDS.append("saferplan.accounts.sso.MembershipOIDCBackend")

# Personal API tokens stop working this many days after they are made or last renewed; their
# owner renews them on the API tokens page (docs/api.md).
SAFERPLAN_API_TOKEN_DAYS = int(os.environ.get("SAFERPLAN_API_TOKEN_DAYS", "90"))
if SAFERPLAN_API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured("SAFERPLAN_API_TOKEN_DAYS must be 1 or more")

# Wrong passwords for one account from every address together, in AXES_COOLOFF_TIME, after
# which password sign-in to it is paused for browsers that have not signed in to it before
# (saferplan/accounts/sign_in_limits.py, ADR 0016); those get an unlock link by email.
SAFERPLAN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("SAFERPLAN_ACCOUNT_FAILURE_LIMIT", "20"))
