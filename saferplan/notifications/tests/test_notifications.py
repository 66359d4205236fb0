"""Emails to action owners: the weekly digest, the chase before a board meeting, and a notice
when someone else changes their action; each person's choices; board meetings."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from saferplan.core.models import AuditEvent
from saferplan.meetings.services import meeting_create
from saferplan.notifications import services
from saferplan.notifications.models import Preference
from saferplan.plans import services as plan_services
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def plan(partnership):
    return PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2026 - 2027",
        status="approved",
        period_start="2026-04-01",
        period_end="2027-03-31",
    )


@pytest.fixture
def owned(plan, editor):
    """The editor's actions: one overdue, one due in a fortnight, one OFFICIAL-SENSITIVE
    and overdue, and one done (never in an email)."""
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation")
    return {
        "overdue": ActionFactory(
            priority=priority,
            title="Raise awareness of cuckooing with landlords",
            owner_user=editor,
            due_date=MONDAY - datetime.timedelta(days=10),
            status="in_progress",
        ),
        "due_soon": ActionFactory(
            priority=priority,
            title="Knife crime awareness events in schools",
            owner_user=editor,
            due_date=MONDAY + datetime.timedelta(days=14),
            status="in_progress",
        ),
        "sensitive": ActionFactory(
            priority=priority,
            title="Covert operation Canaryx9k2",
            owner_user=editor,
            due_date=MONDAY - datetime.timedelta(days=3),
            marking="official_sensitive",
            status="in_progress",
        ),
        "done": ActionFactory(
            priority=priority,
            title="Already finished",
            owner_user=editor,
            due_date=MONDAY - datetime.timedelta(days=30),
            status="complete",
        ),
    }


def html_of(message) -> str:
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    return html


def test_the_monday_digest_lists_overdue_and_due_soon_actions_with_links(owned, editor, settings):
    settings.SAFERPLAN_BASE_URL = "https://saferplan.hertsmere.gov.uk"
    assert services.send_digests(today=MONDAY) == 1
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "Your saferplan actions this week"
    text, html = message.body, html_of(message)
    for body in (text, html):
        assert "Raise awareness of cuckooing with landlords" in body
        assert "Knife crime awareness events in schools" in body
        assert "Already finished" not in body
        assert "Canaryx9k2" not in body  # a sensitive title never travels by email
        assert "OFFICIAL-SENSITIVE action" in body
        assert (
            f"https://saferplan.hertsmere.gov.uk/partnerships/{owned['overdue'].priority.plan.partnership.slug}/actions/{owned['overdue'].pk}/"
            in body
        )
    assert (
        text.index("Overdue")
        < text.index("Raise awareness")
        < text.index("Due in the next 30 days")
    )
    assert '<html lang="en-GB">' in html


def test_the_digest_is_sent_once_a_week_on_mondays_and_only_to_those_who_want_it(owned, editor):
    assert services.send_digests(today=MONDAY + datetime.timedelta(days=1)) == 0
    assert services.send_digests(today=MONDAY) == 1
    assert services.send_digests(today=MONDAY) == 0  # the command run twice
    services.preference_set(
        actor=editor, weekly_digest=False, board_chase=True, action_changes=True, board_reports=True
    )
    assert services.send_digests(today=MONDAY + datetime.timedelta(days=7)) == 0
    assert len(mail.outbox) == 1


def test_nobody_gets_an_empty_digest(plan, editor, coordinator):
    assert services.send_digests(today=MONDAY) == 0
    assert mail.outbox == []


def test_owners_are_chased_once_before_each_board_meeting(plan, owned, editor, coordinator):
    meeting = meeting_create(
        actor=coordinator,
        partnership=plan.partnership,
        plan=plan,
        meets_on=MONDAY + datetime.timedelta(days=10),
    )
    assert services.send_chases(today=MONDAY - datetime.timedelta(days=5)) == 0  # too early
    assert services.send_chases(today=MONDAY) == 1
    assert services.send_chases(today=MONDAY + datetime.timedelta(days=1)) == 0  # once
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "before the board meets on 3 December" in message.subject
    assert "Thursday 3 December 2026" in message.body
    assert "Knife crime awareness events in schools" in message.body
    assert "Already finished" not in message.body
    assert services.send_chases(today=meeting.meets_on) == 0  # the day itself: too late


def test_an_owner_hears_when_someone_else_updates_or_rates_their_action(
    owned, editor, coordinator, django_capture_on_commit_callbacks
):
    action = owned["overdue"]
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.update_add(
            actor=coordinator,
            action=action,
            described_on=MONDAY,
            text="Landlords forum booked for January",
            rag="amber",
            rag_reason="Forum moved to January",
        )
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "has added an update to your action" in message.body
    assert "Landlords forum booked for January" in message.body
    assert "RAG rating: Amber. Reason: Forum moved to January" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.update_add(
            actor=editor, action=action, described_on=MONDAY, text="My own update"
        )
    assert len(mail.outbox) == 1  # not for one's own change


@pytest.mark.django_db(transaction=True)
def test_the_notice_waits_for_the_background_worker_not_the_person_saving(
    owned, editor, coordinator, settings, django_capture_on_commit_callbacks
):
    """With the real queue, saving sends nothing itself: the worker sends the notice."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.update_add(
            actor=coordinator, action=owned["overdue"], described_on=MONDAY, text="Booked"
        )
    assert mail.outbox == []
    call_command("db_worker", "--batch", verbosity=0)
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "Booked" in message.body


def test_a_sensitive_update_is_announced_without_its_text(
    owned, editor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.update_add(
            actor=coordinator,
            action=owned["overdue"],
            described_on=MONDAY,
            text="Intelligence Canaryx9k2",
            marking="official_sensitive",
        )
    (message,) = mail.outbox
    assert "Canaryx9k2" not in message.body + html_of(message)
    assert "The update is OFFICIAL-SENSITIVE: read it in saferplan." in message.body


def test_nothing_is_sent_for_a_change_that_was_rolled_back(
    owned, coordinator, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        plan_services.update_add(
            actor=coordinator, action=owned["overdue"], described_on=MONDAY, text="  "
        )
    assert mail.outbox == []


def test_an_owner_who_chose_not_to_hear_is_not_told(
    owned, editor, coordinator, django_capture_on_commit_callbacks
):
    services.preference_set(
        actor=editor, weekly_digest=True, board_chase=True, action_changes=False, board_reports=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.action_rag_set(
            actor=coordinator, action=owned["overdue"], rating="red", reason="Venue lost"
        )
    assert mail.outbox == []


def test_a_person_chooses_their_emails_and_the_choice_is_audited(client, editor):
    client.force_login(editor)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="weekly_digest" checked' in page.replace("  ", " ") or "checked" in page
    response = client.post(
        reverse("notifications:preferences"),
        {"board_chase": "on", "action_changes": "on", "board_reports": "on"},
    )
    assert response.status_code == 302
    preference = Preference.objects.get(user=editor)
    assert (preference.weekly_digest, preference.board_chase) == (False, True)
    event = AuditEvent.objects.get(object_type="notifications.preference")
    assert list(event.changes.values()) == [[True, False]]


def test_the_command_sends_both_and_says_how_many(owned, plan, coordinator, capsys):
    meeting_create(
        actor=coordinator,
        partnership=plan.partnership,
        plan=plan,
        meets_on=MONDAY + datetime.timedelta(days=7),
    )
    call_command("send-reminders", "--date", MONDAY.isoformat())
    assert (
        "Monday 23 November 2026: 1 digest(s) and 1 board reminder(s) sent; 0 ASB Case "
        "Review applicant(s)' details deleted after their retention date."
        in capsys.readouterr().out
    )
    assert len(mail.outbox) == 2


def test_a_reason_given_with_a_sensitive_update_is_not_in_the_email(
    owned, editor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.update_add(
            actor=coordinator,
            action=owned["overdue"],
            described_on=MONDAY,
            text="Intelligence Canaryx9k2",
            marking="official_sensitive",
            rag="red",
            rag_reason="Informant Canaryr4s8 withdrew",
        )
    (message,) = mail.outbox
    assert "Canaryr4s8" not in message.subject + message.body + html_of(message)
    assert "The reason is OFFICIAL-SENSITIVE: read it in saferplan." in message.body
    assert "RAG rating: Red" in message.body


def test_a_sensitive_actions_title_is_not_in_the_subject_line(
    owned, editor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.action_rag_set(
            actor=coordinator, action=owned["sensitive"], rating="red", reason="Delayed"
        )
    (message,) = mail.outbox
    assert message.subject == "Your action has been rated"
    assert "Canaryx9k2" not in message.subject + message.body + html_of(message)


def test_a_person_removed_from_the_partnership_hears_nothing_more_of_its_actions(
    owned, plan, editor, coordinator, django_capture_on_commit_callbacks
):
    editor.memberships.all().delete()  # removed from Hertsmere; the action still names them
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.update_add(
            actor=coordinator, action=owned["overdue"], described_on=MONDAY, text="Booked"
        )
    assert mail.outbox == []
    meeting_create(
        actor=coordinator,
        partnership=plan.partnership,
        plan=plan,
        meets_on=MONDAY + datetime.timedelta(days=7),
    )
    assert services.send_chases(today=MONDAY) == 0
