"""The yearly cycle (issue 22, deliverable 2): the annual refresh proposes next year's title
and replaces last year's plan in the same step, so owners see each action once and the
public see last year's plan until next year's is published."""

import datetime
import html

import pytest
from django.urls import reverse

from saferplan.core import clock
from saferplan.notifications.selectors import digest_for
from saferplan.plans import services
from saferplan.plans.models import Action, Plan
from saferplan.plans.titles import title_for_next_year

from .factories import ActionFactory, PlanFactory, PriorityFactory

TODAY = clock.today()


@pytest.mark.parametrize(
    ("title", "proposed"),
    [
        (
            "Hertsmere Community Safety Action Plan 2019 - 2020",
            "Hertsmere Community Safety Action Plan 2020 - 2021",
        ),
        ("Action Plan 2024-25", "Action Plan 2025-26"),
        ("Action Plan 2024/25", "Action Plan 2025/26"),
        ("Action Plan 2024–2025", "Action Plan 2025–2026"),
        ("Action Plan 2024", "Action Plan 2025"),
        ("Strategy 2023-2027: action plan 2024-25", "Strategy 2023-2027: action plan 2025-26"),
        ("Action Plan 2099-00", "Action Plan 2100-01"),
        ("Community Safety Action Plan", None),
    ],
)
def test_next_years_title_moves_the_years_on_by_one(title, proposed):
    assert title_for_next_year(title) == proposed


@pytest.fixture
def last_year(partnership, editor):
    """A published action plan whose open action the editor owns by name."""
    plan = PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2019 - 2020",
        status="published",
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2020, 3, 31),
    )
    priority = PriorityFactory(plan=plan, number=1, title="Youth violence")
    ActionFactory(
        priority=priority,
        title="Knife crime awareness events",
        owner_user=editor,
        status="in_progress",
        due_date=TODAY + datetime.timedelta(days=10),
    )
    return plan


def refresh(client, plan, **extra):
    url = reverse("plans:refresh", args=[plan.partnership.slug, plan.pk])
    data = {
        "title": "Hertsmere Community Safety Action Plan 2020 - 2021",
        "period_start_day": 1,
        "period_start_month": 4,
        "period_start_year": 2020,
        "period_end_day": 31,
        "period_end_month": 3,
        "period_end_year": 2021,
        **extra,
    }
    return client.post(url, data, follow=True)


def test_the_refresh_form_proposes_next_years_title_and_offers_to_supersede_ticked(
    client, coordinator, last_year
):
    client.force_login(coordinator)
    page = client.get(reverse("plans:refresh", args=[last_year.partnership.slug, last_year.pk]))
    form = page.context["form"]
    assert form["title"].value() == "Hertsmere Community Safety Action Plan 2020 - 2021"
    assert form["supersede"].value() is True
    assert "Mark Hertsmere Community Safety Action Plan 2019 - 2020 as superseded" in page.text


def test_a_title_without_years_is_proposed_unchanged_and_the_page_says_so(
    client, coordinator, partnership
):
    plan = PlanFactory(partnership=partnership, title="Community Safety Action Plan")
    client.force_login(coordinator)
    page = client.get(reverse("plans:refresh", args=[partnership.slug, plan.pk]))
    assert page.context["form"]["title"].value() == "Community Safety Action Plan"
    assert "has no years in it, so the new plan's title is proposed unchanged" in page.text


def test_a_published_plan_stays_public_until_next_years_is_published_then_is_superseded(
    client, coordinator, last_year
):
    client.force_login(coordinator)
    response = refresh(client, last_year, supersede="on")
    assert "stays the published plan until the new one is published" in response.text
    new_plan = Plan.objects.get(carried_from=last_year)
    last_year.refresh_from_db()
    assert (new_plan.status, last_year.status) == ("draft", "published")  # nothing published
    assert last_year.superseded_by == new_plan
    public = reverse("public:plan", args=[last_year.partnership.slug])
    assert "2019 - 2020" in client.get(public).text

    services.plan_transition(actor=coordinator, plan=new_plan, status="approved")
    services.plan_transition(actor=coordinator, plan=new_plan, status="published")

    last_year.refresh_from_db()
    assert last_year.status == "superseded"
    page = client.get(public).text
    assert "2020 - 2021" in page
    assert "2019 - 2020" not in page
    old_table = reverse("public:action-plan", args=[last_year.partnership.slug, last_year.pk])
    assert client.get(old_table).status_code == 404


def test_an_unpublished_plan_is_superseded_at_once(client, coordinator, last_year):
    last_year.status = "approved"
    last_year.save()
    client.force_login(coordinator)
    response = refresh(client, last_year, supersede="on")
    last_year.refresh_from_db()
    assert last_year.status == "superseded"
    assert "Hertsmere Community Safety Action Plan 2019 - 2020 is now superseded" in response.text


def test_unticked_last_years_plan_is_left_as_it_was(client, coordinator, last_year, editor):
    client.force_login(coordinator)
    refresh(client, last_year)  # the box unticked: not sent
    last_year.refresh_from_db()
    assert (last_year.status, last_year.superseded_by) == ("published", None)
    assert Plan.objects.current().filter(pk=last_year.pk).exists()


def test_after_the_refresh_my_actions_lists_each_action_once_last_years_with_a_filter(
    client, coordinator, editor, last_year
):
    client.force_login(coordinator)
    refresh(client, last_year, supersede="on")
    carried = Action.objects.get(priority__plan__carried_from=last_year)
    slug = last_year.partnership.slug
    carried_link = reverse("plans:update-add", args=[slug, carried.pk])
    last_years_link = reverse("plans:update-add", args=[slug, carried.carried_from_id])
    client.force_login(editor)

    page = html.unescape(client.get(reverse("my-actions")).text)  # as the reader sees it
    assert carried_link in page
    assert last_years_link not in page
    assert "Previous year's plan" not in page

    page = html.unescape(client.get(reverse("my-actions"), {"previous_plans": "on"}).text)
    assert carried_link in page
    assert last_years_link in page
    assert page.count("Previous year's plan") == 1


def test_digests_hold_only_the_actions_of_current_plans(client, coordinator, editor, last_year):
    client.force_login(coordinator)
    refresh(client, last_year, supersede="on")
    digest = digest_for(editor, today=TODAY)
    assert [a.priority.plan.title for a in digest.due_soon] == [
        "Hertsmere Community Safety Action Plan 2020 - 2021"
    ]


def test_the_rule_of_current_plans_is_one_queryset_method(last_year, coordinator):
    new_plan = PlanFactory(partnership=last_year.partnership, carried_from=last_year)
    archived = PlanFactory(partnership=last_year.partnership, status="archived")
    assert set(Plan.objects.current()) == {last_year, new_plan}
    services.plan_supersede(actor=coordinator, plan=last_year, by=new_plan)
    assert set(Plan.objects.current()) == {new_plan}
    assert archived not in Plan.objects.current()
    assert not Action.objects.filter(priority__plan=last_year).current().exists()
