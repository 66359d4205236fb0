import datetime

import pytest

from saferplan.core import clock
from saferplan.partnerships.tests.factories import OrganisationFactory
from saferplan.plans.tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
    UpdateFactory,
)

TODAY = clock.today()


@pytest.fixture
def council(partnership):
    return OrganisationFactory(
        name="Hertsmere Borough Council",
        abbreviation="HBC",
        kind="local_authority",
        partnerships=[partnership],
    )


@pytest.fixture
def plan(partnership):
    return PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan",
        period_start=TODAY.replace(month=4, day=1)
        if TODAY.month >= 4
        else TODAY.replace(year=TODAY.year - 1, month=4, day=1),
        period_end=(
            TODAY.replace(month=3, day=31, year=TODAY.year + 1)
            if TODAY.month >= 4
            else TODAY.replace(month=3, day=31)
        ),
    )


@pytest.fixture
def priority(plan):
    return PriorityFactory(plan=plan, number=1, title="Identify and prevent serious youth violence")


@pytest.fixture
def objective(priority):
    return ObjectiveFactory(
        priority=priority, ref="1.1", title="Raise awareness of county lines, gangs and knife crime"
    )


@pytest.fixture
def owned_action(objective, council, editor):
    """An action owned by the editor's organisation, rated amber, with one recent update."""
    membership = editor.memberships.get()
    membership.organisation = council
    membership.save()
    action = ActionFactory(
        priority=objective.priority,
        objective=objective,
        title="Arrange events in the community",
        owner_organisations=[council],
    )
    UpdateFactory(
        action=action,
        described_on=TODAY - datetime.timedelta(days=10),
        text="Charity event at Borehamwood Football Club",
    )
    RagChangeFactory(action=action, rating="amber", reason="Venue not yet confirmed")
    return action


def make_action(priority, *, objective=None, rag=None, days_since_update=None, **fields):
    action = ActionFactory(priority=priority, objective=objective, **fields)
    if rag:
        RagChangeFactory(action=action, rating=rag)
    if days_since_update is not None:
        UpdateFactory(
            action=action, described_on=TODAY - datetime.timedelta(days=days_since_update)
        )
    return action


# An OFFICIAL-SENSITIVE action with a sensitive update, each carrying a canary.
@pytest.fixture
def sensitive_action(priority):
    action = make_action(
        priority,
        title="Maximise the use of Stop and Search powers CANARY-ACTION",
        marking="official_sensitive",
    )
    UpdateFactory(
        action=action, text="Stop and search figures CANARY-UPDATE", marking="official_sensitive"
    )
    return action
