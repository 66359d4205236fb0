"""What reports announce to the apps built on them, so that reports never imports them (the
notifications app listens; see its apps.py)."""

from django.dispatch import Signal

# A board report has been issued, in the current transaction. Sent with: report, actor.
board_report_issued = Signal()
