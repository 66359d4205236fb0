"""The action plan table's rows as the page draws them (plans/templatetags/action_table_tags.py
and the cells of plan_tags.py, built in Python): every word a partnership typed escaped, an
update's lines kept, the objective's lead groups counted in the page's language, and an
OFFICIAL-SENSITIVE action or update labelled."""

import datetime

import pytest
from django.urls import reverse

from saferplan.partnerships.models import Group
from saferplan.plans.models import RagChange
from saferplan.plans.tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def plan(partnership, editor):
    plan = PlanFactory(partnership=partnership)
    priority = PriorityFactory(plan=plan, number=1, title=f"Violence {HOSTILE}")
    one_group = ObjectiveFactory(
        priority=priority, ref="1.1", title=f"Fewer victims {HOSTILE}",
        target_indicator=f"10% fewer & {HOSTILE}",
    )  # fmt: skip
    one_group.lead_groups.set(
        [
            Group.objects.create(
                partnership=partnership, name=f"Night-time JAG {HOSTILE}", kind="other"
            )
        ]
    )
    two_groups = ObjectiveFactory(priority=priority, ref="1.2", title="Safer streets")
    two_groups.lead_groups.set(
        [
            Group.objects.create(partnership=partnership, name=name, kind="other")
            for name in ("Responsible Authorities Group", "Youth panel")
        ]
    )
    RagChange.objects.create(objective=two_groups, rating="red", reason="The board said so")
    action = ActionFactory(
        priority=priority, objective=one_group, title=f"Patrols {HOSTILE}",
        owner_text=f"Police {HOSTILE}", marking="official_sensitive",
    )  # fmt: skip
    UpdateFactory(
        action=action,
        text=f"Two patrols a week\n{HOSTILE}",
        date_is_estimated=True,
        described_on=datetime.date(2019, 6, 5),
        marking="official_sensitive",
    )
    ActionFactory(priority=priority, objective=two_groups, title="Lighting", status="complete")
    ActionFactory(priority=priority, title="Under the priority itself")
    return plan


def table(client, plan, language=""):
    address = reverse("plans:action-table", args=[plan.partnership.slug, plan.pk])
    return client.get(f"/{language}{address}" if language else address).content.decode()


def test_every_word_typed_is_escaped(plan, editor, signed_in):
    html = table(signed_in(editor), plan)
    assert HOSTILE not in html
    for typed in (
        f"Fewer victims {ESCAPED}",
        f"Target: 10% fewer &amp; {ESCAPED}",
        f"Lead action group: Night-time JAG {ESCAPED}",
        f"Patrols {ESCAPED}</a>",
        f"Police {ESCAPED}",
    ):
        assert typed in html
    assert "Two patrols a week<br>&lt;script&gt;" in html
    assert "(date estimated)" in html
    assert html.count("OFFICIAL-SENSITIVE</strong>") == 2  # the action and its update
    assert "Under the priority" in html
    assert 'govuk-tag--green">Complete</strong>' in html
    assert "(overridden)" in html


def test_lead_groups_are_counted_in_the_page_language(plan, editor, signed_in):
    """Once the count of the group names' letters (always plural): now of the groups."""
    client = signed_in(editor)
    english = table(client, plan)
    assert "Lead action group: Night-time JAG" in english
    assert "Lead action groups: Responsible Authorities Group, Youth panel" in english
    welsh = table(client, plan, "cy")
    assert "Grŵp gweithredu arweiniol: <span" in welsh  # one (the name marked as English)
    assert "Grwpiau gweithredu arweiniol: <span" in welsh  # two
