import pytest
from django.urls import reverse

from saferplan.core.models import AuditEvent
from saferplan.partnerships.models import Organisation
from saferplan.partnerships.tests.factories import GroupFactory, OrganisationFactory


def test_a_coordinator_creates_a_new_member_organisation(client, coordinator, partnership):
    client.force_login(coordinator)
    response = client.post(
        reverse("partnerships:organisation-add", args=[partnership.slug]),
        {
            "form": "new",
            "new-name": "St Giles Trust",
            "new-kind": "voluntary_sector",
            "new-abbreviation": "",
        },
        follow=True,
    )
    assert "St Giles Trust is now a member of" in response.text
    organisation = Organisation.objects.get(name="St Giles Trust")
    assert list(organisation.partnerships.all()) == [partnership]
    assert AuditEvent.objects.filter(
        object_type="partnerships.organisation", action="create"
    ).exists()


def test_an_organisation_already_in_saferplan_joins_a_second_partnership(
    client, coordinator, partnership, other_partnership
):
    police = OrganisationFactory(
        name="Hertfordshire Constabulary", partnerships=[other_partnership]
    )
    client.force_login(coordinator)
    client.post(
        reverse("partnerships:organisation-add", args=[partnership.slug]),
        {"form": "join", "join-organisation": police.pk},
    )
    assert set(police.partnerships.all()) == {partnership, other_partnership}
    event = AuditEvent.objects.get(object_type="partnerships.organisation", action="update")
    assert event.partnership == partnership


def test_a_duplicate_organisation_name_is_refused_at_the_field(client, coordinator, partnership):
    OrganisationFactory(name="Hertsmere Borough Council")
    client.force_login(coordinator)
    response = client.post(
        reverse("partnerships:organisation-add", args=[partnership.slug]),
        {"form": "new", "new-name": "Hertsmere Borough Council", "new-kind": "local_authority"},
    )
    assert "Organisation with this Name already exists." in response.text
    assert Organisation.objects.count() == 1


def test_an_organisation_on_a_group_cannot_leave_the_partnership(client, coordinator, partnership):
    police = OrganisationFactory(name="Hertfordshire Constabulary", partnerships=[partnership])
    GroupFactory(partnership=partnership, name="Joint Agency Group").member_organisations.add(
        police
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("partnerships:organisation-remove", args=[partnership.slug, police.pk]), follow=True
    )
    assert (
        "Hertfordshire Constabulary is a member of Joint Agency Group. Remove it from those groups first."
        in response.text
    )
    assert partnership in police.partnerships.all()


def test_the_directory_lists_every_organisation_with_its_partnerships(
    client, viewer, partnership, other_partnership
):
    OrganisationFactory(
        name="Hertfordshire Constabulary",
        kind="police",
        partnerships=[partnership, other_partnership],
    )
    client.force_login(viewer)
    page = client.get(reverse("organisations:directory")).text
    assert "Dacorum Community Safety Partnership, Hertsmere Community Safety Partnership" in page
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Police</caption>' in page


def test_only_a_coordinator_of_a_member_partnership_edits_an_organisation(
    client, outsider, coordinator, partnership
):
    organisation = OrganisationFactory(
        name="Hertsmere Borough Council", kind="local_authority", partnerships=[partnership]
    )
    client.force_login(outsider)
    assert (
        client.post(
            reverse("organisations:edit", args=[organisation.pk]),
            {"name": "Hijacked", "kind": "police"},
        ).status_code
        == 403
    )
    client.force_login(coordinator)
    client.post(
        reverse("organisations:edit", args=[organisation.pk]),
        {"name": "Hertsmere Borough Council", "abbreviation": "HBC", "kind": "local_authority"},
    )
    organisation.refresh_from_db()
    assert organisation.abbreviation == "HBC"
    assert AuditEvent.objects.get(action="update").changes == {"Abbreviation": ["", "HBC"]}


@pytest.mark.parametrize("role", ["viewer", "editor", "analyst"])
def test_non_coordinators_cannot_add_organisations(client, member_of, partnership, role):
    client.force_login(member_of(role))
    response = client.post(
        reverse("partnerships:organisation-add", args=[partnership.slug]),
        {"form": "new", "new-name": "X", "new-kind": "police"},
    )
    assert response.status_code == 403
    assert not Organisation.objects.exists()


def test_an_organisation_shared_with_another_partnership_is_changed_only_by_an_administrator(
    client, coordinator, partnership, other_partnership
):
    """One partnership's coordinator renaming the county's police force would change every
    partnership's documents: only an administrator may, and every partnership's log says so."""
    from saferplan.accounts.tests.factories import UserFactory
    from saferplan.partnerships.selectors import partnership_audit_events

    police = OrganisationFactory(
        name="Hertfordshire Constabulary",
        kind="police",
        partnerships=[partnership, other_partnership],
    )
    client.force_login(coordinator)
    edit = reverse("organisations:edit", args=[police.pk])
    refused = client.post(edit, {"name": "Renamed by Hertsmere", "kind": "police"})
    assert refused.status_code == 403
    assert "also a member of Dacorum Community Safety Partnership" in refused.text
    police.refresh_from_db()
    assert police.name == "Hertfordshire Constabulary"

    administrator = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(administrator)
    client.post(edit, {"name": "Hertfordshire Police", "abbreviation": "HC", "kind": "police"})
    police.refresh_from_db()
    assert police.name == "Hertfordshire Police"
    for each in (partnership, other_partnership):
        (event,) = partnership_audit_events(partnership=each)
        assert event.changes["Name"] == ["Hertfordshire Constabulary", "Hertfordshire Police"]


def test_a_coordinator_of_every_partnership_an_organisation_belongs_to_may_change_it(
    client, member_of, partnership, other_partnership
):
    both = member_of("coordinator")
    member_of("coordinator", other_partnership).memberships.update(user=both)
    council = OrganisationFactory(
        name="Hertsmere Borough Council",
        kind="local_authority",
        partnerships=[partnership, other_partnership],
    )
    client.force_login(both)
    client.post(
        reverse("organisations:edit", args=[council.pk]),
        {"name": "Hertsmere Borough Council", "abbreviation": "HBC", "kind": "local_authority"},
    )
    council.refresh_from_db()
    assert council.abbreviation == "HBC"
