"""saferplan send-reminders: the weekly digest (on Mondays) and the chases before board
meetings, and the retention of ASB Case Review applicants' details. Run it once a day (a systemd timer or cron; docs/administration.md); running it
again the same day sends nothing twice."""

import datetime

from django.core.management.base import BaseCommand

from saferplan.core import clock
from saferplan.duties.services import applicants_forget
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
        # The daily run also applies retention: ASB Case Review applicants' details past
        # their date are deleted.
        forgotten = applicants_forget(actor=None, today=today)
        self.stdout.write(
            f"{today:%A %-d %B %Y}: {digests} digest(s) and {chases} board reminder(s) sent; "
            f"{forgotten} ASB Case Review applicant(s)' details deleted after their retention date."
        )
