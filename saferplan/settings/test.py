"""Test settings: fast hashing, in-memory email, the database from DATABASE_URL or SQLite."""

import os

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; never in production
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
if "DATABASE_URL" not in os.environ:
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "TEST": {"NAME": ":memory:"},
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}

# The API's rate limits are tested on their own (api/tests); schemathesis sends hundreds of
# requests a minute from one address.
REST_FRAMEWORK = REST_FRAMEWORK | {  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"}
}

# Background tasks run at once, in the test's own process and transaction; progress lines in
# memory; uploads in a temporary folder.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = CACHES | {  # noqa: F405
    "progress": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "progress"}
}

# Tests never reach the internet: the police.uk API is a closed port here (connection refused)
# unless a test serves the fake one (crimedata/tests/fake_police_api.py).
SAFERPLAN_POLICE_API_URL = "http://127.0.0.1:9/api"
