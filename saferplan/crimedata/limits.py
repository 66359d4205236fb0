"""The limits on police.uk imports (docs/adr/0015), read from the Django settings if set there
(tests, saferplan/settings) or else from the environment, as docs/administration.md lists."""

import os

from django.conf import settings


def limit_setting(name: str, default: int) -> int:
    if hasattr(settings, name):
        return int(getattr(settings, name))
    return int(os.environ.get(name, default))
