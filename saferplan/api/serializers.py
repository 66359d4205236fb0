"""The API's JSON shapes. Field names follow the domain model and the open data guide
(docs/open-data.md); every date is ISO 8601; RAG ratings and statuses are their codes
(red, amber, green, white; not_started, in_progress, complete, discharged)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from saferplan.core.models import Marking
from saferplan.plans.models import ActionStatus, RagRating, reason_is_public


def _absolute(serializer, name: str, *args) -> str:
    request = serializer.context.get("request")
    path = reverse(name, args=args)
    return request.build_absolute_uri(path) if request else path


class PartnershipSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    districts = serializers.ListField(child=serializers.CharField())
    member = serializers.SerializerMethodField(
        help_text=_("Whether the caller is a member (and so reads its members' view).")
    )
    plans = serializers.SerializerMethodField(help_text=_("The address of its plans."))

    def get_member(self, partnership) -> bool:
        return partnership.pk in self.context.get("member_ids", set()) or self.context.get(
            "administrator", False
        )

    def get_plans(self, partnership) -> str:
        return _absolute(self, "api:partnership-plans", partnership.slug)


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partnership = serializers.CharField(source="partnership.slug")
    kind = serializers.CharField(help_text=_("strategic (partnership plan) or action (annual)"))
    title = serializers.CharField()
    status = serializers.CharField(help_text=_("draft, approved, published or archived"))
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    strategic_plan = serializers.IntegerField(source="strategic_plan_id", allow_null=True)
    introduction = serializers.CharField()
    publish_updates = serializers.BooleanField(
        help_text=_("Whether the public may read this plan's progress updates.")
    )
    priorities = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    def get_priorities(self, plan) -> str:
        return _absolute(self, "api:plan-priorities", plan.pk)

    def get_objectives(self, plan) -> str:
        return _absolute(self, "api:plan-objectives", plan.pk)

    def get_actions(self, plan) -> str:
        return _absolute(self, "api:plan-actions", plan.pk)


class PccPrioritySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    police_and_crime_plan = serializers.CharField(
        source="police_and_crime_plan.title", help_text=_("The title of the commissioner's plan.")
    )


class PrioritySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    is_cross_cutting = serializers.BooleanField()
    desired_outcomes = serializers.CharField()
    lead = serializers.SerializerMethodField(
        help_text=_(
            "Who leads the priority: a person and their organisation (members only; null "
            "for the public)."
        )
    )
    pcc_priorities = PccPrioritySerializer(
        many=True,
        help_text=_("The Police and Crime Commissioner's priorities this priority serves."),
    )

    def get_lead(self, priority) -> str | None:
        return None if self.context.get("public", True) else priority.lead


class ObjectiveSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    priority_number = serializers.IntegerField(source="priority.number")
    ref = serializers.CharField()
    title = serializers.CharField()
    target_indicator = serializers.CharField()
    desired_outcomes = serializers.CharField()


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.IntegerField(source="priority.plan_id")
    priority_number = serializers.IntegerField(source="priority.number")
    objective = serializers.IntegerField(source="objective_id", allow_null=True)
    title = serializers.CharField()
    owner = serializers.CharField(source="owner_text")
    owner_organisations = serializers.SerializerMethodField()
    start_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    rag = serializers.SerializerMethodField(help_text=_("The current rating; white when none."))
    rag_change_id = serializers.IntegerField(
        source="current_rag_id",
        allow_null=True,
        help_text=_("The current rating's id: send it back as expected_rag_change_id."),
    )
    latest_update_on = serializers.DateField(allow_null=True)
    marking = serializers.ChoiceField(choices=Marking.choices)
    updates = serializers.SerializerMethodField()
    rag_history = serializers.SerializerMethodField()

    def get_owner_organisations(self, action) -> list[str]:
        return [o.name for o in action.owner_organisations.all()]

    def get_rag(self, action) -> str:
        return action.current_rag or RagRating.WHITE

    def get_updates(self, action) -> str:
        return _absolute(self, "api:action-updates", action.pk)

    def get_rag_history(self, action) -> str:
        return _absolute(self, "api:action-rag-history", action.pk)


class UpdateSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    action = serializers.IntegerField(source="action_id", read_only=True)
    described_on = serializers.DateField(help_text=_("The date of the progress described."))
    text = serializers.CharField(help_text=_("What has happened."))
    marking = serializers.ChoiceField(choices=Marking.choices, default=Marking.OFFICIAL)
    author = serializers.CharField(source="author_name", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    supersedes = serializers.IntegerField(source="supersedes_id", read_only=True, allow_null=True)
    files = serializers.SerializerMethodField(
        help_text=_(
            "Files attached to the update, each with its marking and where to download it "
            "(members only: empty for the public)."
        )
    )

    def get_files(self, update) -> list[dict]:
        if self.context.get("public", True):
            return []
        return [
            {
                "name": file.name,
                "size": file.size,
                "marking": file.marking,
                "url": _absolute(self, "api:update-file", update.action_id, update.pk, file.pk),
            }
            for file in update.attachments.all()
        ]


class UpdateCreateSerializer(serializers.Serializer):
    """A dated progress update, and with it (optionally) a new RAG rating and its reason."""

    described_on = serializers.DateField(help_text=_("The date of the progress described."))
    text = serializers.CharField(help_text=_("What has happened."), max_length=20000)
    marking = serializers.ChoiceField(choices=Marking.choices, default=Marking.OFFICIAL)
    rag = serializers.ChoiceField(choices=RagRating.choices, required=False, allow_blank=True)
    rag_reason = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text=_("Needed when rag changes.")
    )
    expected_rag_change_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_(
            "The rag_change_id you read (null if the action had no rating): a rating set since then is a conflict (409)."
        ),
    )


class RagChangeSerializer(serializers.Serializer):
    """A rating. The public (callers who are not members) get the rating and its date only:
    the reason where the plan publishes its progress and the reason is not OFFICIAL-SENSITIVE
    (empty otherwise), and never the name of the member who gave it."""

    id = serializers.IntegerField()
    rating = serializers.CharField(help_text=_("red, amber, green or white"))
    reason = serializers.SerializerMethodField(
        help_text=_("Why; empty for the public where the reason is not published.")
    )
    changed_by = serializers.SerializerMethodField(
        help_text=_("Who gave the rating (members only; null for the public).")
    )
    changed_at = serializers.DateTimeField()

    def _public(self) -> bool:
        return bool(self.context.get("public"))

    def get_reason(self, change) -> str:
        if self._public() and not reason_is_public(
            marking=Marking.OFFICIAL_SENSITIVE if change.is_sensitive else Marking.OFFICIAL,
            publishes_progress=self.context.get("publishes_progress", False),
        ):
            return ""
        return change.reason

    def get_changed_by(self, change) -> str | None:
        return None if self._public() else change.changed_by_name


class RagSetSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=RagRating.choices)
    reason = serializers.CharField(max_length=5000, help_text=_("Why the rating is what it is."))
    marking = serializers.ChoiceField(
        choices=Marking.choices,
        default=Marking.OFFICIAL,
        help_text=_("The reason's marking: an OFFICIAL-SENSITIVE reason is shown to members only."),
    )
    expected_rag_change_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_(
            "The rag_change_id you read (null if the action had no rating): a rating set since then is a conflict (409)."
        ),
    )


class MeasureSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="indicator.pk")
    name = serializers.CharField(source="indicator.name")
    direction = serializers.CharField(source="indicator.direction")
    unit = serializers.CharField(source="assessment.unit")
    baseline_period = serializers.CharField(source="assessment.baseline.period")
    baseline = serializers.DecimalField(
        source="assessment.baseline.value", max_digits=14, decimal_places=2, allow_null=True
    )
    latest_period = serializers.SerializerMethodField()
    latest = serializers.SerializerMethodField()
    status = serializers.CharField(
        source="assessment.status",
        help_text=_("on-target, within-tolerance, off-target or not-enough"),
    )
    sentence = serializers.CharField(source="assessment.sentence")
    suggested_rag = serializers.CharField(source="assessment.suggested_rag", allow_null=True)

    def get_latest_period(self, measured) -> str | None:
        latest = measured.assessment.latest
        return str(latest.period) if latest else None

    def get_latest(self, measured) -> str | None:
        latest = measured.assessment.latest
        return None if latest is None or latest.value is None else f"{latest.value:.2f}"


class ComparisonRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    current = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    previous = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    difference = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    percent_change = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class OtherForceSerializer(serializers.Serializer):
    force = serializers.CharField()
    months = serializers.IntegerField()


class CoverageSerializer(serializers.Serializer):
    """Which months of which forces a period's police.uk figures rest on."""

    period = serializers.CharField(source="as_dict.period")
    force = serializers.CharField(
        source="as_dict.force", help_text=_("The partnership's own force")
    )
    months_held = serializers.ListField(child=serializers.CharField(), source="as_dict.months_held")
    months_missing = serializers.ListField(
        child=serializers.CharField(), source="as_dict.months_missing"
    )
    complete = serializers.BooleanField(
        source="as_dict.complete", help_text=_("Every month held: figures are given only then")
    )
    other_forces = OtherForceSerializer(
        many=True,
        source="as_dict.other_forces",
        help_text=_("Other forces with records in the districts (British Transport Police)"),
    )
    warning = serializers.CharField(source="as_dict.warning")


class ComparisonSerializer(serializers.Serializer):
    source = serializers.CharField()
    period = serializers.CharField()
    against = serializers.CharField()
    rows = ComparisonRowSerializer(many=True)
    notes = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "Warnings: a period's figures refused because months of the partnership's "
            "own force are missing, and which."
        ),
    )
    coverage = CoverageSerializer(
        many=True,
        help_text=_(
            "What police.uk figures rest on: the period, then the one compared with "
            "(empty for other sources)."
        ),
    )


class FindingSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    key = serializers.CharField(
        help_text=_("The police.uk category or series-<id>; empty when written")
    )
    name = serializers.CharField()
    unit = serializers.CharField()
    previous = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    current = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    verdict = serializers.CharField(
        help_text=_("rise, fall (more than chance), normal (within normal variation), untested")
    )
    p_value = serializers.FloatField(allow_null=True)
    rate = serializers.DecimalField(
        max_digits=10, decimal_places=2, allow_null=True, help_text=_("Per 1,000 residents")
    )
    history = serializers.ListField(
        child=serializers.ListField(),
        help_text=_("[label, count] of the same months, oldest first"),
    )
    source = serializers.CharField()
    sentence = serializers.CharField()
    marking = serializers.CharField()
    approved = serializers.SerializerMethodField()

    def get_approved(self, finding) -> bool:
        return finding.approved_at is not None


class RiskSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("top or emerging"))
    title = serializers.CharField()
    description = serializers.CharField()
    from_data = serializers.BooleanField(help_text=_("Drawn from a sustained rise in the data"))
    marking = serializers.CharField()


class RecommendationSerializer(serializers.Serializer):
    text = serializers.CharField()
    marking = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    """A strategic assessment with what the caller may read of it: a member every part, the
    public the published one without anything OFFICIAL-SENSITIVE."""

    id = serializers.IntegerField(source="assessment.pk")
    title = serializers.CharField(source="assessment.title")
    period_start = serializers.DateField(source="assessment.period_start")
    period_end = serializers.DateField(source="assessment.period_end")
    against_start = serializers.DateField(source="assessment.against_start")
    against_end = serializers.DateField(source="assessment.against_end")
    status = serializers.CharField(source="assessment.status", help_text=_("draft or agreed"))
    agreed_on = serializers.DateField(source="assessment.agreed_on", allow_null=True)
    published_on = serializers.DateField(source="assessment.published_on", allow_null=True)
    summary = serializers.CharField(source="assessment.summary")
    findings = FindingSerializer(many=True)
    risks = serializers.SerializerMethodField()
    recommendations = RecommendationSerializer(many=True)

    @extend_schema_field(RiskSerializer(many=True))
    def get_risks(self, report) -> list:
        return RiskSerializer([*report.top_risks, *report.emerging_risks], many=True).data


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
