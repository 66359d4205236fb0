"""The OFFICIAL-SENSITIVE canary: a unique marker planted in a sensitive action, a sensitive
update on it, and a sensitive update on an ordinary action never reaches the public or
another partnership, in any format. Members of the owning partnership do see it: that is
what proves each check can fail."""

import pytest
from django.urls import reverse

from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
    UpdateFactory,
)
from saferplan.reports.tests.files import body, readable_text

CANARY = "Canaryq7f3a9cz"
FORMATS = ["csv", "json", "docx", "xlsx", "pdf"]


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2019 - 2020",
        period_start="2019-04-01",
        period_end="2020-03-31",
        status="published",
        publish_updates=True,
    )
    priority = PriorityFactory(plan=plan, number=1, title="Identify and prevent youth violence")
    events = ActionFactory(
        priority=priority, title="Arrange events in the community", owner_text="Community Safety"
    )
    UpdateFactory(action=events, described_on="2019-10-06", text="Charity event at the club")
    UpdateFactory(
        action=events,
        described_on="2019-10-07",
        text=f"Sensitive note on an ordinary action {CANARY}",
        marking="official_sensitive",
    )
    RagChangeFactory(action=events, rating="green", reason="On track")
    secret = ActionFactory(
        priority=priority,
        title=f"Stop and search operation {CANARY}",
        owner_text=f"DI {CANARY}",
        marking="official_sensitive",
    )
    UpdateFactory(action=secret, text=f"Operational detail {CANARY}", marking="official_sensitive")
    RagChangeFactory(action=secret, rating="red", reason=f"Suspect named {CANARY}")
    return plan


@pytest.mark.parametrize("kind", FORMATS)
def test_members_of_the_owning_partnership_find_the_canary(signed_in, viewer, plan, kind):
    response = signed_in(viewer).get(
        reverse("reports:plan-export", args=[plan.partnership.slug, plan.pk, kind])
    )
    assert response.status_code == 200
    assert readable_text(kind, body(response)).count(CANARY) >= 3


@pytest.mark.parametrize("layout", ["", "quarters"])
@pytest.mark.parametrize("kind", FORMATS)
def test_the_public_never_gets_the_canary(client, plan, kind, layout):
    url = reverse("reports:public-plan-export", args=[plan.partnership.slug, plan.pk, kind])
    response = client.get(url + (f"?layout={layout}" if layout else ""))
    assert response.status_code == 200
    text = readable_text(kind, body(response))
    assert "Charityeventattheclub" in text  # published updates are there
    assert CANARY not in text


@pytest.mark.parametrize("kind", FORMATS)
def test_another_partnership_is_refused_the_members_export(signed_in, outsider, plan, kind):
    response = signed_in(outsider).get(
        reverse("reports:plan-export", args=[plan.partnership.slug, plan.pk, kind])
    )
    assert response.status_code in (403, 404)
    assert CANARY not in body(response).decode("utf-8", "replace")


@pytest.mark.parametrize("kind", FORMATS)
def test_another_partnership_gets_only_the_public_file(signed_in, outsider, plan, kind):
    response = signed_in(outsider).get(
        reverse("reports:public-plan-export", args=[plan.partnership.slug, plan.pk, kind])
    )
    assert CANARY not in readable_text(kind, body(response))
