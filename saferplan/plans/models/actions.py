"""Actions: what the partnership will do, who owns it, and its marking."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import Marking, TimeStampedModel

from ..querysets import ActionQuerySet
from .choices import OPEN_STATUSES, ActionStatus
from .plans import Objective, Priority

if TYPE_CHECKING:
    from saferplan.partnerships.models import Group, Organisation, Partnership


class Action(TimeStampedModel):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    title = models.TextField("action")
    owner_text = models.CharField(
        "owner as written",
        max_length=300,
        blank=True,
        help_text=_("The owner exactly as the plan names it."),
    )
    owner_organisations = models.ManyToManyField(
        "partnerships.Organisation",
        related_name="owned_actions",
        blank=True,
        verbose_name=_("owner organisations"),
    )
    owner_groups = models.ManyToManyField(
        "partnerships.Group",
        related_name="owned_actions",
        blank=True,
        verbose_name=_("owner groups"),
    )
    owner_name = models.CharField(
        "named owner",
        max_length=150,
        blank=True,
        help_text=_("A person, who may not use saferplan."),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owner (saferplan user)"),
    )
    joint_partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        related_name="joint_actions",
        blank=True,
        verbose_name=_("joint with"),
        help_text=_("Other partnerships that own this action with the plan's partnership."),
    )
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    status_reason = models.TextField("reason for the status", blank=True)
    # A reason typed with an OFFICIAL-SENSITIVE update is as sensitive as the update, even
    # on an ordinary action (`<field>_marking` marks the field before it).
    status_reason_marking = models.CharField(
        "marking of the reason for the status",
        max_length=20,
        choices=Marking.choices,
        default=Marking.OFFICIAL,
    )
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text=_("The same action in last year's plan, with its history."),
    )
    position = models.PositiveIntegerField(default=0)
    # Optimistic locking: a save that does not carry the version it started from is a
    # conflict shown to the user, never a silent overwrite.
    version = models.PositiveIntegerField(default=1)

    objects = ActionQuerySet.as_manager()

    # Annotated by ActionQuerySet.with_progress(), not database columns. What a page works
    # out for an action (its flags, the updates it shows) is kept beside it, in
    # plans.listed.ListedAction, never set on the model.
    current_rag: str | None
    current_rag_id: int | None
    last_update_on: datetime.date | None

    class Meta:
        ordering = ["priority", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DISCHARGED) | ~Q(status_reason=""),
                name="action_discharged_needs_reason",
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
                name="action_due_after_start",
            ),
        ]
        indexes = [models.Index(fields=["owner_user", "status"], name="action_owner_status")]

    def __str__(self) -> str:
        return self.title[:120]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    # The owners as lists (prefetched where a page asked: plans.selectors.owners.with_owners()).
    @property
    def owner_organisation_items(self) -> list["Organisation"]:
        return list(self.owner_organisations.all())

    @property
    def owner_group_items(self) -> list["Group"]:
        return list(self.owner_groups.all())

    @property
    def joint_partnership_items(self) -> list["Partnership"]:
        return list(self.joint_partnerships.all())

    @property
    def is_sensitive(self) -> bool:
        return self.marking == Marking.OFFICIAL_SENSITIVE

    @property
    def status_reason_is_sensitive(self) -> bool:
        return self.is_sensitive or self.status_reason_marking == Marking.OFFICIAL_SENSITIVE


def stricter_marking(*markings: str) -> str:
    """The most protective of the markings: text written beside sensitive material is
    sensitive too."""
    if Marking.OFFICIAL_SENSITIVE in markings:
        return Marking.OFFICIAL_SENSITIVE
    return Marking.OFFICIAL


def reason_is_public(*, marking: str, publishes_progress: bool) -> bool:
    """May the public read a rating's reason? Only where the plan publishes its progress, and
    never one marked OFFICIAL-SENSITIVE. The one rule for the API, open data and any page."""
    return publishes_progress and marking != Marking.OFFICIAL_SENSITIVE
