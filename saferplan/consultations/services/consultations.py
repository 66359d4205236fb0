"""Consultations created (their questions made from the plan's aims and priorities) and
changed."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Plan

from ..models import Consultation, Question
from ..questions import generated_questions

if TYPE_CHECKING:
    from saferplan.accounts.models import User

CONSULTATION_FIELDS = ["title", "introduction", "privacy_notice", "opens_on", "closes_on"]


@transaction.atomic
def consultation_create(
    *,
    actor: "User",
    partnership: Partnership,
    plan: Plan,
    title: str,
    introduction: str = "",
    privacy_notice: str,
    opens_on: date,
    closes_on: date,
    about_you: Iterable[str] = (),
    areas: Iterable[str] = (),
) -> Consultation:
    """A consultation on `plan` with its questions generated from the plan's aims and
    priorities (see saferplan.consultations.questions)."""
    if plan.partnership_id != partnership.pk:
        raise ValidationError({"plan": _("Choose a plan of this partnership.")})
    check_dates(opens_on, closes_on)
    consultation = audit.create(
        Consultation,
        actor=actor,
        partnership=partnership,
        logged_fields=CONSULTATION_FIELDS,
        partnership_id=partnership.pk,
        plan=plan,
        title=title,
        introduction=introduction,
        privacy_notice=privacy_notice,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    questions = [
        Question(consultation=consultation, **fields)
        for fields in generated_questions(plan, about_you=list(about_you), areas=list(areas))
    ]
    Question.objects.bulk_create(questions)
    return consultation


def check_dates(opens: date | None, closes: date | None) -> None:
    if opens and closes and closes < opens:
        raise ValidationError(
            {"closes_on": _("The closing date must be on or after the opening date.")}
        )


@transaction.atomic
def consultation_update(
    *, actor: "User", consultation: Consultation, **fields: Any
) -> Consultation:
    for name in fields:
        if name not in CONSULTATION_FIELDS:
            raise TypeError(f"consultation_update cannot change {name}")
    check_dates(
        fields.get("opens_on", consultation.opens_on),
        fields.get("closes_on", consultation.closes_on),
    )
    consultation, _changes = audit.change(
        consultation,
        actor=actor,
        partnership=consultation.partnership,
        logged_fields=CONSULTATION_FIELDS,
        **fields,
    )
    return consultation
