"""The Serious Violence Duty's record and Prevent's receipts of the counter-terrorism local
profile, each write audited."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saferplan.core import audit, clock

from ..models import CounterTerrorismProfile, SeriousViolenceDuty
from .common import partnerships_one

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership

DUTY_FIELDS = ["local_definition", "definition_agreed_on", "strategy_reviewed_on"]
PROFILE_FIELDS = ["title", "received_on", "provided_by", "held_where", "briefed_on"]


def _not_ahead(field: str, day: datetime.date | None, what: str) -> None:
    if day is not None and day > clock.today():
        raise ValidationError({field: _("%(what)s cannot be in the future") % {"what": what}})


@transaction.atomic
def serious_violence_duty_set(
    *,
    actor: "User",
    partnership: "Partnership",
    local_definition: str,
    definition_agreed_on: datetime.date | None,
    strategy_reviewed_on: datetime.date | None,
) -> SeriousViolenceDuty:
    """The local definition of serious violence (and when the partners agreed it) and the
    day the strategy was last reviewed, from which the next review is due a year on."""
    if definition_agreed_on is not None and not local_definition.strip():
        raise ValidationError({"local_definition": _("Enter the definition the partners agreed")})
    _not_ahead("definition_agreed_on", definition_agreed_on, _("The day it was agreed"))
    _not_ahead("strategy_reviewed_on", strategy_reviewed_on, _("The last review"))
    return partnerships_one(
        SeriousViolenceDuty,
        actor=actor,
        partnership=partnership,
        logged_fields=DUTY_FIELDS,
        local_definition=local_definition.strip(),
        definition_agreed_on=definition_agreed_on,
        strategy_reviewed_on=strategy_reviewed_on,
    )


@transaction.atomic
def ct_profile_record(
    *,
    actor: "User",
    partnership: "Partnership",
    title: str,
    received_on: datetime.date,
    provided_by: str,
    held_where: str,
    briefed_on: datetime.date | None = None,
) -> CounterTerrorismProfile:
    """That the county's counter-terrorism local profile was received, from whom and where
    it is held: never the profile."""
    _not_ahead("received_on", received_on, _("The day it was received"))
    if briefed_on is not None and briefed_on < received_on:
        raise ValidationError(
            {"briefed_on": _("The partners cannot be briefed before the profile came")}
        )
    return audit.create(
        CounterTerrorismProfile,
        actor=actor,
        partnership=partnership,
        logged_fields=PROFILE_FIELDS,
        partnership_id=partnership.pk,
        title=title.strip(),
        received_on=received_on,
        provided_by=provided_by.strip(),
        held_where=held_where.strip(),
        briefed_on=briefed_on,
    )
