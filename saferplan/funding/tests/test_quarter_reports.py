"""What a monitoring return tells the funder beside the figures (issue 26, part 4, in the shape
funders ask for: docs/research/monitoring-returns.md): why spend differs from the profile, the
spend forecast by the grant's end, who signed the return off, and the Police and Crime Plan
priorities each funded action serves."""

import datetime
import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from saferplan.core.models import AuditEvent
from saferplan.funding.models import QuarterReport, Spend
from saferplan.funding.selectors import Quarter
from saferplan.partnerships import pcc_services
from saferplan.plans import services as plan_services

pytestmark = pytest.mark.django_db
Q2 = Quarter(2024, 2)
VARIANCE = (
    "The outreach worker started in August, not July: the quarter's underspend is her "
    "first month's salary, to be spent on the winter campaign."
)


def _spend_url(grant, quarter=Q2):
    return reverse("funding:spend", args=[grant.partnership.slug, grant.pk, quarter.slug])


def _return(client, grant, kind, quarter=Q2) -> bytes:
    url = reverse("funding:return", args=[grant.partnership.slug, grant.pk, quarter.slug, kind])
    answer = client.get(url)
    assert answer.status_code == 200
    return answer.content


def _form(funded, **report) -> dict:
    outreach, spaces = funded
    return {
        f"spend_{outreach.pk}": "1200.50",
        f"spend_{spaces.pk}": "0",
        "variance": "",
        "forecast": "",
        "signed_off_by": "",
        "signed_off_role": "",
        **report,
    }


def _signed(day: datetime.date) -> dict:
    return {
        "signed_off_on_day": str(day.day),
        "signed_off_on_month": str(day.month),
        "signed_off_on_year": str(day.year),
    }


def test_the_return_says_why_spend_differs_the_forecast_and_who_signed_it_off(
    signed_in, partnership, grant, funded, actions, coordinator
):
    """Hertfordshire's commissioner funds it: the actions' plan priority is aligned to "Keep
    Crime Low", so the return names it for each."""
    pcc_plan = pcc_services.pcc_plan_create(
        actor=coordinator,
        partnership=partnership,
        title="Police and Crime Plan for Hertfordshire",
        period_start=datetime.date(2021, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    keep_crime_low = pcc_services.pcc_priority_create(
        actor=coordinator, pcc_plan=pcc_plan, partnership=partnership, title="Keep Crime Low"
    )
    plan_services.priority_update(
        actor=coordinator, priority=actions[0].priority, pcc_priorities=[keep_crime_low]
    )
    client = signed_in(coordinator)
    sent = _form(
        funded,
        variance=VARIANCE,
        forecast="9250",
        signed_off_by="Jo Bloggs",
        signed_off_role="Chief Finance Officer",
        **_signed(datetime.date(2024, 10, 14)),
    )
    assert client.post(_spend_url(grant), sent).status_code == 302
    report = QuarterReport.objects.get(grant=grant)
    assert (report.year, report.quarter, report.forecast) == (2024, 2, Decimal("9250"))
    logged = AuditEvent.objects.filter(object_type="funding.grant").latest("pk").changes
    assert logged["Q2 2024-25: forecast spend by the grant's end (£)"] == ["", "£9,250.00"]
    assert logged["Q2 2024-25: signed off by"] == ["", "Jo Bloggs"]

    page = client.get(reverse("funding:detail", args=[partnership.slug, grant.pk]))
    rows = page.content.decode().split('id="quarters"')[1].split("</tr>")
    said = {q: next(r for r in rows if f">{q}<" in r) for q in ("Q1 2024-25", "Q2 2024-25")}
    assert "Signed off 14 October 2024" in said["Q2 2024-25"]
    assert "Not signed off" in said["Q1 2024-25"]

    word = docx.Document(io.BytesIO(_return(client, grant, "docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert VARIANCE in text
    assert (
        "Forecast spend by the grant's end: £9,250.00 of £10,000.00 awarded. "
        "A forecast underspend of £750.00."
    ) in text
    assert "Signed off by Jo Bloggs, Chief Finance Officer, on 14 October 2024." in text
    served = text.split("The Police and Crime Plan priorities it serves")
    assert len(served) == 3  # both actions are of the aligned plan priority
    assert all(
        "Police and Crime Plan for Hertfordshire: 1. Keep Crime Low" in s for s in served[1:]
    )

    book = openpyxl.load_workbook(io.BytesIO(_return(client, grant, "xlsx")))
    spend = [row for row in book["Spend"].iter_rows(values_only=True) if row[0]]
    forecast = next(row for row in spend if str(row[0]).startswith("Forecast spend"))
    assert forecast[1] == 9250  # a number the funder's spreadsheet can compare
    assert VARIANCE in [row[0] for row in spend]
    outputs = list(book["Outputs"].iter_rows(values_only=True))
    assert outputs[0][5] == "The Police and Crime Plan priorities it serves"
    assert [row[5] for row in outputs[1:]] == [
        "Police and Crime Plan for Hertfordshire: 1. Keep Crime Low"
    ] * 2


def test_a_return_not_signed_off_says_so(signed_in, grant, funded, coordinator):
    word = docx.Document(io.BytesIO(_return(signed_in(coordinator), grant, "docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Not signed off in saferplan: the return is to be certified before it is sent." in text
    assert "Forecast spend" not in text
    assert "Why spend differs from the profile" not in text


def test_a_sign_off_without_its_date_is_refused_and_nothing_is_saved(
    signed_in, grant, funded, coordinator
):
    client = signed_in(coordinator)
    outreach, _spaces = funded
    answer = client.post(
        _spend_url(grant),
        _form(funded, signed_off_by="Jo Bloggs", **{f"spend_{outreach.pk}": "99"}),
    )
    html = answer.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter both who signed the return off and the date they did" in html
    assert 'value="Jo Bloggs"' in html  # what was typed is kept
    assert not QuarterReport.objects.exists()
    assert Spend.objects.get(allocation=outreach, quarter=2).amount == Decimal("1200.50")


def test_a_forecast_of_nothing_is_said_and_clearing_the_report_takes_it_away(
    signed_in, grant, funded, coordinator
):
    client = signed_in(coordinator)
    assert client.post(_spend_url(grant), _form(funded, forecast="0")).status_code == 302
    assert QuarterReport.objects.get().forecast == 0
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(_return(client, grant, "docx"))).paragraphs
    )
    assert "A forecast underspend of £10,000.00." in text
    # The page shows what was said, to change it.
    assert 'value="0.00"' in client.get(_spend_url(grant)).content.decode()
    assert client.post(_spend_url(grant), _form(funded)).status_code == 302
    assert not QuarterReport.objects.exists()
    logged = AuditEvent.objects.filter(object_type="funding.grant").latest("pk").changes
    assert logged == {"Q2 2024-25: forecast spend by the grant's end (£)": ["£0.00", ""]}


def test_a_page_opened_before_the_sign_off_does_not_take_it_away(
    grant, funded, coordinator, member_of
):
    """Two coordinators: one opens the quarter's spend page; the other signs the return off;
    the first then saves a corrected amount from the page as it was. Nothing is undone: the
    page says the quarter changed, keeps what was typed, and a second save (having looked)
    is taken, with the sign-off the page now shows."""
    outreach, _spaces = funded
    first, second = Client(), Client()
    first.force_login(coordinator)
    second.force_login(member_of("coordinator"))
    page = BeautifulSoup(first.get(_spend_url(grant)).content, "html.parser")
    sent = {
        tag["name"]: tag.get("value", tag.text)
        for tag in page.select("form input[name], form textarea[name]")
    }
    sign_off = _form(funded, signed_off_by="Jo Bloggs", **_signed(datetime.date(2024, 10, 14)))
    assert second.post(_spend_url(grant), sign_off).status_code == 302

    stale = first.post(_spend_url(grant), sent | {f"spend_{outreach.pk}": "1250.50"})
    html = stale.content.decode()
    assert "Someone has changed this quarter&#x27;s spend or its return" in html
    assert 'value="1250.50"' in html  # what was typed is kept
    assert QuarterReport.objects.get().signed_off_by == "Jo Bloggs"
    assert Spend.objects.get(allocation=outreach, quarter=2).amount == Decimal("1200.50")

    again = BeautifulSoup(html, "html.parser")
    resent = {
        tag["name"]: tag.get("value", tag.text)
        for tag in again.select("form input[name], form textarea[name]")
    }
    resent |= {"signed_off_by": "Jo Bloggs", **_signed(datetime.date(2024, 10, 14))}
    assert first.post(_spend_url(grant), resent).status_code == 302
    assert Spend.objects.get(allocation=outreach, quarter=2).amount == Decimal("1250.50")
    assert QuarterReport.objects.get().signed_off_by == "Jo Bloggs"


def test_the_services_refuse_a_half_sign_off_and_a_grant_with_a_return_is_kept(
    grant, funded, coordinator
):
    from django.core.exceptions import ValidationError

    from saferplan.funding import services

    with pytest.raises(ValidationError, match="Enter both who signed the return off"):
        services.spend_record(
            actor=coordinator, grant=grant, quarter=Q2, amounts={}, report={"signed_off_by": "Jo"}
        )
    assert not QuarterReport.objects.exists()
    Spend.objects.filter(allocation__grant=grant).delete()
    services.spend_record(
        actor=coordinator, grant=grant, quarter=Q2, amounts={}, report={"variance": "Late start"}
    )
    with pytest.raises(ValidationError, match="a monitoring return is recorded"):
        services.grant_delete(actor=coordinator, grant=grant)
    assert QuarterReport.objects.get().variance == "Late start"
