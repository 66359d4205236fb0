import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferplan.core.models import AuditEvent
from saferplan.partnerships.models import Group, GroupKind, OrganisationKind
from saferplan.partnerships.tests.factories import GroupFactory, OrganisationFactory


@pytest.fixture
def police(partnership):
    return OrganisationFactory(
        name="Hertfordshire Constabulary", kind=OrganisationKind.POLICE, partnerships=[partnership]
    )


@pytest.fixture
def council(partnership):
    return OrganisationFactory(
        name="Hertsmere Borough Council",
        abbreviation="HBC",
        kind=OrganisationKind.LOCAL_AUTHORITY,
        partnerships=[partnership],
    )


@pytest.fixture
def board(partnership, police, council):
    group = GroupFactory(
        partnership=partnership, name="Community Safety Board", kind=GroupKind.BOARD
    )
    group.member_organisations.set([police, council])
    return group


@pytest.fixture
def jag(partnership, board, police):
    group = GroupFactory(
        partnership=partnership,
        name="Joint Agency Group",
        abbreviation="JAG",
        kind=GroupKind.JOINT_ACTION_GROUP,
        reports_to=board,
    )
    group.member_organisations.set([police])
    return group


def test_structure_page_nests_each_group_under_the_group_it_reports_to(
    client, viewer, board, jag, partnership
):
    GroupFactory(partnership=partnership, name="ASB Forum", kind=GroupKind.FORUM, reports_to=jag)
    client.force_login(viewer)
    page = client.get(reverse("partnerships:structure", args=[partnership.slug])).text
    board_at, jag_at, forum_at = (
        page.index("Community Safety Board"),
        page.index("Joint Agency Group (JAG)"),
        page.index("ASB Forum"),
    )
    assert board_at < jag_at < forum_at
    # The forum's list sits inside the JAG's, which sits inside the board's.
    between_board_and_forum = page[board_at:forum_at]
    assert between_board_and_forum.count('<ul class="sp-structure">') == 2
    assert "Members: Hertfordshire Constabulary, Hertsmere Borough Council (HBC)" in page


def test_viewers_see_the_structure_without_edit_links(client, viewer, board, partnership):
    client.force_login(viewer)
    page = client.get(reverse("partnerships:structure", args=[partnership.slug])).text
    assert "Add a group" not in page
    assert reverse("partnerships:group-edit", args=[partnership.slug, board.pk]) not in page


def test_a_coordinator_adds_a_group_and_the_audit_log_records_it(
    client, coordinator, board, police, partnership
):
    client.force_login(coordinator)
    response = client.post(
        reverse("partnerships:group-add", args=[partnership.slug]),
        {
            "name": "Youth Action Panel",
            "abbreviation": "YAP",
            "kind": "sub_group",
            "reports_to": board.pk,
            "member_organisations": [police.pk],
        },
        follow=True,
    )
    assert "Youth Action Panel has been added." in response.text
    group = Group.objects.get(name="Youth Action Panel")
    assert group.reports_to == board
    assert list(group.member_organisations.all()) == [police]
    event = AuditEvent.objects.get(object_type="partnerships.group", object_id=str(group.pk))
    assert event.actor == coordinator
    assert event.action == "create"
    assert event.partnership == partnership
    assert event.changes["Reports to"] == [None, "Community Safety Board"]
    assert event.changes["Member organisations"] == [None, ["Hertfordshire Constabulary"]]


def test_a_change_is_logged_old_to_new_and_shown_in_the_audit_log(
    client, coordinator, jag, partnership
):
    client.force_login(coordinator)
    client.post(
        reverse("partnerships:group-edit", args=[partnership.slug, jag.pk]),
        {
            "name": "Joint Action Group",
            "abbreviation": "JAG",
            "kind": "joint_action_group",
            "reports_to": jag.reports_to_id,
            "member_organisations": [o.pk for o in jag.member_organisations.all()],
        },
    )
    event = AuditEvent.objects.filter(action="update").get()
    assert event.changes == {"Name": ["Joint Agency Group", "Joint Action Group"]}
    log = client.get(reverse("partnerships:audit-log", args=[partnership.slug])).text
    assert "Joint Agency Group → Joint Action Group" in log


def test_saving_without_changes_adds_nothing_to_the_audit_log(
    client, coordinator, jag, partnership
):
    client.force_login(coordinator)
    client.post(
        reverse("partnerships:group-edit", args=[partnership.slug, jag.pk]),
        {
            "name": jag.name,
            "abbreviation": "JAG",
            "kind": "joint_action_group",
            "reports_to": jag.reports_to_id,
            "member_organisations": [o.pk for o in jag.member_organisations.all()],
        },
    )
    assert not AuditEvent.objects.filter(action="update").exists()


def test_a_missing_name_is_reported_at_the_field_and_nothing_is_saved(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    response = client.post(
        reverse("partnerships:group-add", args=[partnership.slug]),
        {"name": "", "kind": "board", "purpose": "Keep this text"},
    )
    assert response.status_code == 200
    assert '<a href="#id_name">This field is required.</a>' in response.text
    assert "Keep this text" in response.text  # nothing the user typed is lost
    assert not Group.objects.exists()


def test_a_group_cannot_report_to_a_group_below_it(client, coordinator, board, jag, partnership):
    client.force_login(coordinator)
    response = client.post(
        reverse("partnerships:group-edit", args=[partnership.slug, board.pk]),
        {"name": board.name, "kind": "board", "reports_to": jag.pk},
    )
    assert "Community Safety Board cannot report to a group that reports to it." in response.text
    board.refresh_from_db()
    assert board.reports_to is None


def test_a_group_with_groups_reporting_to_it_cannot_be_deleted(
    client, coordinator, board, jag, partnership
):
    client.force_login(coordinator)
    response = client.post(reverse("partnerships:group-delete", args=[partnership.slug, board.pk]))
    assert "Joint Agency Group reports to Community Safety Board." in response.text
    assert Group.objects.filter(pk=board.pk).exists()


def test_deleting_a_group_is_logged(client, coordinator, jag, partnership):
    client.force_login(coordinator)
    client.post(reverse("partnerships:group-delete", args=[partnership.slug, jag.pk]))
    assert not Group.objects.filter(pk=jag.pk).exists()
    event = AuditEvent.objects.get(action="delete")
    assert event.object_repr == "Joint Agency Group"
    assert event.changes["Name"] == ["Joint Agency Group", None]


@pytest.mark.parametrize("role", ["viewer", "editor", "analyst"])
def test_only_coordinators_change_the_structure(client, member_of, board, partnership, role):
    client.force_login(member_of(role))
    response = client.post(
        reverse("partnerships:group-add", args=[partnership.slug]),
        {"name": "Sneaky group", "kind": "forum"},
    )
    assert response.status_code == 403
    assert "Only a coordinator of" in response.text
    assert not Group.objects.filter(name="Sneaky group").exists()


def test_a_coordinator_of_one_partnership_cannot_touch_another(
    client, outsider, board, partnership
):
    client.force_login(outsider)
    response = client.post(reverse("partnerships:group-delete", args=[partnership.slug, board.pk]))
    assert response.status_code == 403
    assert Group.objects.filter(pk=board.pk).exists()


def test_a_group_of_another_partnership_is_not_found_under_this_one(
    client, coordinator, partnership, other_partnership
):
    elsewhere = GroupFactory(partnership=other_partnership)
    client.force_login(coordinator)
    response = client.get(reverse("partnerships:group-edit", args=[partnership.slug, elsewhere.pk]))
    assert response.status_code == 404


def test_member_organisations_must_belong_to_the_partnership(
    client, coordinator, partnership, other_partnership
):
    stranger = OrganisationFactory(name="Dacorum Borough Council", partnerships=[other_partnership])
    client.force_login(coordinator)
    response = client.post(
        reverse("partnerships:group-add", args=[partnership.slug]),
        {"name": "Mixed group", "kind": "forum", "member_organisations": [stranger.pk]},
    )
    assert "Select a valid choice" in response.text
    assert not Group.objects.filter(name="Mixed group").exists()


def test_audit_log_is_for_coordinators_only(client, viewer, partnership):
    client.force_login(viewer)
    assert client.get(reverse("partnerships:audit-log", args=[partnership.slug])).status_code == 403


def _structure_queries(client, partnership):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("partnerships:structure", args=[partnership.slug]))
    assert response.status_code == 200
    return len(queries)


def test_structure_page_query_count_does_not_grow_with_the_number_of_groups(
    client, coordinator, partnership
):
    organisations = [OrganisationFactory(partnerships=[partnership]) for _ in range(3)]
    client.force_login(coordinator)

    def add_groups(count):
        parent = Group.objects.filter(partnership=partnership).first()
        for _ in range(count):
            group = GroupFactory(partnership=partnership, reports_to=parent)
            group.member_organisations.set(organisations)

    add_groups(3)
    few = _structure_queries(client, partnership)
    add_groups(30)
    many = _structure_queries(client, partnership)
    assert few == many
    assert many < 15
