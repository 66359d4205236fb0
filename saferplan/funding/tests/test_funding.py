"""Grants and budgets (issue 26, part 4): the actions a grant pays for, the spend recorded
per action per quarter, the quarterly monitoring return that adds up from it, and the grant
at risk in the board report."""

import datetime
import io
import re
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferplan.core.models import AuditEvent
from saferplan.funding import services
from saferplan.funding.models import Allocation, Grant, Spend
from saferplan.funding.returns import monitoring_return
from saferplan.funding.selectors import Quarter, position
from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
Q1, Q2, Q3, Q4 = (Quarter(2024, n) for n in (1, 2, 3, 4))


def _download(client, grant, quarter, kind):
    url = reverse("funding:return", args=[grant.partnership.slug, grant.pk, quarter.slug, kind])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_the_quarterly_return_adds_up_from_the_recorded_spend(
    signed_in, grant, funded, coordinator
):
    made = monitoring_return(grant, Q2)
    by_action = {row.action: row for row in made.rows}
    outreach = by_action["1. Domestic abuse outreach worker"]
    spaces = by_action["1. Safe spaces in the night-time economy"]
    assert (outreach.this_quarter, outreach.to_date, outreach.remaining) == (
        Decimal("1200.50"),
        Decimal("2200.50"),
        Decimal("3799.50"),
    )
    assert (spaces.this_quarter, spaces.to_date, spaces.remaining) == (0, 500, 3500)
    totals = made.totals
    assert (totals.allocated, totals.this_quarter, totals.to_date, totals.remaining) == (
        Decimal("10000"),
        Decimal("1200.50"),
        Decimal("2700.50"),
        Decimal("7299.50"),
    )
    assert made.expected == Decimal("5000.00")  # two of the grant's four quarters
    assert made.notes == []  # every action's spend recorded, the quarter over, all allocated

    client = signed_in(coordinator)
    book = openpyxl.load_workbook(io.BytesIO(_download(client, grant, Q2, "xlsx")))
    sheet = book["Spend"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0] and str(r[0])[:2] == "1."]
    assert [r[1:] for r in rows] == [(6000, 1200.5, 2200.5, 3799.5), (4000, 0, 500, 3500)]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Total")
    # The funder's spreadsheet adds the same: each column's rows sum to its total.
    for column in range(1, 5):
        assert sum(r[column] for r in rows) == total[column]
    total_row = next(row for row in sheet.iter_rows() if row[0].value == "Total")
    assert {cell.number_format for cell in total_row[1:]} == {'"£"#,##0.00'}  # pounds, as numbers
    assert sheet["A2"].value == "OFFICIAL"

    document = docx.Document(io.BytesIO(_download(client, grant, Q2, "docx")))
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Total", "£10,000.00", "£1,200.50", "£2,700.50", "£7,299.50"] in cells
    assert ["Funder's reference", "SS5-0142"] in cells
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"


def test_spend_not_recorded_is_named_and_never_counted_as_nothing_spent(grant, funded, coordinator):
    outreach, spaces = funded
    services.spend_record(
        actor=coordinator, grant=grant, quarter=Q3, amounts={outreach.pk: Decimal("1500")}
    )
    made = monitoring_return(grant, Q3)
    assert made.rows[1].this_quarter is None
    assert any("not recorded for 1 action" in note and "Safe spaces" in note for note in made.notes)
    standing = position(grant, day=datetime.date(2025, 1, 15))
    assert [r.code for r in standing.risks] == ["not_recorded"]  # no underspend said over it
    assert "Q3 2024-25" in str(standing.risks[0])
    # Recorded as 0, it is nothing spent: the quarter is complete, and behind an even spend.
    services.spend_record(
        actor=coordinator, grant=grant, quarter=Q3, amounts={spaces.pk: Decimal("0")}
    )
    standing = position(grant, day=datetime.date(2025, 1, 15))
    assert [r.code for r in standing.risks] == ["underspend"]
    assert str(standing.risks[0]) == (
        "Underspend: £4,200.50 spent where an even spend would be £7,500.00 by the end of "
        "Q3 2024-25."
    )


def test_a_sensitive_action_is_counted_in_the_return_but_never_named(
    signed_in, grant, actions, coordinator
):
    secret = actions[1]
    secret.title, secret.marking = "Surveillance of the Oak Street address", "official_sensitive"
    secret.save()
    UpdateFactory(action=secret, described_on=datetime.date(2024, 5, 2), text="Camera fitted")
    UpdateFactory(
        action=actions[0],
        described_on=datetime.date(2024, 5, 3),
        text="Victim named in the referral",
        marking="official_sensitive",
    )
    UpdateFactory(action=actions[0], described_on=datetime.date(2024, 5, 4), text="Worker started")
    allocations = [
        services.allocation_set(actor=coordinator, grant=grant, action=a, amount=Decimal("1000"))
        for a in actions
    ]
    services.spend_record(
        actor=coordinator,
        grant=grant,
        quarter=Q1,
        amounts={allocations[0].pk: Decimal("100"), allocations[1].pk: Decimal("250")},
    )
    client = signed_in(coordinator)
    for kind in ("docx", "xlsx"):
        content = _download(client, grant, Q1, kind)
        with __import__("zipfile").ZipFile(io.BytesIO(content)) as package:
            text = " ".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())
        for withheld in ("Oak Street", "Camera fitted", "Victim named", "OFFICIAL-SENSITIVE"):
            assert withheld not in text, (kind, withheld)
        assert "Worker started" in text
        assert "An action whose details stay within the partnership" in text
        assert "350" in text  # the total counts the sensitive action's spend


def test_the_services_refuse_what_would_not_add_up(grant, actions, coordinator, other_partnership):
    services.allocation_set(
        actor=coordinator, grant=grant, action=actions[0], amount=Decimal("7000")
    )
    with pytest.raises(
        ValidationError, match=re.escape("Only £3,000.00 of the grant's £10,000.00")
    ):
        services.allocation_set(
            actor=coordinator, grant=grant, action=actions[1], amount=Decimal("3000.01")
        )
    elsewhere = ActionFactory(
        priority=PriorityFactory(plan=PlanFactory(partnership=other_partnership), number=1)
    )
    with pytest.raises(ValidationError, match="Choose an action of"):
        services.allocation_set(actor=coordinator, grant=grant, action=elsewhere, amount=Decimal(1))
    allocation = Allocation.objects.get(grant=grant)
    with pytest.raises(ValidationError, match="outside the grant's period"):
        services.spend_record(
            actor=coordinator, grant=grant, quarter=Quarter(2025, 1), amounts={allocation.pk: 1}
        )
    services.spend_record(actor=coordinator, grant=grant, quarter=Q4, amounts={allocation.pk: 5})
    with pytest.raises(ValidationError) as refused:
        services.grant_update(actor=coordinator, grant=grant, ends_on=datetime.date(2024, 12, 31))
    assert "Spend or a return is recorded for Q4 2024-25" in str(refused.value)
    with pytest.raises(ValidationError, match=re.escape("£7,000.00 of the grant is allocated")):
        services.grant_update(actor=coordinator, grant=grant, amount=Decimal("6999"))
    with pytest.raises(ValidationError, match="part of the accounts"):
        services.grant_delete(actor=coordinator, grant=grant)
    with pytest.raises(ValidationError, match="Spend is recorded against"):
        services.allocation_remove(actor=coordinator, allocation=allocation)
    assert Grant.objects.filter(pk=grant.pk).exists()


def test_spend_is_recorded_once_a_quarter_has_begun_and_every_change_is_audited(
    partnership, coordinator, actions
):
    from saferplan.core import clock

    today = clock.today()
    grant = services.grant_create(
        actor=coordinator,
        partnership=partnership,
        name="Council's own budget",
        kind="council",
        funder="Hertsmere Borough Council",
        amount=Decimal("2000"),
        starts_on=today,
        ends_on=today + datetime.timedelta(days=400),
    )
    allocation = services.allocation_set(
        actor=coordinator, grant=grant, action=actions[0], amount=Decimal("2000")
    )
    with pytest.raises(ValidationError, match="has not begun"):
        services.spend_record(
            actor=coordinator,
            grant=grant,
            quarter=Quarter.of(today).next(),
            amounts={allocation.pk: Decimal(1)},
        )
    now = Quarter.of(today)
    services.spend_record(actor=coordinator, grant=grant, quarter=now, amounts={allocation.pk: 40})
    services.spend_record(actor=coordinator, grant=grant, quarter=now, amounts={allocation.pk: 45})
    services.spend_record(
        actor=coordinator, grant=grant, quarter=now, amounts={allocation.pk: None}
    )
    assert not Spend.objects.exists()
    events = AuditEvent.objects.filter(object_type="funding.grant", action="update")
    # The quarter as stored (every language) and the action by priority and allocation.
    label = f"{now}: 1. Domestic abuse outreach worker (allocation {allocation.pk})"
    assert [e.changes[label] for e in events.order_by("pk")] == [
        ["", "£40.00"],
        ["£40.00", "£45.00"],
        ["£45.00", ""],
    ]


def test_the_spend_form_keeps_empty_as_not_recorded_and_zero_as_nothing_spent(
    signed_in, grant, actions, coordinator, viewer
):
    allocations = [
        services.allocation_set(actor=coordinator, grant=grant, action=a, amount=Decimal("100"))
        for a in actions
    ]
    url = reverse("funding:spend", args=[grant.partnership.slug, grant.pk, Q1.slug])
    client = signed_in(viewer)
    assert client.get(url).status_code == 403
    assert client.post(url, {f"spend_{allocations[0].pk}": "5"}).status_code == 403
    client = signed_in(coordinator)
    response = client.post(url, {f"spend_{allocations[0].pk}": "-5"})
    assert "govuk-error-summary" in response.content.decode()
    response = client.post(
        url, {f"spend_{allocations[0].pk}": "0", f"spend_{allocations[1].pk}": ""}
    )
    assert response.status_code == 302
    assert list(Spend.objects.values_list("allocation_id", "amount")) == [(allocations[0].pk, 0)]
    page = client.get(reverse("funding:detail", args=[grant.partnership.slug, grant.pk]))
    html = page.content.decode()
    assert "1 of 2 actions" in html
    assert "Not recorded" in html
    # A board member reads the grant and its return, but changes nothing.
    client = signed_in(viewer)
    assert (
        client.get(reverse("funding:detail", args=[grant.partnership.slug, grant.pk])).status_code
        == 200
    )
    assert (
        "Record spend"
        not in client.get(
            reverse("funding:detail", args=[grant.partnership.slug, grant.pk])
        ).content.decode()
    )
    assert _download(client, grant, Q1, "docx")


def test_an_action_deleted_leaves_its_money_recorded(grant, funded, actions):
    actions[1].delete()
    made = monitoring_return(grant, Q2)
    assert sorted(row.action for row in made.rows) == [
        "1. Domestic abuse outreach worker",
        "An action no longer in the plan",
    ]
    assert made.totals.to_date == Decimal("2700.50")
