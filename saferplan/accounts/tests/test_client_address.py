"""The client's address behind the trusted proxies (saferplan.accounts.client_address), and
the limits that count by it: the sign-in lockout, the API's anonymous rate, the public
consultation's hourly limit. The same promises through a real nginx are in
tests/test_behind_nginx.py."""

import re

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from saferplan.accounts.client_address import client_address

PASSWORD = "correct-horse-battery"


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, None, "10.0.0.5"),
        (0, "203.0.113.9", "10.0.0.5"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own claim is skipped
        (2, "6.6.6.6, 203.0.113.9, 192.0.2.1", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),  # fewer entries than proxies: the furthest seen
        (1, None, "10.0.0.5"),  # not through the proxy (a health check): its own address
        (1, "[2001:db8::7]:443", "2001:db8::7"),
        (1, "203.0.113.9:5123", "203.0.113.9"),
        (1, "not-an-address", "10.0.0.5"),
    ],
)
def test_the_client_is_the_address_the_trusted_proxies_saw(settings, hops, forwarded, expected):
    settings.SAFERPLAN_TRUSTED_PROXY_HOPS = hops
    assert client_address(request_from("10.0.0.5", forwarded)) == expected


def test_a_forgotten_proxy_setting_is_logged_once(settings, caplog, monkeypatch):
    from saferplan.accounts import client_address as module

    monkeypatch.setattr(module, "_warned_about_proxy", False)
    settings.SAFERPLAN_TRUSTED_PROXY_HOPS = 0
    client_address(request_from("127.0.0.1", "203.0.113.9"))
    client_address(request_from("127.0.0.1", "203.0.113.10"))
    warnings = [r.getMessage() for r in caplog.records if r.name == module.__name__]
    assert len(warnings) == 1
    assert "SAFERPLAN_TRUSTED_PROXY_HOPS is 0" in warnings[0]


# Behind one proxy: every request comes from 10.0.0.1, the client is in X-Forwarded-For.
PROXY = "10.0.0.1"


@pytest.fixture
def behind_one_proxy(settings):
    settings.SAFERPLAN_TRUSTED_PROXY_HOPS = 1


def from_client(address: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


def sign_in(client, password, address):
    return client.post(
        reverse("accounts:sign-in"),
        {"username": "owner@herts.example", "password": password},
        follow=True,
        **from_client(address),
    )


def test_wrong_passwords_from_one_client_do_not_lock_out_the_member_elsewhere(
    client, person, settings, behind_one_proxy
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "guess", "198.51.100.66")
    assert sign_in(client, PASSWORD, "198.51.100.66").status_code == 429
    client.logout()
    member = sign_in(client, PASSWORD, "203.0.113.10")
    assert member.status_code == 200
    assert member.wsgi_request.user == person


def test_resetting_the_password_by_email_lifts_the_lockout(
    client, person, settings, behind_one_proxy
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "guess", "203.0.113.10")
    locked = sign_in(client, PASSWORD, "203.0.113.10")
    assert "reset your password" in locked.text
    client.post(
        reverse("accounts:password-reset"),
        {"email": "owner@herts.example"},
        **from_client("203.0.113.10"),
    )
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True, **from_client("203.0.113.10"))
    new = "a brand new long passphrase"
    client.post(
        form_page.wsgi_request.path,
        {"new_password1": new, "new_password2": new},
        **from_client("203.0.113.10"),
    )
    client.logout()
    signed_in = client.post(
        reverse("accounts:sign-in"),
        {"username": "owner@herts.example", "password": new},
        follow=True,
        **from_client("203.0.113.10"),
    )
    assert signed_in.wsgi_request.user == person


@pytest.mark.django_db
def test_a_new_x_forwarded_for_on_each_request_does_not_reset_the_api_limit(
    client, settings, monkeypatch
):
    """The client sends a made-up X-Forwarded-For; the proxy appends the real address."""
    from rest_framework.throttling import SimpleRateThrottle

    settings.SAFERPLAN_TRUSTED_PROXY_HOPS = 1
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "9/m"})
    answers = [
        client.get(
            reverse("api:partnerships"),
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.66",
        ).status_code
        for n in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]
    # Another client behind the same proxy still gets its own allowance.
    other = client.get(
        reverse("api:partnerships"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.10"
    )
    assert other.status_code == 200


@pytest.mark.django_db
def test_without_trusted_proxies_a_made_up_x_forwarded_for_is_ignored(client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "9/m"})
    answers = [
        client.get(
            reverse("api:partnerships"), REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"{n}"
        ).status_code
        for n in range(3)
    ]
    assert answers == [200, 200, 429]
