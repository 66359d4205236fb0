"""What a careless or hostile coordinator could do to the money, and what a past day's
figures rest on (the red-team pass on issue 26, part 4): a mistyped year, a grant starting
mid-quarter, two actions of one title, a grant deleted with its allocations and files, a
form sent twice, and an action's status as the day asked about saw it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from saferplan.core.models import AuditEvent
from saferplan.core.quarters import Quarter
from saferplan.funding import services
from saferplan.funding.models import Grant, Spend
from saferplan.funding.returns import monitoring_return
from saferplan.funding.selectors import position
from saferplan.plans.models import ActionStatus, ActionStatusChange
from saferplan.plans.tests.factories import ActionFactory, RagChangeFactory

pytestmark = pytest.mark.django_db
Q1, Q2, Q3 = (Quarter(2024, n) for n in (1, 2, 3))


def _grant_fields(**changed):
    return {
        "name": "Safer Streets 6",
        "kind": "safer_streets",
        "funder": "Home Office",
        "amount": Decimal("1000"),
        "starts_on": datetime.date(2026, 4, 1),
        "ends_on": datetime.date(2027, 3, 31),
        **changed,
    }


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field", "message"),
    [
        (
            datetime.date(2026, 4, 1),
            datetime.date(9999, 12, 31),
            "ends_on",
            "between 2000 and 2100",
        ),
        (datetime.date(1066, 10, 14), datetime.date(2027, 3, 31), "starts_on", "between 2000"),
        (datetime.date(2026, 4, 1), datetime.date(2036, 4, 1), "ends_on", "at most 10 years"),
    ],
)
def test_a_mistyped_year_or_an_endless_period_is_refused(
    partnership, coordinator, starts_on, ends_on, field, message
):
    with pytest.raises(ValidationError) as refused:
        services.grant_create(
            actor=coordinator,
            partnership=partnership,
            **_grant_fields(starts_on=starts_on, ends_on=ends_on),
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert not Grant.objects.exists()


def test_the_form_says_so_and_a_far_quarter_in_an_address_is_not_found(
    signed_in, partnership, coordinator, grant
):
    client = signed_in(coordinator)
    response = client.post(
        reverse("funding:add", args=[partnership.slug]),
        {
            "name": "Typo fund",
            "kind": "other",
            "funder": "Trust",
            "amount": "100",
            "starts_on_day": "1",
            "starts_on_month": "10",
            "starts_on_year": "2026",
            "ends_on_day": "31",
            "ends_on_month": "12",
            "ends_on_year": "9999",
            "underspend_tolerance": "20",
        },
    )
    assert response.status_code == 200
    assert "Enter a date between 2000 and 2100." in response.content.decode()
    for slug in ("9999-q4", "1999-q1", "2024-q5"):
        address = reverse("funding:return", args=[partnership.slug, grant.pk, slug, "docx"])
        assert client.get(address).status_code == 404, slug


def test_a_ten_year_period_is_accepted(partnership, coordinator):
    grant = services.grant_create(
        actor=coordinator,
        partnership=partnership,
        **_grant_fields(starts_on=datetime.date(2026, 4, 1), ends_on=datetime.date(2036, 3, 31)),
    )
    assert len(position(grant, day=datetime.date(2026, 12, 2)).quarters) == 40


def test_a_grant_starting_mid_quarter_is_not_called_an_underspend(
    partnership, coordinator, actions
):
    """Awarded from 15 November: Q3 2024-25 has 47 of its 92 days, so an even spend
    expects about half a quarter's share by 31 December, not a whole one."""
    grant = services.grant_create(
        actor=coordinator,
        partnership=partnership,
        **_grant_fields(
            amount=Decimal("3000"),
            starts_on=datetime.date(2024, 11, 15),
            ends_on=datetime.date(2025, 9, 30),
        ),
    )
    allocation = services.allocation_set(
        actor=coordinator, grant=grant, action=actions[0], amount=Decimal("3000")
    )
    services.spend_record(actor=coordinator, grant=grant, quarter=Q3, amounts={allocation.pk: 360})
    standing = position(grant, day=datetime.date(2024, 12, 31))
    # Shares: Q3 47/92, then Q4, Q1 and Q2 whole: 3000 × (47/92) / (47/92 + 3) = 3000 × 47/323.
    assert standing.expected == Decimal("436.53")
    assert not [r for r in standing.risks if r.code == "underspend"]
    services.spend_record(actor=coordinator, grant=grant, quarter=Q3, amounts={allocation.pk: 300})
    standing = position(grant, day=datetime.date(2024, 12, 31))
    assert [r.code for r in standing.risks] == ["underspend"]  # 300 < 80% of 436.53


def test_two_actions_of_one_title_are_told_apart_in_the_audit_log(
    partnership, coordinator, grant, actions
):
    twin = ActionFactory(priority=actions[0].priority, title=actions[0].title, position=3)
    first = services.allocation_set(
        actor=coordinator, grant=grant, action=actions[0], amount=Decimal("100")
    )
    second = services.allocation_set(
        actor=coordinator, grant=grant, action=twin, amount=Decimal("100")
    )
    changes = services.spend_record(
        actor=coordinator, grant=grant, quarter=Q1, amounts={first.pk: 10, second.pk: 20}
    )
    assert changes == {
        f"Q1 2024-25: 1. Domestic abuse outreach worker (allocation {first.pk})": ["", "£10.00"],
        f"Q1 2024-25: 1. Domestic abuse outreach worker (allocation {second.pk})": ["", "£20.00"],
    }


def test_the_position_and_the_return_read_the_status_the_day_saw(
    coordinator, grant, funded, actions
):
    """Rated red in August and completed in November: on 30 September it was still open and
    off track, and the Q2 return says it was in progress."""
    action = actions[1]
    action.status_changes.update(changed_on=datetime.date(2024, 4, 1))  # in progress then
    RagChangeFactory(action=action, rating="red", rated_on=datetime.date(2024, 8, 1))
    action.status = ActionStatus.COMPLETE
    action.save(update_fields=["status"])
    ActionStatusChange.objects.create(
        action=action, status=ActionStatus.COMPLETE, changed_on=datetime.date(2024, 11, 20)
    )
    september = position(grant, day=datetime.date(2024, 9, 30))
    assert [r.code for r in september.risks if r.code == "off_track"] == ["off_track"]
    december = position(grant, day=datetime.date(2024, 12, 31))
    assert "off_track" not in [r.code for r in december.risks]
    output = next(o for o in monitoring_return(grant, Q2).outputs if "Safe spaces" in o.action)
    assert output.status == ActionStatus.IN_PROGRESS.label


def test_a_grant_deleted_logs_its_allocations_and_files(
    signed_in, partnership, coordinator, grant, actions
):
    allocation = services.allocation_set(
        actor=coordinator, grant=grant, action=actions[0], amount=Decimal("100")
    )
    client = signed_in(coordinator)
    client.post(
        reverse("funding:file-add", args=[partnership.slug, grant.pk]),
        {"file": SimpleUploadedFile("offer.txt", b"Offer letter\n"), "marking": "official"},
    )
    kept = grant.files.get()
    client.post(reverse("funding:delete", args=[partnership.slug, grant.pk]))
    assert not Grant.objects.exists()
    deleted = AuditEvent.objects.filter(action="delete")
    assert deleted.filter(object_type="funding.allocation", object_id=str(allocation.pk)).exists()
    assert deleted.filter(object_type="attachments.attachment", object_id=str(kept.pk)).exists()
    assert deleted.filter(object_type="funding.grant", object_id=str(grant.pk)).exists()


def test_the_same_name_added_at_once_is_told_not_a_server_error(
    monkeypatch, partnership, coordinator, grant
):
    """Two coordinators add "Safer Streets 5" at the same moment: both pass the check, the
    database refuses the second, and they are told why."""
    monkeypatch.setattr(services, "_check_grant", lambda *args, **kwargs: None)
    monkeypatch.setattr(Grant, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as refused:
        services.grant_create(
            actor=coordinator, partnership=partnership, **_grant_fields(name=grant.name)
        )
    assert "already has a grant called Safer Streets 5" in refused.value.message_dict["name"][0]


def test_spend_sent_twice_is_saved_once_and_says_so(signed_in, grant, actions, coordinator):
    allocation = services.allocation_set(
        actor=coordinator, grant=grant, action=actions[0], amount=Decimal("100")
    )
    url = reverse("funding:spend", args=[grant.partnership.slug, grant.pk, Q1.slug])
    client = signed_in(coordinator)
    token = client.get(url).context["form"]["submission_token"].value()
    form = {"submission_token": token, f"spend_{allocation.pk}": "25"}
    assert client.post(url, form).status_code == 302
    # The same form again (a double click, a resend), with a value changed since: were it
    # saved a second time, the spend would be £26 with a second audit entry.
    again = client.post(url, form | {f"spend_{allocation.pk}": "26"}, follow=True)
    assert "Spend for Q1 2024-25 has been recorded." in again.content.decode()
    assert again.redirect_chain[-1][0].endswith(f"/funding/{grant.pk}/")
    assert Spend.objects.get(allocation=allocation).amount == Decimal("25")
    assert AuditEvent.objects.filter(object_type="funding.grant", action="update").count() == 1


def test_a_quarter_is_named_in_the_readers_language():
    with translation.override("cy"):
        assert Q1.label == "Ch1 2024-25"
    assert Q1.label == str(Q1) == "Q1 2024-25"


def test_a_board_report_issued_before_quarters_were_kept_as_slugs_still_names_them():
    """Issued reports keep their risks as they were: older ones hold the quarters' labels."""
    from saferplan.funding.selectors import quarter_label, risk_text

    values = {"spent": "£2,140.00", "expected": "£3,000.00", "quarter": "Q1 2019-20"}
    assert risk_text("underspend", values).endswith("by the end of Q1 2019-20.")
    said = risk_text("not_recorded", {"count": 2, "quarters": "Q3 2019-20, Q4 2019-20"})
    assert said.startswith("Spend not recorded for Q3 2019-20, Q4 2019-20:")
    assert quarter_label("Q2 2019-20") == "Q2 2019-20"
    assert quarter_label("2019-q2") == "Q2 2019-20"
    assert risk_text("not_recorded", {"count": 1, "quarters": ["2019-q3"]}).startswith(
        "Spend not recorded for Q3 2019-20:"
    )
