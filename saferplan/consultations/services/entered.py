"""Results of a consultation run elsewhere, entered as its report gives them: created,
changed (with the themes its comments were grouped into), their relevance figures set, and
deleted. Each write audited, in one transaction."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit, clock
from saferplan.core.models import AuditEvent
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Aim, Plan, Priority

from ..models import EnteredConsultation, EnteredRelevance, EnteredTheme, Qualifier
from .consultations import check_dates

if TYPE_CHECKING:
    from saferplan.accounts.models import User

ENTERED_FIELDS = [
    "title",
    "opens_on",
    "closes_on",
    "respondents",
    "channels",
    "themes_question",
    "comments",
    "source",
]


def _check(*, plan: Plan, partnership: Partnership, opens_on: date, closes_on: date) -> None:
    if plan.partnership_id != partnership.pk:
        raise ValidationError({"plan": _("Choose a plan of this partnership.")})
    check_dates(opens_on, closes_on)
    if closes_on > clock.today():
        raise ValidationError(
            {"closes_on": _("Closed on must be today or earlier: enter results once it has closed")}
        )


def _themes_text(themes: list[tuple[str, int | None]]) -> str:
    return "; ".join(f"{name} ({count})" if count is not None else name for name, count in themes)


def _set_themes(consultation: EnteredConsultation, themes: list[tuple[str, int | None]]) -> None:
    consultation.themes.all().delete()
    EnteredTheme.objects.bulk_create(
        EnteredTheme(consultation=consultation, name=name[:120], count=count, position=position)
        for position, (name, count) in enumerate(themes, start=1)
    )


@transaction.atomic
def entered_consultation_create(
    *,
    actor: "User",
    partnership: Partnership,
    plan: Plan,
    themes: list[tuple[str, int | None]] = (),  # type: ignore[assignment]
    **fields,
) -> EnteredConsultation:
    _check(
        plan=plan,
        partnership=partnership,
        opens_on=fields["opens_on"],
        closes_on=fields["closes_on"],
    )
    consultation = audit.create(
        EnteredConsultation,
        actor=actor,
        partnership=partnership,
        logged_fields=ENTERED_FIELDS,
        logged_also=lambda _: {"Plan": plan.title, "Themes": _themes_text(list(themes)) or None},
        partnership_id=partnership.pk,
        plan=plan,
        **fields,
    )
    _set_themes(consultation, list(themes))
    return consultation


@transaction.atomic
def entered_consultation_update(
    *,
    actor: "User",
    consultation: EnteredConsultation,
    themes: list[tuple[str, int | None]] | None = None,
    **fields,
) -> EnteredConsultation:
    _check(
        plan=consultation.plan,
        partnership=consultation.partnership,
        opens_on=fields.get("opens_on", consultation.opens_on),
        closes_on=fields.get("closes_on", consultation.closes_on),
    )
    before = _described(consultation)
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    consultation.save()
    if themes is not None:
        _set_themes(consultation, themes)
    changes = audit.diff(before, _described(consultation))
    if changes:
        audit.log(
            instance=consultation,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=consultation.partnership,
            changes=changes,
        )
    return consultation


def _described(consultation: EnteredConsultation) -> dict:
    themes = [(t.name, t.count) for t in consultation.themes.all()]
    return {**audit.snapshot(consultation, ENTERED_FIELDS), "Themes": _themes_text(themes) or None}


@transaction.atomic
def entered_relevance_set(
    *,
    actor: "User",
    consultation: EnteredConsultation,
    figures: list[tuple[Aim | Priority, str, Decimal | None]],
) -> None:
    """Each aim's and priority's share as entered: (aim or priority, qualifier, percent);
    a percent of None leaves it out (the report did not say)."""
    plan_id = consultation.plan_id
    before = {}
    for row in consultation.relevance.select_related("aim", "priority"):
        subject = row.aim or row.priority
        if subject is not None:  # (one of them always is: a constraint says so)
            before[_label(subject)] = str(row)
    consultation.relevance.all().delete()
    after = {}
    for subject, qualifier, percent in figures:
        if subject.plan_id != plan_id:
            raise ValidationError(_("Enter figures only for the aims and priorities of its plan."))
        if percent is None:
            continue
        row = EnteredRelevance.objects.create(
            consultation=consultation,
            aim=subject if isinstance(subject, Aim) else None,
            priority=subject if isinstance(subject, Priority) else None,
            qualifier=Qualifier(qualifier),
            percent=percent,
        )
        after[_label(subject)] = str(row)
    changes = {
        label: [before.get(label), after.get(label)]
        for label in [*before, *(a for a in after if a not in before)]
        if before.get(label) != after.get(label)
    }
    if changes:
        audit.log(
            instance=consultation,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=consultation.partnership,
            changes=changes,
        )


def _label(subject: Aim | Priority) -> str:
    return f"Aim {subject.number}" if isinstance(subject, Aim) else f"Priority {subject.number}"


@transaction.atomic
def entered_consultation_delete(*, actor: "User", consultation: EnteredConsultation) -> None:
    before = audit.snapshot(consultation, ENTERED_FIELDS)
    audit.log(
        instance=consultation,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=consultation.partnership,
        changes={label: [value, None] for label, value in before.items()},
    )
    consultation.delete()
