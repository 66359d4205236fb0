"""The `saferplan` command: a thin wrapper over Django's manage.py.

`saferplan demo`, `saferplan migrate`, `saferplan check --deploy`, ... all run the Django
management command of that name with saferplan's settings.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["saferplan", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
