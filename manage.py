#!/usr/bin/env python
"""Django's command-line utility; `saferplan` (saferplan/cli.py) is the same thing installed."""

from saferplan.cli import main

if __name__ == "__main__":
    main()
