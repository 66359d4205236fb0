"""One clock: at 23:30 UTC on a Sunday in British Summer Time it is already Monday 00:30 in
London. The owner's pages, the cache keys of their lists and the reminders all take Monday,
so an action due on Sunday is overdue everywhere, and the Monday digest goes out (issue 20)."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from saferplan.core import clock
from saferplan.plans import selectors
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory

# A summer night after today's date, so that the server's own date (which nothing may use)
# would call the action not yet due.
SUNDAY_NIGHT_UTC = datetime.datetime(2027, 7, 11, 23, 30, tzinfo=datetime.UTC)
SUNDAY, MONDAY = datetime.date(2027, 7, 11), datetime.date(2027, 7, 12)


@pytest.fixture
def half_past_midnight_in_london():
    with mock.patch("django.utils.timezone.now", return_value=SUNDAY_NIGHT_UTC):
        yield


@pytest.fixture
def due_on_sunday(partnership, editor):
    plan = PlanFactory(partnership=partnership, period_start="2027-04-01", period_end="2028-03-31")
    return ActionFactory(
        priority=PriorityFactory(plan=plan, number=1),
        title="Knife crime awareness week",
        owner_user=editor,
        due_date=SUNDAY,
        status="in_progress",
    )


def test_pages_lists_and_reminders_agree_on_the_day(
    client, editor, due_on_sunday, half_past_midnight_in_london
):
    assert clock.today() == MONDAY
    client.force_login(editor)
    mine = client.get(reverse("my-actions"))
    assert [a.action.title for a in mine.context["groups"].overdue] == [
        "Knife crime awareness week"
    ]
    key_now = selectors.my_actions_cache_key(
        user=editor, filters=selectors.ActionFilters(), today=clock.today()
    )
    key_monday = selectors.my_actions_cache_key(
        user=editor, filters=selectors.ActionFilters(), today=MONDAY
    )
    assert key_now == key_monday
    action_page = client.get(
        reverse(
            "plans:action", args=[due_on_sunday.priority.plan.partnership.slug, due_on_sunday.pk]
        )
    ).text
    assert '<span class="sp-flag">Overdue</span>' in action_page
    call_command("send-reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (digest,) = mail.outbox
    assert digest.to == [editor.email]
    assert "Knife crime awareness week" in digest.body
