import re

import pytest
from django.core import mail
from django.urls import reverse

from saferplan.accounts.tests.factories import MembershipFactory

PASSWORD = "correct-horse-battery"


def sign_in(client, email, password):
    return client.post(
        reverse("accounts:sign-in"), {"username": email, "password": password}, follow=True
    )


def test_a_member_signs_in_with_email_and_password_and_lands_on_my_actions(
    client, person, partnership
):
    response = sign_in(client, "owner@herts.example", PASSWORD)
    assert response.wsgi_request.user == person
    # An action owner's day starts with their actions (issue 22, deliverable 6).
    assert response.resolver_match.view_name == "my-actions"


def test_email_address_is_not_case_sensitive(client, person):
    response = sign_in(client, "Owner@Herts.Example", PASSWORD)
    assert response.wsgi_request.user == person


def test_a_wrong_password_is_shown_in_a_govuk_error_summary(client, person):
    response = sign_in(client, "owner@herts.example", "wrong-password")
    assert response.wsgi_request.user.is_anonymous
    assert "There is a problem" in response.text
    assert "Enter a correct email address and password." in response.text
    assert response.text.count("<title>Error: ") == 1


def test_an_empty_form_names_each_missing_field(client, db):
    response = client.post(reverse("accounts:sign-in"), {"username": "", "password": ""})
    assert 'href="#id_username"' in response.text
    assert 'href="#id_password"' in response.text
    assert 'class="govuk-input govuk-input--error"' in response.text
    assert 'aria-describedby="id_username_error"' in response.text


def test_repeated_failures_lock_the_account_even_against_the_right_password(
    client, person, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "owner@herts.example", "guess")
    response = sign_in(client, "owner@herts.example", PASSWORD)
    assert response.status_code == 429
    assert "You have tried to sign in too many times" in response.text
    assert response.wsgi_request.user.is_anonymous


def test_sign_out_needs_a_post_and_ends_the_session(client, person):
    client.force_login(person)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("partnerships:structure", args=["hertsmere"])).status_code == 302


def test_password_reset_emails_a_link_that_sets_a_new_password(client, person):
    response = client.post(
        reverse("accounts:password-reset"), {"email": "owner@herts.example"}, follow=True
    )
    assert "Check your email" in response.text
    assert len(mail.outbox) == 1
    link = re.search(
        r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body
    ).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.text
    done = client.post(
        form_page.wsgi_request.path,
        {
            "new_password1": "a brand new long passphrase",
            "new_password2": "a brand new long passphrase",
        },
        follow=True,
    )
    assert "Password saved" in done.text
    client.logout()
    assert (
        sign_in(client, "owner@herts.example", "a brand new long passphrase").wsgi_request.user
        == person
    )


def test_password_reset_does_not_reveal_whether_an_account_exists(client, db):
    response = client.post(
        reverse("accounts:password-reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your email" in response.text
    assert mail.outbox == []


def test_a_short_password_is_refused_with_a_reason(client, person):
    client.post(reverse("accounts:password-reset"), {"email": "owner@herts.example"})
    link = re.search(
        r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body
    ).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.wsgi_request.path, {"new_password1": "short", "new_password2": "short"}
    )
    assert "This password is too short" in response.text


def test_a_user_in_several_partnerships_switches_between_them(client, member_of, other_partnership):
    user = member_of("coordinator")

    MembershipFactory(user=user, partnership=other_partnership, role="viewer")
    client.force_login(user)
    page = client.get(reverse("my-partnerships"))
    assert "Switch partnership" in page.text
    response = client.post(
        reverse("accounts:switch-partnership"), {"partnership": "dacorum"}, follow=True
    )
    assert response.resolver_match.view_name == "partnerships:detail"
    assert client.session["current_partnership"] == "dacorum"
    assert "Viewer (board member)" in response.text


def test_switching_to_a_partnership_you_are_not_in_is_refused(
    client, coordinator, other_partnership
):
    client.force_login(coordinator)
    response = client.post(reverse("accounts:switch-partnership"), {"partnership": "dacorum"})
    assert response.status_code == 404
    assert client.session.get("current_partnership") != "dacorum"


@pytest.mark.parametrize(
    "route",
    ["crimedata:overview", "reports:board-reports", "indicators:list", "consultations:list"],
)
def test_every_page_of_a_partnership_shows_that_partnership_in_the_switcher(
    client, member_of, partnership, other_partnership, route
):
    """An analyst of Dacorum and Hertsmere, last working in Dacorum, opens a Hertsmere page."""
    from saferplan.plans.tests.factories import PlanFactory

    user = member_of("analyst", other_partnership)
    MembershipFactory(user=user, partnership=partnership, role="analyst")
    client.force_login(user)
    client.get(reverse("partnerships:detail", args=["dacorum"]))
    args = ["hertsmere"]
    if route == "reports:board-reports":
        args.append(PlanFactory(partnership=partnership).pk)
    page = client.get(reverse(route, args=args)).text
    selected = re.search(r'<option value="([a-z-]+)" selected>', page)
    assert selected is not None
    assert selected[1] == "hertsmere"
    assert 'href="/partnerships/hertsmere/plans/"' in page  # its navigation, not Dacorum's
