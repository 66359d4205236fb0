"""Writes to meetings: arranging them, who came, the agenda, the minutes and their decisions.
Every write is in the partnership's audit log; a decision that is a new action adds it to the
plan through the plans' own service, so the action is checked and logged as any other."""

import datetime
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ForeignObjectRel, Max
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from saferplan.attachments import services as attachment_services
from saferplan.core import audit
from saferplan.core.models import AuditEvent, Marking
from saferplan.plans import services as plan_services
from saferplan.plans.models import PlanStatus

from . import selectors
from .models import DRAFTED_KINDS, AgendaItem, AgendaItemKind, Attendance, Decision, Meeting

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Action, Plan, Priority

MEETING_FIELDS = ["group", "plan", "meets_on", "starts_at", "place", "link", "chase_days_before"]


def _check_meeting(partnership: "Partnership", fields: dict[str, Any], meeting=None) -> None:
    errors = {}
    group, plan = fields.get("group"), fields.get("plan")
    if group is not None and group.partnership_id != partnership.pk:
        errors["group"] = _("Choose a group of %(partnership)s.") % {"partnership": partnership}
    if plan is not None and plan.partnership_id != partnership.pk:
        errors["plan"] = _("Choose a plan of %(partnership)s.") % {"partnership": partnership}
    meets_on = fields.get("meets_on")
    if meets_on and not errors:
        same_day = Meeting.objects.filter(partnership=partnership, group=group, meets_on=meets_on)
        if meeting is not None:
            same_day = same_day.exclude(pk=meeting.pk)
        if same_day.exists():
            errors["meets_on"] = _("%(group)s already meets on %(day)s") % {
                "group": group or _("The board"),
                "day": date_format(meets_on, "j F Y"),
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(*, actor: "User | None", partnership: "Partnership", **fields: Any) -> Meeting:
    _check_meeting(partnership, fields)
    return audit.create(
        Meeting,
        actor=actor,
        partnership=partnership,
        logged_fields=MEETING_FIELDS,
        partnership_id=partnership.pk,
        **fields,
    )


@transaction.atomic
def meeting_update(*, actor: "User", meeting: Meeting, **fields: Any) -> Meeting:
    _check_meeting(
        meeting.partnership,
        {"group": meeting.group, "meets_on": meeting.meets_on, **fields},
        meeting,
    )
    meeting, _changes = audit.change(
        meeting,
        actor=actor,
        partnership=meeting.partnership,
        logged_fields=MEETING_FIELDS,
        **fields,
    )
    return meeting


@transaction.atomic
def meeting_delete(*, actor: "User", meeting: Meeting) -> None:
    """Delete a meeting that has no decisions: one whose minutes put actions in the plan is
    part of the plan's history."""
    if meeting.decisions.exists():
        raise ValidationError(
            _(
                "This meeting's minutes hold decisions, so it is part of the plan's history and cannot be deleted."
            )
        )
    audit.log(
        instance=meeting,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=meeting.partnership,
        changes=audit.diff(audit.snapshot(meeting, ["meets_on", "group"]), {}),
    )
    meeting.delete()


@transaction.atomic
def meetings_move(*, actor: "User | None", plan: "Plan", to: "Plan", after: datetime.date) -> int:
    """Move the plan's meetings dated after `after` to plan `to` (next year's, made by the
    annual refresh): they review the new plan, and owners are reminded of its actions.
    Meetings up to that day stay with the plan they reviewed. Returns how many."""
    moved = 0
    for meeting in plan.meetings.filter(meets_on__gt=after):
        audit.change(
            meeting,
            actor=actor,
            partnership=plan.partnership,
            logged_fields=["plan"],
            reason="The annual refresh: a meeting still to come reviews the new plan",
            plan=to,
        )
        moved += 1
    return moved


def _attendance_text(meeting: Meeting) -> str:
    return "; ".join(
        f"{a.organisation}: {'present' if a.present else 'absent'}"
        + (f" ({a.attendees})" if a.attendees else "")
        for a in meeting.attendance.select_related("organisation")
    )


@transaction.atomic
def attendance_record(
    *, actor: "User", meeting: Meeting, rows: list[tuple[Any, bool, str]]
) -> None:
    """Record who came: (organisation, present, who came for it) for each member organisation
    of the partnership; one entry in the audit log with the attendance before and after."""
    strangers = [
        o.name
        for o, _p, _a in rows
        if not o.partnerships.filter(pk=meeting.partnership_id).exists()
    ]
    if strangers:
        raise ValidationError(
            _("Not member organisations of %(partnership)s: %(join)s.")
            % {"partnership": meeting.partnership, "join": ", ".join(strangers)}
        )
    before = _attendance_text(meeting)
    for organisation, present, attendees in rows:
        Attendance.objects.update_or_create(
            meeting=meeting,
            organisation=organisation,
            defaults={"present": present, "attendees": attendees.strip()},
        )
    after = _attendance_text(meeting)
    if before != after:
        audit.log(
            instance=meeting,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=meeting.partnership,
            changes={"Attendance": [before, after]},
        )


@transaction.atomic
def agenda_draft(*, actor: "User", meeting: Meeting, today: datetime.date) -> list[AgendaItem]:
    """Draft the agenda from the plan's state and the group's standing items, in place of
    the last draft; items members added are kept, after the drafted ones."""
    meeting.agenda_items.filter(kind__in=DRAFTED_KINDS).delete()
    drafted = selectors.agenda_from_plan(meeting, today=today)
    items = []
    for position, draft in enumerate(drafted, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting, position=position, kind=draft.kind, title=draft.title[:300]
        )
        item.actions.set(draft.actions)
        items.append(item)
    for position, item in enumerate(
        meeting.agenda_items.filter(kind=AgendaItemKind.MEMBER), start=len(drafted) + 1
    ):
        AgendaItem.objects.filter(pk=item.pk).update(position=position)
    audit.log(
        instance=meeting,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=meeting.partnership,
        changes={"Agenda drafted from the plan": ["", "; ".join(i.title for i in items)]},
    )
    return items


@transaction.atomic
def agenda_item_add(
    *, actor: "User", meeting: Meeting, title: str, marking: str = Marking.OFFICIAL
) -> AgendaItem:
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    return audit.create(
        AgendaItem,
        actor=actor,
        partnership=meeting.partnership,
        logged_fields=["title", "marking"],
        meeting=meeting,
        position=last + 1,
        kind=AgendaItemKind.MEMBER,
        title=title,
        marking=marking,
        added_by=actor,
    )


@transaction.atomic
def agenda_item_delete(*, actor: "User", item: AgendaItem) -> None:
    audit.log(
        instance=item,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=item.meeting.partnership,
        changes=audit.diff(audit.snapshot(item, ["title"]), {}),
    )
    item.delete()


@transaction.atomic
def minutes_record(
    *, actor: "User", meeting: Meeting, minutes: str, minutes_marking: str
) -> Meeting:
    meeting, _changes = audit.change(
        meeting,
        actor=actor,
        partnership=meeting.partnership,
        logged_fields=["minutes", "minutes_marking"],
        minutes=minutes,
        minutes_marking=minutes_marking,
    )
    return meeting


@transaction.atomic
def decision_add(
    *,
    actor: "User",
    meeting: Meeting,
    text: str,
    marking: str = Marking.OFFICIAL,
    priority: "Priority | None" = None,
    action_title: str = "",
    approves_plan: "Plan | None" = None,
    **action_fields: Any,
) -> Decision:
    """Record a decision. With a priority and an action's title it is a new action: added to
    the priority (of the plan the meeting reviews) with its owners and due date, as sensitive
    as the decision, and linked both ways. With `approves_plan` it is the plan's sign-off: a
    draft plan becomes approved."""
    action: Action | None = None
    if approves_plan is not None:
        if approves_plan.partnership_id != meeting.partnership_id:
            raise ValidationError(
                {
                    "approves_plan": _("Choose a plan of %(partnership)s.")
                    % {"partnership": meeting.partnership}
                }
            )
        if approves_plan.status == PlanStatus.DRAFT:
            plan_services.plan_transition(
                actor=actor, plan=approves_plan, status=PlanStatus.APPROVED
            )
    if priority is not None or action_title.strip():
        if meeting.plan_id is None:
            raise ValidationError({"priority": _("Choose the plan the meeting reviews first.")})
        if priority is None or priority.plan_id != meeting.plan_id:
            raise ValidationError(
                {"priority": _("Choose a priority of the plan the meeting reviews.")}
            )
        if not action_title.strip():
            raise ValidationError({"action_title": _("Enter the action agreed")})
        action = plan_services.action_create(
            actor=actor,
            priority=priority,
            title=action_title.strip(),
            marking=marking,
            **action_fields,
        )
    last = meeting.decisions.aggregate(last=Max("position"))["last"] or 0
    return audit.create(
        Decision,
        actor=actor,
        partnership=meeting.partnership,
        logged_fields=["text", "marking", "action", "approves_plan"],
        meeting=meeting,
        position=last + 1,
        text=text,
        marking=marking,
        action=action,
        approves_plan=approves_plan,
    )


@transaction.atomic
def decision_delete(*, actor: "User", decision: Decision) -> None:
    """Delete a decision recorded in error; an action it added stays in the plan (it may have
    updates by now), no longer linked to the meeting; a plan it approved stays approved. Each
    record that loses its link to the meeting says so in its own history."""
    partnership = decision.meeting.partnership
    audit.log(
        instance=decision,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff(audit.snapshot(decision, ["text"]), {}),
    )
    # Named by the meeting, not the decision's words: an action's history is read by its
    # joint partners, and the decision may be OFFICIAL-SENSITIVE.
    link = f"{decision.meeting} (decision {decision.pk})"
    linked: list[tuple[models.Model | None, str]] = [
        (decision.action, "Agreed in"),
        (decision.approves_plan, "Approved in"),
    ]
    # And the records of the apps above that point to it (an assessment agreed in it), which
    # lose the link when it goes (SET_NULL).
    for relation in decision._meta.get_fields(include_hidden=True):  # related_name="+" too
        if isinstance(relation, ForeignObjectRel) and relation.on_delete is models.SET_NULL:
            model = cast(type[models.Model], relation.related_model)
            pointing = model._base_manager.filter(**{relation.field.name: decision})
            linked += [(record, str(relation.field.verbose_name)) for record in pointing]
    for record, label in linked:
        if record is not None:
            audit.log(
                instance=record,
                action=AuditEvent.Action.UPDATE,
                actor=actor,
                partnership=partnership,
                changes={label: [link, ""]},
                reason="The meeting's decision was deleted",
            )
    decision.delete()


def paper_attach(
    *, actor: "User", meeting: Meeting, name: str, checked, marking: str = Marking.OFFICIAL
):
    """Add a checked file (attachments.files) to the meeting's papers."""
    return attachment_services.file_attach_to(
        meeting,
        meeting.papers,
        actor=actor,
        partnership=meeting.partnership,
        name=name,
        checked=checked,
        marking=marking,
        label="Papers",
    )


def paper_remove(*, actor: "User", meeting: Meeting, paper) -> None:
    attachment_services.file_take_off(
        meeting, actor=actor, partnership=meeting.partnership, attachment=paper, label="Papers"
    )
