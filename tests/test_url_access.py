"""Every URL is private unless deliberately listed as public here.

The sweep walks the URL configuration itself, so a new page is covered the day it is
added; a page with an argument this file does not know how to fill fails loudly.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.partnerships.tests.factories import (
    GroupFactory,
    OrganisationFactory,
    PartnershipFactory,
)
from saferplan.plans.tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    UpdateFactory,
)
from tests.snapshots import made_once_per_module

PUBLIC = {
    "core:home",
    "core:accessibility",
    "core:healthz",
    "accounts:sign-in",
    "accounts:sign-out",  # signing out asks nothing of who you are
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "accounts:unlock",  # the emailed link that lets a browser sign in while sign-in is paused
    # Single sign-on: the way in, so no sign-in asked (404 when it is not set up).
    "accounts:sso-start",
    "accounts:sso-callback",
    "reports:public-plan-export",  # open data: published plans only, never OFFICIAL-SENSITIVE
    "public:plan",  # the published plan: published plans only, never OFFICIAL-SENSITIVE
    "public:plan-document",
    "public:action-plan",
    "public:assessment-csv",  # the published assessment's figures, never OFFICIAL-SENSITIVE
    "public:foreword-photo",  # the published foreword's photograph (404 while there is none)
    # The consultation's public form: no sign-in, answers wait in the session until sent.
    "consultations:respond-start",
    "consultations:respond-privacy",
    "consultations:respond-section",
    "consultations:respond-contact",
    "consultations:respond-check",
    "consultations:respond-done",
}


def named_routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's admin guards itself; see test_admin_refuses_non_staff
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", list(pattern.pattern.converters)


ROUTES = sorted({(name, tuple(args)) for name, args in named_routes()})


def sweep_records(partnership, coordinator):
    """One record of every kind in `partnership` (a plan down to an update, groups, imports,
    measures, a consultation, a board report…); returns url_for(name, args, *, slug=None), the
    URL of any route for them. The `url_for` fixture (tests/conftest.py) makes them for one
    test; the sweeps below make them once for the module."""
    organisation = OrganisationFactory(partnerships=[partnership])
    group = GroupFactory(partnership=partnership)
    membership = coordinator.memberships.get()
    plan = PlanFactory(partnership=partnership)
    priority = PriorityFactory(plan=plan, number=1)
    objective = ObjectiveFactory(priority=priority)
    action = ActionFactory(priority=priority, objective=objective)
    update = UpdateFactory(action=action)
    from saferplan.imports.models import PlanImport
    from saferplan.public.models import Contact

    contact = Contact.objects.create(partnership=partnership, name="Crimestoppers")
    from saferplan.api.services import api_token_create

    api_token, _key = api_token_create(actor=coordinator, name="Police dashboard")
    from saferplan.meetings.models import AgendaItem, Decision, Meeting

    meeting = Meeting.objects.create(
        partnership=partnership, group=group, plan=plan, meets_on="2019-07-18"
    )
    agenda_item = AgendaItem.objects.create(meeting=meeting, kind="member", title="Prevent")
    decision = Decision.objects.create(meeting=meeting, text="Agreed", action=action)
    from saferplan.attachments.files import attachment_from_upload
    from saferplan.attachments.services import file_attach

    evidence = file_attach(
        actor=coordinator,
        partnership=partnership,
        name="email.eml",
        checked=attachment_from_upload(
            "email.eml", b"From: a@example.org\nDate: Mon, 1 Jul 2019\n\nHello"
        ),
    )
    update.attachments.add(evidence)
    meeting.papers.add(evidence)
    from saferplan.funding.models import Allocation, Grant, QuarterReport, Spend

    grant = Grant.objects.create(
        partnership=partnership,
        name="Safer Streets 5",
        kind="safer_streets",
        funder="Home Office",
        amount=10000,
        starts_on="2019-04-01",
        ends_on="2020-03-31",
    )
    allocation = Allocation.objects.create(grant=grant, action=action, amount=4000)
    Spend.objects.create(allocation=allocation, year=2019, quarter=1, amount=1000)
    QuarterReport.objects.create(
        grant=grant, year=2019, quarter=1, variance="Started late", signed_off_by="Jo Bloggs"
    )
    grant.files.add(evidence)
    from saferplan.duties.models import (
        CaseReview,
        CaseReviewApplicant,
        CounterTerrorismProfile,
        DeathReview,
        PublishedAsbFigures,
        RegisterAccess,
        SeriousViolenceDuty,
    )

    # OFFICIAL-SENSITIVE, as every case is: the sensitive inventory plants its canaries in
    # it, its applicant and its recommendation, and looks for them everywhere.
    case_review = CaseReview.objects.create(
        partnership=partnership,
        reference="CR-2019-01",
        received_on="2019-06-03",
        received_how="online",
        threshold="Three complaints about separate incidents in six months",
        threshold_met=True,
        threshold_decided_on="2019-06-10",
        review_held_on="2019-06-24",
        outcome="An action plan agreed with the resident",
    )
    CaseReviewApplicant.objects.create(
        case_review=case_review,
        name="A resident",
        contact="Shenley Road",
        retain_until="2021-06-03",
    )
    case_review.recommendations.create(text="Fit CCTV at the entrance", action=action)
    register_access = RegisterAccess.objects.create(
        partnership=partnership, register="asb_case_reviews", user=coordinator
    )
    # A Domestic Abuse Related Death Review, commissioned, not published: nothing of it, its
    # recommendation or its access list is for anyone but the register's people.
    death_review = DeathReview.objects.create(
        partnership=partnership,
        reference="DARDR 2019/01",
        notified_on="2019-05-06",
        commissioned=True,
        decided_on="2019-05-28",
        decision_reason="The criteria of the statutory guidance are met",
        chair="An independent chair",
        qa_submitted_on="2020-02-03",
    )
    death_review.recommendations.create(
        text="Housing officers are trained to ask about domestic abuse", action=action
    )
    death_access = RegisterAccess.objects.create(
        partnership=partnership, register="death_reviews", user=coordinator
    )
    # Prevent: the receipt of the counter-terrorism local profile (OFFICIAL-SENSITIVE, its
    # own named list), and the Serious Violence Duty's record every member reads.
    CounterTerrorismProfile.objects.create(
        partnership=partnership,
        title="Hertfordshire CTLP 2019",
        received_on="2019-03-04",
        provided_by="Counter Terrorism Policing Eastern",
        held_where="The police's secure portal",
    )
    prevent_access = RegisterAccess.objects.create(
        partnership=partnership, register="prevent", user=coordinator
    )
    SeriousViolenceDuty.objects.create(
        partnership=partnership,
        local_definition="Homicide, knife crime and gun crime",
        strategy_reviewed_on="2019-01-14",
    )
    # The year's figures on the published plan: counts, what the public may read.
    PublishedAsbFigures.objects.create(
        partnership=partnership,
        year=2019,
        applications=1,
        threshold_not_met=0,
        reviews=1,
        with_recommendations=1,
        published_on="2020-04-20",
    )
    from saferplan.background.models import BackgroundJob

    background_job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.POLICE_UK_IMPORT,
        partnership=partnership,
        started_by=coordinator,
        file_name="2019-07-hertfordshire-street.csv",
        status=BackgroundJob.Status.DONE,
        outcome="9,012 records from 1 file(s)",
    )
    from saferplan.reports.models import BoardReport

    report = BoardReport.objects.create(
        plan=plan, title="Board", period_start="2019-04-01", period_end="2019-06-30"
    )

    from saferplan.crimedata.models import CustomSeries, CustomValue

    series = CustomSeries.objects.create(partnership=partnership, name="Assault with injury")
    value = CustomValue.objects.create(
        series=series, start="2022-01-01", end="2022-12-01", value=646
    )

    from saferplan.indicators.models import Indicator, IndicatorValue

    indicator = Indicator.objects.create(
        partnership=partnership,
        name="Feeling safe after dark",
        source="manual",
        baseline_start="2022-01-01",
        baseline_end="2022-12-01",
        target=-5,
    )
    indicator_value = IndicatorValue.objects.create(
        indicator=indicator, start="2022-01-01", end="2022-12-01", value=357
    )

    from saferplan.assessments.models import Finding, StrategicAssessment

    assessment = StrategicAssessment.objects.create(
        partnership=partnership,
        title="Strategic Assessment 2022",
        period_start="2022-01-01",
        period_end="2022-12-01",
        against_start="2021-01-01",
        against_end="2021-12-01",
        # Published, so that the published plan, its documents and its open data show the
        # assessment's OFFICIAL parts to the sweeps (never the sensitive ones below).
        status="agreed",
        agreed_on="2023-01-12",
        summary="What the assessment tells residents.",
        published_on="2023-02-01",
    )
    # Sensitive: the sensitive inventory (tests/test_sensitive_inventory.py) plants its
    # canaries in them and looks for them everywhere the public and outsiders can reach.
    finding = Finding.objects.create(
        assessment=assessment,
        name="Robbery",
        sentence="Robbery 67 offences, 16 more 31.4%",
        marking="official_sensitive",
    )
    assessment.risks.create(kind="emerging", title="County lines", marking="official_sensitive")
    assessment.files.add(evidence)  # the county's profile, say: never public
    assessment.recommendations.create(
        text="Disrupt the county line's runners", marking="official_sensitive"
    )
    # A finding the public may read beside them: the published summary shows it, and the
    # sweeps check that the sensitive ones never join it.
    Finding.objects.create(
        assessment=assessment,
        name="All crime",
        key="all-crime",
        top=True,
        current=7002,
        previous=7056,
        sentence="All crime 7002 offences, 54 less -0.8%",
    )
    candidate = assessment.candidates.create(
        name="Child exploitation", finding=finding, marking="official_sensitive"
    )
    score = candidate.scores.create(
        criterion="judgement", value=4, basis="The partnership's own.", why="Rising referrals"
    )
    from saferplan.assessments.models import PlanReview, PriorityEvidence

    PlanReview.objects.create(
        plan=plan,
        reviewed_on="2020-03-20",
        worked="Events in schools",
        did_not_work="Poster campaign",
        lessons="Work through the youth panel",
        marking="official_sensitive",
    )
    PriorityEvidence.objects.create(
        priority=priority, assessment=assessment, candidate=candidate, note="Robbery rose"
    ).findings.set([finding])

    from saferplan.consultations.models import Answer, Consultation, Response, ResponseImport, Theme

    consultation = Consultation.objects.create(
        partnership=partnership,
        plan=plan,
        title="Survey",
        privacy_notice="Kept by the partnership.",
        opens_on="2023-01-09",
        closes_on="2023-02-19",
    )
    question = consultation.questions.create(section="views", kind="free-text", text="What more?")
    answer = Answer.objects.create(
        response=Response.objects.create(
            consultation=consultation, received_at="2023-01-10T10:00Z", source="form"
        ),
        question=question,
        text="More street lighting",
    )
    theme = Theme.objects.create(
        consultation=consultation, question=question, name="Street lighting"
    )
    response_import = ResponseImport.objects.create(
        consultation=consultation, file_name="survey.csv", sha256="0" * 64, content=b"a,b\n1,2\n"
    )

    from saferplan.consultations.models import EnteredConsultation

    entered = EnteredConsultation.objects.create(
        partnership=partnership,
        plan=plan,
        title="Feelings of Safety survey",
        opens_on="2023-01-09",
        closes_on="2023-02-19",
        respondents=329,
        source="The partnership's consultation report",
    )

    pending = PlanImport.objects.create(
        partnership=partnership,
        file_name="plan.txt",
        sha256="0" * 64,
        content=b"Priority 1: Reduce anti-social behaviour\n\nWhat we will do\n\nPatrol the hotspots.\n",
    )
    from saferplan.partnerships.models import PccPriority, PoliceAndCrimePlan

    # The force area's police and crime plan, which the partnership's priority serves: so
    # another partnership of the area reads it but may not change it.
    pcc_plan = PoliceAndCrimePlan.objects.create(
        police_force=partnership.police_force,
        title="Police and Crime Plan",
        period_start="2019-04-01",
        period_end="2029-03-31",
    )
    pcc_priority = PccPriority.objects.create(
        police_and_crime_plan=pcc_plan, number=1, title="Keep Crime Low"
    )
    priority.pcc_priorities.set([pcc_priority])
    objects_by_route = {
        **dict.fromkeys(
            [
                "partnerships:pcc-plan-edit",
                "partnerships:pcc-priority-add",
                "partnerships:pcc-priority-edit",
                "partnerships:pcc-priority-delete",
            ],
            pcc_plan,
        ),
        **dict.fromkeys(
            [
                "imports:preview",
                "imports:keep-apart",
                "imports:correct",
                "imports:mapping",
                "imports:resolve-owner",
                "imports:confirm",
                "imports:cancel",
            ],
            pending,
        ),
        "plans:objective-edit": objective,
        "plans:objective-rag": objective,
        "plans:action": action,
        "plans:action-edit": action,
        "plans:update-add": action,
        "plans:update-correct": update,
        "partnerships:group-edit": group,
        "partnerships:group-delete": group,
        "partnerships:organisation-remove": organisation,
        "partnerships:member-change": membership,
        "partnerships:member-remove": membership,
        "organisations:edit": organisation,
        **dict.fromkeys(
            [
                "crimedata:series",
                "crimedata:series-edit",
                "crimedata:series-delete",
                "crimedata:value-delete",
            ],
            series,
        ),
        **dict.fromkeys(
            [
                "indicators:detail",
                "indicators:edit",
                "indicators:delete",
                "indicators:value-delete",
            ],
            indicator,
        ),
        "public:item-edit": contact,
        "api-tokens:revoke": api_token,
        "api-tokens:renew": api_token,
        **dict.fromkeys(
            [
                "meetings:detail",
                "meetings:edit",
                "meetings:delete",
                "meetings:attendance",
                "meetings:agenda-draft",
                "meetings:agenda-item-add",
                "meetings:agenda-item-delete",
                "meetings:minutes",
                "meetings:decision-add",
                "meetings:decision-delete",
                "meetings:papers",
                "meetings:paper-add",
                "meetings:paper-file",
                "meetings:paper-delete",
            ],
            meeting,
        ),
        **dict.fromkeys(
            ["plans:update-file-add", "plans:update-file"],
            action,
        ),
        **dict.fromkeys(
            [
                "funding:detail",
                "funding:edit",
                "funding:delete",
                "funding:allocation-add",
                "funding:allocation-delete",
                "funding:spend",
                "funding:return",
                "funding:file-add",
                "funding:file",
                "funding:file-delete",
            ],
            grant,
        ),
        "background:job": background_job,
        **dict.fromkeys(
            [
                "duties:case",
                "duties:threshold",
                "duties:review",
                "duties:recommendation-add",
            ],
            case_review,
        ),
        "duties:access-end": register_access,
        **dict.fromkeys(
            [
                "duties:death-review",
                "duties:death-decision",
                "duties:death-progress",
                "duties:death-publish",
                "duties:death-recommendation-add",
                "duties:death-recommendations-publish",
            ],
            death_review,
        ),
        "duties:death-access-end": death_access,
        "duties:prevent-access-end": prevent_access,
        **dict.fromkeys(
            [
                "assessments:detail",
                "assessments:finding-edit",
                "assessments:finding-add",
                "assessments:risk-add",
                "assessments:agree",
                "assessments:matrix",
                "assessments:candidate-add",
                "assessments:candidate-edit",
                "assessments:score-edit",
                "assessments:evidence-add",
                "assessments:needs-link",
                "assessments:docx",
                "assessments:pdf",
                "assessments:publish",
                "assessments:withdraw",
                "assessments:recommendation-add",
                "assessments:file-add",
                "assessments:file",
                "assessments:file-delete",
            ],
            assessment,
        ),
        "crimedata:police-uk-replace": background_job,
        "background:job-file": background_job,
        "public:item-delete": contact,
        **dict.fromkeys(
            [
                "reports:board-report",
                "reports:board-report-chart",
                "reports:board-report-download",
                "reports:board-report-prepare",
                "reports:board-report-edit",
                "reports:board-report-issue",
            ],
            report,
        ),
    }

    def build(name, args, *, slug=None):
        """The URL of route `name` for the objects above; `slug` puts another partnership's
        slug in front of them."""
        kwargs = {}
        for arg in args:
            if arg == "slug":
                kwargs["slug"] = slug or partnership.slug
            elif arg == "pk" and name.startswith("consultations:entered"):
                kwargs["pk"] = entered.pk
            elif arg == "pk" and name.startswith("consultations:"):
                kwargs["pk"] = consultation.pk
            elif arg == "pk":
                kwargs["pk"] = objects_by_route[name].pk
            elif arg == "value_pk":
                kwargs["value_pk"] = (
                    indicator_value if name.startswith("indicators:") else value
                ).pk
            elif arg == "papers":
                kwargs["papers"] = "pack"
            elif arg in ("update_pk", "update_id"):
                kwargs[arg] = update.pk
            elif arg == "file_id":
                kwargs["file_id"] = evidence.pk
            elif arg == "attachment_pk":
                kwargs["attachment_pk"] = evidence.pk
            elif arg == "allocation_pk":
                kwargs["allocation_pk"] = allocation.pk
            elif arg == "quarter":
                kwargs["quarter"] = "2019-q1"
            elif arg == "item_pk":
                kwargs["item_pk"] = agenda_item.pk
            elif arg == "decision_pk":
                kwargs["decision_pk"] = decision.pk
            elif arg == "priority_pk":
                kwargs["priority_pk"] = pcc_priority.pk
            elif arg == "finding_pk":
                kwargs["finding_pk"] = finding.pk
            elif arg == "candidate_pk":
                kwargs["candidate_pk"] = candidate.pk
            elif arg == "criterion":
                kwargs["criterion"] = score.criterion
            elif arg == "theme_pk":
                kwargs["theme_pk"] = theme.pk
            elif arg == "answer_pk":
                kwargs["answer_pk"] = answer.pk
            elif arg == "import_pk":
                kwargs["import_pk"] = response_import.pk
            elif arg in ("plan_pk", "plan_id"):
                kwargs[arg] = plan.pk
            elif arg == "action_id":
                kwargs["action_id"] = action.pk
            elif arg == "number":
                kwargs["number"] = priority.number
            elif arg == "kind" and name == "funding:return":
                kwargs["kind"] = "docx"
            elif arg == "kind":
                kwargs["kind"] = (
                    "pdf"
                    if name
                    in ("public:plan-document", "reports:board-report-download", "meetings:papers")
                    else "csv"
                )
            elif arg == "year":
                kwargs["year"] = 2019  # the case review's financial year, over
            elif arg == "section":
                kwargs["section"] = "views" if name.startswith("consultations:") else "contacts"
            elif arg in {"uidb64", "token"}:
                kwargs[arg] = "x"
            else:
                raise AssertionError(f"test_url_access does not know how to fill <{arg}> of {name}")
        return reverse(name, kwargs=kwargs)

    return build


# The sweeps share one set of records, made once for this module (an autouse fixture: every
# test here sees the same partnership, people and records); each test's changes are rolled
# back after it (tests/snapshots.py).


@pytest.fixture(scope="module", autouse=True)
def world(django_db_setup, django_db_blocker):
    def make():
        hertsmere = PartnershipFactory(
            name="Hertsmere Community Safety Partnership", slug="hertsmere"
        )
        dacorum = PartnershipFactory(name="Dacorum Community Safety Partnership", slug="dacorum")
        coordinator = MembershipFactory(partnership=hertsmere, role="coordinator").user
        outsider = MembershipFactory(partnership=dacorum, role="coordinator").user
        return {
            "partnership": hertsmere,
            "other_partnership": dacorum,
            "coordinator": coordinator,
            "outsider": outsider,
            "url_for": sweep_records(hertsmere, coordinator),
        }

    yield from made_once_per_module(django_db_blocker, make)


@pytest.fixture
def partnership(db, world):
    return world["partnership"]


@pytest.fixture
def other_partnership(db, world):
    return world["other_partnership"]


@pytest.fixture
def coordinator(db, world):
    return world["coordinator"]


@pytest.fixture
def outsider(db, world):
    """A coordinator, but of another partnership."""
    return world["outsider"]


@pytest.fixture
def url_for(db, world):
    return world["url_for"]


def test_the_sweep_finds_the_pages():
    names = {name for name, _ in ROUTES}
    assert {"partnerships:structure", "partnerships:audit-log", "organisations:directory"} <= names


PARTNERSHIP_ROUTES = [
    (n, a)
    for n, a in ROUTES
    if ("slug" in a or n == "organisations:edit") and n not in PUBLIC and not n.startswith("api:")
]
API_OBJECT_ROUTES = [(n, a) for n, a in ROUTES if n.startswith("api:") and a]
OBJECT_ARGS = {"pk", "plan_pk", "value_pk", "theme_pk", "answer_pk", "import_pk"}
OBJECT_ROUTES = [(n, a) for n, a in PARTNERSHIP_ROUTES if "slug" in a and OBJECT_ARGS & set(a)]
# What a joint partner's coordinator may do to a shared action through their own address:
# add (or correct) updates and attach files to them. (They read it too: a post to the page
# to read it is not taken, 405; test_sensitive_items reads it.)
JOINT_PARTNER_WRITES = {
    "plans:update-add",
    "plans:update-correct",
    "plans:update-file-add",
}
# What a board member (the viewer role) may post to their own partnership's pages: an item
# for a meeting's agenda (every member may), and a document of what they read, made in the
# background. Every other post is refused (403), or not taken by a page to read (405).
BOARD_MEMBER_WRITES = {
    "meetings:agenda-item-add",
    "reports:board-report-prepare",
    "reports:plan-document-prepare",
}
# Records of the police force area, not of one partnership: another partnership of the area
# reaches them through its own address, and is refused a change (403) while the partnership's
# priorities are aligned to them (partnerships.permissions.PoliceAndCrimePlanPolicy).
FORCE_AREA_ROUTES = {
    "partnerships:pcc-plan-edit",
    "partnerships:pcc-priority-add",
    "partnerships:pcc-priority-edit",
    "partnerships:pcc-priority-delete",
}


def access_checks(name, args) -> list[str]:
    """The checks test_only_those_allowed_get_anything_from_a_route makes of a route."""
    route = (name, args)
    checks = [f"anonymous {method}" for method in ("get", "post")]
    if not name.startswith("api:"):
        checks += [f"anonymous {method} in Welsh" for method in ("get", "post")]
    if route in API_OBJECT_ROUTES:
        checks += [
            f"API, {who}'s {m}" for who in ("anonymous", "outsider") for m in ("get", "post")
        ]
    if route in PARTNERSHIP_ROUTES:
        checks += [f"outsider's {method}" for method in ("get", "post")]
    if route in OBJECT_ROUTES:
        checks += [f"outsider's {m} through their own partnership" for m in ("get", "post")]
    if route in PARTNERSHIP_ROUTES:
        checks += ["board member's post", "joint partner's posts"]
    return checks


class Findings:
    """What went wrong with one route, each finding naming the route and the check, all
    reported together."""

    def __init__(self, name):
        self.name = name
        self.checked: list[str] = []
        self.failures: list[str] = []

    def check(self, check: str, ok: bool, detail: str) -> None:
        self.checked.append(check)
        if not ok:
            self.failures.append(f"{self.name}: {check}: {detail}")

    def assert_none(self, expected_checks: list[str]) -> None:
        assert not self.failures, "\n".join(self.failures)
        assert self.checked == expected_checks, f"{self.name}: checked {self.checked}"


@pytest.mark.parametrize(("name", "args"), ROUTES)
def test_only_those_allowed_get_anything_from_a_route(
    url_for, partnership, outsider, other_partnership, member_of, name, args
):
    """Every route, each check in a client of its own:

    - anonymous: sent to sign in unless the page is public (the API answers for itself: the
      public's view, or 401/404, test_the_api_…);
    - the API's records of the fixture's draft plan (its priorities, objectives, actions,
      updates and RAG history, the partnership's measures and crime figures) are not found
      by the public or by another partnership's coordinator (404, as the pages do; 401 when
      an anonymous caller tries to write);
    - a member of another partnership is refused every page of this one (403; 405: a page
      for the other method refuses before anything is read);
    - a board member (the viewer role) of the partnership posts to every page of it: refused
      (403, or 405 by a page to read) but for BOARD_MEMBER_WRITES;
    - Dacorum's coordinator puts Hertsmere's plan, action, theme… numbers after Dacorum's own
      address: every page looks the object up within the partnership, so it is not found;
    - the fixture's action made joint with Dacorum, Dacorum's coordinator posts to the route
      through both partnerships' addresses: only adding (or correcting) an update to the
      shared action is allowed; the action itself, its plan and everything else of
      Hertsmere's stay as they were (last: it shares the action).
    """
    from saferplan.plans.models import Action

    route = (name, args)
    url = url_for(name, args)
    findings = Findings(name)

    # Every page also has a Welsh address (/cy/…): it asks the same of its callers.
    welsh_url = None if name.startswith("api:") else "/cy" + url
    for method, address in [(m, a) for a in (url, welsh_url) if a for m in ("get", "post")]:
        response = getattr(Client(), method)(address)
        check = f"anonymous {method}" + (" in Welsh" if address == welsh_url else "")
        if name in PUBLIC:
            findings.check(check, response.status_code != 403, "answered 403")
        elif name.startswith("api:"):
            findings.check(
                check, response.status_code in {200, 401, 404, 405}, f"{response.status_code}"
            )
        else:
            findings.check(
                check,
                response.status_code == 302 and "/accounts/sign-in/" in response["Location"],
                f"answered {response.status_code} {response.get('Location', '')}",
            )

    if route in API_OBJECT_ROUTES:
        for who in ("anonymous", "outsider"):
            for method in ("get", "post"):
                client = Client()
                if who == "outsider":
                    client.force_login(outsider)
                response = getattr(client, method)(url, content_type="application/json")
                allowed = {404, 405} | ({401} if who == "anonymous" and method == "post" else set())
                findings.check(
                    f"API, {who}'s {method}",
                    response.status_code in allowed,
                    f"answered {response.status_code}",
                )

    if route in PARTNERSHIP_ROUTES:
        for method in ("get", "post"):
            client = Client()
            client.force_login(outsider)
            response = getattr(client, method)(url)
            findings.check(
                f"outsider's {method}",
                response.status_code in {403, 405},
                f"answered {response.status_code}",
            )

    if route in OBJECT_ROUTES:
        through_own = url_for(name, args, slug=other_partnership.slug)
        for method in ("get", "post"):
            client = Client()
            client.force_login(outsider)
            response = getattr(client, method)(through_own)
            findings.check(
                f"outsider's {method} through their own partnership",
                response.status_code in ({403} if name in FORCE_AREA_ROUTES else {404, 405}),
                f"answered {response.status_code} to {through_own}",
            )

    if route in PARTNERSHIP_ROUTES:
        # A board member reads the partnership's pages and writes none of them.
        client = Client()
        client.force_login(member_of("viewer"))
        response = client.post(url, {"title": "Renamed", "marking": "official", "text": "x"})
        findings.check(
            "board member's post",
            response.status_code in {403, 405} or name in BOARD_MEMBER_WRITES,
            f"answered {response.status_code}",
        )

    if route in PARTNERSHIP_ROUTES:
        action = Action.objects.get(priority__plan__partnership=partnership)
        action.joint_partnerships.set([other_partnership])
        client = Client()
        client.force_login(outsider)
        own_address = OBJECT_ARGS & set(args) and "slug" in args
        answers = []
        for slug in (
            (partnership.slug, other_partnership.slug) if own_address else [partnership.slug]
        ):
            address = url_for(name, args, slug=slug)
            response = client.post(
                address, {"title": "Renamed", "marking": "official", "text": "x"}
            )
            if name in JOINT_PARTNER_WRITES and slug == other_partnership.slug:
                ok = response.status_code in {200, 302}
            else:
                ok = response.status_code in {403, 404, 405}
            answers.append((ok, f"answered {response.status_code} to {address}"))
        action.refresh_from_db()
        answers.append((action.title != "Renamed", "the shared action was renamed"))
        answers.append(
            (
                list(action.joint_partnerships.all()) == [other_partnership],
                "the action's joint partnerships changed",
            )
        )
        findings.check(
            "joint partner's posts",
            all(ok for ok, _ in answers),
            "; ".join(detail for ok, detail in answers if not ok),
        )

    findings.assert_none(access_checks(name, args))


def test_admin_refuses_non_staff(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def page_html(response) -> str | None:
    """The HTML of a page (streamed progress pages included), or None for a download."""
    if "text/html" not in response.headers.get("Content-Type", ""):
        return None
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


HTML_PAGES = [(n, a) for n, a in ROUTES if n not in {"accounts:sign-out", "core:healthz"}]


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_organisation_shared_with_another_partnership_is_not_changed_by_one_of_them(
    client, url_for, partnership, outsider, other_partnership, method
):
    from saferplan.partnerships.models import Organisation

    organisation = Organisation.objects.get(partnerships=partnership)
    organisation.partnerships.add(other_partnership)
    client.force_login(outsider)
    url = url_for("organisations:edit", ["pk"])
    response = getattr(client, method)(
        url, *([{"name": "Renamed", "kind": "police"}] * (method == "post"))
    )
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name != "Renamed"


# Every page's Content Security Policy and Cache-Control are checked by the coordinator's sweep
# in test_stored_xss.py: one request a route for those and for stored cross-site scripting.


def test_the_publics_pages_are_not_marked_private(client, url_for):
    response = client.get(url_for("core:accessibility", []))
    assert "private" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("who", ["viewer", "editor", "coordinator", "analyst of another force"])
@pytest.mark.parametrize("through", ["the import's partnership", "their own partnership"])
def test_a_force_month_cannot_be_replaced_by_a_viewer_an_editor_or_another_forces_partnership(
    client, partnership, member_of, who, through
):
    """Replacing a police.uk month held already changes every partnership of the force
    (docs/adr/0015): only an analyst of a partnership of that force, or an administrator,
    confirms it. A coordinator may upload, and cancel, but not replace."""
    from django.core.files.base import ContentFile

    from saferplan.accounts.tests.factories import MembershipFactory
    from saferplan.background.models import BackgroundJob
    from saferplan.background.services import upload_storage as _storage
    from saferplan.crimedata.models import ForceMonth
    from saferplan.partnerships.tests.factories import PartnershipFactory

    held = ForceMonth.objects.create(
        force="hertfordshire", month="2018-10-01", records=9883, source="held.csv", sha256="0"
    )
    stored = _storage().save("police-uk/waiting.csv", ContentFile(b"Month\n"))
    job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.POLICE_UK_IMPORT,
        partnership=partnership,
        started_by=member_of("coordinator"),
        file_name="2018-10-hertfordshire-street.csv",
        stored_file=stored,
        status=BackgroundJob.Status.WAITING,
        options={"differences": [], "to_confirm": []},
    )
    if who == "analyst of another force":
        own = PartnershipFactory(slug="slough", police_force="thames-valley")
        user = MembershipFactory(partnership=own, role="analyst").user
    else:
        own = partnership
        user = member_of(who)
    client.force_login(user)
    slug = partnership.slug if through == "the import's partnership" else own.slug

    response = client.post(
        reverse("crimedata:police-uk-replace", args=[slug, job.pk]), {"replace": ""}
    )

    assert response.status_code in {403, 404}, (who, through, response.status_code)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.WAITING
    assert "confirmed_by" not in job.options
    assert ForceMonth.objects.get() == held
    assert _storage().exists(stored)
    _storage().delete(stored)
