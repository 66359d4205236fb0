"""Dated progress updates and the RAG history of actions, objectives and priorities."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saferplan.core import clock
from saferplan.core.models import Marking
from saferplan.core.quarters import Quarter

from ..querysets import ActionStatusChangeQuerySet, RagChangeQuerySet, UpdateQuerySet
from .actions import Action
from .choices import ActionStatus, RagRating
from .plans import Objective, Priority


def financial_quarter(day: datetime.date) -> tuple[int, int]:
    """(financial year starting, quarter) for a date: Q1 is April to June (core.quarters)."""
    quarter = Quarter.of(day)
    return quarter.year, quarter.number


class Update(models.Model):
    """A dated progress note on an action. Append-only: a correction is a new update that
    supersedes the old one, which stays in the history."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    described_on = models.DateField(
        "date of the progress", help_text=_("The date the update describes, not when it was typed.")
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="updates",
    )
    author_name = models.CharField(max_length=150, blank=True)
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    created_at = models.DateTimeField(auto_now_add=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    date_is_estimated = models.BooleanField(
        default=False,
        help_text=_("The source gave no date; the quarter's or plan's date was used."),
    )
    # Evidence the update refers to ("Attached email shows the improvements", seed 003), each
    # file with its own marking, never less than the update's.
    attachments = models.ManyToManyField("attachments.Attachment", related_name="+", blank=True)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-described_on", "-id"]
        indexes = [
            models.Index(fields=["action", "-described_on", "-id"], name="update_action_latest")
        ]

    def __str__(self) -> str:
        return f"{self.described_on:%d/%m/%Y}: {self.text[:80]}"

    @property
    def is_sensitive(self) -> bool:
        return self.marking == Marking.OFFICIAL_SENSITIVE

    @property
    def quarter(self) -> int:
        return financial_quarter(self.described_on)[1]


class RagChange(models.Model):
    """One RAG rating given to an action, or an override of an objective's or priority's
    rolled-up rating. Never edited: the current rating is the latest row. An override row
    with no rating means "back to the rolled-up rating"."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="rag_changes"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="rag_changes"
    )
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, null=True, blank=True, related_name="rag_changes"
    )
    rating = models.CharField(max_length=10, choices=RagRating.choices, blank=True)
    reason = models.TextField()
    # The reason's marking: that of the update it was given with, or of its action. An
    # OFFICIAL-SENSITIVE reason is treated like a sensitive update: members only.
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_by_name = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    # The day the rating describes: that of the update it was given with, or of the document
    # it was read from; the day it was given otherwise. The board report's "rating in force
    # at the period's end" reads it (RagChangeQuerySet.in_force_on), not changed_at, so that
    # history brought in today still says when it was true.
    rated_on = models.DateField("rated as of", default=clock.today)

    objects = RagChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(action__isnull=False, objective__isnull=True, priority__isnull=True)
                    | Q(action__isnull=True, objective__isnull=False, priority__isnull=True)
                    | Q(action__isnull=True, objective__isnull=True, priority__isnull=False)
                ),
                name="rag_change_has_one_subject",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="rag_change_needs_reason"),
            models.CheckConstraint(
                condition=Q(action__isnull=True) | ~Q(rating=""),
                name="rag_change_action_needs_rating",
            ),
        ]
        indexes = [models.Index(fields=["action", "-changed_at", "-id"], name="rag_action_latest")]

    def __str__(self) -> str:
        return f"{self.get_rating_display() or 'Roll-up'} – {self.reason[:60]}"

    @property
    def is_sensitive(self) -> bool:
        return self.marking == Marking.OFFICIAL_SENSITIVE or (
            self.action is not None and self.action.is_sensitive
        )


class ActionStatusChange(models.Model):
    """One status given to an action (not started, in progress, complete, discharged), kept so
    that a board report shows the status each action had at its period's end, as it shows
    the rating (ActionStatusChangeQuerySet.in_force_on). Written with every change of
    Action.status by the plans services; never edited. The reason stays on the action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    # The day the status describes: that of the update it was given with, or of the document
    # it was read from; the day it was given otherwise.
    changed_on = models.DateField("status as of", default=clock.today)
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ActionStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [
            models.Index(fields=["action", "-changed_at", "-id"], name="status_action_latest")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} as of {self.changed_on:%d/%m/%Y}"
