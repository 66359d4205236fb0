"""Plans, priorities, objectives, actions, dated updates and RAG history.

The shapes come from the seed documents: a strategic plan has aims and numbered priorities
(some cross-cutting); an annual action plan belongs to a strategic plan; a priority holds
objectives (the seeds' "Issue" or "theme", with a JAG ref such as 1.1 and a target &
performance indicator) and actions; actions carry dated updates and a RAG history.
"""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from saferplan.core.models import Marking, TimeStampedModel

if TYPE_CHECKING:
    from saferplan.partnerships.models import Group, Organisation, Partnership
    from saferplan.plans.selectors import ActionFlags


class PlanKind(models.TextChoices):
    STRATEGIC = "strategic", "Partnership plan (strategic)"
    ACTION = "action", "Action plan (annual)"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Plan(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="plans"
    )
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    title = models.CharField(max_length=250)
    strategic_plan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        limit_choices_to={"kind": PlanKind.STRATEGIC},
        help_text="The partnership plan this annual action plan delivers.",
    )
    period_start = models.DateField("start of period")
    period_end = models.DateField("end of period")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    introduction = models.TextField(blank=True)
    pcc_alignment = models.TextField(
        "alignment to the Police and Crime Commissioner's priorities", blank=True
    )
    publish_updates = models.BooleanField(
        "show progress updates on the published plan",
        default=False,
        help_text="Progress updates are for the partnership unless the coordinator chooses to "
        "publish them. OFFICIAL-SENSITIVE updates are never published.",
    )
    stale_after_days = models.PositiveIntegerField(
        "days without an update before an action is stale",
        default=90,
        help_text="An open action with no update for this many days is flagged as stale.",
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text="Last year's action plan, when this one was created by the annual refresh.",
    )
    # Raised in the same transaction as every change to what the plan's pages show (see
    # plans.cache): cached renderings are keyed on it, so they can never outlive a change.
    content_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="plan_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(stale_after_days__gte=1), name="plan_stale_after_positive"
            ),
            models.CheckConstraint(
                condition=Q(kind=PlanKind.ACTION) | Q(strategic_plan__isnull=True),
                name="plan_only_action_plans_have_strategic_plan",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Aim(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="aims")
    number = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="aim_number_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.text


class RagRating(models.TextChoices):
    """The four-colour key of seed 000. Always shown with its word, never by colour alone."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    WHITE = "white", "White"


# Seed 000 (Three Rivers 2021-24): the installation's default RAG key.
DEFAULT_RAG_DEFINITIONS = {
    RagRating.RED: "Progress or delivery well below target",
    RagRating.AMBER: "Progress or delivery slightly below target",
    RagRating.GREEN: "Progress on or ahead of schedule and on track to deliver as planned",
    RagRating.WHITE: "Delivery or work not started",
}


class RagDefinition(models.Model):
    """A partnership's wording for one RAG colour; the defaults apply where it has none."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="rag_definitions"
    )
    rating = models.CharField(max_length=10, choices=RagRating.choices)
    definition = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "rating"], name="rag_definition_one_per_colour"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()}: {self.definition}"


class Priority(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    is_cross_cutting = models.BooleanField(
        "cross-cutting theme",
        default=False,
        help_text="A theme that runs through the other priorities.",
    )
    desired_outcomes = models.TextField("desired outcomes and measures of success", blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="priority_number_unique_in_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Objective(TimeStampedModel):
    """The seeds' "Issue" (003), "Objective" with a JAG ref (004) or "theme" (001)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    ref = models.CharField("reference", max_length=20, blank=True, help_text="For example 1.1")
    title = models.TextField()
    target_indicator = models.TextField("target and performance indicator", blank=True)
    desired_outcomes = models.TextField("desired outcomes and measures of success", blank=True)
    lead_groups = models.ManyToManyField(
        "partnerships.Group",
        related_name="led_objectives",
        blank=True,
        verbose_name="lead action groups",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["priority", "position", "id"]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}".strip()


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    DISCHARGED = "discharged", "Discharged"


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


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
        help_text="The owner exactly as the plan names it.",
    )
    owner_organisations = models.ManyToManyField(
        "partnerships.Organisation",
        related_name="owned_actions",
        blank=True,
        verbose_name="owner organisations",
    )
    owner_groups = models.ManyToManyField(
        "partnerships.Group", related_name="owned_actions", blank=True, verbose_name="owner groups"
    )
    owner_name = models.CharField(
        "named owner", max_length=150, blank=True, help_text="A person, who may not use saferplan."
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name="owner (saferplan user)",
    )
    joint_partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        related_name="joint_actions",
        blank=True,
        verbose_name="joint with",
        help_text="Other partnerships that own this action with the plan's partnership.",
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
        help_text="The same action in last year's plan, with its history.",
    )
    position = models.PositiveIntegerField(default=0)
    # Optimistic locking: a save that does not carry the version it started from is a
    # conflict shown to the user, never a silent overwrite.
    version = models.PositiveIntegerField(default=1)

    # Set by plans.selectors for pages (annotations and flags), not database columns.
    current_rag: str | None
    current_rag_id: int | None
    last_update_on: datetime.date | None
    shown_updates: list["Update"]
    flags: "ActionFlags"
    quarter_columns: list[list["Update"]]
    owner_organisation_list: list["Organisation"]
    owner_group_list: list["Group"]
    joint_partnership_list: list["Partnership"]
    viewed_from: "Partnership"

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

    # The owners as lists: the selectors' prefetched ones when there are, else from the database.
    @property
    def owner_organisation_items(self) -> list["Organisation"]:
        if hasattr(self, "owner_organisation_list"):
            return self.owner_organisation_list
        return list(self.owner_organisations.all())

    @property
    def owner_group_items(self) -> list["Group"]:
        if hasattr(self, "owner_group_list"):
            return self.owner_group_list
        return list(self.owner_groups.all())

    @property
    def joint_partnership_items(self) -> list["Partnership"]:
        if hasattr(self, "joint_partnership_list"):
            return self.joint_partnership_list
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


def financial_quarter(day: datetime.date) -> tuple[int, int]:
    """(financial year starting, quarter) for a date: Q1 is April to June."""
    if day.month >= 4:
        return day.year, (day.month - 4) // 3 + 1
    return day.year - 1, 4


class Update(models.Model):
    """A dated progress note on an action. Append-only: a correction is a new update that
    supersedes the old one, which stays in the history."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    described_on = models.DateField(
        "date of the progress", help_text="The date the update describes, not when it was typed."
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
        default=False, help_text="The source gave no date; the quarter's or plan's date was used."
    )

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


class RagChangeQuerySet(models.QuerySet):
    def not_sensitive(self) -> "RagChangeQuerySet":
        """Ratings whose reason may be shown outside the owning partnership(s)."""
        return self.exclude(marking=Marking.OFFICIAL_SENSITIVE).exclude(
            action__marking=Marking.OFFICIAL_SENSITIVE
        )


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
