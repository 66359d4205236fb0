"""What the strategic assessments add to pages of the apps below them (connected in
AssessmentsConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from saferplan.partnerships.selectors import OverviewLine, OverviewRow
from saferplan.plans.models import PlanKind

from .models import StrategicAssessment


def on_plan_page_drawn(sender, *, plan, user, **kwargs) -> list[OverviewRow]:
    """A Serious Violence Duty's strategic needs assessment names the strategic assessments
    it is drawn from (both are read by the partnership's members)."""
    if plan.kind != PlanKind.SERIOUS_VIOLENCE_NEEDS:
        return []
    lines = [
        OverviewLine(
            text=assessment.title,
            href=reverse("assessments:detail", args=[plan.partnership.slug, assessment.pk]),
        )
        for assessment in StrategicAssessment.objects.filter(serious_violence_needs=plan)
    ]
    return (
        [OverviewRow(order=20, key=_("Drawn from the strategic assessment"), lines=lines)]
        if lines
        else []
    )
