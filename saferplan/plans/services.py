"""Writes to plans and actions. Each runs full_clean, writes in one transaction and
records the change in the audit log."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from saferplan.core import audit
from saferplan.core.models import AuditEvent, Marking

from . import cache as plan_cache
from .models import (
    OPEN_STATUSES,
    Action,
    ActionStatus,
    Aim,
    Objective,
    Plan,
    PlanKind,
    PlanStatus,
    Priority,
    RagChange,
    RagDefinition,
    RagRating,
    Update,
    stricter_marking,
)

PLAN_FIELDS = [
    "kind",
    "title",
    "strategic_plan",
    "period_start",
    "period_end",
    "status",
    "introduction",
    "pcc_alignment",
    "stale_after_days",
    "publish_updates",
]
PRIORITY_FIELDS = ["number", "title", "description", "is_cross_cutting", "desired_outcomes"]
OBJECTIVE_FIELDS = ["ref", "title", "target_indicator", "desired_outcomes", "lead_groups"]
ACTION_FIELDS = [
    "priority",
    "objective",
    "title",
    "owner_text",
    "owner_organisations",
    "owner_groups",
    "owner_name",
    "owner_user",
    "joint_partnerships",
    "start_date",
    "due_date",
    "status",
    "status_reason",
    "marking",
]

# Which status a plan may move to from each status.
PLAN_TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.APPROVED},
    PlanStatus.APPROVED: {PlanStatus.DRAFT, PlanStatus.PUBLISHED},
    PlanStatus.PUBLISHED: {PlanStatus.APPROVED, PlanStatus.ARCHIVED},
    PlanStatus.ARCHIVED: set(),
}


class _NotChecked:
    """The caller does not say which rating it read (an import, the demo): no conflict check."""


NOT_CHECKED = _NotChecked()
ExpectedRating = int | None | _NotChecked


def _rating_conflict(latest: RagChange | None, expected: ExpectedRating) -> bool:
    """Someone rated the action after the caller read it: the caller read `expected` (the
    id of the rating then current, or None when there was none) and it is no longer the
    latest. A first rating given by two people at once is a conflict for the second."""
    return not isinstance(expected, _NotChecked) and latest is not None and latest.pk != expected


class EditConflictError(Exception):
    """Someone else saved the record after this user opened it. `current` is the record as
    it is now; the user's own values are kept by the view and shown beside it."""

    def __init__(self, current, message: str):
        super().__init__(message)
        self.current = current


def _joint_partnership_ids(instance) -> set[int]:
    """The partnerships an action (or an update or rating of one) is joint with: a change
    to it belongs in their audit logs too."""
    action = instance if isinstance(instance, Action) else getattr(instance, "action", None)
    if action is None or action.pk is None:
        return set()
    return set(action.joint_partnerships.values_list("pk", flat=True))


def _log(instance, action, actor, partnership, changes=None, reason="", shared_with=()):
    """Audit the write (in the log of every partnership that shares the record) and mark
    its plan changed (plans.cache), in the same transaction."""
    audit.log(
        instance=instance,
        action=action,
        actor=actor,
        partnership=partnership,
        changes=changes,
        reason=reason,
        shared_with={*_joint_partnership_ids(instance), *shared_with},
    )
    plan_cache.plans_bump([plan_cache.plan_id_of(instance)])


def _create(model, *, actor, partnership, field_names, **fields):
    instance = audit.create(
        model,
        actor=actor,
        partnership=partnership,
        logged_fields=field_names,
        shared_with=_joint_partnership_ids,
        **fields,
    )
    plan_cache.plans_bump([plan_cache.plan_id_of(instance)])
    return instance


def _change(instance, *, actor, partnership, field_names, reason="", shared_with=(), **fields):
    instance, changes = audit.change(
        instance,
        actor=actor,
        partnership=partnership,
        logged_fields=field_names,
        reason=reason,
        shared_with=lambda changed: {*_joint_partnership_ids(changed), *shared_with},
        **fields,
    )
    if changes:
        plan_cache.plans_bump([plan_cache.plan_id_of(instance)])
    return instance


# Plans ---------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor,
    partnership,
    kind: str,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    **fields,
) -> Plan:
    strategic_plan = fields.get("strategic_plan")
    if strategic_plan is not None and strategic_plan.partnership_id != partnership.pk:
        raise ValidationError(
            {"strategic_plan": "Choose a partnership plan of the same partnership."}
        )
    return _create(
        Plan,
        actor=actor,
        partnership=partnership,
        field_names=PLAN_FIELDS,
        partnership_id=partnership.pk,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        **fields,
    )


@transaction.atomic
def plan_update(*, actor, plan: Plan, **fields) -> Plan:
    fields.pop("status", None)  # status changes go through plan_transition
    return _change(
        plan, actor=actor, partnership=plan.partnership, field_names=PLAN_FIELDS, **fields
    )


@transaction.atomic
def plan_transition(*, actor, plan: Plan, status: str) -> Plan:
    if status not in PLAN_TRANSITIONS[PlanStatus(plan.status)]:
        raise ValidationError(
            f"A {plan.get_status_display().lower()} plan cannot be made {PlanStatus(status).label.lower()}."
        )
    return _change(
        plan, actor=actor, partnership=plan.partnership, field_names=["status"], status=status
    )


@transaction.atomic
def aim_create(*, actor, plan: Plan, text: str, number: int | None = None) -> Aim:
    if number is None:
        number = (plan.aims.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return _create(
        Aim,
        actor=actor,
        partnership=plan.partnership,
        field_names=["number", "text"],
        plan=plan,
        number=number,
        text=text,
    )


@transaction.atomic
def priority_create(
    *, actor, plan: Plan, title: str, number: int | None = None, **fields
) -> Priority:
    if number is None:
        number = (
            plan.priorities.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    return _create(
        Priority,
        actor=actor,
        partnership=plan.partnership,
        field_names=PRIORITY_FIELDS,
        plan=plan,
        number=number,
        title=title,
        **fields,
    )


@transaction.atomic
def priority_update(*, actor, priority: Priority, **fields) -> Priority:
    return _change(
        priority,
        actor=actor,
        partnership=priority.plan.partnership,
        field_names=PRIORITY_FIELDS,
        **fields,
    )


@transaction.atomic
def objective_create(*, actor, priority: Priority, title: str, **fields) -> Objective:
    if "position" not in fields:
        fields["position"] = priority.objectives.count() + 1
    _check_groups_belong(priority.plan, fields.get("lead_groups", ()), "lead_groups")
    return _create(
        Objective,
        actor=actor,
        partnership=priority.plan.partnership,
        field_names=OBJECTIVE_FIELDS,
        priority=priority,
        title=title,
        **fields,
    )


@transaction.atomic
def objective_update(*, actor, objective: Objective, **fields) -> Objective:
    _check_groups_belong(objective.priority.plan, fields.get("lead_groups", ()), "lead_groups")
    return _change(
        objective,
        actor=actor,
        partnership=objective.priority.plan.partnership,
        field_names=OBJECTIVE_FIELDS,
        **fields,
    )


def _check_groups_belong(plan: Plan, groups, field: str) -> None:
    strangers = [g.name for g in groups if g.partnership_id != plan.partnership_id]
    if strangers:
        raise ValidationError(
            {field: f"Not a group of {plan.partnership}: {', '.join(strangers)}."}
        )


# Actions -------------------------------------------------------------------------------


def _check_action(priority: Priority, fields: dict) -> None:
    objective = fields.get("objective")
    if objective is not None and objective.priority_id != priority.pk:
        raise ValidationError({"objective": "Choose an objective of the same priority."})
    _check_groups_belong(priority.plan, fields.get("owner_groups", ()), "owner_groups")
    partnership_id = priority.plan.partnership_id
    if any(p.pk == partnership_id for p in fields.get("joint_partnerships", ())):
        raise ValidationError(
            {"joint_partnerships": "An action is already owned by its plan's partnership."}
        )


@transaction.atomic
def action_create(
    *, actor, priority: Priority, title: str, rag: str = "", rag_reason: str = "", **fields
) -> Action:
    _check_action(priority, fields)
    if "position" not in fields:
        fields["position"] = priority.actions.count() + 1
    action = _create(
        Action,
        actor=actor,
        partnership=priority.plan.partnership,
        field_names=ACTION_FIELDS,
        priority=priority,
        title=title,
        **fields,
    )
    if rag:
        _rag_record(
            actor=actor,
            action=action,
            rating=rag,
            reason=rag_reason or "Rating when the action was added",
        )
    return action


@transaction.atomic
def action_update(*, actor, action: Action, expected_version: int, **fields) -> Action:
    """Change an action's details. Raises EditConflictError when someone else saved it since
    `expected_version`; nothing is written then."""
    priority = fields.get("priority", action.priority)
    _check_action(priority, {"objective": action.objective, **fields})
    # Claim the version first: of two people saving at once, exactly one gets this row.
    claimed = Action.objects.filter(pk=action.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = Action.objects.get(pk=action.pk)
        raise EditConflictError(
            current, f"{current.modified_by or 'Someone'} changed this action after you opened it."
        )
    action.version = expected_version + 1
    if fields.get("status") == ActionStatus.DISCHARGED and not fields.get(
        "status_reason", action.status_reason
    ):
        raise ValidationError({"status_reason": "Give the reason the action was discharged."})
    if "status_reason" in fields and fields["status_reason"] != action.status_reason:
        # A reason typed on the action's own form carries the action's marking.
        fields["status_reason_marking"] = fields.get("marking", action.marking)
    # Partnerships taken off the action still see, in their log, that they were.
    joint_before = _joint_partnership_ids(action)
    return _change(
        action,
        actor=actor,
        partnership=action.priority.plan.partnership,
        field_names=[*ACTION_FIELDS, "status_reason_marking"],
        shared_with=joint_before,
        **fields,
    )


def current_rag_change(action: Action) -> RagChange | None:
    return action.rag_changes.order_by("-changed_at", "-id").first()


def _rag_record(
    *,
    actor,
    action=None,
    objective=None,
    priority=None,
    rating: str,
    reason: str,
    marking: str = Marking.OFFICIAL,
) -> RagChange:
    """Record a rating. Its reason is at least as sensitive as the action it is about."""
    change = RagChange(
        action=action,
        objective=objective,
        priority=priority,
        rating=rating,
        reason=reason.strip(),
        marking=stricter_marking(marking, action.marking if action else Marking.OFFICIAL),
        changed_by=actor,
        changed_by_name=actor.get_full_name() if actor else "",
    )
    change.full_clean()
    change.save()
    subject = action or objective or priority
    plan = (subject.priority if action or objective else subject).plan
    label = "RAG rating" if action else "RAG override"
    _log(
        subject,
        AuditEvent.Action.UPDATE,
        actor,
        plan.partnership,
        {label: [None, change.get_rating_display() or "Rolled up"]},
        reason=change.reason,
    )
    return change


@transaction.atomic
def update_add(
    *,
    actor,
    action: Action,
    described_on: datetime.date,
    text: str,
    marking: str = Marking.OFFICIAL,
    rag: str = "",
    rag_reason: str = "",
    expected_rag_change_id: ExpectedRating = NOT_CHECKED,
    status: str = "",
    status_reason: str = "",
    author_name: str = "",
    date_is_estimated: bool = False,
) -> Update:
    """Add a dated update and, in the same step, set the RAG rating and the status.

    A RAG change needs a reason. If someone else changed the RAG rating after this user
    opened the form (`expected_rag_change_id`, the rating they read or None for none, is no
    longer the latest), nothing is saved and EditConflictError says so, rather than one
    rating silently replacing the other.
    """
    # Lock the action row so that two updates setting RAG at once are taken one after the other.
    Action.objects.select_for_update().filter(pk=action.pk).first()
    latest = current_rag_change(action)
    if rag and latest is not None and _rating_conflict(latest, expected_rag_change_id):
        raise EditConflictError(
            latest,
            f"{latest.changed_by_name or 'Someone'} changed the RAG rating to {latest.get_rating_display()} after you opened this page.",
        )
    errors = {}
    if not text.strip():
        errors["text"] = "Enter what has happened"
    rag_changes = bool(rag) and (latest is None or latest.rating != rag)
    if rag_changes and not rag_reason.strip():
        errors["rag_reason"] = "Give the reason for the RAG rating"
    if status == ActionStatus.DISCHARGED and not (status_reason or action.status_reason).strip():
        errors["status_reason"] = "Give the reason the action was discharged"
    if errors:
        raise ValidationError(errors)
    update = Update(
        action=action,
        described_on=described_on,
        text=text.strip(),
        author=actor,
        author_name=author_name or (actor.get_full_name() if actor else ""),
        marking=marking,
        date_is_estimated=date_is_estimated,
    )
    update.full_clean()
    update.save()
    partnership = action.priority.plan.partnership
    _log(
        update,
        AuditEvent.Action.CREATE,
        actor,
        partnership,
        audit.diff({}, audit.snapshot(update, ["described_on", "text", "marking"])),
    )
    rag_change = None
    if rag_changes:
        # The reason is typed with the update, so it carries the update's marking.
        rag_change = _rag_record(
            actor=actor, action=action, rating=rag, reason=rag_reason, marking=update.marking
        )
    _notify_owners(action=action, actor=actor, update=update, rag_change=rag_change)
    if status and status != action.status:
        Action.objects.filter(pk=action.pk).update(version=F("version") + 1)
        action.version += 1
        reason_fields = (
            # A reason typed with the update carries the update's marking.
            {"status_reason": status_reason.strip(), "status_reason_marking": update.marking}
            if status_reason.strip()
            else {}
        )
        _change(
            action,
            actor=actor,
            partnership=partnership,
            field_names=["status", "status_reason", "status_reason_marking"],
            status=status,
            **reason_fields,
        )
    return update


@transaction.atomic
def action_rag_set(
    *,
    actor,
    action: Action,
    rating: str,
    reason: str,
    marking: str = Marking.OFFICIAL,
    expected_rag_change_id: ExpectedRating = NOT_CHECKED,
) -> RagChange:
    """Set an action's RAG rating without a progress update (a partner system reporting a
    rating). The same rules as with an update: a change needs a reason, and a rating set by
    someone else since `expected_rag_change_id` is a conflict, not an overwrite. Setting the
    rating it already has changes nothing and returns the current one."""
    Action.objects.select_for_update().filter(pk=action.pk).first()
    latest = current_rag_change(action)
    if latest is not None and _rating_conflict(latest, expected_rag_change_id):
        raise EditConflictError(
            latest,
            f"{latest.changed_by_name or 'Someone'} changed the RAG rating to "
            f"{latest.get_rating_display()} after you read it.",
        )
    if rating not in RagRating.values:
        raise ValidationError({"rating": f"“{rating}” is not one of {', '.join(RagRating.values)}"})
    if latest is not None and latest.rating == rating:
        return latest
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the RAG rating"})
    change = _rag_record(actor=actor, action=action, rating=rating, reason=reason, marking=marking)
    _notify_owners(action=action, actor=actor, rag_change=change)
    return change


def _notify_owners(*, action: Action, actor, update=None, rag_change=None) -> None:
    """Tell the action's other owners, once the change is committed (notifications app)."""
    from saferplan.notifications.services import notify_action_changed

    notify_action_changed(action=action, actor=actor, update=update, rag_change=rag_change)


@transaction.atomic
def update_correct(
    *, actor, update: Update, described_on: datetime.date, text: str, marking: str
) -> Update:
    """Correct an update: a new update that supersedes the old, which stays in the history.
    A correction of an OFFICIAL-SENSITIVE update is OFFICIAL-SENSITIVE too: it is written
    beside the sensitive text and usually repeats it."""
    if hasattr(update, "superseded_by"):
        raise ValidationError("This update has already been corrected: correct the newer one.")
    correction = Update(
        action=update.action,
        described_on=described_on,
        text=text.strip(),
        author=actor,
        author_name=actor.get_full_name(),
        marking=stricter_marking(marking, update.marking),
        supersedes=update,
    )
    correction.full_clean()
    correction.save()
    _log(
        correction,
        AuditEvent.Action.CREATE,
        actor,
        update.action.priority.plan.partnership,
        audit.diff(
            audit.snapshot(update, ["described_on", "text", "marking"]),
            audit.snapshot(correction, ["described_on", "text", "marking"]),
        ),
        reason="Correction of an earlier update",
    )
    return correction


@transaction.atomic
def rag_override(
    *,
    actor,
    subject: Objective | Priority,
    rating: str,
    reason: str,
    marking: str = Marking.OFFICIAL,
) -> RagChange:
    """Override an objective's or priority's rolled-up rating; rating "" returns to the roll-up."""
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the override"})
    if isinstance(subject, Objective):
        return _rag_record(
            actor=actor, objective=subject, rating=rating, reason=reason, marking=marking
        )
    return _rag_record(actor=actor, priority=subject, rating=rating, reason=reason, marking=marking)


@transaction.atomic
def rag_definition_set(*, actor, partnership, rating: str, definition: str) -> RagDefinition:
    existing = RagDefinition.objects.filter(partnership=partnership, rating=rating).first()
    if existing:
        return _change(
            existing,
            actor=actor,
            partnership=partnership,
            field_names=["definition"],
            definition=definition,
        )
    return _create(
        RagDefinition,
        actor=actor,
        partnership=partnership,
        field_names=["rating", "definition"],
        partnership_id=partnership.pk,
        rating=rating,
        definition=definition,
    )


# Annual refresh ------------------------------------------------------------------------


@transaction.atomic
def plan_refresh(
    *, actor, plan: Plan, title: str, period_start: datetime.date, period_end: datetime.date
) -> Plan:
    """Next year's action plan from this one, in draft: the same aims, priorities and
    objectives; the open actions carried forward, each linked to its history; complete and
    discharged actions left behind."""
    if plan.kind != PlanKind.ACTION:
        raise ValidationError("Only an annual action plan can be refreshed.")
    if period_start <= plan.period_start:
        raise ValidationError(
            {"period_start": f"The new plan must start after {plan.period_start:%d %B %Y}."}
        )
    new_plan = plan_create(
        actor=actor,
        partnership=plan.partnership,
        kind=PlanKind.ACTION,
        title=title,
        period_start=period_start,
        period_end=period_end,
        strategic_plan=plan.strategic_plan,
        introduction=plan.introduction,
        pcc_alignment=plan.pcc_alignment,
        stale_after_days=plan.stale_after_days,
        carried_from=plan,
    )
    for aim in plan.aims.all():
        aim_create(actor=actor, plan=new_plan, number=aim.number, text=aim.text)
    open_actions = (
        Action.objects.filter(priority__plan=plan, status__in=OPEN_STATUSES)
        .prefetch_related("owner_organisations", "owner_groups", "joint_partnerships")
        .order_by("priority__number", "position", "id")
    )
    priorities, objectives = {}, {}
    for priority in plan.priorities.prefetch_related("objectives__lead_groups"):
        priorities[priority.pk] = priority_create(
            actor=actor,
            plan=new_plan,
            number=priority.number,
            title=priority.title,
            description=priority.description,
            is_cross_cutting=priority.is_cross_cutting,
            desired_outcomes=priority.desired_outcomes,
        )
        for objective in priority.objectives.all():
            objectives[objective.pk] = objective_create(
                actor=actor,
                priority=priorities[priority.pk],
                title=objective.title,
                ref=objective.ref,
                target_indicator=objective.target_indicator,
                desired_outcomes=objective.desired_outcomes,
                lead_groups=list(objective.lead_groups.all()),
                position=objective.position,
            )
    for action in open_actions:
        latest = current_rag_change(action)
        action_create(
            actor=actor,
            priority=priorities[action.priority_id],
            objective=objectives.get(action.objective_id) if action.objective_id else None,
            title=action.title,
            owner_text=action.owner_text,
            owner_organisations=list(action.owner_organisations.all()),
            owner_groups=list(action.owner_groups.all()),
            owner_name=action.owner_name,
            owner_user=action.owner_user,
            joint_partnerships=list(action.joint_partnerships.all()),
            start_date=action.start_date,
            due_date=action.due_date,
            status=action.status,
            marking=action.marking,
            carried_from=action,
            position=action.position,
            rag=latest.rating if latest else "",
            rag_reason=f"Carried forward from {plan.title}",
        )
    return new_plan
