"""Guessing one account's password from many addresses: sign-in to it is paused for new
browsers (with an unlock link by email), never for a browser that signed in to it before."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from saferplan.accounts.sign_in_limits import KNOWN_BROWSER_COOKIE

PASSWORD = "correct-horse-battery"
EMAIL = "owner@herts.example"


@pytest.fixture
def person(member_of, settings):
    settings.SAFERPLAN_TRUSTED_PROXY_HOPS = 1
    settings.SAFERPLAN_ACCOUNT_FAILURE_LIMIT = 8
    user = member_of("editor")
    user.email = EMAIL
    user.save()
    return user


def sign_in(client, password, address, email=EMAIL):
    return client.post(
        reverse("accounts:sign-in"),
        {"username": email, "password": password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


def guess_from_many_addresses(email=EMAIL):
    for n in range(4):
        robot = Client()
        for _ in range(2):
            sign_in(robot, "a-guess", f"192.0.2.{n}", email)


def test_guesses_from_many_addresses_pause_sign_in_from_a_new_browser(client, person):
    guess_from_many_addresses()
    paused = sign_in(client, PASSWORD, "203.0.113.10")
    assert paused.status_code == 429
    assert "Check your email to sign in" in paused.text
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [EMAIL]
    # Asking again does not send another email within the hour.
    sign_in(client, PASSWORD, "203.0.113.10")
    assert len(mail.outbox) == 1


def test_the_emailed_link_lets_that_browser_sign_in(client, person):
    guess_from_many_addresses()
    sign_in(client, PASSWORD, "203.0.113.10")
    link = re.search(r"http://testserver(/accounts/unlock/\S+/)", mail.outbox[0].body)[1]
    unlocked = client.get(link, follow=True)
    assert "You can now sign in from this browser." in unlocked.text
    signed_in = sign_in(client, PASSWORD, "203.0.113.10")
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_browser_that_signed_in_before_is_never_paused(client, person):
    assert sign_in(client, PASSWORD, "203.0.113.10").status_code == 302
    assert KNOWN_BROWSER_COOKIE in client.cookies
    client.post(reverse("accounts:sign-out"))
    guess_from_many_addresses()
    again = sign_in(client, PASSWORD, "203.0.113.10")
    assert again.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_wrong_or_old_unlock_link_is_refused(client, db):
    response = client.get(reverse("accounts:unlock", args=["not-a-link"]))
    assert response.status_code == 400
    assert "The link has expired" in response.text
    assert KNOWN_BROWSER_COOKIE not in client.cookies


def test_an_account_that_does_not_exist_looks_the_same_and_nobody_is_emailed(
    client, person, settings
):
    guess_from_many_addresses(email="nobody@herts.example")
    paused = sign_in(client, PASSWORD, "203.0.113.10", email="nobody@herts.example")
    assert paused.status_code == 429
    assert "Check your email to sign in" in paused.text
    assert mail.outbox == []


def test_below_the_account_limit_a_new_browser_signs_in(client, person, settings):
    settings.SAFERPLAN_ACCOUNT_FAILURE_LIMIT = 9
    guess_from_many_addresses()
    assert sign_in(client, PASSWORD, "203.0.113.10").status_code == 302
