"""Plans: creating, editing and moving them through their statuses; aims; the partnership's RAG
wording."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saferplan.attachments import services as attachment_services
from saferplan.attachments.images import Photo
from saferplan.core import clock
from saferplan.core.audit import Actor

from ..models import (
    RETIRED_STATUSES,
    Aim,
    Plan,
    PlanStatus,
    RagDefinition,
)
from .common import audited_change, audited_create

# A narrative plan's own sections, beside its introduction (imports/sections.py).
NARRATIVE_SECTIONS = [
    "plain_summary",
    "foreword",
    "foreword_signatory",
    "about_partnership",
    "legislation",
    "assessment_findings",
    "monitoring",
    "definitions",
    "language_notice",
]
PLAN_FIELDS = [
    "kind",
    "title",
    "strategic_plan",
    "period_start",
    "period_end",
    "status",
    "introduction",
    "pcc_alignment",
    *NARRATIVE_SECTIONS,
    "stale_after_days",
    "publish_updates",
]

PHOTO_FIELDS = ["foreword_photo", "foreword_photo_alt"]

PLAN_TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.APPROVED},
    PlanStatus.APPROVED: {PlanStatus.DRAFT, PlanStatus.PUBLISHED},
    PlanStatus.PUBLISHED: {PlanStatus.APPROVED, PlanStatus.ARCHIVED},
    PlanStatus.ARCHIVED: set(),
    # Only the annual refresh supersedes a plan (plan_supersede); it may be archived later.
    PlanStatus.SUPERSEDED: {PlanStatus.ARCHIVED},
}


@transaction.atomic
def plan_create(
    *,
    actor: Actor,
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
            {"strategic_plan": _("Choose a partnership plan of the same partnership.")}
        )
    return audited_create(
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
def plan_update(*, actor: Actor, plan: Plan, **fields) -> Plan:
    fields.pop("status", None)  # status changes go through plan_transition
    return audited_change(
        plan, actor=actor, partnership=plan.partnership, field_names=PLAN_FIELDS, **fields
    )


@transaction.atomic
def foreword_photo_set(*, actor: Actor, plan: Plan, name: str, drawn: Photo, alt_text: str):
    """The foreword's photograph of its signatory, with what a screen reader says for it;
    a photograph it replaces is deleted."""
    if not alt_text.strip():
        raise ValidationError(
            {"alt_text": _("Describe the photograph for people who cannot see it")}
        )
    # Read again, locked: another coordinator's change made meanwhile is kept, not overwritten.
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    previous = plan.foreword_photo
    photo = attachment_services.photo_attach(
        actor=actor, partnership=plan.partnership, name=name, photo=drawn
    )
    try:
        plan = audited_change(
            plan,
            actor=actor,
            partnership=plan.partnership,
            field_names=PHOTO_FIELDS,
            foreword_photo=photo,
            foreword_photo_alt=alt_text.strip(),
        )
    except Exception:
        attachment_services.file_forget(photo)  # the transaction is undone; so is the file
        raise
    if previous is not None:
        attachment_services.attachment_delete(actor=actor, attachment=previous)
    return plan


@transaction.atomic
def foreword_photo_remove(*, actor: Actor, plan: Plan) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    previous = plan.foreword_photo
    plan = audited_change(
        plan,
        actor=actor,
        partnership=plan.partnership,
        field_names=PHOTO_FIELDS,
        foreword_photo=None,
        foreword_photo_alt="",
    )
    if previous is not None:
        attachment_services.attachment_delete(actor=actor, attachment=previous)
    return plan


@transaction.atomic
def plan_sent_to_pcc(*, actor: Actor, plan: Plan, sent_on) -> Plan:
    """Record the day the plan was sent to the Police and Crime Commissioner (None: not yet)."""
    if sent_on is not None and sent_on > clock.today():
        raise ValidationError({"sent_on": _("The date it was sent must be today or in the past")})
    return audited_change(
        plan,
        actor=actor,
        partnership=plan.partnership,
        field_names=["sent_to_pcc_on"],
        sent_to_pcc_on=sent_on,
    )


@transaction.atomic
def plan_transition(*, actor: Actor, plan: Plan, status: str) -> Plan:
    if status not in PLAN_TRANSITIONS[PlanStatus(plan.status)]:
        raise ValidationError(
            _("A %(status)s plan cannot be made %(label)s.")
            % {
                "status": plan.get_status_display().lower(),
                "label": PlanStatus(status).label.lower(),
            }
        )
    plan = audited_change(
        plan, actor=actor, partnership=plan.partnership, field_names=["status"], status=status
    )
    if status == PlanStatus.PUBLISHED:
        # Next year's plan published: the plan it replaces is no longer the public one.
        for previous in plan.supersedes.in_use():
            _supersede_now(actor=actor, plan=previous)
    return plan


@transaction.atomic
def plan_supersede(*, actor: Actor, plan: Plan, by: Plan) -> Plan:
    """Mark `plan` as replaced by next year's `by` (made from it by the annual refresh): from
    now on its actions are not current (My actions, reminders, digests). A published plan
    stays published, the one the public reads, until `by` is published (plan_transition); any
    other is superseded at once."""
    plan = audited_change(
        plan,
        actor=actor,
        partnership=plan.partnership,
        field_names=["superseded_by"],
        superseded_by=by,
    )
    if plan.status in RETIRED_STATUSES:
        return plan
    if plan.status == PlanStatus.PUBLISHED and by.status != PlanStatus.PUBLISHED:
        return plan  # the public keep reading it until next year's is published
    return _supersede_now(actor=actor, plan=plan)


def _supersede_now(*, actor: Actor, plan: Plan) -> Plan:
    return audited_change(
        plan,
        actor=actor,
        partnership=plan.partnership,
        field_names=["status"],
        status=PlanStatus.SUPERSEDED,
    )


@transaction.atomic
def aim_create(*, actor: Actor, plan: Plan, text: str, number: int | None = None) -> Aim:
    if number is None:
        number = (plan.aims.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return audited_create(
        Aim,
        actor=actor,
        partnership=plan.partnership,
        field_names=["number", "text"],
        plan=plan,
        number=number,
        text=text,
    )


@transaction.atomic
def rag_definition_set(*, actor: Actor, partnership, rating: str, definition: str) -> RagDefinition:
    existing = RagDefinition.objects.filter(partnership=partnership, rating=rating).first()
    if existing:
        return audited_change(
            existing,
            actor=actor,
            partnership=partnership,
            field_names=["definition"],
            definition=definition,
        )
    return audited_create(
        RagDefinition,
        actor=actor,
        partnership=partnership,
        field_names=["rating", "definition"],
        partnership_id=partnership.pk,
        rating=rating,
        definition=definition,
    )
