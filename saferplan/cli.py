"""The `saferplan` command: a thin wrapper over Django's manage.py.

`saferplan demo`, `saferplan migrate`, `saferplan check --deploy`, ... all run the Django
management command of that name with saferplan's settings.
"""

import os
import sys

# Files saferplan writes hold OFFICIAL-SENSITIVE material (the SQLite database, uploads
# waiting for the worker, documents it made, backups): readable by the service's user and
# group, never by every account on the server, whatever umask the shell or service manager
# started us with (often 0022). Shared with saferplan.wsgi.
UMASK = 0o027


def main(argv: list[str] | None = None) -> None:
    os.umask(UMASK)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["saferplan", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
