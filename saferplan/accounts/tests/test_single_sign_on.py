"""Single sign-on end to end against a fake OpenID Connect provider served over HTTP:
saferplan sends the person there (state, nonce, PKCE), the provider sends them back with a
code, saferplan exchanges it for a signed ID token and the person's claims, and signs in the
account with that email address — only if it is a member of a partnership."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.conf import settings
from django.urls import reverse

from saferplan.accounts.tests.factories import MembershipFactory, UserFactory

from .fake_oidc import serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(settings):
    provider, server = serve()
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "saferplan.accounts.sso.MembershipOIDCBackend",
    ]
    yield provider
    server.shutdown()


def sign_in_through(client, provider, claims: dict, *, next_url: str = ""):
    """The whole round trip, as a browser would make it. Returns saferplan's last answer."""
    provider.person = claims
    start = client.get(reverse("accounts:sso-start") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    assert start["Location"].startswith(provider.url + "/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302, at_provider.text
    back = urlparse(at_provider.headers["Location"])
    assert back.path == reverse("accounts:sso-callback")
    return client.get(back.path, {k: v[0] for k, v in parse_qs(back.query).items()})


def test_a_member_signs_in_with_their_organisations_account(client, provider, partnership):
    member = MembershipFactory(
        partnership=partnership, user__email="carol.coordinator@hertsmere.gov.uk"
    ).user
    answer = sign_in_through(
        client, provider, {"sub": "abc-123", "email": "Carol.Coordinator@hertsmere.gov.uk"}
    )
    assert answer.status_code == 302
    assert answer["Location"] == reverse("core:home")
    home = client.get(reverse("core:home"))
    assert home.wsgi_request.user == member
    # PKCE, state and nonce were all used: the provider saw a challenge and a verifier.
    authorize = next(r for r in provider.requests if r[1] == "/authorize")[2]
    token = next(r for r in provider.requests if r[1] == "/token")[2]
    assert authorize["code_challenge_method"] == "S256"
    assert token["code_verifier"]
    assert authorize["nonce"]
    assert authorize["state"]


def test_the_address_may_come_as_preferred_username_as_entra_gives_it(
    client, provider, partnership
):
    member = MembershipFactory(
        partnership=partnership, user__email="ed.owner@hertsmere.gov.uk"
    ).user
    sign_in_through(
        client, provider, {"sub": "def-456", "preferred_username": "ed.owner@hertsmere.gov.uk"}
    )
    assert client.get(reverse("core:home")).wsgi_request.user == member


def test_someone_with_no_membership_is_turned_away_with_a_reason(client, provider, partnership):
    UserFactory(email="left.the.partnership@hertsmere.gov.uk")  # an account, no membership
    for email in ("stranger@hertsmere.gov.uk", "left.the.partnership@hertsmere.gov.uk"):
        answer = sign_in_through(client, provider, {"sub": email, "email": email})
        assert answer.status_code == 302
        assert answer["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
        page = client.get(answer["Location"]).content.decode()
        assert (
            f"{email} signed in with Hertsmere Borough Council account, but is not a member" in page
        )
        assert not client.get(reverse("core:home")).wsgi_request.user.is_authenticated


def test_a_forged_callback_signs_nobody_in(client, provider, partnership):
    MembershipFactory(partnership=partnership, user__email="carol@hertsmere.gov.uk")
    provider.person = {"sub": "x", "email": "carol@hertsmere.gov.uk"}
    client.get(reverse("accounts:sso-start"))
    forged = client.get(reverse("accounts:sso-callback"), {"code": "made-up", "state": "wrong"})
    assert forged.status_code in (302, 400)
    assert not client.get(reverse("core:home")).wsgi_request.user.is_authenticated


def test_the_sign_in_page_offers_single_sign_on_and_keeps_passwords(client, provider):
    page = client.get(reverse("accounts:sign-in")).content.decode()
    assert "Sign in with Hertsmere Borough Council account" in page
    assert "Or sign in with a saferplan password" in page
    assert 'name="password"' in page


def test_without_configuration_there_is_no_single_sign_on(client, settings):
    settings.SAFERPLAN_SSO_ENABLED = False
    assert client.get(reverse("accounts:sso-start")).status_code == 404
    assert client.get(reverse("accounts:sso-callback")).status_code == 404
    assert "Sign in with" not in client.get(reverse("accounts:sign-in")).content.decode()


def test_a_local_password_still_works_when_single_sign_on_is_on(client, provider, partnership):
    member = MembershipFactory(partnership=partnership, user__email="breakglass@example.org").user
    answer = client.post(
        reverse("accounts:sign-in"),
        {"username": "breakglass@example.org", "password": "correct-horse-battery"},
    )
    assert answer.status_code == 302
    assert client.get(reverse("core:home")).wsgi_request.user == member


def test_an_account_switched_off_loses_its_single_sign_on_session(client, provider, partnership):
    member = MembershipFactory(
        partnership=partnership, user__email="ed.owner@hertsmere.gov.uk"
    ).user
    sign_in_through(client, provider, {"sub": "abc-456", "email": "ed.owner@hertsmere.gov.uk"})
    assert client.get(reverse("core:home")).wsgi_request.user == member
    member.is_active = False
    member.save()
    after = client.get(reverse("my-actions"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("accounts:sign-in"))
