"""The partnership's statutory duties beside its plan (issue 25). First, ASB Case Reviews
(the Community Trigger: Anti-social Behaviour, Crime and Policing Act 2014, s.104 and
Schedule 4): the register of applications, the threshold decision, the review and its
recommendations, each recommendation an action of the plan. The applicant's details are held
apart (CaseReviewApplicant), OFFICIAL-SENSITIVE, and deleted once their retention date has
passed. What the law asks to be published, the year's four figures, is computed from the
register (selectors.asb_figures) and never names anyone."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import MarkedModel, Marking, TimeStampedModel
from saferplan.core.quarters import Quarter

from . import figures


class HowReceived(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    ONLINE = "online", _("Online form")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")
    REPRESENTATIVE = "representative", _("Through another agency or a representative")


class CaseReview(MarkedModel, TimeStampedModel):
    """One application for an ASB Case Review and what became of it. OFFICIAL-SENSITIVE by
    default: its reasons and outcome describe a person's experience of anti-social
    behaviour."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="case_reviews"
    )
    reference = models.CharField(max_length=50)
    received_on = models.DateField("application received")
    received_how = models.CharField("how it was received", max_length=20, choices=HowReceived)
    # The partnership's local threshold as applied to this application (the Act's default
    # is three qualifying complaints in six months, s.104(4); it may be set lower locally).
    threshold = models.CharField("threshold applied", max_length=300)
    threshold_met = models.BooleanField(null=True, blank=True)  # None: not decided yet
    threshold_decided_on = models.DateField("threshold decided", null=True, blank=True)
    threshold_reason = models.TextField("why the threshold was or was not met", blank=True)
    review_held_on = models.DateField("review meeting", null=True, blank=True)
    agencies = models.TextField("agencies at the review", blank=True)
    independent_chair = models.CharField(max_length=200, blank=True)
    outcome = models.TextField(blank=True)
    marking = models.CharField(
        max_length=20, choices=Marking.choices, default=Marking.OFFICIAL_SENSITIVE
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="case_review_reference_once"
            ),
            models.CheckConstraint(
                condition=Q(threshold_met__isnull=True) | Q(threshold_decided_on__isnull=False),
                name="case_review_threshold_decided_on_a_day",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class CaseReviewApplicant(models.Model):
    """Who applied, held apart from the case and always OFFICIAL-SENSITIVE: only those who
    run the reviews read it, and it is deleted once `retain_until` has passed (the
    partnership's retention schedule), leaving the case and its figures."""

    case_review = models.OneToOneField(
        CaseReview, on_delete=models.CASCADE, related_name="applicant"
    )
    name = models.CharField(max_length=200)
    contact = models.TextField("address and contact details", blank=True)
    notes = models.TextField("vulnerability and support needs", blank=True)
    retain_until = models.DateField("keep the details until")

    def __str__(self) -> str:
        return f"The applicant of {self.case_review}"


class CaseReviewRecommendation(MarkedModel, TimeStampedModel):
    """A recommendation of the review: tracked as an action of the partnership's plan. Its
    marking is never below its case's (services.recommendation_add)."""

    case_review = models.ForeignKey(
        CaseReview, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField("recommendation")
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_review_recommendations",
    )
    marking = models.CharField(
        max_length=20, choices=Marking.choices, default=Marking.OFFICIAL_SENSITIVE
    )

    class Meta:
        ordering = ["case_review", "pk"]

    def __str__(self) -> str:
        return f"{self.case_review}: recommendation {self.pk}"


class Register(models.TextChoices):
    """The restricted registers: read only by the partnership's coordinators and the members
    they name (RegisterAccess)."""

    ASB_CASE_REVIEWS = "asb_case_reviews", _("ASB Case Reviews")
    DEATH_REVIEWS = "death_reviews", _("Domestic Abuse Related Death Reviews")
    PREVENT = "prevent", _("Counter-terrorism local profiles")


class RegisterAccess(models.Model):
    """A member named by a coordinator to run a restricted register with them (the council's
    ASB officer, say). Access ends when the person leaves the partnership."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="register_access"
    )
    register = models.CharField(max_length=30, choices=Register)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="register_access"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "register", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "register", "user"], name="register_access_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_register_display()})"


class CaseReviewTimescales(TimeStampedModel):
    """The partnership's own timescales for an ASB Case Review, as its published review
    procedures set them (s.104(2)). The Act sets no time limit; procedures count in working
    days (Gosport: a decision within 15 working days, a meeting within 20 working days of
    it). Unset, a case shows no deadline rather than one saferplan made up."""

    partnership = models.OneToOneField(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="case_review_timescales",
    )
    decision_days = models.PositiveSmallIntegerField(
        "threshold decision within (working days of the application)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    review_days = models.PositiveSmallIntegerField(
        "review held within (working days of the threshold decision)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    def __str__(self) -> str:
        return f"ASB Case Review timescales of {self.partnership}"


class PublishedAsbFigures(TimeStampedModel):
    """A year's four figures as a coordinator published them (s.104: at least every 12
    months): a snapshot, so the published plan says what was issued, not whatever the register
    says today. Counts and the notes that qualified them, nothing that names anyone. Published
    again, the year's figures are replaced (audited)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="published_asb_figures"
    )
    year = models.PositiveSmallIntegerField()  # the financial year starting in April of it
    applications = models.PositiveIntegerField()
    threshold_not_met = models.PositiveIntegerField()
    reviews = models.PositiveIntegerField()
    with_recommendations = models.PositiveIntegerField()
    # What qualified the figures when published (duties/figures.py says it).
    undecided = models.PositiveIntegerField(default=0)
    awaiting_review = models.PositiveIntegerField(default=0)
    published_on = models.DateField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"], name="asb_figures_published_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"ASB Case Review figures {self.year} of {self.partnership}"

    @property
    def label(self) -> str:
        return Quarter(self.year, 1).financial_year

    @property
    def notes(self) -> list[str]:
        return figures.notes(
            applications=self.applications,
            undecided=self.undecided,
            awaiting_review=self.awaiting_review,
            as_of=None,  # only a year that is over is published
        )


class DeathReview(MarkedModel, TimeStampedModel):
    """A Domestic Abuse Related Death Review (until 2024 a Domestic Homicide Review: Domestic
    Violence, Crime and Victims Act 2004, s.9): from the notification of a death, through the
    decision to commission a review, its independent chair and the Home Office's quality
    assurance panel, to publication. OFFICIAL-SENSITIVE, and read only by the coordinators and
    the members they name. Once published, its public name, the report's address and (when the
    coordinator publishes them) its recommendations and their progress go on the published
    plan; nothing else of it ever does."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="death_reviews"
    )
    reference = models.CharField(max_length=50)
    notified_on = models.DateField("notification received")
    commissioned = models.BooleanField(null=True, blank=True)  # None: not decided yet
    decided_on = models.DateField("decision made", null=True, blank=True)
    decision_reason = models.TextField("the reasons for the decision", blank=True)
    chair = models.CharField("independent chair", max_length=200, blank=True)
    qa_submitted_on = models.DateField(
        "sent to the Home Office quality assurance panel", null=True, blank=True
    )
    qa_panel_on = models.DateField("considered by the panel", null=True, blank=True)
    qa_approved_on = models.DateField("approved for publication", null=True, blank=True)
    # What the public reads once the review is published: the report's name (its pseudonym,
    # "Adult A"), the day and where.
    public_name = models.CharField("name of the published report", max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    report_url = models.URLField(
        "address of the published report",
        blank=True,
        validators=[URLValidator(schemes=["https"])],
    )
    recommendations_public = models.BooleanField(default=False)
    marking = models.CharField(
        max_length=20, choices=Marking.choices, default=Marking.OFFICIAL_SENSITIVE
    )

    class Meta:
        ordering = ["-notified_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="death_review_reference_once"
            ),
            models.CheckConstraint(
                condition=Q(commissioned__isnull=True) | Q(decided_on__isnull=False),
                name="death_review_decided_on_a_day",
            ),
            # Published only after the Home Office panel approved it; recommendations public
            # only once the review is.
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(qa_approved_on__isnull=False),
                name="death_review_published_after_approval",
            ),
            models.CheckConstraint(
                condition=Q(recommendations_public=False) | Q(published_on__isnull=False),
                name="death_review_recommendations_public_once_published",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(commissioned=True),
                name="death_review_published_only_when_commissioned",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class DeathReviewRecommendation(MarkedModel, TimeStampedModel):
    """A recommendation of the review's action plan, tracked as an action of the plan.
    OFFICIAL-SENSITIVE until the coordinator publishes the published review's
    recommendations (services.death_review_recommendations_publish)."""

    review = models.ForeignKey(
        DeathReview, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField("recommendation")
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="death_review_recommendations",
    )
    marking = models.CharField(
        max_length=20, choices=Marking.choices, default=Marking.OFFICIAL_SENSITIVE
    )

    class Meta:
        ordering = ["review", "pk"]

    def __str__(self) -> str:
        return f"{self.review}: recommendation {self.pk}"


class SeriousViolenceDuty(TimeStampedModel):
    """What the Serious Violence Duty (Police, Crime, Sentencing and Courts Act 2022, Part 2)
    asks of the partnership beside its two plans (PlanKind.SERIOUS_VIOLENCE_NEEDS and
    SERIOUS_VIOLENCE_STRATEGY): the local definition of serious violence, agreed by the
    partners, and the strategy reviewed each year (the Home Office's statutory guidance)."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="serious_violence_duty"
    )
    local_definition = models.TextField("local definition of serious violence", blank=True)
    definition_agreed_on = models.DateField("definition agreed", null=True, blank=True)
    strategy_reviewed_on = models.DateField("strategy last reviewed", null=True, blank=True)

    def __str__(self) -> str:
        return f"Serious Violence Duty of {self.partnership}"

    @property
    def review_due(self):
        """A year after the strategy was last reviewed (None: never reviewed)."""
        reviewed = self.strategy_reviewed_on
        if reviewed is None:
            return None
        try:
            return reviewed.replace(year=reviewed.year + 1)
        except ValueError:  # 29 February
            return reviewed.replace(year=reviewed.year + 1, day=28)


class CounterTerrorismProfile(MarkedModel, TimeStampedModel):
    """The receipt of the county's counter-terrorism local profile (CTLP) for Prevent: when
    it came, from whom and where it is held. Never the profile itself: it stays on the
    police's or the council's secure systems. Always OFFICIAL-SENSITIVE, read only by the
    coordinators and the members they name (Register.PREVENT)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="ct_profiles"
    )
    title = models.CharField(max_length=200)
    received_on = models.DateField("received")
    provided_by = models.CharField(max_length=200)
    held_where = models.CharField("where it is held", max_length=300)
    briefed_on = models.DateField("partners briefed", null=True, blank=True)
    marking = models.CharField(
        max_length=20, choices=Marking.choices, default=Marking.OFFICIAL_SENSITIVE
    )

    class Meta:
        ordering = ["partnership", "-received_on", "-pk"]

    def __str__(self) -> str:
        return self.title
