"""Each user's journey through saferplan in Chromium, by clicking links and buttons as they
would, with axe-core run on every page the journey reaches (WCAG 2.0/2.1/2.2 A and AA) and
the Content Security Policy's reports checked on each.

- a coordinator imports the partnership plan (seed 000), creates this year's action plan
  under it, and publishes both; the public page then shows them;
- an action owner adds a dated update and changes the RAG rating;
- a board member reads the issued board report and downloads it;
- an analyst imports a police.uk month and compares two periods;
- an analyst drafts the strategic assessment, rewords and approves a finding and scores the
  priority-setting matrix; the coordinator links two priorities to their evidence;
- a member of the public reads the published plan and answers its open consultation;
- a coordinator arranges a JAG meeting, drafts its agenda from the plan, records who came, the
  notes and a decision that adds an action to the plan, and follows it there.
"""

import datetime
import re
import zipfile
from pathlib import Path

import pytest

from saferplan.core import clock
from tests.browser.conftest import axe_violations

SEEDS = Path(__file__).resolve().parents[2] / "saferplan" / "demo" / "seeds"


class Journey:
    """A page that checks itself with axe after every step that lands on a new page, and
    remembers the pages it checked (printed by the test, for the issue's note)."""

    def __init__(self, page):
        self.page = page
        self.checked: list[str] = []

    def check(self) -> None:
        self.page.wait_for_load_state()
        violations = axe_violations(self.page)
        where = f"{self.page.title()} ({self.page.url})"
        assert not violations, f"{where}:\n" + "\n".join(violations)
        self.checked.append(where)

    def goto(self, url: str) -> None:
        response = self.page.goto(url)
        assert response.ok, f"{url}: {response.status}"
        self.check()

    def click(self, selector: str, *, wait_for: str | None = None) -> None:
        """Click a link or button that leads to another page, then check that page."""
        with self.page.expect_navigation():
            self.page.click(selector)
        if wait_for:
            self.page.wait_for_selector(wait_for, timeout=60000)
        self.check()

    def text(self) -> str:
        return self.page.locator("main").inner_text()


def fill_date(page, field: str, day: datetime.date) -> None:
    page.fill(f"#id_{field}_0", str(day.day))
    page.fill(f"#id_{field}_1", str(day.month))
    page.fill(f"#id_{field}_2", str(day.year))


def test_a_coordinator_imports_a_seed_sets_up_a_plan_and_publishes(page_as, demo_site, tmp_path):
    from saferplan.plans.models import Plan

    journey = Journey(page_as("coordinator@example.org"))
    page = journey.page
    journey.goto(demo_site + "/my-partnerships/")
    journey.click("main a:has-text('Three Rivers Community Safety Partnership')")
    journey.click("a:has-text('Plans')")

    # The partnership plan from its Word document (seed 000), checked in the preview.
    journey.click("text=Import a plan")
    seed = next(SEEDS.glob("000_*.txt"))
    copy = tmp_path / "three-rivers-plan.txt"
    copy.write_bytes(seed.read_bytes() + b"\n")  # the demo imported the seed itself already
    page.set_input_files("#id_file", str(copy))
    journey.click("button:has-text('Upload and preview')")
    assert re.search(r"\d+ actions", journey.text())
    journey.click("button:has-text('Import')", wait_for="text=Go to the plan")
    journey.click("text=Go to the plan")
    imported = Plan.objects.get(partnership__slug="three-rivers", status="draft")
    journey.click("button:has-text('Mark as approved')")
    assert "The plan is now approved" in journey.text()
    journey.click("button:has-text('Publish')")
    assert "The plan is now published" in journey.text()

    # This year's action plan from nothing: the plan, a priority, an objective and an action.
    journey.click("a:has-text('Plans')")
    journey.click("text=Create a plan")
    page.check("label:has-text('Action plan (annual)')")
    page.fill("#id_title", "Three Rivers Community Safety Action Plan 2023 to 2024")
    page.select_option("#id_strategic_plan", str(imported.pk))
    fill_date(page, "period_start", datetime.date(2023, 4, 1))
    fill_date(page, "period_end", datetime.date(2024, 3, 31))
    journey.click("main button[type=submit]")
    assert "has been created as a draft" in journey.text()
    journey.click("text=Add a priority")
    page.fill("#id_title", "Motor vehicle crime")
    journey.click("button:has-text('Save priority')")
    assert "Priority 1 “Motor vehicle crime” has been added" in journey.text()
    journey.click("a:has-text('Add an objective')")
    page.fill("#id_title", "Fewer vehicles broken into in Rickmansworth and South Oxhey")
    journey.click("button:has-text('Save objective')")
    journey.click("a:has-text('Add an action')")
    page.fill(
        "#id_title", "Run catalytic converter marking events with the Safer Neighbourhood Team"
    )
    page.check("label:has-text('Three Rivers District Council')")
    journey.click("button:has-text('Save action')")
    assert "Run catalytic converter marking events" in journey.text()
    journey.click("nav.govuk-breadcrumbs a:has-text('Action Plan 2023 to 2024')")
    journey.click("button:has-text('Mark as approved')")
    journey.click("button:has-text('Publish')")
    assert "The plan is now published" in journey.text()

    # What the public now reads, without signing in.
    public = Journey(page_as(None))
    public.goto(demo_site + "/p/three-rivers/")
    text = public.text()
    assert imported.title in text
    assert "Motor Vehicle Crime" in text  # the seed's priority 4
    public.click("a:has-text('Three Rivers Community Safety Action Plan 2023 to 2024')")
    assert "Run catalytic converter marking events" in public.text()
    print("\n".join(journey.checked + public.checked))


def test_an_owner_adds_an_update_and_changes_the_rag_rating(page_as, demo_site):
    from saferplan.plans.models import Action

    journey = Journey(page_as("editor@example.org"))
    page = journey.page
    journey.goto(demo_site + "/")
    journey.click("a:has-text('My actions')")
    journey.click("main h3 a[href*='/actions/']")  # the first of their actions
    action = Action.objects.get(pk=int(re.search(r"/actions/(\d+)/", page.url)[1]))
    fill_date(page, "described_on", clock.today())
    page.fill("#id_text", "Two joint patrols with the council's ASB team; dispersal order used.")
    page.check("label:has-text('Amber')")
    page.fill("#id_rag_reason", "Patrols started late: the partner's officer was off sick.")
    page.click("button:has-text('Add update')")  # htmx swaps the answer into the page
    page.wait_for_selector("main p:has-text('Two joint patrols')")
    journey.check()

    text = journey.text()
    assert "Two joint patrols with the council's ASB team" in text
    assert "Patrols started late" in text
    assert action.updates.order_by("-pk").first().text.startswith("Two joint patrols")
    rating = action.rag_changes.order_by("-id").first()
    assert (rating.rating, rating.reason) == (
        "amber",
        "Patrols started late: the partner's officer was off sick.",
    )
    print("\n".join(journey.checked))


def test_a_board_member_reads_the_issued_report_and_downloads_it(page_as, demo_site):
    from saferplan.reports.models import BoardReport

    report = BoardReport.objects.get(plan__partnership__slug="hertsmere")
    # The coordinator issues the demo's draft report to the board.
    coordinator = Journey(page_as("coordinator@example.org"))
    coordinator.goto(f"{demo_site}/partnerships/hertsmere/board-reports/{report.pk}/")
    coordinator.click("a:has-text('Issue to the board')")
    assert "Issue this report to the board?" in coordinator.text()  # asked to confirm
    coordinator.click("button:has-text('Issue the report and email the board')")
    assert "The report has been issued" in coordinator.text()

    journey = Journey(page_as("viewer@example.org"))
    page = journey.page
    journey.goto(demo_site + "/")  # a board member lands on the latest issued report
    assert page.url.endswith(f"/board-reports/{report.pk}/")
    text = journey.text()
    assert report.title in text
    assert "The board is asked to note the red and amber actions below" in text
    assert "Issue to the board" not in text  # a board member reads; a coordinator issues
    # The documents are made in the background (run at once here), then downloaded.
    for button, magic in (("Make the PDF", b"%PDF"), ("Make the Word document", b"PK")):
        journey.click(f"button:has-text('{button}')")
        assert "Ready" in journey.text()
        with page.expect_download() as download:
            page.click("main a:has-text('Download')")
        assert Path(download.value.path()).read_bytes().startswith(magic)
        journey.click("a:has-text('Back to the board report')")
    print("\n".join(coordinator.checked + journey.checked))


def test_an_analyst_imports_a_police_uk_month_and_compares_periods(page_as, demo_site, tmp_path):
    from saferplan.crimedata.sample import SAMPLE_ZIP
    from saferplan.crimedata.tests.files import direct_counts

    month = tmp_path / "2018-12-hertfordshire-street.csv"
    with zipfile.ZipFile(SAMPLE_ZIP) as archive:
        month.write_bytes(archive.read("2018-12/2018-12-hertfordshire-street.csv"))
    journey = Journey(page_as("analyst@example.org"))
    page = journey.page
    journey.goto(demo_site + "/partnerships/hertsmere/crime/")
    journey.click("a:has-text('Import police.uk data')")
    page.set_input_files("#id_file", str(month))
    journey.click("main button[type=submit]", wait_for="text=See the figures")
    assert "Imported" in journey.text()
    journey.click("text=See the figures")

    page.fill("#id_period", "2018-12")
    page.fill("#id_against", "2018-11")
    journey.click("button:has-text('Compare')")
    text = journey.text()
    assert "December 2018" in text
    assert "November 2018" in text
    # The burglary row shows the two months' counts as the police.uk file holds them.
    counts = direct_counts("Hertsmere")
    row = page.locator("main tr", has=page.locator("th", has_text=re.compile("^Burglary$")))
    cells = row.first.inner_text()
    assert str(counts["2018-12", "Burglary"]) in cells
    assert str(counts["2018-11", "Burglary"]) in cells
    print("\n".join(journey.checked))


def test_an_analyst_drafts_the_assessment_and_the_coordinator_links_and_publishes_it(
    page_as, demo_site
):
    journey = Journey(page_as("analyst@example.org"))
    page = journey.page
    journey.goto(demo_site + "/partnerships/hertsmere/assessments/")
    journey.click("a:has-text('Draft an assessment from the data')")
    page.fill("#id_title", "Strategic Assessment 2022, second look")
    page.fill("#id_period", "2022")
    journey.click("button:has-text('Draft the assessment')")
    assert "Robbery 67 offences, 16 more 31.4%" in journey.text()
    address = page.url

    journey.click("a:has-text('the finding Robbery')")
    page.fill("#id_sentence", "Robbery rose by a third: 67 offences, 16 more than in 2021.")
    page.check("#id_approved")
    journey.click("main button[type=submit]")
    assert "Robbery rose by a third" in journey.text()
    assert "Approved by" in journey.text()

    journey.click("a:has-text('priority-setting matrix')")
    journey.click("a:has-text('change the partnership judgement score of Robbery')")
    page.check("input[name=value][value='5']")
    page.fill("#id_why", "Young victims; the youth panel can act on it.")
    journey.click("button:has-text('Save the score')")
    assert "Robbery: partnership judgement scored 5." in journey.text()

    journey = Journey(page_as("coordinator@example.org"))
    page = journey.page
    journey.goto(address)
    for priority, finding in [("2. Identify", "Robbery rose"), ("6. Increase", "Anti-social")]:
        journey.click("a:has-text('Link a plan priority to its evidence')")
        option = page.locator("#id_priority option", has_text=f"2023 - 2027: {priority}")
        page.select_option("#id_priority", value=option.get_attribute("value"))
        page.check(f"label:has-text('{finding}')")
        journey.click("button:has-text('Link the priority')")
        assert "now shows the evidence it was set from" in journey.text()
    journey.click("a:has-text(': priority 2. Identify')")
    text = journey.text()
    assert "Why this is a priority" in text
    assert "Robbery rose by a third: 67 offences, 16 more than in 2021." in text

    # The board agrees it, and the coordinator publishes its summary on the published plan.
    journey.goto(address)
    journey.click('a:has-text("Record the board\'s agreement")')
    page.fill("#id_agreed_on_0", "12")
    page.fill("#id_agreed_on_1", "1")
    page.fill("#id_agreed_on_2", "2023")
    page.fill("#id_agreed_at", "the Community Safety Board of 12 January 2023")
    journey.click("main button[type=submit]")
    assert "Agreed by the board" in journey.text()
    journey.click("a:has-text('Publish a summary')")
    page.fill("#id_summary", "Robbery rose by a third in 2022; most of its victims are young.")
    page.fill("#id_published_on_0", "1")
    page.fill("#id_published_on_1", "2")
    page.fill("#id_published_on_2", "2023")
    journey.click("main button[type=submit]")
    assert "A summary is on the published plan since 1 February 2023" in journey.text()
    journey.click("a:has-text('published plan')")
    published = journey.text()
    assert "Robbery rose by a third in 2022; most of its victims are young." in published
    assert "What does our Strategic Assessment 2022, second look tell us?" in published
    print("\n".join(journey.checked))


@pytest.fixture
def open_consultation(demo_site):
    from saferplan.accounts.models import User
    from saferplan.consultations import services
    from saferplan.partnerships.models import Partnership

    hertsmere = Partnership.objects.get(slug="hertsmere")
    today = clock.today()
    return services.consultation_create(
        actor=User.objects.get(email="coordinator@example.org"),
        partnership=hertsmere,
        plan=hertsmere.plans.get(kind="strategic"),
        title="Plan refresh 2027: are these still the right priorities?",
        privacy_notice="Hertsmere CSP holds your answers to agree its priorities.",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=42),
        about_you=["area"],
        areas=["Borehamwood", "Bushey", "Potters Bar", "Radlett"],
    )


def test_a_member_of_the_public_reads_the_plan_and_answers_its_consultation(
    page_as, demo_site, open_consultation
):
    from saferplan.consultations.models import Response

    journey = Journey(page_as(None))
    page = journey.page
    journey.goto(demo_site + "/p/hertsmere/")
    assert "Have your say" in journey.text()
    journey.click("a:has-text('Hertsmere Community Safety Action Plan')")
    assert "Arrange events in the community" in journey.text()
    journey.goto(demo_site + "/p/hertsmere/")
    journey.click("a:has-text('Answer the consultation')")
    journey.click("text=Start now")
    while page.locator("input[type=radio]").count() and "About you" not in journey.text():
        for name in set(
            page.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)")
        ):
            page.check(f"input[name={name}][value=very]")
        journey.click("button:has-text('Continue')")
    while "Check your answers" not in journey.text():
        if page.locator("textarea").count():
            page.locator("textarea").first.fill("More patrols near the station in the evening")
        journey.click("button:has-text('Continue')")
    journey.click("button:has-text('Send')")
    assert "Thank you" in journey.text() or "sent" in journey.text().lower()
    assert Response.objects.filter(consultation=open_consultation).count() == 1
    print("\n".join(journey.checked))


def test_a_coordinator_runs_a_jag_meeting_from_agenda_to_minutes_to_a_new_action(
    page_as, demo_site
):
    from saferplan.partnerships.models import Group
    from saferplan.plans.models import Action, Plan

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    jag = Group.objects.get(partnership__slug="hertsmere", abbreviation="JAG")
    journey = Journey(page_as("coordinator@example.org"))
    page = journey.page
    journey.goto(demo_site + "/partnerships/hertsmere/")
    journey.click("main a:has-text('Agendas drafted from the plan')")
    journey.click("text=Arrange a meeting")
    page.select_option("#id_group", str(jag.pk))
    page.select_option("#id_plan", str(plan.pk))
    fill_date(page, "meets_on", datetime.date(2019, 12, 10))
    page.fill("#id_starts_at", "10:00")
    page.fill("#id_place", "Civic Offices, Borehamwood")
    journey.click("button:has-text('Save meeting')")
    assert "has been arranged" in journey.text()

    # The agenda from the plan: what the last JAG agreed, the exceptions, the standing item.
    journey.click("button:has-text('Draft the agenda from the plan')")
    text = journey.text()
    assert "Matters arising: the actions agreed on 8 October 2019" not in text  # none agreed
    assert "Exceptions:" in text
    assert "Prevent" in text

    journey.click("a:has-text('Record who came')")
    page.check("label:has-text('Hertsmere Borough Council was present')")
    page.check("label:has-text('Hertsmere Safer Neighbourhood Team was present')")
    journey.click("button:has-text('Save attendance')")
    assert "Quorate" in journey.text()

    journey.click("a:has-text('Write the notes of the discussion')")
    page.fill("#id_minutes", "Shop theft on Shenley Road discussed with the town centre manager.")
    journey.click("button:has-text('Save notes')")

    journey.click("a:has-text('Record a decision')")
    page.fill("#id_text", "The SNT will run a retailers' briefing on shop theft.")
    page.select_option("#id_priority", index=1)
    page.fill("#id_action_title", "Run a retailers' briefing on shop theft in Borehamwood")
    page.check("label:has-text('Hertsmere Safer Neighbourhood Team')")
    journey.click("button:has-text('Save decision')")
    assert "its action added to the plan" in journey.text()

    # The new action is in the plan, and names the meeting that agreed it.
    journey.click("main a:has-text('Run a retailers')")
    action = Action.objects.get(title="Run a retailers' briefing on shop theft in Borehamwood")
    assert action.priority.plan == plan
    text = journey.text()
    assert "Agreed at" in text
    assert "Joint Agency Group, Tuesday 10 December 2019" in text
    journey.click("main a:has-text('Tuesday 10 December 2019')")
    assert "Shop theft on Shenley Road discussed" in journey.text()
    print("\n".join(journey.checked))


def test_a_coordinator_registers_an_asb_case_review_and_publishes_the_years_figures(
    page_as, demo_site
):
    """From the overview to the register; an application registered with the applicant's
    details, the threshold decided, the review recorded, a recommendation tracked as an
    action of the plan; last year's figures published; the public reads them on the
    published plan, and nothing of the case."""
    from saferplan.core.quarters import Quarter
    from saferplan.duties.models import CaseReview

    last_year = Quarter.of(clock.today()).year - 1
    received = Quarter(last_year, 2).start
    journey = Journey(page_as("coordinator@example.org"))
    page = journey.page
    journey.goto(demo_site + "/partnerships/hertsmere/")
    journey.click("main a[href$='/case-reviews/']")
    journey.click("a:has-text('Set your timescales')")
    page.fill("#id_decision_days", "15")
    page.fill("#id_review_days", "20")
    journey.click("button:has-text('Save')")
    assert "within 15 working days of the application" in journey.text()

    journey.click("a:has-text('Register an application')")
    page.fill("#id_reference", "CR-J-01")
    fill_date(page, "received_on", received)
    page.check("label:has-text('Phone')")
    page.fill("#id_applicant_name", "Journeyq4 Applicant")
    page.fill("#id_applicant_contact", "7 Journeyq4 Gardens, Borehamwood")
    fill_date(page, "retain_until", received + datetime.timedelta(days=3 * 365))
    journey.click("button:has-text('Register it')")
    assert "Case review CR-J-01 has been registered" in journey.text()
    assert "Journeyq4 Applicant" in journey.text()

    journey.click("a:has-text('Record the decision')")
    page.check("label:has-text('Yes, it was met')")
    fill_date(page, "decided_on", received + datetime.timedelta(days=30))
    journey.click("button:has-text('Save')")
    text = journey.text()
    assert "Late" in text  # 30 days is more than 15 working days
    assert "Threshold decision: Due" in text

    journey.click("a:has-text('Record the review')")
    fill_date(page, "held_on", received + datetime.timedelta(days=40))
    page.fill("#id_agencies", "Council ASB team; Police; Housing association")
    page.fill("#id_outcome", "Journeyq4 outcome: mediation offered")
    journey.click("button:has-text('Save')")

    journey.click("a:has-text('Add a recommendation')")
    page.fill("#id_text", "Journeyq4: fit a door entry system at the block")
    page.select_option("#id_priority", index=1)
    page.fill("#id_action_title", "Door entry system at a housing block (ASB Case Review)")
    journey.click("button:has-text('Add it')")
    assert "Tracked as an action of the plan" in journey.text()
    case = CaseReview.objects.get(reference="CR-J-01")
    action = case.recommendations.get().action
    assert action.marking == "official_sensitive"

    journey.click("a:has-text('ASB Case Reviews')")  # the breadcrumb
    label = Quarter(last_year, 1).financial_year
    journey.click(f"a:has-text('Publish'):has-text('{label}')")
    assert "Applications received" in journey.text()
    journey.click("button:has-text('Publish them')")
    assert f"The figures for {label} are on the published plan." in journey.text()

    public = Journey(page_as(None))
    public.goto(demo_site + "/p/hertsmere/")
    row = public.page.locator("#asb-case-reviews ~ div table tr", has_text=label)
    assert row.locator("td").all_inner_texts() == ["1", "0", "1", "1"]
    text = public.text()
    for private in ("Journeyq4", "CR-J-01", "Door entry system"):
        assert private not in text
    print("\n".join(journey.checked + public.checked))
