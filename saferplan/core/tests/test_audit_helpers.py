"""core.audit.create() and change(): the one audited write every app's services use."""

import pytest
from django.core.exceptions import ValidationError

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.partnerships.models import Organisation, Partnership
from saferplan.partnerships.services import partnership_create


def organisation(user, partnership, **values) -> Organisation:
    return audit.create(
        Organisation,
        actor=user,
        partnership=partnership,
        logged_fields=["name", "kind", "partnerships"],
        **({"name": "Hertsmere Borough Council", "kind": "local_authority"} | values),
        partnerships=[partnership],
    )


def test_a_create_is_saved_with_who_made_it_and_logged_with_display_values(user, partnership):
    made = organisation(user, partnership)
    assert (made.created_by, made.modified_by) == (user, user)
    event = AuditEvent.objects.get(object_id=str(made.pk))
    assert (event.action, event.partnership, event.actor) == ("create", partnership, user)
    assert event.changes == {
        "Name": [None, "Hertsmere Borough Council"],
        "Kind": [None, "Local authority"],
        "Member of": [None, [str(partnership)]],  # many-to-many, set after the save
    }


def test_a_record_may_be_logged_in_its_own_partnerships_log(user):
    created = partnership_create(
        actor=user, name="Dacorum", slug="dacorum", police_force="hertfordshire", districts=[]
    )
    event = AuditEvent.objects.get(object_type="partnerships.partnership")
    assert event.partnership == created


def test_a_check_that_refuses_writes_and_logs_nothing(user, partnership):
    def refuse(_record):
        raise ValidationError({"name": "No"})

    with pytest.raises(ValidationError):
        audit.create(
            Organisation,
            actor=user,
            partnership=partnership,
            logged_fields=["name"],
            check=refuse,
            name="Police",
            kind="police",
        )
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_change_logs_only_what_changed_and_says_so(user, partnership):
    made = organisation(user, partnership)
    _same, changes = audit.change(
        made, actor=user, partnership=partnership, logged_fields=["name"], name=made.name
    )
    assert changes == {}
    _changed, changes = audit.change(
        made, actor=user, partnership=partnership, logged_fields=["name"], name="Hertsmere BC"
    )
    assert changes == {"Name": ["Hertsmere Borough Council", "Hertsmere BC"]}
    assert AuditEvent.objects.filter(action="update").count() == 1


def test_what_the_log_shows_besides_the_fields_counts_as_a_change(user, partnership):
    made = organisation(user, partnership)
    other = Partnership.objects.create(name="Dacorum", slug="dacorum", police_force="hertfordshire")

    def joined(record):
        return {"joined": ", ".join(sorted(p.slug for p in record.partnerships.all()))}

    _changed, changes = audit.change(
        made,
        actor=user,
        partnership=partnership,
        logged_fields=["name"],
        logged_also=joined,
        partnerships=[partnership, other],
    )
    assert changes == {"joined": ["hertsmere", "dacorum, hertsmere"]}
