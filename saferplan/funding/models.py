"""The money behind the plan: grants and budgets (the Police and Crime Commissioner's
community safety fund, Safer Streets, Serious Violence Duty funding, the council's own), the
actions each pays for with the sum allocated to each, and the spend recorded per action per
financial quarter. What is spent against what was allocated is computed from the spend,
never stored (funding.selectors)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import TimeStampedModel


class GrantKind(models.TextChoices):
    PCC_FUND = "pcc", _("Police and Crime Commissioner's community safety fund")
    SAFER_STREETS = "safer_streets", _("Safer Streets Fund")
    SERIOUS_VIOLENCE = "serious_violence", _("Serious Violence Duty funding")
    COUNCIL = "council", _("The council's own budget")
    OTHER = "other", _("Other grant or budget")


class Grant(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="grants"
    )
    name = models.CharField(
        max_length=200, help_text=_("As the partnership calls it, for example Safer Streets 5.")
    )
    kind = models.CharField("kind of funding", max_length=20, choices=GrantKind.choices)
    funder = models.CharField(
        max_length=200,
        help_text=_(
            "Who gives the money, for example the Office of the Police and Crime Commissioner."
        ),
    )
    reference = models.CharField("funder's reference", max_length=100, blank=True)
    amount = models.DecimalField(
        "amount awarded (£)",
        validators=[MinValueValidator(Decimal("0.01"))],
        max_digits=12,
        decimal_places=2,
    )
    starts_on = models.DateField("start of the grant's period")
    ends_on = models.DateField("end of the grant's period")
    conditions = models.TextField(
        blank=True,
        help_text=_(
            "What the funder asks: what the money may pay for, when returns are due, what "
            "happens to an underspend. The monitoring return repeats them to the funder."
        ),
    )
    underspend_tolerance = models.PositiveSmallIntegerField(
        "underspend tolerance (%)",
        default=20,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "How far behind an even spend across the grant's quarters counts as underspend, "
            "as a percentage of what should have been spent by then."
        ),
    )
    # The grant agreement, the offer letter: each file with its own marking, never public.
    files = models.ManyToManyField("attachments.Attachment", related_name="+", blank=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="grant_name_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="grant_period_order"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Allocation(models.Model):
    """The part of a grant given to one action of the plan."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="allocations")
    # An action deleted (a draft plan replaced by a new import) leaves the money recorded
    # against it: the allocation and its spend stay, shown as an action no longer in the plan.
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocations",
    )
    amount = models.DecimalField(
        "amount allocated (£)",
        validators=[MinValueValidator(Decimal("0.01"))],
        max_digits=12,
        decimal_places=2,
    )

    class Meta:
        ordering = ["grant", "action__priority__number", "action__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "action"], name="allocation_once_per_action"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.grant}: {self.action or 'an action no longer in the plan'}"


class Spend(models.Model):
    """What was spent on one action from one grant in one financial quarter (Q1 is April
    to June). A quarter with no row is not recorded, which is not the same as nothing spent:
    0 is recorded as 0."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="spend")
    year = models.PositiveSmallIntegerField("financial year starting")
    quarter = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    amount = models.DecimalField(
        "amount spent (£)",
        validators=[MinValueValidator(Decimal("0"))],
        max_digits=12,
        decimal_places=2,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["allocation", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "year", "quarter"], name="spend_once_per_quarter"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spend_not_negative"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="spend_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.year}-{str(self.year + 1)[-2:]}: £{self.amount}"


# What a quarter's report holds, as the spend page asks for it and the audit log records it.
REPORT_FIELDS = ("variance", "forecast", "signed_off_by", "signed_off_role", "signed_off_on")


class QuarterReport(models.Model):
    """What the coordinator tells the funder about a quarter beside the figures, as returns
    ask (docs/research/monitoring-returns.md): why spend differs from the profile, the
    spend forecast by the grant's end, and who signed the return off. It goes to the funder
    with the return, so it never holds anything OFFICIAL-SENSITIVE."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="quarter_reports")
    year = models.PositiveSmallIntegerField("financial year starting")
    quarter = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    variance = models.TextField("why spend differs from the profile", blank=True)
    forecast = models.DecimalField(
        "forecast spend by the grant's end (£)",
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        max_digits=12,
        decimal_places=2,
    )
    signed_off_by = models.CharField("signed off by", max_length=200, blank=True)
    signed_off_role = models.CharField("role of the person signing off", max_length=200, blank=True)
    signed_off_on = models.DateField("date signed off", null=True, blank=True)

    class Meta:
        ordering = ["grant", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "year", "quarter"], name="quarter_report_once_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(forecast__isnull=True) | Q(forecast__gte=0),
                name="quarter_report_forecast_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant}: Q{self.quarter} {self.year}-{str(self.year + 1)[-2:]}"
