"""The action plan as CSV and JSON: the documented fields, and the OFFICIAL-SENSITIVE canary."""

import csv
import io
import json

import pytest
from django.urls import reverse

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.plans.tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
    UpdateFactory,
)
from saferplan.reports.open_data import FIELD_NAMES

CANARY = "CANARY-7f3a9c"


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2019 - 2020",
        status="published",
        publish_updates=True,
    )
    priority = PriorityFactory(
        plan=plan, number=1, title="Identify and prevent serious youth violence"
    )
    objective = ObjectiveFactory(
        priority=priority, ref="1.1", title="Raise awareness of knife crime"
    )
    events = ActionFactory(
        priority=priority,
        objective=objective,
        title="Arrange events in the community",
        owner_text="Hertsmere Community Safety Team",
    )
    UpdateFactory(
        action=events, described_on="2019-10-06", text="Charity event at Borehamwood Football Club"
    )
    RagChangeFactory(action=events, rating="green", reason="On track")
    secret = ActionFactory(
        priority=priority, title=f"Stop and search operation {CANARY}", marking="official_sensitive"
    )
    UpdateFactory(action=secret, text=f"Operational detail {CANARY}", marking="official_sensitive")
    UpdateFactory(
        action=events,
        described_on="2019-10-07",
        text=f"Sensitive note on an ordinary action {CANARY}",
        marking="official_sensitive",
    )
    return plan


def _csv(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))


def public(client, plan, kind):
    return client.get(
        reverse("reports:public-plan-export", args=[plan.partnership.slug, plan.pk, kind])
    )


def members(client, plan, kind):
    return client.get(reverse("reports:plan-export", args=[plan.partnership.slug, plan.pk, kind]))


def test_the_public_csv_has_the_documented_fields_and_no_sensitive_material(client, plan):
    response = public(client, plan, "csv")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="hertsmere-community-safety-action-plan-2019-2020.csv"'
    )
    rows = _csv(response)
    assert list(rows[0]) == FIELD_NAMES
    assert [r["action"] for r in rows] == ["Arrange events in the community"]
    row = rows[0]
    assert (row["objective_ref"], row["rag"], row["rag_reason"]) == ("1.1", "green", "On track")
    assert (row["latest_update_date"], row["latest_update"]) == (
        "2019-10-06",
        "Charity event at Borehamwood Football Club",
    )
    assert CANARY not in "".join(",".join(r.values()) for r in rows)


def test_the_public_json_has_no_sensitive_material(client, plan):
    response = public(client, plan, "json")
    assert CANARY not in response.content.decode()
    data = json.loads(response.content)
    assert data["plan"]["partnership"] == plan.partnership.name
    assert [a["action"] for a in data["actions"]] == ["Arrange events in the community"]
    assert set(data["fields"]) == set(FIELD_NAMES)


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_members_get_sensitive_items_labelled(client, plan, viewer, kind):
    client.force_login(viewer)
    response = members(client, plan, kind)
    text = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert f"Stop and search operation {CANARY}" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert (
        f"Sensitive note on an ordinary action {CANARY}" in text
    )  # its latest update, for members


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_another_partnership_never_gets_the_sensitive_material(
    client, plan, other_partnership, kind
):
    client.force_login(MembershipFactory(partnership=other_partnership, role="coordinator").user)
    assert members(client, plan, kind).status_code == 403
    response = public(client, plan, kind)  # what they can have is the public file
    text = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert CANARY not in text


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_a_plan_that_is_not_published_has_no_public_file(client, plan, kind):
    plan.status = "approved"
    plan.save()
    assert public(client, plan, kind).status_code == 404


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(client, plan):
    priority = plan.priorities.get()
    ActionFactory(
        priority=priority,
        title='=HYPERLINK("http://evil.example","click")',
        owner_text="+44 1234",
        status="not_started",
    )
    rows = _csv(public(client, plan, "csv"))
    evil = next(r for r in rows if "HYPERLINK" in r["action"])
    assert evil["action"].startswith("'=")
    assert evil["owner"] == "'+44 1234"


def test_the_export_takes_the_same_few_queries_for_five_or_fifty_actions(
    client, plan, django_assert_max_num_queries
):
    priority = plan.priorities.get()
    for _ in range(50):
        action = ActionFactory(priority=priority)
        UpdateFactory.create_batch(2, action=action)
    with django_assert_max_num_queries(8):
        _csv(public(client, plan, "csv"))


def test_every_field_is_documented_in_the_open_data_guide():
    from pathlib import Path

    from saferplan.reports.open_data import FIELDS

    guide = (Path(__file__).resolve().parents[3] / "docs" / "open-data.md").read_text()
    for name, text in FIELDS:
        assert f"| `{name}` | {text} |" in guide


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_the_public_file_holds_no_progress_when_the_plan_does_not_publish_updates(
    client, signed_in, viewer, plan, kind
):
    plan.publish_updates = False
    plan.save()
    text = _body(public(client, plan, kind))
    rows = _rows_of(kind, text)
    assert [(r["latest_update_date"], r["latest_update"], r["rag_reason"]) for r in rows] == [
        ("", "", "")
    ]
    assert rows[0]["rag"] == "green"  # the rating itself is on the published plan's pages
    assert "Charity event" not in text
    assert "On track" not in text
    mine = _body(members(signed_in(viewer), plan, kind))
    assert "Sensitive note on an ordinary action" in mine  # their latest update
    assert "On track" in mine


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def _rows_of(kind, text):
    if kind == "csv":
        return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    return json.loads(text)["actions"]


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_a_reason_given_with_a_sensitive_update_stays_out_of_the_public_file(
    client, signed_in, viewer, plan, kind
):
    events = plan.priorities.get().actions.get(marking="official")
    RagChangeFactory(
        action=events, rating="red", reason=f"Informant {CANARY}", marking="official_sensitive"
    )
    rows = _rows_of(kind, _body(public(client, plan, kind)))
    assert [(r["rag"], r["rag_reason"]) for r in rows] == [("red", "")]
    assert f"Informant {CANARY}" in _body(members(signed_in(viewer), plan, kind))
