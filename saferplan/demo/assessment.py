"""The demo's strategic assessments (issue 23), made through the product's services as an
analyst and a coordinator would:

- Hertsmere 2022 (drafted from seed 002's figures by crime.py): its matrix's public concern
  from the demo consultation, seed 002's priorities linked to the findings behind them, and
  agreed and published with seed 002's own words, so that the published plan has its
  "What does our Strategic Assessment 2022 tell us?";
- Hertsmere 2018-19: the top and emerging risks seed 003 lists (its figures are not held,
  so the draft says what it left out);
- Dacorum 2022: seed 001's key findings, robbery as a figure for both years and the rest as
  the analyst's own findings with their sources (quoted below as the analyst typed them:
  the seed's panel is text in boxes, run together when the PDF was read)."""

import datetime

from saferplan.assessments import services
from saferplan.assessments.models import Criterion, StrategicAssessment
from saferplan.attachments.files import attachment_from_upload
from saferplan.consultations.models import Question, QuestionKind
from saferplan.crimedata import services as crime_services
from saferplan.crimedata.periods import Period
from saferplan.demo.crime import seed_002_table
from saferplan.plans.models import PlanKind

# Seed 002's priorities (by number) and the findings of its 2022 table behind them.
HERTSMERE_EVIDENCE = {
    2: ["Violence against a person", "Assault with injury", "Robbery"],
    5: ["Drug possession", "Drug trafficking"],
    6: ["Anti-social behaviour", "Criminal damage"],
}
# The matrix's issues whose public concern comes from the consultation's relevance question
# about seed 002's priority (by number).
HERTSMERE_CONCERN = {"Robbery": 2, "Anti-social behaviour": 6, "Drug trafficking": 5}

DACORUM_SOURCE = "Dacorum Crime & Disorder Strategic Assessment"
# Seed 001, "The Key Findings": robbery is the one figure given for both years.
DACORUM_FIGURES = (
    "Series,Unit,Period,Value,Source\n"
    f"Robbery,offences,2022,79,{DACORUM_SOURCE}\n"
    f"Robbery,offences,2021,59,{DACORUM_SOURCE}\n"
)
DACORUM_FINDINGS = [
    (
        "Feeling safe",
        "In 2022, 246 people indicated that they did not feel safe during the day and 357 "
        "indicated that they did not feel safe after dark.",
        "Echo – Community Voice and Feedback Platform",
    ),
    (
        "Missing children",
        "Dacorum has one of the highest numbers of missing children reports for under 18's. "
        "This is directly related to the higher number of children's homes and "
        "semi-independent accommodation providers in the area.",
        DACORUM_SOURCE,
    ),
    (
        "Public health",
        "Public Health data shows Dacorum has higher than England average levels of pupil "
        "absence, homelessness, loneliness and suicide.",
        "Public Health data, in the " + DACORUM_SOURCE,
    ),
]


def listed_after(text: str, introduction: str) -> list[str]:
    """The "- " lines of the list that follows the paragraph containing `introduction`."""
    rest = text[text.index(introduction) :].split("\n", 1)[1]
    items = []
    for line in rest.lstrip("\n").splitlines():
        if not line.startswith("- "):
            break
        items.append(line[2:].strip())
    return items


def paragraph_after(text: str, heading: str) -> str:
    """The first paragraph after the line `heading`."""
    rest = text[text.index(heading) + len(heading) :]
    return rest.strip().split("\n\n", 1)[0].strip()


# Seed 002's section, and the board meeting the demo says agreed it.
HERTSMERE_HEADING = "What does our Strategic Assessment 2022 tell us?"
HERTSMERE_AGREED = (datetime.date(2023, 1, 12), "the Community Safety Board of 12 January 2023")
HERTSMERE_PUBLISHED = datetime.date(2023, 2, 1)


def load(
    *, analyst, coordinator, hertsmere, dacorum, seed_002_text: str, seed_003_text: str
) -> None:
    _hertsmere_2022(
        analyst=analyst, coordinator=coordinator, hertsmere=hertsmere, seed_002_text=seed_002_text
    )
    _hertsmere_2018(analyst=analyst, hertsmere=hertsmere, seed_003_text=seed_003_text)
    _dacorum_2022(analyst=analyst, dacorum=dacorum)


def _hertsmere_2022(*, analyst, coordinator, hertsmere, seed_002_text: str) -> None:
    assessment = StrategicAssessment.objects.get(partnership=hertsmere, title__endswith="2022")
    plan = hertsmere.plans.get(kind=PlanKind.STRATEGIC)
    relevance = {
        q.priority.number: q
        for q in Question.objects.filter(
            consultation__partnership=hertsmere,
            kind=QuestionKind.RELEVANCE,
            priority__isnull=False,
        ).select_related("priority")
    }
    for name, number in HERTSMERE_CONCERN.items():
        if number in relevance:
            services.candidate_change(
                actor=analyst,
                candidate=assessment.candidates.get(name=name),
                concern_question=relevance[number],
            )
    robbery = assessment.candidates.get(name="Robbery")
    services.score_set(
        actor=analyst,
        score=robbery.scores.get(criterion=Criterion.JUDGEMENT),
        value=4,
        why="Robbery rose by a third; most victims are young people, and the Tri-CSP "
        "youth work can reach them.",
    )
    findings = {finding.name: finding for finding in assessment.findings.all()}
    for number, names in HERTSMERE_EVIDENCE.items():
        services.priority_link(
            actor=coordinator,
            priority=plan.priorities.get(number=number),
            assessment=assessment,
            findings=[findings[name] for name in names],
            candidate=assessment.candidates.filter(name=names[-1]).first(),
        )
    for finding in assessment.findings.all():
        services.finding_update(actor=analyst, finding=finding, approved=True)
    # The county's table the figures came from, kept with the assessment (seed 002's own text).
    services.assessment_file_attach(
        actor=analyst,
        assessment=assessment,
        name="Hertsmere crime figures 2022 - county strategic assessment.txt",
        checked=attachment_from_upload("figures.txt", seed_002_table(seed_002_text).encode()),
    )
    agreed_on, agreed_at = HERTSMERE_AGREED
    services.assessment_agree(
        actor=coordinator, assessment=assessment, agreed_on=agreed_on, agreed_at=agreed_at
    )
    services.assessment_publish(
        actor=coordinator,
        assessment=assessment,
        summary=paragraph_after(seed_002_text, HERTSMERE_HEADING),
        published_on=HERTSMERE_PUBLISHED,
    )


def _hertsmere_2018(*, analyst, hertsmere, seed_003_text: str) -> None:
    assessment = services.assessment_draft(
        actor=analyst,
        partnership=hertsmere,
        title="Hertsmere Strategic Assessment 2018-2019",
        period=Period.parse("2018/19"),
        against=Period.parse("2017/18"),
    )
    top = listed_after(seed_003_text, "identified Hertsmere's top risks as:")
    emerging = listed_after(seed_003_text, "This action plan focusses on the emerging risks")
    for kind, titles in (("top", top), ("emerging", emerging)):
        for title in titles:
            services.risk_add(
                actor=analyst,
                assessment=assessment,
                kind=kind,
                title=title,
                position=assessment.risks.count() + 1,
            )


def _dacorum_2022(*, analyst, dacorum) -> None:
    crime_services.custom_series_import(
        actor=analyst,
        partnership=dacorum,
        content=DACORUM_FIGURES.encode(),
        file_name="Dacorum key findings 2022.csv",
    )
    assessment = services.assessment_draft(
        actor=analyst,
        partnership=dacorum,
        title="Dacorum Strategic Assessment 2022",
        period=Period.parse("2022"),
        against=Period.parse("2021"),
    )
    for name, sentence, source in DACORUM_FINDINGS:
        services.finding_add(
            actor=analyst, assessment=assessment, name=name, sentence=sentence, source=source
        )
