"""WSGI entry point for gunicorn: `gunicorn saferplan.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from saferplan.cli import UMASK

# As the command line: nothing the web servers write (uploads, the SQLite database) is
# readable by other accounts on the server (saferplan/cli.py says why).
os.umask(UMASK)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings.production")

application = get_wsgi_application()
