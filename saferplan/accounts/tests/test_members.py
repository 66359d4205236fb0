import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from saferplan.accounts.models import Membership, User
from saferplan.accounts.tests.factories import MembershipFactory, UserFactory
from saferplan.core.models import AuditEvent


def add_person(client, partnership, **data):
    with_defaults = {
        "full_name": "Priya Shah",
        "email": "priya.shah@herts.police.example",
        "role": "editor",
        "organisation": "",
    } | data
    return client.post(
        reverse("partnerships:member-add", args=[partnership.slug]), with_defaults, follow=True
    )


def test_a_coordinator_adds_a_new_person_who_is_emailed_a_link_to_choose_a_password(
    client, coordinator, partnership, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = add_person(client, partnership)
    assert "Priya Shah is now a editor (action owner) of" in response.text
    user = User.objects.get(email="priya.shah@herts.police.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == "editor"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["priya.shah@herts.police.example"]
    link = re.search(
        r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body
    ).group(1)
    client.logout()
    assert "Choose a new password" in client.get(link, follow=True).text


def test_an_existing_user_is_added_without_a_new_account_or_email(
    client, coordinator, partnership, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="analyst@herts.example")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        add_person(client, partnership, email="Analyst@Herts.example", role="analyst")
    assert Membership.objects.get(user=existing, partnership=partnership).role == "analyst"
    assert User.objects.filter(email__iexact="analyst@herts.example").count() == 1
    assert mail.outbox == []


def test_adding_someone_twice_is_refused_at_the_email_field(
    client, coordinator, editor, partnership
):
    client.force_login(coordinator)
    response = add_person(client, partnership, email=editor.email)
    assert escape(f"{editor} is already a member of {partnership}.") in response.text
    assert 'href="#id_email"' in response.text


def test_the_last_coordinator_cannot_step_down_or_be_removed(client, coordinator, partnership):
    client.force_login(coordinator)
    membership = coordinator.memberships.get()
    response = client.post(
        reverse("partnerships:member-change", args=[partnership.slug, membership.pk]),
        {"role": "viewer"},
    )
    assert "needs at least one coordinator" in response.text
    response = client.post(
        reverse("partnerships:member-remove", args=[partnership.slug, membership.pk])
    )
    assert "needs at least one coordinator" in response.text
    membership.refresh_from_db()
    assert membership.role == "coordinator"


def test_a_role_change_is_audited(client, coordinator, editor, partnership):
    client.force_login(coordinator)
    membership = editor.memberships.get()
    client.post(
        reverse("partnerships:member-change", args=[partnership.slug, membership.pk]),
        {"role": "viewer"},
    )
    membership.refresh_from_db()
    assert membership.role == "viewer"
    event = AuditEvent.objects.get(object_type="accounts.membership", action="update")
    assert event.changes == {"Role": ["Editor (action owner)", "Viewer (board member)"]}
    assert event.actor == coordinator


def test_removing_a_person_keeps_their_account(client, coordinator, editor, partnership):
    client.force_login(coordinator)
    membership = editor.memberships.get()
    client.post(reverse("partnerships:member-remove", args=[partnership.slug, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=editor.pk).exists()


@pytest.mark.parametrize("role", ["viewer", "editor", "analyst"])
def test_only_coordinators_manage_people(client, member_of, partnership, role):
    client.force_login(member_of(role))
    response = add_person(client, partnership)
    assert response.status_code == 403
    assert not User.objects.filter(email="priya.shah@herts.police.example").exists()


def test_every_member_can_see_who_else_is_in_the_partnership(client, viewer, editor, partnership):
    client.force_login(viewer)
    page = client.get(reverse("partnerships:members", args=[partnership.slug])).text
    assert escape(editor.full_name) in page  # names such as O'Donnell are escaped in HTML
    assert "Change role" not in page


def test_a_member_sees_only_their_own_partnerships(client, partnership, other_partnership):
    member = MembershipFactory(partnership=partnership, role="viewer").user
    client.force_login(member)
    home = client.get(reverse("my-partnerships")).text
    assert partnership.name in home
    assert other_partnership.name not in home
