"""A register's recommendation tracked as an action of the partnership's plan."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from saferplan.plans import services as plan_services

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Action, Priority


def track_as_action(
    *,
    actor: "User",
    partnership: "Partnership",
    priority: "Priority | None",
    action_title: str,
    marking: str,
    **action_fields: Any,
) -> "Action | None":
    """With a priority of the partnership's plan, an action there (`action_title`, owners,
    due date) as sensitive as the case it comes from, tracked like any other. Its title is
    typed for the plan, never copied from the recommendation: every member of the
    partnership reads an action's title, only the register's people read the case. None
    without a priority."""
    if priority is None:
        return None
    if not action_title.strip():
        raise ValidationError(
            {"action_title": _("Enter the action's title, as every member may read it")}
        )
    if priority.plan.partnership_id != partnership.pk:
        raise ValidationError(
            {
                "priority": _("Choose a priority of %(partnership)s's plan.")
                % {"partnership": partnership}
            }
        )
    return plan_services.action_create(
        actor=actor,
        priority=priority,
        title=action_title.strip()[:500],
        marking=marking,
        **action_fields,
    )
