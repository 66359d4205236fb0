"""Every write confirmed, and saved once however often its form is sent (issue 22,
deliverable 1; docs/adr/0027-forms-saved-once.md)."""

import re

import pytest
from django.urls import reverse

from saferplan.core.models import AuditEvent, FormSubmission
from saferplan.indicators.tests.conftest import manual_measure
from saferplan.meetings.models import Meeting
from saferplan.plans.models import RagChange, Update

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def drawn_token(page: str) -> str:
    """The submission token of the form on a page, as a browser would send it back."""
    return re.search(r'name="submission_token" value="([0-9a-f]+)"', page).group(1)


def update_form(token: str, text="Workshop held at Hertswood Academy for 240 year 9 students"):
    return {
        "submission_token": token,
        "described_on_day": TODAY.day,
        "described_on_month": TODAY.month,
        "described_on_year": TODAY.year,
        "text": text,
        "marking": "official",
        "rag": "",
        "rag_reason": "",
        "status": "",
        "status_reason": "",
        "expected_rag_change_id": "",
    }


def banners(page: str) -> list[str]:
    return re.findall(r'notification-banner__heading">([^<]*)<', page)


def test_an_update_from_its_own_page_lands_on_the_action_with_a_banner_and_the_history(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    url = reverse("plans:update-add", args=[partnership.slug, owned_action.pk])
    token = drawn_token(client.get(url).text)
    response = client.post(url, update_form(token), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "plans:action", args=[partnership.slug, owned_action.pk]
    )
    [banner] = banners(response.text)
    assert banner == (
        "Your update has been added. It is in the history of “Arrange events in the "
        f"community” below, dated {TODAY:%-d %B %Y}."
    )
    history = response.text.split('id="timeline"')[1]
    assert "Workshop held at Hertswood Academy" in history


def test_the_same_form_sent_twice_is_stored_once_and_the_second_answer_says_so(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    url = reverse("plans:update-add", args=[partnership.slug, owned_action.pk])
    token = drawn_token(client.get(url).text)
    client.post(url, update_form(token), follow=True)
    again = client.post(url, update_form(token), follow=True)
    assert Update.objects.filter(text__startswith="Workshop held").count() == 1
    assert AuditEvent.objects.filter(object_type="plans.update", action="create").count() == 1
    [banner] = banners(again.text)
    assert banner.startswith("This was already saved: the form was sent twice and saved once.")
    assert again.redirect_chain[-1][0].endswith(f"/actions/{owned_action.pk}/")
    assert "Workshop held at Hertswood Academy" in again.text.split('id="timeline"')[1]


def test_a_form_refused_keeps_its_token_and_saves_once_corrected(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    url = reverse("plans:update-add", args=[partnership.slug, owned_action.pk])
    token = drawn_token(client.get(url).text)
    refused = client.post(url, update_form(token, text=""))
    assert drawn_token(refused.text) == token  # drawn again with the same token
    assert not FormSubmission.objects.exists()  # the refused write claimed nothing
    client.post(url, update_form(token, text="Venue booked"))
    assert Update.objects.filter(text="Venue booked").count() == 1


def test_each_drawing_of_the_form_has_its_own_token(client, editor, owned_action, partnership):
    client.force_login(editor)
    action_page = reverse("plans:action", args=[partnership.slug, owned_action.pk])
    first, second = (drawn_token(client.get(action_page).text) for _ in range(2))
    assert first != second
    url = reverse("plans:update-add", args=[partnership.slug, owned_action.pk])
    client.post(url, update_form(first, text="First"))
    client.post(url, update_form(second, text="Second"))
    stored = Update.objects.filter(text__in=["First", "Second"]).values_list("text", flat=True)
    assert sorted(stored) == ["First", "Second"]


def test_htmx_from_the_update_page_goes_to_the_action_page(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    url = reverse("plans:update-add", args=[partnership.slug, owned_action.pk])
    response = client.post(
        url,
        update_form(drawn_token(client.get(url).text)),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{url}",
    )
    action_page = reverse("plans:action", args=[partnership.slug, owned_action.pk])
    assert response.status_code == 204
    assert response["HX-Redirect"] == action_page
    landed = client.get(action_page).text
    assert "It is in the history of “Arrange events in the community”" in banners(landed)[0]


def test_htmx_on_the_action_page_swaps_in_the_banner_with_the_history(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    action_page = reverse("plans:action", args=[partnership.slug, owned_action.pk])
    page = client.get(action_page).text
    assert 'hx-select-oob="#timeline,#rag-summary,#messages"' in page
    response = client.post(
        reverse("plans:update-add", args=[partnership.slug, owned_action.pk]),
        update_form(drawn_token(page)),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{action_page}",
        follow=True,
    )
    messages = response.text.split('<div id="messages">')[1].split('id="update-form"')[0]
    assert "has been added" in messages
    assert "Workshop held" in response.text.split('id="timeline"')[1]


def test_a_rag_override_sent_twice_is_recorded_once(client, coordinator, priority, partnership):
    client.force_login(coordinator)
    url = reverse("plans:priority-rag", args=[partnership.slug, priority.plan_id, priority.number])
    form = {
        "submission_token": drawn_token(client.get(url).text),
        "rating": "red",
        "reason": "Funding withdrawn",
        "marking": "official",
    }
    client.post(url, form, follow=True)
    again = client.post(url, form, follow=True)
    assert RagChange.objects.filter(priority=priority).count() == 1
    assert "already saved" in banners(again.text)[0]
    assert "The RAG rating of priority 1 has been saved." in banners(again.text)[0]


def test_a_meeting_sent_twice_is_arranged_once(client, coordinator, plan, partnership):
    client.force_login(coordinator)
    url = reverse("meetings:add", args=[partnership.slug])
    form = {
        "submission_token": drawn_token(client.get(url).text),
        "plan": plan.pk,
        "meets_on_day": "14",
        "meets_on_month": "1",
        "meets_on_year": str(TODAY.year + 1),
        "chase_days_before": "10",
    }
    client.post(url, form, follow=True)
    again = client.post(url, form, follow=True)
    assert Meeting.objects.count() == 1
    [banner] = banners(again.text)
    assert "already saved" in banner
    assert f"The meeting on 14 January {TODAY.year + 1} has been arranged." in banner


def test_a_measures_figure_sent_twice_is_saved_and_logged_once(client, partnership, member_of):
    analyst = member_of("analyst")
    indicator = manual_measure(partnership, analyst, {"2022": 1000})
    client.force_login(analyst)
    url = reverse("indicators:detail", args=[partnership.slug, indicator.pk])
    form = {"submission_token": drawn_token(client.get(url).text), "period": "2023", "value": "9"}
    client.post(url, form, follow=True)
    logged = AuditEvent.objects.count()
    again = client.post(url, form, follow=True)
    assert AuditEvent.objects.count() == logged
    assert indicator.values.count() == 2
    assert "already saved" in banners(again.text)[0]


def test_a_double_click_shows_the_first_confirmation_once(
    client, editor, owned_action, partnership
):
    """The browser leaves the first answer for the second: its banner, still waiting, is
    shown, and not a second one."""
    client.force_login(editor)
    url = reverse("plans:update-add", args=[partnership.slug, owned_action.pk])
    token = drawn_token(client.get(url).text)
    client.post(url, update_form(token))  # the first answer, never followed
    second = client.post(url, update_form(token), follow=True)
    [banner] = banners(second.text)
    assert banner.startswith("Your update has been added.")
    assert Update.objects.filter(text__startswith="Workshop held").count() == 1
