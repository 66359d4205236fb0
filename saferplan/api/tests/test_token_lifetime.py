"""API tokens: they expire (and are renewed by their owner), and they stop working when their
owner's password is reset or they leave their last partnership. Also the priority filter's
refusal of what is not a number in digits 0-9."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from saferplan.accounts import services as account_services
from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.api.models import ApiToken
from saferplan.api.services import api_token_create
from saferplan.core.models import AuditEvent
from saferplan.plans.tests.factories import PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def api_get(client, key):
    return client.get(reverse("api:partnerships"), HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_new_token_works_for_the_set_number_of_days(settings, viewer):
    settings.SAFERPLAN_API_TOKEN_DAYS = 30
    token, _key = api_token_create(actor=viewer, name="Dashboard")
    lifetime = token.expires_at - timezone.now()
    assert datetime.timedelta(days=29, hours=23) < lifetime <= datetime.timedelta(days=30)


def test_an_expired_token_is_refused_with_401_saying_it_expired_and_where_to_renew(client, viewer):
    token, key = api_token_create(actor=viewer, name="Dashboard")
    assert api_get(client, key).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    )
    refused = api_get(client, key)
    assert refused.status_code == 401
    assert refused.json()["detail"] == (
        "That API token expired on 1 March 2026: its owner can renew it on saferplan's "
        "API tokens page (/accounts/api-tokens/)"
    )


def test_the_tokens_page_shows_when_each_token_stops_working(client, viewer):
    token, _key = api_token_create(actor=viewer, name="Dashboard")
    old, _key = api_token_create(actor=viewer, name="Old spreadsheet")
    ApiToken.objects.filter(pk=old.pk).update(
        expires_at=datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    )
    client.force_login(viewer)
    page = client.get(reverse("api-tokens:list")).text
    assert "Works until" in page
    assert timezone.localtime(token.expires_at).strftime("%-d %b %Y") in page
    assert re.search(r"Expired</strong>\s*1 Mar 2026", page)
    assert "A token works for 90 days after it is made or renewed" in page


def test_the_owner_renews_an_expired_token_and_it_works_again_audited(client, viewer):
    token, key = api_token_create(actor=viewer, name="Dashboard")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(viewer)
    renewed = client.post(reverse("api-tokens:renew", args=[token.pk]), follow=True)
    assert "has been renewed: it now works until" in renewed.text
    token.refresh_from_db()
    assert token.expires_at - timezone.now() > datetime.timedelta(days=89)
    client.logout()
    assert api_get(client, key).status_code == 200
    event = AuditEvent.objects.filter(object_type="api.apitoken", action="update").get()
    assert event.actor == viewer
    assert set(event.changes) == {"Expires"}


def test_nobody_renews_anothers_token_nor_a_revoked_one(client, viewer, coordinator):
    from saferplan.api.services import api_token_revoke

    token, _key = api_token_create(actor=viewer, name="Dashboard")
    client.force_login(coordinator)
    assert client.post(reverse("api-tokens:renew", args=[token.pk])).status_code == 404
    api_token_revoke(actor=viewer, token=token)
    client.force_login(viewer)
    answer = client.post(reverse("api-tokens:renew", args=[token.pk]), follow=True)
    assert "A revoked token cannot be renewed: make a new one" in answer.text
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_password_reset_revokes_every_token_of_the_person(client, viewer):
    token, key = api_token_create(actor=viewer, name="Dashboard")
    client.post(reverse("accounts:password-reset"), {"email": viewer.email})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    new = "a brand new long passphrase"
    client.post(form_page.wsgi_request.path, {"new_password1": new, "new_password2": new})
    client.logout()
    refused = api_get(client, key)
    assert refused.status_code == 401
    token.refresh_from_db()
    assert token.revoked_because == "the password was reset"
    viewer.refresh_from_db()  # its new password
    client.force_login(viewer)
    assert "the password was reset" in client.get(reverse("api-tokens:list")).text


def test_leaving_the_last_partnership_revokes_the_tokens(
    client, viewer, coordinator, other_partnership
):
    membership = viewer.memberships.get()
    second = MembershipFactory(user=viewer, partnership=other_partnership, role="viewer")
    _token, key = api_token_create(actor=viewer, name="Dashboard")
    account_services.membership_remove(actor=coordinator, membership=membership)
    assert api_get(client, key).status_code == 200  # still a member of Dacorum
    account_services.membership_remove(actor=coordinator, membership=second)
    assert api_get(client, key).status_code == 401
    assert ApiToken.objects.get().revoked_because == "no longer a member of any partnership"


@pytest.mark.parametrize("value", ["²", "١", "2.0", "-1", "99999999999999999999"])
def test_a_priority_that_is_not_a_number_in_digits_is_a_400_naming_the_filter(
    client, partnership, value
):
    plan = PlanFactory(partnership=partnership, status="published")
    PriorityFactory(plan=plan, number=2)
    answer = client.get(reverse("api:plan-actions", args=[plan.pk]), {"priority": value})
    assert answer.status_code == 400
    assert answer.json() == {"priority": "Give the priority's number in digits 0-9, for example 2"}


@pytest.mark.django_db(transaction=True)
def test_tokens_made_before_the_upgrade_get_a_full_lifetime_from_it(settings):
    """Migration 0002: no partner system stops working on the day of the upgrade."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from saferplan.accounts.tests.factories import UserFactory

    user = UserFactory()
    executor = MigrationExecutor(connection)
    executor.migrate([("api", "0001_initial")])
    old_state = executor.loader.project_state([("api", "0001_initial")]).apps
    old_token = old_state.get_model("api", "ApiToken")
    old_token.objects.create(user_id=user.pk, name="Dashboard", prefix="sp_x", digest="d" * 64)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    token = ApiToken.objects.get()
    lifetime = token.expires_at - timezone.now()
    assert datetime.timedelta(days=89) < lifetime <= datetime.timedelta(days=90)
    assert token.revoked_because == ""
