"""The strategic assessment: the yearly look at crime, disorder and substance misuse in the
partnership's area that the law asks for (Crime and Disorder (Formulation and Implementation
of Strategy) Regulations 2007) and that the partnership plan's priorities are set from.

An assessment covers a period, compared with another (the year before, by default); it keeps
the data it was drafted from (which police.uk months of which forces, which series and their
sources), its findings (a figure, its comparison, whether the change is more than chance,
its source and the sentence the board reads) and its top and emerging risks. It is a draft
until the board agrees it. A finding or a risk may be OFFICIAL-SENSITIVE: then only the
partnership's members ever see it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import MarkedModel, TimeStampedModel


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed by the board")


class StrategicAssessment(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="assessments"
    )
    title = models.CharField(max_length=200, help_text=_("For example Strategic Assessment 2022."))
    # The months assessed, and the months they are compared with.
    period_start = models.DateField()
    period_end = models.DateField()
    against_start = models.DateField()
    against_end = models.DateField()
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    # What the findings were drafted from, as it stood then (see services.rests_on).
    rests_on = models.JSONField(default=dict, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_on = models.DateField(null=True, blank=True)
    agreed_at = models.CharField(
        "where it was agreed",
        max_length=200,
        blank=True,
        help_text=_("For example the board meeting of 12 January 2023."),
    )
    # The decision of the meeting that agreed it, when it was recorded with one.
    agreed_in = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Once agreed, a coordinator may publish a summary of it on the published plan: the
    # summary below and what is OFFICIAL of its findings, risks and recommendations.
    summary = models.TextField(
        "published summary",
        blank=True,
        help_text=_("What the assessment tells the public, in a few paragraphs."),
    )
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What it was drawn from or sent with (the county's profile, a data annex, the paper the
    # board agreed), each with its own marking; for members only, never published.
    files = models.ManyToManyField("attachments.Attachment", related_name="+", blank=True)
    # The Serious Violence Duty's strategic needs assessment this assessment is the evidence
    # of (a plan of that kind, docs/adr/0036): many partnerships draw one from the other.
    serious_violence_needs = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="informed_by_assessments",
        limit_choices_to={"kind": "sv_needs"},
        verbose_name="the Serious Violence Duty's strategic needs assessment it informs",
    )

    class Meta:
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_agreed(self) -> bool:
        return self.status == AssessmentStatus.AGREED

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    def refuse_if_agreed(self) -> None:
        """What the board agreed is kept as it was: every change to it is refused."""
        if self.is_agreed:
            raise ValidationError(
                _("The board has agreed this assessment: it is kept as agreed. Draft a new one.")
            )


class Verdict(models.TextChoices):
    """Whether a change is more than chance (saferplan.crimedata.significance)."""

    RISE = "rise", _("Significant rise")
    FALL = "fall", _("Significant fall")
    NORMAL = "normal", _("Within normal variation")
    UNTESTED = "untested", _("Not tested")


class Finding(MarkedModel, TimeStampedModel):
    assessment = models.ForeignKey(
        StrategicAssessment, on_delete=models.CASCADE, related_name="findings"
    )
    position = models.PositiveIntegerField(default=0)
    # The police.uk category's slug or "series-<id>" it was drafted from; blank when written.
    key = models.CharField(max_length=60, blank=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40, blank=True)
    # All crime and ASB (or a series named so) lead the table, as in the county's (seed 002).
    top = models.BooleanField(default=False)
    current = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    previous = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, default=Verdict.UNTESTED)
    p_value = models.FloatField(null=True, blank=True)
    # The same months of earlier years, oldest first, as [label, count] (three years or
    # more, every one fully held; crimedata.history), and the count per 1,000 residents.
    history = models.JSONField(default=list, blank=True)
    rate = models.DecimalField(
        "per 1,000 residents", max_digits=10, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(max_length=300, blank=True)
    sentence = models.TextField(help_text=_("The finding as the board reads it."))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class RiskKind(models.TextChoices):
    TOP = "top", _("Top risk")
    EMERGING = "emerging", _("Emerging risk")


class Risk(MarkedModel, TimeStampedModel):
    assessment = models.ForeignKey(
        StrategicAssessment, on_delete=models.CASCADE, related_name="risks"
    )
    kind = models.CharField(max_length=10, choices=RiskKind.choices)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # Drafted from a sustained rise in the data (services.assessments), not typed.
    from_data = models.BooleanField(default=False)

    class Meta:
        ordering = ["assessment", "kind", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Recommendation(MarkedModel, TimeStampedModel):
    """What the assessment recommends the partnership does (a priority to keep or add, data
    to collect, a partner to bring in), in the order the board reads them."""

    assessment = models.ForeignKey(
        StrategicAssessment, on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField("recommendation")

    class Meta:
        ordering = ["assessment", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Criterion(models.TextChoices):
    """What the priority-setting matrix scores an issue on (matrix.py says how)."""

    VOLUME = "volume", _("Volume")
    TREND = "trend", _("Trend")
    HARM = "harm", _("Harm")
    CONCERN = "concern", _("Public concern")
    JUDGEMENT = "judgement", _("Partnership judgement")


class Candidate(MarkedModel, TimeStampedModel):
    """An issue the priority-setting matrix scores: a police.uk category or another series
    with its finding, or an issue the data does not count (exploitation, VAWG) added by
    the analyst."""

    assessment = models.ForeignKey(
        StrategicAssessment, on_delete=models.CASCADE, related_name="candidates"
    )
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=200)
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidates"
    )
    # The police.uk category whose harm weight applies (harm.py); blank for none.
    category = models.CharField(max_length=40, blank=True)
    concern_question = models.ForeignKey(
        "consultations.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A consultation's relevance question about this issue."),
    )
    concern_theme = models.ForeignKey(
        "consultations.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A theme of a consultation's free-text answers about this issue."),
    )

    class Meta:
        ordering = ["assessment", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class Score(MarkedModel, TimeStampedModel):
    """One criterion's score of a candidate: what the data suggests (and what that rests
    on), and the score the partnership gives, with its reason when it differs. Marked of its
    own: a reason may name what the issue's other texts do not (a group, a victim)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=10, choices=Criterion.choices)
    value = models.PositiveSmallIntegerField(null=True, blank=True)  # None: not scored yet
    suggested = models.PositiveSmallIntegerField(null=True, blank=True)
    basis = models.CharField(max_length=400, blank=True)
    # Why the partnership gave a score other than the suggestion ("reason" is the audit's).
    why = models.TextField(blank=True)

    class Meta:
        ordering = ["candidate", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "criterion"], name="one_score_each"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                name="score_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.get_criterion_display()} {self.value or '–'}"

    @property
    def overridden(self) -> bool:
        return self.value != self.suggested


class PriorityEvidence(MarkedModel, TimeStampedModel):
    """The link from a plan's priority to the assessment it was set from: the findings
    that justify it and the matrix's issue, shown on the priority's page."""

    priority = models.OneToOneField(
        "plans.Priority", on_delete=models.CASCADE, related_name="evidence"
    )
    assessment = models.ForeignKey(
        StrategicAssessment, on_delete=models.CASCADE, related_name="priority_links"
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    findings = models.ManyToManyField(Finding, blank=True, related_name="priority_links")
    note = models.TextField("why the evidence supports it", blank=True)

    class Meta:
        ordering = ["priority__plan", "priority__number", "pk"]

    def __str__(self) -> str:
        return f"{self.priority} ← {self.assessment}"


class PlanReview(MarkedModel, TimeStampedModel):
    """The yearly review of a plan (Plan-Do-Review-Revise, seed 001): what worked, what did
    not and what was learned. It feeds the next strategic assessment and the plan's refresh,
    both of which show it."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="review")
    reviewed_on = models.DateField("reviewed on")
    worked = models.TextField("what worked")
    did_not_work = models.TextField("what did not work", blank=True)
    lessons = models.TextField("lessons learned", blank=True)

    class Meta:
        ordering = ["-reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"Review of {self.plan}"
