"""A partnership's plans and structure come out wholly in Welsh at their Welsh addresses,
drawn over the demo's real plan (seed 000's Hertsmere action plan, its updates, RAG ratings,
groups and people): every word saferplan's in Welsh, and the partnership's own English
(priorities, actions, updates, names) marked lang="en" so a screen reader reads it with an
English voice (WCAG 3.1.2). Their forms' errors are Welsh too."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from saferplan.plans.tests.test_welsh_round import english_left
from tests.test_url_access import ROUTES

# The members' pages of the partnership and its plans, read here over the demo's real plan
# (every other page is read by tests/test_welsh_every_page.py over the URL sweep's records).
MEMBERS_PAGES = [
    *sorted(name for name, _ in ROUTES if name.split(":")[0] in ("plans", "partnerships")),
    "core:home",
    "my-partnerships",
    "my-actions",
]
NOT_PAGES = {"plans:foreword-photo-file", "plans:update-file"}  # an image, a file
# Pages that only take a form sent from another page: they answer GET with 405.
SENT_ONLY = {"plans:transition", "plans:foreword-photo-remove", "partnerships:organisation-remove"}


@pytest.fixture
def demo_member(demo):
    from saferplan.accounts.models import Membership, User
    from saferplan.partnerships.models import PccPriority
    from saferplan.plans.models import Action, Objective, Plan, Update

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    action = Action.objects.filter(priority__plan=plan, updates__isnull=False).first()
    update = Update.objects.filter(action=action).first()
    priority = plan.priorities.get(number=1)
    records = {
        "slug": "hertsmere",
        "plan_pk": plan.pk,
        "number": priority.number,
        "action": action,
        "update": update,
        "objective": Objective.objects.filter(priority__plan=plan).first(),
        "group": plan.partnership.groups.first(),
        "organisation": plan.partnership.organisations.first(),
        "membership": Membership.objects.filter(partnership__slug="hertsmere").last(),
        "pcc_priority": PccPriority.objects.filter(
            police_and_crime_plan__police_force=plan.partnership.police_force
        ).first(),
    }
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="coordinator@example.org"))
    return client, records


def welsh_address(name: str, records: dict) -> str:
    """The Welsh address of route `name` for the demo's records."""
    args = dict(ROUTES).get(name, ())
    kwargs = {}
    for arg in args:
        if arg in ("slug", "plan_pk", "number"):
            kwargs[arg] = records[arg]
        elif name.startswith("plans:objective"):
            kwargs[arg] = records["objective"].pk
        elif name == "plans:update-file-add" and arg == "pk":
            kwargs[arg] = records["update"].action_id
        elif name == "plans:update-file-add" or name == "plans:update-correct":
            kwargs[arg] = records["update"].pk
        elif name.startswith("plans:"):
            kwargs[arg] = records["action"].pk
        elif name.startswith("partnerships:group"):
            kwargs[arg] = records["group"].pk
        elif name.startswith("partnerships:organisation"):
            kwargs[arg] = records["organisation"].pk
        elif name.startswith("partnerships:member"):
            kwargs[arg] = records["membership"].pk
        elif name.startswith("partnerships:pcc") and arg == "pk":
            kwargs[arg] = records["pcc_priority"].police_and_crime_plan_id
        elif name.startswith("partnerships:pcc") and arg == "priority_pk":
            kwargs[arg] = records["pcc_priority"].pk
        else:
            raise AssertionError(f"no record for {name}'s {arg}")
    with translation.override("cy"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", [n for n in MEMBERS_PAGES if n not in NOT_PAGES])
def test_a_members_page_in_welsh_is_wholly_welsh(demo_member, name):
    client, records = demo_member
    response = client.get(welsh_address(name, records), follow=True)
    if name in SENT_ONLY:
        assert response.status_code == 405
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert english_left(html) == []
    # the language switch leads to the same page in English
    assert 'hreflang="en" lang="en"' in html


def test_the_welsh_pages_are_in_the_sweep():
    assert {"plans:overview", "plans:action", "partnerships:structure"} <= set(MEMBERS_PAGES)


@pytest.mark.parametrize(
    ("name", "typed", "error"),
    [
        ("plans:action-edit", {"title": ""}, "Mae problem wedi codi"),
        ("partnerships:group-add", {"name": ""}, "Mae problem wedi codi"),
        ("partnerships:member-add", {"email": "not an address"}, "Mae problem wedi codi"),
    ],
)
def test_a_welsh_form_refuses_in_welsh(demo_member, name, typed, error):
    client, records = demo_member
    html = client.post(welsh_address(name, records), typed).content.decode()
    assert error in html
    assert english_left(html) == []
