"""Publishing a year's ASB Case Review figures on the published plan (page, Word, PDF) and
each case's deadlines under the partnership's own timescales (issue 25, part 1)."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from saferplan.core import clock, working_days
from saferplan.core.models import AuditEvent
from saferplan.core.quarters import Quarter
from saferplan.duties import selectors, services
from saferplan.duties.models import CaseReview, PublishedAsbFigures
from saferplan.duties.selectors import DeadlineState
from saferplan.plans.models import PlanKind, PlanStatus
from saferplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db
THRESHOLD = "Three or more complaints about separate incidents in the last six months"


def _case(actor, partnership, reference, received_on, *, met=None, reviewed=False, recommended=0):
    case = services.case_review_register(
        actor=actor,
        partnership=partnership,
        reference=reference,
        received_on=received_on,
        received_how="phone",
        threshold=THRESHOLD,
        applicant={
            "name": "Canaryz8w Applicant",
            "contact": "12 Canaryz8w Close",
            "notes": "",
            "retain_until": received_on + datetime.timedelta(days=3650),
        },
    )
    if met is not None:
        case = services.threshold_decide(
            actor=actor,
            case=case,
            met=met,
            decided_on=received_on + datetime.timedelta(days=7),
            reason="" if met else "One complaint, about one incident",
        )
    if reviewed:
        case = services.review_record(
            actor=actor,
            case=case,
            held_on=case.threshold_decided_on + datetime.timedelta(days=10),
            outcome="Canaryz8w outcome",
        )
    for n in range(recommended):
        services.recommendation_add(actor=actor, case=case, text=f"Canaryz8w recommendation {n}")
    return case


@pytest.fixture
def last_year():
    """The financial year before this one: over, so its figures may be published."""
    return Quarter.of(clock.today()).year - 1


@pytest.fixture
def last_years_register(coordinator, partnership, last_year):
    """Four applications: one below the threshold, one reviewed with two recommendations,
    one reviewed without, one met and not reviewed yet."""
    start = Quarter(last_year, 1).start
    _case(coordinator, partnership, "CR-A", start + datetime.timedelta(days=10), met=False)
    _case(
        coordinator,
        partnership,
        "CR-B",
        start + datetime.timedelta(days=40),
        met=True,
        reviewed=True,
        recommended=2,
    )
    _case(
        coordinator,
        partnership,
        "CR-C",
        start + datetime.timedelta(days=90),
        met=True,
        reviewed=True,
    )
    _case(coordinator, partnership, "CR-D", start + datetime.timedelta(days=300), met=True)


def test_working_days_leave_out_weekends_and_the_bank_holidays_of_england_and_wales():
    friday = datetime.date(2026, 12, 18)
    # Mon 21 to Thu 24, then Christmas, a weekend and Boxing Day observed (Mon 28).
    assert working_days.add(friday, 5) == datetime.date(2026, 12, 29)
    assert working_days.between(friday, datetime.date(2026, 12, 29)) == 5
    assert working_days.add(datetime.date(2025, 4, 17), 1) == datetime.date(2025, 4, 22)  # Easter


def test_a_case_is_flagged_as_its_deadlines_near_and_pass(coordinator, partnership, monkeypatch):
    received = datetime.date(2025, 6, 2)  # a Monday
    case = _case(coordinator, partnership, "CR-T", received)
    assert selectors.case_deadlines(case, selectors.timescales_of(partnership)) == []
    services.timescales_set(
        actor=coordinator, partnership=partnership, decision_days=15, review_days=20
    )
    timescales = selectors.timescales_of(partnership)

    def on(day):
        monkeypatch.setattr(clock, "today", lambda: day)
        return selectors.case_deadlines(CaseReview.objects.get(pk=case.pk), timescales)

    (decision,) = on(datetime.date(2025, 6, 9))
    assert decision.due == datetime.date(2025, 6, 23)
    assert decision.state is DeadlineState.DUE
    assert not decision.flagged
    (decision,) = on(datetime.date(2025, 6, 17))
    assert decision.state is DeadlineState.NEAR
    assert decision.flagged
    assert decision.description == "Due 23 June 2025: 4 working days left"
    (decision,) = on(datetime.date(2025, 6, 24))
    assert decision.state is DeadlineState.MISSED
    assert decision.description == "Due 23 June 2025: missed"

    services.threshold_decide(
        actor=coordinator, case=case, met=True, decided_on=datetime.date(2025, 6, 25)
    )
    decision, review = on(datetime.date(2025, 6, 26))
    assert decision.state is DeadlineState.LATE
    assert decision.description == "Due 23 June 2025: done 2 working days late"
    assert review.due == datetime.date(2025, 7, 23)
    assert review.state is DeadlineState.DUE


def test_the_register_and_case_pages_flag_a_missed_deadline(signed_in, coordinator, partnership):
    services.timescales_set(
        actor=coordinator, partnership=partnership, decision_days=10, review_days=None
    )
    case = _case(coordinator, partnership, "CR-LATE", clock.today() - datetime.timedelta(days=60))
    client = signed_in(coordinator)
    register = client.get(reverse("duties:register", args=[partnership.slug])).content.decode()
    assert "Missed" in register
    assert "Threshold decision" in register
    assert "within 10 working days of the application" in register
    page = client.get(reverse("duties:case", args=[partnership.slug, case.pk])).content.decode()
    assert "Missed" in page


def test_timescales_are_a_coordinators_to_set_and_checked(
    signed_in, coordinator, partnership, viewer
):
    url = reverse("duties:timescales", args=[partnership.slug])
    page = signed_in(coordinator).post(url, {"decision_days": "0", "review_days": "500"})
    assert page.status_code == 200
    assert "Ensure this value is greater than or equal to 1" in page.content.decode()
    assert signed_in(viewer).get(url).status_code == 403


def test_a_year_not_over_cannot_be_published(coordinator, partnership):
    this_year = Quarter.of(clock.today()).year
    with pytest.raises(ValidationError, match="is not over yet"):
        services.asb_figures_publish(actor=coordinator, partnership=partnership, year=this_year)
    assert not PublishedAsbFigures.objects.exists()


def test_published_figures_are_a_snapshot_with_their_notes(
    coordinator, partnership, last_year, last_years_register
):
    published = services.asb_figures_publish(
        actor=coordinator, partnership=partnership, year=last_year
    )
    assert (
        published.applications,
        published.threshold_not_met,
        published.reviews,
        published.with_recommendations,
    ) == (4, 1, 2, 1)
    assert published.notes == ["1 application met the threshold and is not reviewed yet."]

    # The register changes: the published figures stay as issued until published again.
    late = CaseReview.objects.get(reference="CR-D")
    services.review_record(
        actor=coordinator, case=late, held_on=late.threshold_decided_on + datetime.timedelta(1)
    )
    published.refresh_from_db()
    assert published.reviews == 2
    again = services.asb_figures_publish(actor=coordinator, partnership=partnership, year=last_year)
    assert again.pk == published.pk
    assert again.reviews == 3
    assert again.notes == []
    events = AuditEvent.objects.filter(object_type="duties.publishedasbfigures")
    assert [e.action for e in events.order_by("pk")] == ["create", "update"]


def test_the_published_plan_shows_the_figures_in_every_format_and_never_a_case(
    client, coordinator, partnership, last_year, last_years_register
):
    PlanFactory(partnership=partnership, status=PlanStatus.PUBLISHED, kind=PlanKind.STRATEGIC)
    services.asb_figures_publish(actor=coordinator, partnership=partnership, year=last_year)
    label = Quarter(last_year, 1).financial_year
    page = client.get(reverse("public:plan", args=[partnership.slug])).content.decode()
    assert "Anti-social behaviour case reviews" in page
    assert label in page
    assert "1 application met the threshold and is not reviewed yet." in page

    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Year")
    assert [c.text for c in table.rows[1].cells] == [label, "4", "1", "2", "1"]
    word_text = "\n".join(p.text for p in word.paragraphs)
    assert f"{label}: 1 application met the threshold and is not reviewed yet." in word_text

    pdf = client.get(reverse("public:plan-document", args=[partnership.slug, "pdf"]))
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Anti-social behaviour case reviews" in pdf_text
    assert label in pdf_text

    for shown in (
        page,
        word_text,
        pdf_text,
        str([c.text for t in word.tables for r in t.rows for c in r.cells]),
    ):
        assert "Canaryz8w" not in shown
        assert "CR-B" not in shown


def test_publishing_is_the_coordinators_and_named_members_are_refused(
    signed_in, coordinator, partnership, viewer, last_year, last_years_register
):
    services.register_access_grant(
        actor=coordinator, partnership=partnership, register="asb_case_reviews", user=viewer
    )
    url = reverse("duties:figures-publish", args=[partnership.slug, last_year])
    withdraw = reverse("duties:figures-withdraw", args=[partnership.slug, last_year])
    client = signed_in(viewer)  # named for the register: reads it, never publishes
    assert client.get(reverse("duties:register", args=[partnership.slug])).status_code == 200
    assert client.post(url, {}).status_code == 403
    assert not PublishedAsbFigures.objects.exists()

    client = signed_in(coordinator)
    page = client.get(url).content.decode()
    assert "1 application met the threshold and is not reviewed yet." in page
    assert client.post(url, {}).status_code == 302
    assert PublishedAsbFigures.objects.get().applications == 4

    client = signed_in(viewer)
    assert client.post(withdraw).status_code == 403
    assert PublishedAsbFigures.objects.exists()
    client = signed_in(coordinator)
    assert client.post(withdraw).status_code == 302
    assert not PublishedAsbFigures.objects.exists()
