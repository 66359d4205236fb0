"""A plan and its structure: aims, numbered priorities, objectives, the RAG wording."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import TimeStampedModel

from ..querysets import PlanQuerySet
from .choices import PUBLIC_KINDS, PlanKind, PlanStatus, RagRating


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
        help_text=_("The partnership plan this annual action plan delivers."),
    )
    period_start = models.DateField("start of period")
    period_end = models.DateField("end of period")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    introduction = models.TextField(blank=True)
    pcc_alignment = models.TextField(
        "alignment to the Police and Crime Commissioner's priorities", blank=True
    )
    # A narrative plan's own sections (imports/sections.py), published with the plan like its
    # introduction. Paragraphs are apart by a blank line.
    plain_summary = models.TextField(
        "the plan in brief",
        blank=True,
        help_text=_("A summary in plain language (easy read): short sentences and everyday words."),
    )
    foreword = models.TextField(blank=True)
    foreword_signatory = models.TextField(
        "who signed the foreword", blank=True, help_text=_("For example Cllr Jane Smith, Chair")
    )
    # The signatory's photograph, shown beside the foreword (attachments: checked, drawn
    # again without its metadata), and the words a screen reader reads for it.
    foreword_photo = models.ForeignKey(
        "attachments.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    foreword_photo_alt = models.CharField(
        "description of the photograph",
        max_length=250,
        blank=True,
        help_text=_("What a screen reader says instead of the photograph."),
    )
    about_partnership = models.TextField(
        "about the partnership",
        blank=True,
        help_text=_(
            "Who the partnership is and how it works. The published plan lists its "
            "groups and member organisations beneath."
        ),
    )
    legislation = models.TextField(blank=True)
    assessment_findings = models.TextField("strategic assessment findings", blank=True)
    monitoring = models.TextField("monitoring and review", blank=True)
    definitions = models.TextField(blank=True)
    language_notice = models.TextField("other languages and formats", blank=True)
    publish_updates = models.BooleanField(
        "show progress updates on the published plan",
        default=False,
        help_text=_(
            "Progress updates are for the partnership unless the coordinator chooses to "
            "publish them. OFFICIAL-SENSITIVE updates are never published."
        ),
    )
    # The regulations ask the partnership to send its plan to the Police and Crime
    # Commissioner: the day it did, for the plan's sign-off.
    sent_to_pcc_on = models.DateField(
        "sent to the Police and Crime Commissioner on", null=True, blank=True
    )
    stale_after_days = models.PositiveIntegerField(
        "days without an update before an action is stale",
        default=90,
        help_text=_("An open action with no update for this many days is flagged as stale."),
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text=_("Last year's action plan, when this one was created by the annual refresh."),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        help_text=_(
            "Next year's action plan, made from this one by the annual refresh, that "
            "replaces it: this plan is no longer current, and it is superseded when that one is "
            "published."
        ),
    )
    # Raised in the same transaction as every change to what the plan's pages show (see
    # plans.cache): cached renderings are keyed on it, so they can never outlive a change.
    content_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = PlanQuerySet.as_manager()

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

    @property
    def is_public(self) -> bool:
        """The public may read it (plans.querysets._plan_is_public, for one plan)."""
        return self.status == PlanStatus.PUBLISHED and self.kind in PUBLIC_KINDS


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


class DefaultRagDefinition(models.Model):
    """The installation's wording for one RAG colour, where a partnership has none of its
    own: reference data (plans/reference_data/default_rag_definitions.yaml, seed 000's key),
    which an administrator may reword."""

    rating = models.CharField(max_length=10, choices=RagRating.choices, unique=True)
    definition = models.CharField(max_length=300)

    class Meta:
        verbose_name = "default RAG definition"

    def __str__(self) -> str:
        return f"{self.get_rating_display()}: {self.definition}"


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
        help_text=_("A theme that runs through the other priorities."),
    )
    desired_outcomes = models.TextField("desired outcomes and measures of success", blank=True)
    # Who answers for the priority to the board: a member who uses saferplan (the weekly
    # digest chases them for its stale actions) or a person named as the plan writes them,
    # and the organisation they lead it for.
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_priorities",
        verbose_name=_("lead (saferplan user)"),
    )
    lead_name = models.CharField(
        "named lead",
        max_length=150,
        blank=True,
        help_text=_("A person, who need not use saferplan."),
    )
    lead_organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_priorities",
        verbose_name=_("lead organisation"),
    )
    pcc_priorities = models.ManyToManyField(
        "partnerships.PccPriority",
        related_name="aligned_priorities",
        blank=True,
        verbose_name=_("Police and Crime Commissioner's priorities it serves"),
    )

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

    @property
    def lead_person(self) -> str:
        """The lead's name: the member's, or the person the plan names."""
        return self.lead_user.full_name if self.lead_user else self.lead_name

    @property
    def lead(self) -> str:
        """Who leads it, as a board paper writes it: "Insp Khan, Hertfordshire Constabulary"."""
        organisation = self.lead_organisation.name if self.lead_organisation else ""
        return ", ".join(part for part in (self.lead_person, organisation) if part)


class Objective(TimeStampedModel):
    """The seeds' "Issue" (003), "Objective" with a JAG ref (004) or "theme" (001)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    ref = models.CharField("reference", max_length=20, blank=True, help_text=_("For example 1.1"))
    title = models.TextField()
    target_indicator = models.TextField("target and performance indicator", blank=True)
    desired_outcomes = models.TextField("desired outcomes and measures of success", blank=True)
    lead_groups = models.ManyToManyField(
        "partnerships.Group",
        related_name="led_objectives",
        blank=True,
        verbose_name=_("lead action groups"),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["priority", "position", "id"]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}".strip()
