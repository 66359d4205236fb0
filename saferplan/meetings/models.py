"""Meetings of the partnership's groups (the board, the joint action group, a sub-group):
when and where, who came, the agenda drafted from the plan they review, and the minutes:
the decisions, each new action agreed landing in the plan linked back to its meeting.
Owners of the plan's open actions are reminded to update them before the meeting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import MarkedModel, Marking, TimeStampedModel


class Meeting(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="meetings"
    )
    # Empty for the board's meetings recorded before meetings had groups (reminder dates).
    group = models.ForeignKey(
        "partnerships.Group",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    # A plan deleted (a draft import replaced) leaves its meetings, their minutes and
    # decisions: they are the partnership's record.
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("The plan the meeting reviews: its agenda is drafted from it."),
    )
    meets_on = models.DateField("date of the meeting")
    starts_at = models.TimeField("time", null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    link = models.URLField("link to join online", blank=True)
    chase_days_before = models.PositiveIntegerField(
        "days before the meeting to remind owners",
        default=14,
        help_text=_("Owners of the plan's open actions are emailed this many days before."),
    )
    minutes = models.TextField("notes of the discussion", blank=True)
    # The notes may hold what the partnership keeps to itself (`<field>_marking`).
    minutes_marking = models.CharField(
        "marking of the notes", max_length=20, choices=Marking.choices, default=Marking.OFFICIAL
    )
    # Papers for the meeting (a report, a problem profile), each file with its own marking.
    papers = models.ManyToManyField("attachments.Attachment", related_name="+", blank=True)

    class Meta:
        ordering = ["meets_on", "starts_at", "pk"]

    def __str__(self) -> str:
        name = self.group.name if self.group else "Board"
        return f"{name} meeting on {self.meets_on:%-d %B %Y}"

    @property
    def minutes_are_sensitive(self) -> bool:
        return self.minutes_marking == Marking.OFFICIAL_SENSITIVE


class Attendance(models.Model):
    """Whether a member organisation was there, and who came for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    present = models.BooleanField(default=False)
    attendees = models.CharField("who came", max_length=300, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="attendance_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.meeting}"


class AgendaItemKind(models.TextChoices):
    MATTERS_ARISING = "matters_arising", _("Matters arising")
    EXCEPTIONS = "exceptions", _("Exceptions")
    OVERDUE = "overdue", _("Overdue actions")
    STALE = "stale", _("Stale actions")
    CHANGES = "changes", _("Changes since the last meeting")
    STANDING = "standing", _("Standing item")
    MEMBER = "member", _("Item added by a member")


# Drafted from the plan and the group; a member's own items are kept when it is drafted again.
DRAFTED_KINDS = [kind for kind in AgendaItemKind if kind != AgendaItemKind.MEMBER]


class AgendaItem(MarkedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=AgendaItemKind.choices)
    title = models.CharField(max_length=300)
    actions = models.ManyToManyField("plans.Action", related_name="+", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Decision(MarkedModel):
    """What the meeting decided; a decision that is a new action names the action it put in
    the plan (and the action's page names the meeting)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField("decision")
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreed_in",
    )
    # The sign-off of a plan: the decision that approved it (the plan's page shows it).
    approves_plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approvals",
        verbose_name=_("plan approved"),
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:120]
