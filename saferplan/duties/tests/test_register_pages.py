"""The register's pages (issue 25, parts 1 and 6): a coordinator registers an application
with the applicant's details, records the threshold decision and the review, adds a
recommendation that becomes an action of the plan, and reads the year's figures. Only the
coordinators and the members they name see the register; a named member who leaves the
partnership loses it; a board member never sees a case."""

import datetime

import pytest
from django.urls import reverse

from saferplan.accounts.models import Membership
from saferplan.core import clock
from saferplan.duties.models import CaseReview, RegisterAccess
from saferplan.plans.tests.factories import PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: datetime.date) -> dict:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_a_coordinator_keeps_a_case_from_application_to_recommendation(
    signed_in, partnership, coordinator
):
    priority = PriorityFactory(plan=PlanFactory(partnership=partnership), number=2)
    client = signed_in(coordinator)
    received = clock.today() - datetime.timedelta(days=40)
    answer = client.post(
        reverse("duties:case-add", args=[partnership.slug]),
        {
            "reference": "CR-2026-01",
            **_date("received_on", received),
            "received_how": "online",
            "threshold": "Three or more complaints about separate incidents in six months",
            "applicant_name": "Canaryq3v7 Resident",
            "applicant_contact": "Flat 4, 10 Shenley Road",
            "applicant_notes": "",
            **_date("retain_until", received + datetime.timedelta(days=730)),
        },
    )
    assert answer.status_code == 302
    case = CaseReview.objects.get()
    assert case.applicant.name == "Canaryq3v7 Resident"
    page = client.get(reverse("duties:case", args=[partnership.slug, case.pk])).content.decode()
    assert "Canaryq3v7 Resident" in page
    assert "Not decided yet" in page

    decided = received + datetime.timedelta(days=7)
    client.post(
        reverse("duties:threshold", args=[partnership.slug, case.pk]),
        {"met": "yes", **_date("decided_on", decided), "reason": ""},
    )
    client.post(
        reverse("duties:review", args=[partnership.slug, case.pk]),
        {
            **_date("held_on", decided + datetime.timedelta(days=14)),
            "agencies": "Council ASB team; Police; Clarion Housing",
            "independent_chair": "",
            "outcome": "An action plan agreed with the resident.",
        },
    )
    answer = client.post(
        reverse("duties:recommendation-add", args=[partnership.slug, case.pk]),
        {"text": "Housing provider to fit CCTV at Canaryq3v7's entrance", "priority": priority.pk},
    )
    assert "Enter the action" in answer.content.decode()  # a title for every member to read
    answer = client.post(
        reverse("duties:recommendation-add", args=[partnership.slug, case.pk]),
        {
            "text": "Housing provider to fit CCTV at Canaryq3v7's entrance",
            "priority": priority.pk,
            "action_title": "CCTV at a housing block (ASB Case Review)",
        },
    )
    assert answer.status_code == 302
    recommendation = case.recommendations.get()
    assert recommendation.action.priority == priority
    assert recommendation.action.title == "CCTV at a housing block (ASB Case Review)"
    assert recommendation.action.is_sensitive

    register = client.get(reverse("duties:register", args=[partnership.slug])).content.decode()
    year = received.year if received.month >= 4 else received.year - 1
    row = register.split(f">{year}-{str(year + 1)[-2:]}")[1].split("</tr>")[0]
    cells = [c.split("<")[0] for c in row.split('numeric">')[1:]]
    assert cells == ["1", "0", "1", "1"]
    overview = client.get(reverse("partnerships:detail", args=[partnership.slug])).content
    assert b"ASB Case Reviews" in overview


def test_only_coordinators_and_named_members_see_the_register(
    signed_in, partnership, coordinator, viewer, outsider
):
    case = CaseReview.objects.create(
        partnership=partnership,
        reference="CR-1",
        received_on=datetime.date(2026, 5, 1),
        received_how="phone",
        threshold="Three complaints in six months",
    )
    addresses = [
        reverse("duties:register", args=[partnership.slug]),
        reverse("duties:case", args=[partnership.slug, case.pk]),
    ]
    for who in (viewer, outsider):
        client = signed_in(who)
        assert [client.get(a).status_code for a in addresses] == [403, 403]
    overview = signed_in(viewer).get(reverse("partnerships:detail", args=[partnership.slug]))
    assert b"ASB Case Reviews" not in overview.content

    # The coordinator names the board member: they see it, but may not name others.
    client = signed_in(coordinator)
    assert (
        client.post(
            reverse("duties:access", args=[partnership.slug]), {"user": viewer.pk}
        ).status_code
        == 302
    )
    client = signed_in(viewer)
    assert [client.get(a).status_code for a in addresses] == [200, 200]
    assert client.get(reverse("duties:access", args=[partnership.slug])).status_code == 403

    # A named board member reads and records the case, but adds no action to the plan
    # (that is a plan's coordinator's): the form offers no priority.
    form = client.get(reverse("duties:recommendation-add", args=[partnership.slug, case.pk]))
    assert list(form.context["form"].fields["priority"].queryset) == []

    # They leave the partnership: they are taken off the list, and being added back (in any
    # role) does not give the register back.
    Membership.objects.filter(user=viewer, partnership=partnership).delete()
    assert not RegisterAccess.objects.filter(user=viewer).exists()
    client = signed_in(viewer)
    assert [client.get(a).status_code for a in addresses] == [403, 403]
    Membership.objects.create(user=viewer, partnership=partnership, role="viewer")
    client = signed_in(viewer)
    assert [client.get(a).status_code for a in addresses] == [403, 403]
