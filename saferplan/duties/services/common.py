"""What the registers' writes share: a recommendation tracked as an action of the
partnership's plan, the lock that serialises one-of-a-kind writes, and the upsert of a
partnership's one record of a kind (its timescales, its Serious Violence Duty)."""

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from saferplan.core import audit
from saferplan.plans import services as plan_services

M = TypeVar("M", bound=models.Model)

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Action, Priority


def lock_partnership(partnership: "Partnership") -> None:
    """Serialise writes that make a partnership's one-of-a-kind row (a year's published
    figures, a member's access to a register): the second of two at once waits, then sees
    the first's row."""
    type(partnership).objects.select_for_update().filter(pk=partnership.pk).first()


def partnerships_one(
    model: type[M],
    *,
    actor: "User",
    partnership: "Partnership",
    logged_fields: list[str],
    **values: Any,
) -> M:
    """Create or change the partnership's one `model` record with `values`, audited; two
    saving at once: the second waits, then changes the first's."""
    lock_partnership(partnership)
    kept = model._default_manager.filter(partnership=partnership).first()
    if kept is None:
        return audit.create(
            model,
            actor=actor,
            partnership=partnership,
            logged_fields=logged_fields,
            partnership_id=partnership.pk,
            **values,
        )
    kept, _changes = audit.change(
        kept, actor=actor, partnership=partnership, logged_fields=logged_fields, **values
    )
    return kept


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
