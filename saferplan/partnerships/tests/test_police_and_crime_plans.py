"""The Police and Crime Commissioner's police and crime plan (issue 26): recorded once for the
police force area, shared by its partnerships; each partnership priority aligned to it; the
alignment on the plan, the published plan, the board report and the API."""

import datetime
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from saferplan.api.services import api_token_create
from saferplan.core.models import AuditEvent
from saferplan.partnerships import pcc_services
from saferplan.partnerships.models import PccPriority, PoliceAndCrimePlan, PoliceForce
from saferplan.partnerships.tests.factories import OrganisationFactory, PartnershipFactory
from saferplan.plans import services as plan_services
from saferplan.plans.tests.factories import PlanFactory, PriorityFactory
from saferplan.reports.services import board_report_create
from saferplan.reports.tests.files import readable_text

pytestmark = pytest.mark.django_db


def _pcc_plan_form(**fields):
    return {
        "title": "Police and Crime Plan for Hertfordshire",
        "commissioner": "Police and Crime Commissioner for Hertfordshire",
        "period_start_day": "1",
        "period_start_month": "4",
        "period_start_year": "2025",
        "period_end_day": "31",
        "period_end_month": "3",
        "period_end_year": "2029",
        "web_address": "https://www.hertscommissioner.org",
        **fields,
    }


@pytest.fixture
def pcc_plan(partnership, coordinator):
    pcc_plan = pcc_services.pcc_plan_create(
        actor=coordinator,
        partnership=partnership,
        title="Police and Crime Plan for Hertfordshire",
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2029, 3, 31),
    )
    for title in ("Keep Crime Low", "Focus on Victims"):
        pcc_services.pcc_priority_create(
            actor=coordinator, pcc_plan=pcc_plan, partnership=partnership, title=title
        )
    return pcc_plan


@pytest.fixture
def plan(partnership):
    return PlanFactory(
        partnership=partnership,
        title="Hertsmere Partnership Plan 2025 - 2028",
        kind="strategic",
        status="published",
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2028, 3, 31),
    )


def test_a_coordinator_records_the_plan_once_for_the_force_area_and_its_partnerships_see_it(
    signed_in, partnership, other_partnership, coordinator, outsider
):
    """Dacorum is in Hertfordshire too: the plan Hertsmere records is Dacorum's as well."""
    client = signed_in(coordinator)
    response = client.post(
        reverse("partnerships:pcc-plan-add", args=["hertsmere"]), _pcc_plan_form()
    )
    assert response.status_code == 302
    pcc_plan = PoliceAndCrimePlan.objects.get()
    assert pcc_plan.police_force == PoliceForce.HERTFORDSHIRE
    client.post(
        reverse("partnerships:pcc-priority-add", args=["hertsmere", pcc_plan.pk]),
        {"number": "1", "title": "Keep Crime Low"},
    )
    assert [str(p) for p in pcc_plan.priorities.all()] == ["1. Keep Crime Low"]
    created = AuditEvent.objects.filter(object_type="partnerships.policeandcrimeplan").get()
    assert set(created.shared_with.all()) == {other_partnership}  # in Dacorum's log too
    page = signed_in(outsider).get(reverse("partnerships:pcc-plans", args=["dacorum"]))
    assert "Keep Crime Low" in page.content.decode()


def test_another_force_areas_partnerships_neither_see_nor_align_to_it(
    signed_in, pcc_plan, coordinator, member_of
):
    gwent = PartnershipFactory(
        name="Newport Community Safety Partnership", slug="newport", police_force=PoliceForce.GWENT
    )
    newport_coordinator = member_of("coordinator", gwent)
    client = signed_in(newport_coordinator)
    page = client.get(reverse("partnerships:pcc-plans", args=["newport"])).content.decode()
    assert "Keep Crime Low" not in page
    assert (
        client.get(reverse("partnerships:pcc-plan-edit", args=["newport", pcc_plan.pk])).status_code
        == 404
    )
    newport_plan = PlanFactory(
        partnership=gwent,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    priority = PriorityFactory(plan=newport_plan, number=1)
    form = client.get(reverse("plans:priority-edit", args=["newport", newport_plan.pk, 1]))
    assert "Keep Crime Low" not in form.content.decode()
    with pytest.raises(ValidationError) as refused:
        plan_services.priority_update(
            actor=newport_coordinator,
            priority=priority,
            pcc_priorities=list(PccPriority.objects.all()),
        )
    assert "pcc_priorities" in refused.value.message_dict
    assert not priority.pcc_priorities.exists()


def test_viewers_read_but_only_coordinators_record(signed_in, pcc_plan, viewer):
    client = signed_in(viewer)
    assert client.get(reverse("partnerships:pcc-plans", args=["hertsmere"])).status_code == 200
    for name, args in (
        ("partnerships:pcc-plan-add", []),
        ("partnerships:pcc-plan-edit", [pcc_plan.pk]),
        ("partnerships:pcc-priority-add", [pcc_plan.pk]),
    ):
        assert (
            client.post(reverse(name, args=["hertsmere", *args]), _pcc_plan_form()).status_code
            == 403
        )
    assert PoliceAndCrimePlan.objects.get().title == "Police and Crime Plan for Hertfordshire"


def test_once_another_partnership_aligns_to_it_only_an_administrator_changes_its_wording(
    signed_in, pcc_plan, coordinator, outsider, other_partnership
):
    """Its wording shows in every plan aligned to it: one partnership may not reword
    another's published plan (as with shared organisations, ADR 0019)."""
    edit = reverse("partnerships:pcc-plan-edit", args=["hertsmere", pcc_plan.pk])
    client = signed_in(coordinator)
    assert (
        client.post(edit, _pcc_plan_form(title="Police and Crime Plan 2025 to 2029")).status_code
        == 302
    )
    dacorum_plan = PlanFactory(
        partnership=other_partnership,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    dacorum_priority = PriorityFactory(plan=dacorum_plan, number=1)
    plan_services.priority_update(
        actor=outsider,
        priority=dacorum_priority,
        pcc_priorities=[pcc_plan.priorities.get(number=1)],
    )
    refused = client.post(edit, _pcc_plan_form(title="Something else"))
    assert refused.status_code == 403
    assert "Dacorum Community Safety Partnership" in refused.content.decode()
    priority = pcc_plan.priorities.get(number=1)
    url = reverse("partnerships:pcc-priority-delete", args=["hertsmere", pcc_plan.pk, priority.pk])
    assert client.post(url).status_code == 403
    pcc_plan.refresh_from_db()
    assert pcc_plan.title == "Police and Crime Plan 2025 to 2029"


def test_the_alignment_shows_on_the_plan_the_published_plan_and_the_api(
    client, signed_in, pcc_plan, plan, coordinator, viewer, editor, partnership
):
    council = OrganisationFactory(name="Hertsmere Borough Council", partnerships=[partnership])
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation")
    response = signed_in(coordinator).post(
        reverse("plans:priority-edit", args=["hertsmere", plan.pk, 1]),
        {
            "number": "1",
            "title": "Exploitation",
            "pcc_priorities": [pcc_plan.priorities.get(number=2).pk],
            "lead_user": editor.pk,
            "lead_organisation": council.pk,
        },
    )
    assert response.status_code == 302
    assert [p.title for p in priority.pcc_priorities.all()] == ["Focus on Victims"]
    member_pages = [
        reverse("plans:overview", args=["hertsmere", plan.pk]),
        reverse("plans:priority", args=["hertsmere", plan.pk, 1]),
    ]
    for url in member_pages:
        assert "Focus on Victims" in signed_in(viewer).get(url).content.decode(), url
    client.logout()
    public = unescape(client.get(reverse("public:plan", args=["hertsmere"])).content.decode())
    assert "Focus on Victims" in public
    assert editor.full_name not in public  # a lead is a person: for members
    for kind in ("docx", "pdf"):
        document = client.get(reverse("public:plan-document", args=["hertsmere", kind]))
        assert "FocusonVictims" in readable_text(kind, document.content), kind
    answer = client.get(reverse("api:plan-priorities", args=[plan.pk])).json()["results"][0]
    assert answer["pcc_priorities"] == [
        {"number": 2, "title": "Focus on Victims", "police_and_crime_plan": pcc_plan.title}
    ]
    assert answer["lead"] is None
    _token, key = api_token_create(actor=viewer, name="Partner system")
    member = client.get(
        reverse("api:plan-priorities", args=[plan.pk]), HTTP_AUTHORIZATION=f"Bearer {key}"
    ).json()["results"][0]
    assert member["lead"] == f"{editor.full_name}, Hertsmere Borough Council"


def test_the_board_report_shows_the_leads_and_the_commissioners_priorities(
    signed_in, pcc_plan, coordinator, viewer, editor, partnership
):
    plan = PlanFactory(
        partnership=partnership,
        title="Action plan 2025 - 2026",
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation", lead_user=editor)
    priority.pcc_priorities.set([pcc_plan.priorities.get(number=1)])
    report = board_report_create(
        actor=coordinator,
        plan=plan,
        title="Report to the board",
        period_start=datetime.date(2025, 7, 1),
        period_end=datetime.date(2025, 9, 30),
    )
    client = signed_in(viewer)
    page = unescape(
        client.get(reverse("reports:board-report", args=["hertsmere", report.pk])).content.decode()
    )
    assert "Priority leads and the Police and Crime Commissioner" in page
    assert editor.full_name in page
    assert "Keep Crime Low" in page
    for kind in ("docx", "pdf"):
        document = client.get(
            reverse("reports:board-report-download", args=["hertsmere", report.pk, kind])
        )
        text = readable_text(kind, document.content)
        assert "KeepCrimeLow" in text, kind
        assert editor.full_name.replace(" ", "") in text, kind


def test_deleting_a_commissioners_priority_ends_the_alignment_and_is_logged(
    signed_in, pcc_plan, plan, coordinator
):
    keep_crime_low = pcc_plan.priorities.get(number=1)
    priority = PriorityFactory(plan=plan, number=1)
    priority.pcc_priorities.set([keep_crime_low])
    url = reverse(
        "partnerships:pcc-priority-delete", args=["hertsmere", pcc_plan.pk, keep_crime_low.pk]
    )
    client = signed_in(coordinator)
    assert "1 partnership priority is aligned to it" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not priority.pcc_priorities.exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="partnerships.pccpriority"
    ).exists()


def test_a_change_asks_again_with_the_plan_locked_when_another_partnership_aligned_meanwhile(
    pcc_plan, coordinator, outsider, other_partnership
):
    """The page's check passed; before the change is saved Dacorum aligns a priority to the
    plan: the change itself asks the policy again and is refused, nothing changed."""
    dacorum_priority = PriorityFactory(plan=PlanFactory(partnership=other_partnership), number=1)
    plan_services.priority_update(
        actor=outsider, priority=dacorum_priority, pcc_priorities=[pcc_plan.priorities.first()]
    )
    partnership = coordinator.memberships.get().partnership
    writes = [
        lambda: pcc_services.pcc_plan_update(
            actor=coordinator, pcc_plan=pcc_plan, partnership=partnership, title="Reworded"
        ),
        lambda: pcc_services.pcc_priority_create(
            actor=coordinator, pcc_plan=pcc_plan, partnership=partnership, title="New"
        ),
        lambda: pcc_services.pcc_priority_update(
            actor=coordinator,
            priority=pcc_plan.priorities.first(),
            partnership=partnership,
            title="Reworded",
        ),
        lambda: pcc_services.pcc_priority_delete(
            actor=coordinator, priority=pcc_plan.priorities.first(), partnership=partnership
        ),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied, match="Dacorum Community Safety Partnership"):
            write()
    pcc_plan.refresh_from_db()
    assert pcc_plan.title == "Police and Crime Plan for Hertfordshire"
    assert list(pcc_plan.priorities.values_list("title", flat=True)) == [
        "Keep Crime Low",
        "Focus on Victims",
    ]
