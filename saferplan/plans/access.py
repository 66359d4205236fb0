"""The plan, priority or action a request is about, reached through the partnership in its
address and checked by the plans' permission policies: used by the views of plans, reports,
notifications and the published plan (never imported from a views module)."""

from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from saferplan.partnerships.access import partnership_for
from saferplan.partnerships.models import Partnership

from . import selectors
from .models import Action, Plan, Priority
from .permissions import action_policy, plan_policy


def plan_for(request, slug, plan_pk, action="view") -> Plan:
    partnership = partnership_for(request, slug, "view")
    plan = get_object_or_404(
        Plan.objects.select_related("partnership", "strategic_plan"),
        pk=plan_pk,
        partnership=partnership,
    )
    if not plan_policy.user_has_permission_for_instance(request.user, action, plan):
        raise PermissionDenied(
            _("Only a coordinator of %(partnership)s can do this.") % {"partnership": partnership}
        )
    return plan


def priority_for(request, slug, plan_pk, number, action="view") -> Priority:
    plan = plan_for(request, slug, plan_pk, action)
    return get_object_or_404(
        Priority.objects.select_related("plan__partnership"), plan=plan, number=number
    )


def action_for(request, slug, pk, action="view") -> Action:
    """The action, reached through one of the partnerships that own it."""
    return reach_action(request, slug, pk, action).action


class ReachedAction(NamedTuple):
    """An action and the partnership whose address it was reached through (its own, or one
    it is joint with): the pages about it show that partnership's name and links."""

    partnership: Partnership
    action: Action


def reach_action(request, slug, pk, action="view") -> ReachedAction:
    """The action, reached through one of the partnerships that own it, and that partnership."""
    partnership = partnership_for(request, slug, "view")
    found = (
        Action.objects.filter(
            Q(priority__plan__partnership=partnership) | Q(joint_partnerships=partnership), pk=pk
        )
        .values_list("pk", flat=True)
        .first()
    )
    if found is None:
        raise Http404(_("No such action in this partnership"))
    item = selectors.action_detail(action_id=found)
    if not action_policy.user_has_permission_for_instance(request.user, action, item):
        if action == "add_update":
            raise PermissionDenied(
                _(
                    "Only the action's owners and the partnership's coordinators can add updates to it."
                )
            )
        raise PermissionDenied(
            _("Only a coordinator of %(partnership)s can do this.") % {"partnership": partnership}
        )
    return ReachedAction(partnership, item)


def may_change(request, plan) -> bool:
    return plan_policy.user_has_permission_for_instance(request.user, "change", plan)
