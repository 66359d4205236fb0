"""What every plans service shares: the audit log entry with the plan's cache bump, the audited
create and change, and optimistic-locking conflicts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit
from saferplan.core.audit import Actor

from .. import cache as plan_cache
from ..models import (
    Action,
    Plan,
    RagChange,
)


class NotChecked:
    """The caller does not say which rating it read (an import, the demo): no conflict check."""


NOT_CHECKED = NotChecked()

ExpectedRating = int | None | NotChecked


def rating_conflict(latest: RagChange | None, expected: ExpectedRating) -> bool:
    """Someone rated the action after the caller read it: the caller read `expected` (the
    id of the rating then current, or None when there was none) and it is no longer the
    latest. A first rating given by two people at once is a conflict for the second."""
    return not isinstance(expected, NotChecked) and latest is not None and latest.pk != expected


class EditConflictError(Exception):
    """Someone else saved the record after this user opened it. `current` is the record as
    it is now; the user's own values are kept by the view and shown beside it."""

    def __init__(self, current, message: str):
        super().__init__(message)
        self.current = current


def joint_partnership_ids(instance) -> set[int]:
    """The partnerships an action (or an update or rating of one) is joint with: a change
    to it belongs in their audit logs too."""
    action = instance if isinstance(instance, Action) else getattr(instance, "action", None)
    if action is None or action.pk is None:
        return set()
    return set(action.joint_partnerships.values_list("pk", flat=True))


def audit_plan_write(
    instance, action, actor: Actor, partnership, changes=None, reason="", shared_with=()
):
    """Audit the write (in the log of every partnership that shares the record) and mark
    its plan changed (plans.cache), in the same transaction."""
    audit.log(
        instance=instance,
        action=action,
        actor=actor,
        partnership=partnership,
        changes=changes,
        reason=reason,
        shared_with={*joint_partnership_ids(instance), *shared_with},
    )
    plan_cache.plans_bump([plan_cache.plan_id_of(instance)])


def audited_create(model, *, actor: Actor, partnership, field_names, **fields):
    instance = audit.create(
        model,
        actor=actor,
        partnership=partnership,
        logged_fields=field_names,
        shared_with=joint_partnership_ids,
        **fields,
    )
    plan_cache.plans_bump([plan_cache.plan_id_of(instance)])
    return instance


def audited_change(
    instance, *, actor: Actor, partnership, field_names, reason="", shared_with=(), **fields
):
    instance, changes = audit.change(
        instance,
        actor=actor,
        partnership=partnership,
        logged_fields=field_names,
        reason=reason,
        shared_with=lambda changed: {*joint_partnership_ids(changed), *shared_with},
        **fields,
    )
    if changes:
        plan_cache.plans_bump([plan_cache.plan_id_of(instance)])
    return instance


def check_groups_belong(plan: Plan, groups, field: str) -> None:
    strangers = [g.name for g in groups if g.partnership_id != plan.partnership_id]
    if strangers:
        raise ValidationError(
            {
                field: _("Not a group of %(partnership)s: %(join)s.")
                % {"partnership": plan.partnership, "join": ", ".join(strangers)}
            }
        )
