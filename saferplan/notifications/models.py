"""What each person chooses to be emailed, and a record of what was sent (so that a digest or
a chase before a meeting is never sent twice)."""

from django.conf import settings
from django.db import models


class Preference(models.Model):
    """One person's choices; everything is on until they turn it off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    weekly_digest = models.BooleanField(
        "a weekly email of my actions that are overdue, stale or due soon", default=True
    )
    board_chase = models.BooleanField(
        "a reminder to update my actions before each board meeting", default=True
    )
    action_changes = models.BooleanField(
        "an email when someone else updates one of my actions or changes its RAG rating",
        default=True,
    )
    board_reports = models.BooleanField(
        "an email when a board report of my partnership is issued", default=True
    )

    def __str__(self) -> str:
        return f"Notification choices of {self.user}"


class Sent(models.Model):
    """An email sent: `key` names what it was about (digest:2026-W48, meeting-chase:<meeting id>),
    so that running the reminders twice sends nothing twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="sent_once")]

    def __str__(self) -> str:
        return f"{self.key} to {self.user}"
