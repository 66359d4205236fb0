"""OFFICIAL-SENSITIVE actions and updates on plan pages: labelled for members, never shown to
another partnership, joint partners seeing only the joint action."""

from django.urls import reverse

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.plans import selectors
from saferplan.plans.models import Update

from .conftest import TODAY, make_action


def test_members_see_sensitive_items_labelled(client, viewer, sensitive_action, plan, partnership):
    client.force_login(viewer)
    table = client.get(reverse("plans:action-table", args=[partnership.slug, plan.pk])).text
    assert "CANARY-ACTION" in table
    assert "CANARY-UPDATE" in table
    assert "OFFICIAL-SENSITIVE" in table


def test_a_member_of_another_partnership_sees_no_sensitive_item(
    client, outsider, sensitive_action, plan, partnership
):
    client.force_login(outsider)
    for url in [
        reverse("plans:overview", args=[partnership.slug, plan.pk]),
        reverse("plans:action-table", args=[partnership.slug, plan.pk]),
        reverse("plans:action", args=[partnership.slug, sensitive_action.pk]),
        reverse(
            "plans:action", args=[outsider.memberships.get().partnership.slug, sensitive_action.pk]
        ),
        reverse("my-actions"),
    ]:
        response = client.get(url)
        assert "CANARY" not in response.text, url
        assert response.status_code in {200, 403, 404}


def test_selectors_leave_sensitive_items_out_for_anyone_outside_the_owning_partnership(
    outsider, sensitive_action, plan
):
    tables = selectors.plan_action_table(
        plan=plan, user=outsider, filters=selectors.ActionFilters(), today=TODAY
    )
    shown = [a.action.title for t in tables for r in t.objectives for a in r.actions]
    assert not any("CANARY" in title for title in shown)
    assert (
        not Update.objects.current()
        .visible_to(outsider, partnership_ids={plan.partnership_id})
        .filter(text__contains="CANARY")
        .exists()
    )


def test_a_joint_partner_sees_the_joint_action_but_not_the_plans_other_sensitive_items(
    client, other_partnership, priority, sensitive_action, partnership
):
    joint_member = MembershipFactory(partnership=other_partnership, role="viewer").user
    joint = make_action(
        priority,
        title="Launch the Tri-CSP Youth Action Panel",
        joint_partnerships=[other_partnership],
    )
    client.force_login(joint_member)
    page = client.get(reverse("plans:action", args=[other_partnership.slug, joint.pk]))
    assert page.status_code == 200
    assert "Tri-CSP Youth Action Panel" in page.text
    assert (
        client.get(
            reverse("plans:action", args=[other_partnership.slug, sensitive_action.pk])
        ).status_code
        == 404
    )
