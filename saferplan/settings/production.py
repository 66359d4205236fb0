"""Production: HTTPS only, secrets from the environment, hashed static files.

Required environment: SAFERPLAN_SECRET_KEY, SAFERPLAN_ALLOWED_HOSTS, DATABASE_URL.
See docs/administration.md.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import UPLOADS_STORAGE, VAR_DIR, env_bool

DEBUG = False

SECRET_KEY = os.environ.get("SAFERPLAN_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SAFERPLAN_SECRET_KEY must be set to a random string of at least 50 characters in production"
    )
if "SAFERPLAN_ALLOWED_HOSTS" not in os.environ:
    raise ImproperlyConfigured("SAFERPLAN_ALLOWED_HOSTS must list the host names saferplan serves")
# No silent fall-back to the development SQLite file: a server started without its database
# setting would otherwise run, and take people's work, on an empty database of its own.
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set in production, e.g. "
        "postgres://saferplan:<password>@127.0.0.1:5432/saferplan "
        "(saferplan does not fall back to a SQLite file outside development)"
    )

SECURE_SSL_REDIRECT = env_bool("SAFERPLAN_SSL_REDIRECT", True)
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
if env_bool("SAFERPLAN_BEHIND_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SAFERPLAN_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SAFERPLAN_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SAFERPLAN_HSTS_PRELOAD", True)
if not SECURE_HSTS_PRELOAD:
    # The operator has chosen not to commit the domain to browsers' preload lists
    # (docs/administration.md); Django's reminder about it is then only noise.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

STATIC_ROOT = Path(os.environ.get("SAFERPLAN_STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "uploads": UPLOADS_STORAGE,
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
