"""saferplan send-reminders: the weekly digest (on Mondays) and the chases before board
meetings. Run it once a day (a systemd timer or cron; docs/administration.md); running it
again the same day sends nothing twice."""

import datetime

from django.core.management.base import BaseCommand

from saferplan.core import clock
from saferplan.notifications import services


class Command(BaseCommand):
    help = "Email the weekly digests (Mondays) and the reminders before board meetings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Send as if today were this date (YYYY-MM-DD)",
        )

    def handle(self, *args, date=None, **options):
        today = date or clock.today()
        digests = services.send_digests(today=today)
        chases = services.send_chases(today=today)
        self.stdout.write(
            f"{today:%A %-d %B %Y}: {digests} digest(s) and {chases} board reminder(s) sent."
        )
