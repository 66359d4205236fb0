"""What a caller of the API may read: the pages' own permission policies, and the public's
view of published plans for everyone else.

- A member of a partnership (signed in, or with a personal API token) reads what its pages
  show them: every plan of the partnership, OFFICIAL-SENSITIVE actions and updates included,
  its measures, its crime figures and its strategic assessments.
- Anyone else reads what the published plan shows the public: published plans, never an
  OFFICIAL-SENSITIVE action or update, and progress updates only of plans whose coordinator
  chose to publish them; the published strategic assessment, never an OFFICIAL-SENSITIVE
  finding, risk or recommendation.

Anything else answers 404, as the pages do for another partnership's records.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from saferplan.assessments.models import StrategicAssessment
from saferplan.core.permissions import member_partnership_ids, sees_sensitive_of
from saferplan.crimedata.permissions import crime_data_policy
from saferplan.indicators.permissions import measures_policy
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Action, Plan
from saferplan.plans.permissions import ActionPolicy, PlanPolicy

plan_policy = PlanPolicy()
action_policy = ActionPolicy()


def _is_member(user, partnership_id: int) -> bool:
    ids = member_partnership_ids(user)
    return ids is None or partnership_id in ids


def partnerships(user) -> QuerySet[Partnership]:
    """The partnerships with a published plan, and the caller's own."""
    ids = member_partnership_ids(user)
    published = Q(pk__in=Plan.objects.public().values("partnership"))
    visible = (
        Partnership.objects.all()
        if ids is None
        else Partnership.objects.filter(published | Q(pk__in=ids))
    )
    return visible.distinct().order_by("name")


def partnership(user, slug: str) -> Partnership:
    try:
        return partnerships(user).get(slug=slug)
    except Partnership.DoesNotExist:
        raise Http404(_("No partnership here")) from None


def plans(user, partnership: Partnership) -> QuerySet[Plan]:
    """Every plan for a member (the plan policy lets every role view); published ones else."""
    plans = partnership.plans.select_related("partnership", "strategic_plan")
    if not _is_member(user, partnership.pk):
        plans = plans.public()
    return plans.order_by("-period_start", "title")


def plan(user, plan_id: int) -> Plan:
    found = Plan.objects.select_related("partnership").filter(pk=plan_id).first()
    if found is None or not (
        found.is_public or plan_policy.user_has_permission_for_instance(user, "view", found)
    ):
        raise Http404(_("No plan here"))
    return found


def assessments(user, partnership: Partnership) -> QuerySet[StrategicAssessment]:
    """Every strategic assessment for a member; the published one (at most) for anyone else.
    What of each the caller reads is the assessments' own rule (selectors.assessment_report)."""
    found = partnership.assessments.select_related("partnership")
    if not _is_member(user, partnership.pk):
        found = found.filter(published_on__isnull=False)
    return found.order_by("-period_end", "-pk")


def sees_sensitive(user, plan: Plan) -> bool:
    return sees_sensitive_of(user, {plan.partnership_id})


def actions(user, plan: Plan) -> QuerySet[Action]:
    return Action.objects.filter(priority__plan=plan).visible_to(
        user, partnership_ids={plan.partnership_id}
    )


def action(user, action_id: int) -> tuple[Action, bool]:
    """The action and whether the caller reads it as a member (else as the public)."""
    found = (
        Action.objects.select_related("priority__plan__partnership", "objective")
        .prefetch_related("joint_partnerships", "owner_organisations")
        .filter(pk=action_id)
        .first()
    )
    if found is None:
        raise Http404(_("No action here"))
    if action_policy.user_has_permission_for_instance(user, "view", found):
        return found, True
    plan = found.priority.plan
    if plan.is_public and not found.is_sensitive:
        return found, False
    raise Http404(_("No action here"))


def may_add_update(user, action: Action) -> bool:
    return user.is_authenticated and action_policy.user_has_permission_for_instance(
        user, "add_update", action
    )


def member_partnership(user, slug: str, policy) -> Partnership:
    """A partnership whose members-only data (measures, crime figures) the caller may read."""
    found = Partnership.objects.filter(slug=slug).first()
    if found is None or not policy.user_has_permission_for_instance(user, "view", found):
        raise Http404(_("No partnership here"))
    return found


def measures_partnership(user, slug: str) -> Partnership:
    return member_partnership(user, slug, measures_policy)


def crime_partnership(user, slug: str) -> Partnership:
    return member_partnership(user, slug, crime_data_policy)
