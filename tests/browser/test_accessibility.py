"""axe-core finds no WCAG 2.2 A/AA violation on any page, signed out or in, at desktop and
320 px widths, including pages showing form errors."""

import pytest

from tests.browser.conftest import axe_violations, submit, wait_for_error_summary

# What axe and the width checks see is the page's HTML, the same whichever database served
# it: these run once, on SQLite (the URL sweep renders every page on PostgreSQL too).
pytestmark = pytest.mark.page_checks

SIGNED_OUT = [
    "/",
    "/accounts/sign-in/",
    "/accessibility/",
    "/accounts/password-reset/",
    "/accounts/password-reset/sent/",
    "/no-such-page/",
    "/api/docs/",
    # In Welsh for someone signed out
    "/cy/",
    "/cy/accounts/sign-in/",
    "/cy/accounts/password-reset/",
]
COORDINATOR = [
    "/",
    "/partnerships/hertsmere/",
    "/partnerships/hertsmere/structure/",
    "/partnerships/hertsmere/people/",
    "/partnerships/hertsmere/people/add/",
    "/partnerships/hertsmere/groups/add/",
    "/partnerships/hertsmere/organisations/add/",
    "/partnerships/hertsmere/audit-log/",
    "/partnerships/hertsmere/police-and-crime-plan/",
    "/partnerships/hertsmere/police-and-crime-plan/add/",
    "/organisations/",
    "/partnerships/dacorum/",  # refused: the 403 page
]


def check(page, url):
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        violations = axe_violations(page)
        assert not violations, f"{url} at {width} px:\n" + "\n".join(violations)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{url} is {scroll_width} px wide on a {width} px screen"


@pytest.mark.parametrize("path", SIGNED_OUT)
def test_signed_out_pages_have_no_accessibility_violations(page_as, demo_site, path):
    check(page_as(None), demo_site + path)


def test_signed_in_pages_have_no_accessibility_violations(page_as, demo_site):
    page = page_as("coordinator@example.org")
    for path in COORDINATOR:
        check(page, demo_site + path)


def test_group_edit_and_member_change_pages_have_no_accessibility_violations(page_as, demo_site):
    from saferplan.accounts.models import Membership
    from saferplan.partnerships.models import Group, PccPriority

    group = Group.objects.get(partnership__slug="hertsmere", abbreviation="JAG")
    pcc = PccPriority.objects.first()  # the demo's Hertfordshire commissioner's priority
    membership = Membership.objects.get(
        partnership__slug="hertsmere", user__email="editor@example.org"
    )
    page = page_as("coordinator@example.org")
    for path in [
        f"/partnerships/hertsmere/groups/{group.pk}/edit/",
        f"/partnerships/hertsmere/groups/{group.pk}/delete/",
        f"/partnerships/hertsmere/people/{membership.pk}/change/",
        f"/partnerships/hertsmere/people/{membership.pk}/remove/",
        f"/partnerships/hertsmere/police-and-crime-plan/{pcc.police_and_crime_plan_id}/edit/",
        f"/partnerships/hertsmere/police-and-crime-plan/{pcc.police_and_crime_plan_id}/priorities/{pcc.pk}/edit/",
        f"/partnerships/hertsmere/police-and-crime-plan/{pcc.police_and_crime_plan_id}/priorities/{pcc.pk}/delete/",
    ]:
        check(page, demo_site + path)


def test_a_form_with_errors_has_no_accessibility_violations(page_as, demo_site):
    page = page_as("coordinator@example.org")
    page.goto(demo_site + "/partnerships/hertsmere/groups/add/")
    # The answer is a new page: wait for it, or the old page may be the one looked at.
    with page.expect_navigation():
        page.click("button:has-text('Save group')")
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error: ")
    assert not axe_violations(page)


def test_the_error_summary_takes_focus_and_links_to_the_field(page_as, demo_site):
    page = page_as(None)
    page.goto(demo_site + "/accounts/sign-in/")
    page.click("button:has-text('Sign in')")
    wait_for_error_summary(page)
    page.click(".govuk-error-summary a[href='#id_username']")
    assert page.evaluate("document.activeElement.id") == "id_username"


def test_the_axe_check_does_find_a_violation_when_there_is_one(page_as, demo_site):
    page = page_as(None)
    page.goto(demo_site + "/accounts/sign-in/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text id=unlabelled>')"
    )
    assert any(v.startswith("label ") for v in axe_violations(page))


def _plan_pages():
    from saferplan.plans.models import Action, Objective, Plan, Update

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    action = Action.objects.get(priority__plan=plan, title="Arrange events in the community")
    sensitive = Action.objects.get(
        priority__plan=plan, title__startswith="Ensure messages re use of stop search"
    )
    objective = Objective.objects.filter(priority__plan=plan).first()
    evidence = Update.objects.filter(action__priority__plan=plan).exclude(attachments=None).get()
    base = f"/partnerships/hertsmere/plans/{plan.pk}"
    return [
        "/partnerships/hertsmere/plans/",
        "/partnerships/hertsmere/plans/add/",
        f"{base}/",
        f"{base}/actions/",
        f"{base}/actions/?view=quarters",
        f"{base}/actions/?rag=red&stale=on",
        f"{base}/priorities/1/",
        f"{base}/priorities/1/edit/",
        f"{base}/priorities/1/actions/add/",
        f"{base}/priorities/1/rag/",
        f"{base}/refresh/",
        f"{base}/foreword-photo/",
        f"/partnerships/hertsmere/actions/{action.pk}/",
        f"/partnerships/hertsmere/actions/{sensitive.pk}/",
        f"/partnerships/hertsmere/actions/{action.pk}/edit/",
        f"/partnerships/hertsmere/actions/{action.pk}/update/",
        f"/partnerships/hertsmere/actions/{evidence.action_id}/",  # an update with a file
        f"/partnerships/hertsmere/actions/{evidence.action_id}/updates/{evidence.pk}/files/add/",
        f"/partnerships/hertsmere/objectives/{objective.pk}/edit/",
        "/partnerships/hertsmere/rag-key/",
        "/my-actions/",
        "/cy/my-actions/",  # an action owner's round in Welsh
        f"/cy/partnerships/hertsmere/actions/{action.pk}/update/",
    ]


def test_plan_pages_have_no_accessibility_violations(page_as, demo_site):
    page = page_as("coordinator@example.org")
    for path in _plan_pages():
        check(page, demo_site + path)


def test_an_owners_pages_have_no_accessibility_violations(page_as, demo_site):
    page = page_as("editor@example.org")
    for path in ["/my-actions/", "/my-actions/?rag=red"]:
        check(page, demo_site + path)


def test_the_update_form_with_errors_has_no_accessibility_violations(page_as, demo_site):
    from saferplan.plans.models import Action

    action = Action.objects.get(
        priority__plan__partnership__slug="hertsmere", title="Arrange events in the community"
    )
    page = page_as(
        "editor@example.org"
    )  # axe needs JavaScript; the form posts as a plain form here
    response = page.goto(f"{demo_site}/partnerships/hertsmere/actions/{action.pk}/update/")
    assert response.status == 200, page.title()
    page.fill("#id_described_on_0", "31")
    page.fill("#id_described_on_1", "2")
    page.fill("#id_described_on_2", "2019")
    page.check("label:has-text('Red')")
    page.click("button:has-text('Add update')")
    wait_for_error_summary(page)
    assert "Date of the progress must be a real date" in page.content()
    assert "Enter what has happened" in page.content()
    assert not axe_violations(page)


def test_the_published_plan_has_no_accessibility_violations(page_as, demo_site):
    """The public's pages (the demo's Hertsmere plan, read like seed 002)."""
    from saferplan.plans.models import Plan

    action_plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    page = page_as(None)
    for path in [
        "/p/hertsmere/",
        f"/p/hertsmere/plans/{action_plan.pk}/",
        "/cy/p/hertsmere/",
        f"/cy/p/hertsmere/plans/{action_plan.pk}/",  # Welsh, the partnership's English marked
        "/cy/p/cwm-tawel/",  # the Welsh demo partnership, all in Welsh
        "/cy/accessibility/",
    ]:
        check(page, demo_site + path)


def test_the_published_plan_editing_pages_have_no_accessibility_violations(page_as, demo_site):
    from saferplan.public.models import Contact

    contact = Contact.objects.filter(partnership__slug="hertsmere").first()
    page = page_as("coordinator@example.org")
    base = "/partnerships/hertsmere/published-plan"
    for path in [
        f"{base}/",
        f"{base}/achievements/add/",
        f"{base}/contacts/{contact.pk}/",
        f"{base}/contacts/{contact.pk}/delete/",
        f"{base}/sections/",
        f"{base}/welsh/",
    ]:
        check(page, demo_site + path)
    page.goto(demo_site + f"{base}/sections/")
    page.fill("#id_position-foreword", "first")
    submit(page, "main button[type=submit]")
    assert "Position of Foreword must be a whole number, like 3" in page.content()
    assert not axe_violations(page)
    page.goto(demo_site + f"{base}/contacts/add/")
    page.fill("#id_email", "not an email")
    submit(page, "main button[type=submit]")
    assert "Enter a valid email address" in page.content()
    assert not axe_violations(page)


def test_the_board_report_pages_have_no_accessibility_violations(page_as, demo_site):
    import datetime

    from saferplan.accounts.models import User
    from saferplan.plans.models import Plan
    from saferplan.reports.services import board_report_create

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    report = board_report_create(
        actor=User.objects.get(email="coordinator@example.org"),
        plan=plan,
        title="Report to the board – October 2019",
        period_start=datetime.date(2019, 7, 1),
        period_end=datetime.date(2019, 10, 31),
        introduction="Seven events delivered.",
    )
    page = page_as("coordinator@example.org")
    for path in [
        f"/partnerships/hertsmere/plans/{plan.pk}/board-reports/",
        f"/partnerships/hertsmere/board-reports/{report.pk}/",
        f"/partnerships/hertsmere/board-reports/{report.pk}/edit/",
    ]:
        check(page, demo_site + path)


def test_the_crime_pages_have_no_accessibility_violations(page_as, demo_site):
    """The analyst's pages on the demo's police.uk sample and seed 002's figures."""
    from saferplan.crimedata.models import CustomSeries

    series = CustomSeries.objects.filter(partnership__slug="hertsmere").first()
    page = page_as("analyst@example.org")
    base = "/partnerships/hertsmere/crime"
    for path in [
        f"{base}/",
        f"{base}/?period=2022&against=2021",
        f"{base}/trend/?category=burglary&period=2018-10..2018-12",
        f"{base}/hotspots/",
        f"{base}/county/",
        # Periods partly held: the figures refused or warned of (issue 22, deliverable 4).
        f"{base}/?period=2018-11..2018-12&against=2018-09..2018-10",
        f"{base}/hotspots/?category=all-crime&period=2018-11..2018-12",
        f"{base}/trend/?category=all-crime&period=2018-09..2018-12",
        f"{base}/county/?period=2018-09..2018-12",
        f"{base}/peers/",
        f"{base}/peers/?period=2018-09..2018-12",  # a month not held: no ranking, told why
        f"{base}/series/",
        f"{base}/series/{series.pk}/",
        f"{base}/series/add/",
        f"{base}/series/import/",
        f"{base}/series/table/",
        f"{base}/area/",
        f"{base}/police-uk/",
    ]:
        check(page, demo_site + path)
    page.goto(demo_site + f"{base}/?period=next+year")
    assert "Period: “next year” is not a month" in page.content()
    assert not axe_violations(page)
    # A pasted table with a line that does not add up: named, and the text kept.
    page.goto(demo_site + f"{base}/series/table/")
    page.fill("#id_table", "Crime type 2021 2022\nBurglary 389 412 +30")
    page.fill("#id_period", "2022")
    page.fill("#id_source", "County strategic assessment 2022")
    submit(page, "button[type=submit]:has-text('Save the figures')")
    assert "412 against 389 is a difference of 23, not 30" in page.content()
    assert not axe_violations(page)


def test_the_performance_measure_pages_have_no_accessibility_violations(page_as, demo_site):
    """Dacorum's headline measures (seed 001), one from a series (seed 002), the form with
    its errors, and the priority page with the suggestions beside the RAG ratings."""
    from saferplan.indicators.models import Indicator
    from saferplan.plans.models import Plan

    dacorum = Indicator.objects.filter(partnership__slug="dacorum")
    series_measure = Indicator.objects.filter(partnership__slug="hertsmere").first()
    plan = Plan.objects.get(partnership__slug="dacorum")
    page = page_as("analyst@example.org")
    for path in [
        "/partnerships/dacorum/measures/",
        f"/partnerships/dacorum/measures/{dacorum.first().pk}/",
        f"/partnerships/dacorum/measures/{dacorum.last().pk}/",
        f"/partnerships/dacorum/measures/{dacorum.first().pk}/edit/",
        f"/partnerships/dacorum/measures/{dacorum.first().pk}/delete/",
        f"/partnerships/hertsmere/measures/{series_measure.pk}/",
        "/partnerships/dacorum/measures/add/",
        f"/partnerships/dacorum/plans/{plan.pk}/priorities/1/",
    ]:
        check(page, demo_site + path)
    page.goto(demo_site + "/partnerships/dacorum/measures/add/")
    page.fill("#id_name", "Violent crime")
    page.fill("#id_baseline", "2022/24")
    submit(page, "button[type=submit]:has-text('Add the measure')")
    assert "is not a financial year" in page.content()
    assert not axe_violations(page)


def test_the_strategic_assessment_pages_have_no_accessibility_violations(page_as, demo_site):
    """Hertsmere's 2022 assessment drafted from seed 002's figures, agreed and published (the
    demo), a second draft of it for the forms a draft has, and the draft form with its
    error."""
    from saferplan.accounts.models import User
    from saferplan.assessments import services
    from saferplan.assessments.models import PriorityEvidence, StrategicAssessment
    from saferplan.crimedata.periods import Period

    assessment = StrategicAssessment.objects.get(
        partnership__slug="hertsmere", title__endswith="2022"
    )
    draft = services.assessment_draft(
        actor=User.objects.get(email="analyst@example.org"),
        partnership=assessment.partnership,
        title="Strategic Assessment 2022, second draft",
        period=Period.parse("2022"),
        against=Period.parse("2021"),
    )
    risks = StrategicAssessment.objects.get(partnership__slug="hertsmere", title__contains="2018")
    finding = draft.findings.get(name="Robbery")
    robbery = draft.candidates.get(name="Robbery")
    linked = PriorityEvidence.objects.filter(assessment=assessment).first().priority
    agreed = f"/partnerships/hertsmere/assessments/{assessment.pk}"
    base = f"/partnerships/hertsmere/assessments/{draft.pk}"
    page = page_as("coordinator@example.org")
    for path in [
        "/partnerships/hertsmere/assessments/",
        "/partnerships/hertsmere/assessments/draft/",
        f"{agreed}/",
        f"{agreed}/publish/",
        f"{agreed}/files/add/",
        f"{agreed}/matrix/",
        f"{agreed}/evidence/",
        f"{base}/",
        f"/partnerships/hertsmere/assessments/{risks.pk}/",
        f"{base}/findings/{finding.pk}/",
        f"{base}/findings/add/",
        f"{base}/risks/add/",
        f"{base}/recommendations/add/",
        f"{base}/agree/",
        f"{base}/matrix/add/",
        f"{base}/matrix/{robbery.pk}/",
        f"{base}/matrix/{robbery.pk}/judgement/",
        f"/partnerships/hertsmere/assessments/reviews/{linked.plan_id}/",
        f"/partnerships/hertsmere/plans/{linked.plan_id}/priorities/{linked.number}/",
    ]:
        check(page, demo_site + path)
    # A score other than the suggestion, without its reason.
    page.goto(demo_site + f"{base}/matrix/{robbery.pk}/volume/")
    page.check("input[name=value][value='3']")
    submit(page, "button[type=submit]:has-text('Save the score')")
    assert "Say why: the data suggests 1 for volume" in page.content()
    assert not axe_violations(page)
    page.goto(demo_site + "/partnerships/hertsmere/assessments/draft/")
    page.fill("#id_title", "Strategic Assessment 2023")
    page.fill("#id_period", "last year")
    submit(page, "button[type=submit]:has-text('Draft the assessment')")
    assert "There is a problem" in page.content()
    assert not axe_violations(page)


def test_the_street_map_draws_every_point_and_says_when_its_tiles_cannot_be_loaded(
    page_as, demo_site
):
    """Tests run offline: the tile requests are refused, as they would be without internet."""
    page = page_as("analyst@example.org")
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    hotspots = demo_site + "/partnerships/hertsmere/crime/hotspots/"
    page.goto(hotspots)
    points = page.evaluate(
        "fetch(document.querySelector('[data-street-map]').dataset.points).then(r => r.json())"
    )

    page.click("text=Show the street map")
    page.wait_for_function(
        "() => document.querySelector('[data-street-map-status]').textContent.includes('tiles')"
    )

    assert page.locator("path.leaflet-interactive").count() == len(points["features"]) > 100
    status = page.locator("[data-street-map-status]").text_content()
    assert "tiles could not be loaded" in status
    assert not axe_violations(page)


def test_the_api_token_pages_have_no_accessibility_violations(page_as, demo_site):
    page = page_as("editor@example.org")
    check(page, demo_site + "/accounts/api-tokens/")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + "/accounts/api-tokens/")
    submit(page, "button:has-text('Make the token')")  # no name: the error
    assert "Enter what will use the token" in page.content()
    assert not axe_violations(page)
    page.fill("#id_name", "Police performance dashboard")
    page.click("button:has-text('Make the token')")
    page.wait_for_selector("text=Your new API token")
    assert page.locator("code.sp-token").inner_text().startswith("sp_")
    assert not axe_violations(page)
    check(page, demo_site + "/accounts/api-tokens/")  # the list, with a Revoke button


def test_the_notification_pages_have_no_accessibility_violations(page_as, demo_site):
    page = page_as("coordinator@example.org")
    check(page, demo_site + "/accounts/notifications/")


def test_the_sign_in_page_with_single_sign_on_has_no_accessibility_violations(
    page_as, demo_site, settings
):
    settings.SAFERPLAN_SSO_ENABLED = True
    settings.SAFERPLAN_SSO_NAME = "Hertsmere Borough Council account"
    page = page_as(None)
    check(page, demo_site + "/accounts/sign-in/")
    assert "Sign in with Hertsmere Borough Council account" in page.content()


def test_a_background_jobs_page_has_no_accessibility_violations(page_as, demo_site):
    """Waiting, running with progress lines (refreshed by htmx), and failed."""
    from saferplan.accounts.models import User
    from saferplan.background.models import BackgroundJob
    from saferplan.background.progress import progress_add
    from saferplan.partnerships.models import Partnership

    analyst = User.objects.get(email="analyst@example.org")
    hertsmere = Partnership.objects.get(slug="hertsmere")
    page = page_as("analyst@example.org")
    for status, outcome in (("queued", ""), ("running", ""), ("failed", "Line 7: no month")):
        job = BackgroundJob.objects.create(
            kind=BackgroundJob.Kind.POLICE_UK_IMPORT,
            partnership=hertsmere,
            started_by=analyst,
            file_name="hertfordshire-2024.zip",
            status=status,
            outcome=outcome,
        )
        progress_add(job.pk, "File 1 of 12: hertfordshire-2024.zip › 2024-01 — 20,000 records read")
        check(page, f"{demo_site}/partnerships/hertsmere/jobs/{job.pk}/")


def test_a_police_uk_fetchs_page_has_no_accessibility_violations(page_as, demo_site):
    """A fetch from the police.uk API that ended (its months listed) and one that could not
    reach police.uk."""
    from saferplan.accounts.models import User
    from saferplan.background.models import BackgroundJob
    from saferplan.partnerships.models import Partnership

    analyst = User.objects.get(email="analyst@example.org")
    hertsmere = Partnership.objects.get(slug="hertsmere")
    page = page_as("analyst@example.org")
    for status, outcome in (
        (
            "done",
            "Fetched 2 month(s) of Hertfordshire Constabulary from the police.uk API (17,000 "
            "records, 170 requests).\nNovember 2018: kept as imported from the police.uk archive "
            "file, which places every record exactly.\nDecember 2018: 8,965 records — 7,137 "
            "placed at map points of archive files, 1,641 at the nearest such point (within "
            "500 m), 187 with no location (120 too far from any known point).",
        ),
        ("failed", "saferplan could not reach the police.uk API at https://data.police.uk/api."),
    ):
        job = BackgroundJob.objects.create(
            kind=BackgroundJob.Kind.POLICE_UK_FETCH,
            partnership=hertsmere,
            started_by=analyst,
            file_name="the newest 3 months of Hertfordshire Constabulary",
            options={"latest": 3, "force": "hertfordshire"},
            status=status,
            outcome=outcome,
        )
        check(page, f"{demo_site}/partnerships/hertsmere/jobs/{job.pk}/")


def test_the_pages_for_a_consultation_run_elsewhere_have_no_accessibility_violations(
    page_as, demo_site
):
    """Entering seed 002's consultation results (issue 24, deliverable 2), errors included."""
    from saferplan.consultations.models import EnteredConsultation
    from saferplan.plans.models import Plan

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="strategic")
    entered = EnteredConsultation.objects.create(
        partnership=plan.partnership,
        plan=plan,
        title="Hertsmere Community Safety Partnership Plan survey",
        opens_on="2023-01-09",
        closes_on="2023-02-19",
        respondents=329,
        source="Hertsmere CSP Partnership Plan 2023 - 2027",
    )
    entered.themes.create(name="Anti-social behaviour", position=1)
    page = page_as("coordinator@example.org")
    base = "/partnerships/hertsmere/consultations"
    for path in [
        f"{base}/",
        f"{base}/entered/add/",
        f"{base}/entered/{entered.pk}/",
        f"{base}/entered/{entered.pk}/edit/",
        f"{base}/entered/{entered.pk}/relevance/",
        f"{base}/entered/{entered.pk}/delete/",
    ]:
        check(page, demo_site + path)
    page.goto(demo_site + f"{base}/entered/{entered.pk}/relevance/")
    page.fill("input[name^='percent-aim']:first-of-type >> nth=0", "ninety")
    submit(page, "main button[type=submit]")
    assert "must be a number, like 92 or 92.5" in page.content()
    assert not axe_violations(page)


def test_the_members_pages_in_welsh_have_no_accessibility_violations(page_as, demo_site):
    """One page of each part of the members' service at its Welsh address: the Welsh words
    (longer than English, with ŵ and ŷ) and the partnership's English marked lang="en"."""
    from saferplan.assessments.models import StrategicAssessment
    from saferplan.consultations.models import Consultation
    from saferplan.plans.models import Action, Plan
    from saferplan.reports.models import BoardReport

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    action = Action.objects.get(priority__plan=plan, title="Arrange events in the community")
    assessment = StrategicAssessment.objects.filter(partnership__slug="hertsmere").first()
    consultation = Consultation.objects.filter(partnership__slug="hertsmere").first()
    report = BoardReport.objects.get(plan=plan)
    member = "/cy/partnerships/hertsmere"
    page = page_as("coordinator@example.org")
    for path in [
        f"{member}/",
        f"{member}/structure/",
        f"{member}/plans/{plan.pk}/",
        f"{member}/plans/{plan.pk}/actions/",
        f"{member}/actions/{action.pk}/",
        f"{member}/actions/{action.pk}/edit/",
        f"{member}/crime/",
        f"{member}/assessments/{assessment.pk}/",
        f"{member}/consultations/{consultation.pk}/",
        f"{member}/board-reports/{report.pk}/",
        f"{member}/imports/",
        f"{member}/audit-log/",
    ]:
        check(page, demo_site + path)


def test_the_meeting_pages_have_no_accessibility_violations(page_as, demo_site):
    """The demo's JAG meetings: the one held (agenda, attendance, minutes, decisions) and the
    next (matters arising), their forms, and a form with errors."""
    from saferplan.meetings.models import Meeting

    held, coming = Meeting.objects.filter(partnership__slug="hertsmere").order_by("meets_on")[:2]
    base = "/partnerships/hertsmere/meetings"
    page = page_as("coordinator@example.org")
    for path in [
        f"{base}/",
        f"{base}/add/",
        f"{base}/{held.pk}/",
        f"{base}/{coming.pk}/",
        f"{base}/{held.pk}/edit/",
        f"{base}/{held.pk}/delete/",
        f"{base}/{held.pk}/attendance/",
        f"{base}/{held.pk}/minutes/",
        f"{base}/{held.pk}/decisions/add/",
        f"{base}/{held.pk}/agenda/add/",
        f"{base}/{held.pk}/papers/add/",
        f"/cy{base}/{held.pk}/",
    ]:
        check(page, demo_site + path)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + f"{base}/{held.pk}/decisions/add/")
    page.fill("#id_text", "Agreed")
    page.fill("#id_action_title", "An action without its priority")
    page.click("button:has-text('Save decision')")
    wait_for_error_summary(page)
    assert "Choose the priority the new action belongs to" in page.content()
    assert not axe_violations(page)


def test_the_funding_pages_have_no_accessibility_violations(page_as, demo_site):
    """The demo's grant (two quarters of spend, at risk), its forms, a quarter's spend and a
    form with errors, in English and Welsh."""
    from saferplan.funding.models import Grant

    grant = Grant.objects.get(partnership__slug="hertsmere")
    base = "/partnerships/hertsmere/funding"
    page = page_as("coordinator@example.org")
    for path in [
        f"{base}/",
        f"{base}/add/",
        f"{base}/{grant.pk}/",
        f"{base}/{grant.pk}/edit/",
        f"{base}/{grant.pk}/delete/",
        f"{base}/{grant.pk}/actions/add/",
        f"{base}/{grant.pk}/spend/2019-q2/",
        f"{base}/{grant.pk}/files/add/",
        f"/cy{base}/{grant.pk}/",
    ]:
        check(page, demo_site + path)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + f"{base}/{grant.pk}/actions/add/")
    page.fill("#id_amount", "999999")
    page.click("button:has-text('Save allocation')")
    wait_for_error_summary(page)
    assert not axe_violations(page)


def test_the_asb_case_review_pages_have_no_accessibility_violations(page_as, demo_site):
    """The register with one case reviewed and recommended, its forms and the access page,
    in English and Welsh, and the application form with its errors."""
    import datetime

    from saferplan.accounts.models import User
    from saferplan.duties import services

    coordinator = User.objects.get(email="coordinator@example.org")
    hertsmere = coordinator.memberships.get(partnership__slug="hertsmere").partnership
    case = services.case_review_register(
        actor=coordinator,
        partnership=hertsmere,
        reference="CR-2019-04",
        received_on=datetime.date(2019, 9, 2),
        received_how="online",
        threshold="Three or more complaints about separate incidents in the last six months",
        applicant={
            "name": "A resident of Borehamwood",
            "contact": "Shenley Road",
            "notes": "",
            "retain_until": datetime.date(2021, 9, 2),
        },
    )
    case = services.threshold_decide(
        actor=coordinator, case=case, met=True, decided_on=datetime.date(2019, 9, 9)
    )
    case = services.review_record(
        actor=coordinator, case=case, held_on=datetime.date(2019, 9, 23), agencies="Police"
    )
    services.recommendation_add(actor=coordinator, case=case, text="Fit CCTV at the entrance")
    # Timescales, so that the case shows its deadlines (one met, one late) and a newer,
    # undecided case its missed one on the register; 2019-20's figures published.
    services.timescales_set(
        actor=coordinator, partnership=hertsmere, decision_days=10, review_days=5
    )
    services.case_review_register(
        actor=coordinator,
        partnership=hertsmere,
        reference="CR-2019-05",
        received_on=datetime.date(2019, 10, 1),
        received_how="phone",
        threshold="Three or more complaints about separate incidents in the last six months",
    )
    services.asb_figures_publish(actor=coordinator, partnership=hertsmere, year=2019)
    base = "/partnerships/hertsmere/case-reviews"
    page = page_as("coordinator@example.org")
    for path in [
        f"{base}/",
        f"{base}/add/",
        f"{base}/access/",
        f"{base}/timescales/",
        f"{base}/figures/2019/publish/",
        "/p/hertsmere/",
        "/cy/p/hertsmere/",
        f"/cy{base}/",
        f"{base}/{case.pk}/",
        f"{base}/{case.pk}/threshold/",
        f"{base}/{case.pk}/review/",
        f"{base}/{case.pk}/recommendations/add/",
        f"/cy{base}/{case.pk}/",
    ]:
        check(page, demo_site + path)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + f"{base}/add/")
    page.click("button:has-text('Register it')")
    wait_for_error_summary(page)
    assert not axe_violations(page)
