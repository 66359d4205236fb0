"""saferplan's one notion of "today": the date in Europe/London (settings.TIME_ZONE), not the
server's. Stale and overdue flags, cached pages' keys, reminders, consultations' opening
days and documents' dates all ask here, so that at 23:30 UTC in British Summer Time (00:30
in London) they agree on which day it is."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()
