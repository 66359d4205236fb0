"""The priority-setting matrix (issue 23, deliverable 3): issues scored on volume, trend,
harm, public concern and judgement, suggested from the data where it can be, each score
changed only with a reason, ranked, the highest recommended; and a plan priority linked to
the findings that justify it, shown on the priority's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferplan.assessments import harm, matrix, services
from saferplan.assessments.models import Candidate, Criterion, PriorityEvidence, Score
from saferplan.consultations.models import Answer, Consultation, Response
from saferplan.core.models import AuditEvent
from saferplan.crimedata.periods import Period
from saferplan.plans.tests.factories import PlanFactory, PriorityFactory

from .test_assessments import figures_2022  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
CANARY = "Canaryw3m8k2q"


def test_the_bands_and_the_ranking_are_as_worked_out_by_hand():
    # Lower bounds are reached: 2% is a 2, 19.99% a 4, 20% a 5.
    assert [matrix.banded(v, matrix.VOLUME_BANDS) for v in (0, 1.99, 2, 19.99, 20, 80)] == [
        1,
        1,
        2,
        4,
        5,
        5,
    ]
    # Seed 002's robbery: 67 of 9,264 records (7,002 crimes and 2,262 ASB incidents) is 0.7%.
    assert matrix.volume(67, 9264) == matrix.Suggestion(
        1, "67 of 9,264 police.uk records of the period, 0.7%."
    )
    assert matrix.volume(2262, 9264).value == 5  # 24.4%
    assert matrix.volume(1169, 9264).value == 4  # 12.6%
    assert matrix.volume(None, 9264).value is None
    assert matrix.trend("rise", 1169, 958).value == 5
    assert matrix.trend("normal", 67, 51).value == 4
    assert matrix.trend("normal", 24, 24).value == 3
    assert matrix.trend("fall", 2262, 2581).value == 1
    assert matrix.trend("untested", 12, 10).value is None
    assert matrix.harm(799.63, "Robbery").value == 5
    assert matrix.harm(80.41, "Theft from the person").value == 3
    assert matrix.harm(11.86, "Shoplifting").value == 2
    assert matrix.harm(None, "").value is None
    assert matrix.concern_from_relevance(9, 10, "Q").value == 5  # 90%
    assert matrix.concern_from_theme(3, 100, "Lighting").value == 2  # 3%

    def scored(name, *values):
        return matrix.Scored(name, dict(zip(matrix.CRITERIA, values, strict=True)))

    ranked = matrix.ranking(
        [
            scored("D", 5, 1, None, 3, 3),  # harm not scored: not ranked
            scored("C", 4, 4, 3, 3, 3),  # 17, harm 3
            scored("E", 1, 1, 1, 1, 1),  # 5
            scored("B", 3, 4, 5, 2, 3),  # 17, harm 5: before C
            scored("A", 5, 5, 5, 5, 5),  # 25
            scored("F", 2, 2, 2, 2, 2),  # 10
            scored("G", 3, 3, 3, 3, 3),  # 15
        ]
    )
    assert [(r.scored.key, r.rank, r.recommended) for r in ranked] == [
        ("A", 1, True),
        ("B", 2, True),
        ("C", 3, True),
        ("G", 4, True),
        ("F", 5, True),
        ("E", 6, False),
        ("D", None, False),
    ]
    assert ranked[-1].scored.missing == ["harm"]


def test_harm_weights_are_the_published_ones_with_their_source():
    weights = harm.weights()
    assert {k: w.weight for k, w in weights.items()} == {
        "robbery": 799.63,
        "theft-from-the-person": 80.41,
        "bicycle-theft": 15.18,
        "shoplifting": 11.86,
        "violent-crime": 279.20,
        "burglary": 380.18,
        "criminal-damage-arson": 18.15,
        "drugs": 102.60,
        "other-theft": 46.12,
        "possession-of-weapons": 152.86,
        "public-order": 18.80,
        "vehicle-crime": 52.02,
        "other-crime": 118.34,
    }
    assert "anti-social-behaviour" not in weights  # not an offence
    single = ["robbery", "theft-from-the-person", "bicycle-theft", "shoplifting"]
    assert all(weights[k].basis.startswith("ONS offence code") for k in single)
    assert all(
        w.basis.startswith("Volume-weighted average of the ONS weights")
        for k, w in weights.items()
        if k not in single
    )
    assert "Open Government Licence" in harm.SOURCE


def test_a_category_of_several_offences_weighs_each_by_the_offences_recorded():
    """Drugs by hand: the ONS weight of each of its four codes times the offences of that code
    recorded in England and Wales in 2017/18 (docs/research/harm-volumes.md), over them all."""
    codes = {  # code: (offences, ONS weight)
        "92A trafficking": (26_574, 512.9573594),
        "92C other drug offences": (821, 9.062218937),
        "92D possession, not cannabis": (27_031, 8.082043408),
        "92E possession of cannabis": (82_050, 1.770623478),
    }
    offences = sum(n for n, _ in codes.values())
    by_hand = sum(n * weight for n, weight in codes.values()) / offences

    assert offences == 136_476
    assert harm.weight_of("drugs") == round(by_hand, 2) == 102.60


@pytest.fixture
def assessment(figures_2022, coordinator):  # noqa: F811 (the fixture imported above)
    return services.assessment_draft(
        actor=coordinator,
        partnership=figures_2022,
        title="Strategic Assessment 2022",
        period=Period.parse("2022"),
        against=Period.parse("2021"),
    )


def scores_of(assessment, name) -> dict[str, int | None]:
    candidate = assessment.candidates.get(name=name)
    return {score.criterion: score.value for score in candidate.scores.all()}


def test_drafting_seed_002_puts_every_issue_in_the_matrix_with_suggested_scores(assessment):
    # Every finding but all crime (the whole) is an issue: 22 of seed 002's 23 lines.
    assert assessment.candidates.count() == 22
    assert not assessment.candidates.filter(name="All crime").exists()
    # By hand: 9,264 records of 2022 (7,002 crimes, 2,262 ASB incidents).
    assert scores_of(assessment, "Robbery") == {
        "volume": 1,  # 67, 0.7%
        "trend": 4,  # 51 to 67, within normal variation
        "harm": 5,  # robbery 799.63
        "concern": None,  # no consultation linked
        "judgement": None,  # never suggested
    }
    assert scores_of(assessment, "Anti-social behaviour") | {"harm": "-"} == {
        "volume": 5,  # 2,262, 24.4%
        "trend": 1,  # a significant fall
        "harm": "-",
        "concern": None,
        "judgement": None,
    }
    assert scores_of(assessment, "Theft other")["volume"] == 4  # 1,169, 12.6%
    assert scores_of(assessment, "Theft other")["trend"] == 5  # a significant rise
    assert scores_of(assessment, "Drug trafficking")["trend"] == 3  # 24 and 24
    # The county's "Theft shop" is police.uk's shoplifting (11.86): a 2; "Theft person" is
    # theft from the person (80.41): a 3.
    assert scores_of(assessment, "Theft shop")["harm"] == 2
    assert scores_of(assessment, "Theft person")["harm"] == 3
    asb = Score.objects.get(candidate__name="Anti-social behaviour", criterion="harm")
    assert asb.basis == "No published harm weight for Anti-social behaviour."
    robbery = Score.objects.get(candidate__name="Robbery", criterion="volume")
    # Seed 002's figures are the county's, not police.uk's: the basis says so.
    assert robbery.basis == (
        "67 of 9,264 crimes and ASB incidents of the period in the same figures, 0.7%."
    )


def test_a_score_other_than_the_suggestion_needs_a_reason_and_ranking_follows(
    signed_in, member_of, viewer, assessment
):
    analyst = member_of("analyst")
    robbery = assessment.candidates.get(name="Robbery")
    address = reverse(
        "assessments:score-edit", args=["hertsmere", assessment.pk, robbery.pk, "volume"]
    )
    answer = signed_in(analyst).post(address, {"value": "3", "why": "", "marking": "official"})
    assert answer.status_code == 200
    assert "Say why: the data suggests 1 for volume" in answer.content.decode()
    assert Score.objects.get(candidate=robbery, criterion="volume").value == 1  # nothing saved
    assert (
        signed_in(viewer)
        .post(address, {"value": "3", "why": "x", "marking": "official"})
        .status_code
        == 403
    )

    why = "Robbery of young people by young people is rising in the town centre."
    signed_in(analyst).post(address, {"value": "3", "why": why, "marking": "official"})
    for criterion, value in [("concern", "4"), ("judgement", "5")]:
        signed_in(analyst).post(
            reverse(
                "assessments:score-edit",
                args=["hertsmere", assessment.pk, robbery.pk, criterion],
            ),
            {"value": value, "why": "The board's view at the workshop.", "marking": "official"},
        )
    scored = Score.objects.get(candidate=robbery, criterion="volume")
    assert (scored.value, scored.suggested, scored.why) == (3, 1, why)
    assert AuditEvent.objects.filter(object_type="assessments.score").count() == 3

    page = signed_in(viewer).get(reverse("assessments:matrix", args=["hertsmere", assessment.pk]))
    html = page.content.decode()
    # Robbery is the only issue with all five scores: 3 + 4 + 5 + 4 + 5 = 21, ranked first.
    assert '<li><a class="govuk-link" href="#candidate-' in html
    assert "Robbery</a>, 21 out of 25" in html
    assert why in html
    assert "The data suggests 1; scored 3 because" in html
    # A viewer reads the matrix but is offered no change.
    assert "Change the issue" not in html


def test_an_issue_the_data_does_not_count_with_public_concern_from_a_consultation(
    signed_in, member_of, viewer, outsider, assessment, partnership
):
    analyst = member_of("analyst")
    consultation = Consultation.objects.create(
        partnership=partnership,
        plan=PlanFactory(partnership=partnership),
        title="Community safety survey 2023",
        privacy_notice="Kept by the partnership.",
        opens_on=datetime.date(2023, 1, 9),
        closes_on=datetime.date(2023, 2, 19),
    )
    question = consultation.questions.create(
        section="priorities", kind="relevance", text="Tackling exploitation"
    )
    # 7 of 10 answers find it relevant: 70%, a 3 (60% to 75%).
    for choice in ["very"] * 4 + ["fairly"] * 3 + ["not-very"] * 2 + ["dont-know"]:
        Answer.objects.create(
            response=Response.objects.create(
                consultation=consultation, received_at="2023-01-10T10:00Z", source="form"
            ),
            question=question,
            choice=choice,
        )
    answer = signed_in(analyst).post(
        reverse("assessments:candidate-add", args=["hertsmere", assessment.pk]),
        {
            "name": f"Child exploitation {CANARY}",
            "category": "",
            "concern": f"question-{question.pk}",
            "marking": "official_sensitive",
        },
    )
    candidate = Candidate.objects.get(name__contains=CANARY)
    assert answer.status_code == 302
    concern = candidate.scores.get(criterion=Criterion.CONCERN)
    assert concern.value == 3
    assert concern.basis == (
        "7 of 10 who answered “Tackling exploitation” found it relevant, 70.0%."
    )
    assert candidate.scores.get(criterion=Criterion.VOLUME).value is None

    matrix_page = reverse("assessments:matrix", args=["hertsmere", assessment.pk])
    shown = signed_in(viewer).get(matrix_page).content.decode()
    assert CANARY in shown
    assert "OFFICIAL-SENSITIVE" in shown
    assert signed_in(outsider).get(matrix_page).status_code in (403, 404)

    # Another partnership's consultation cannot be linked.
    theirs_partnership = outsider.memberships.get().partnership
    other = Consultation.objects.create(
        partnership=theirs_partnership,
        plan=PlanFactory(partnership=theirs_partnership),
        title="Theirs",
        privacy_notice="x",
        opens_on=datetime.date(2023, 1, 9),
        closes_on=datetime.date(2023, 2, 19),
    )
    theirs = other.questions.create(section="priorities", kind="relevance", text="Theirs")
    refused = signed_in(analyst).post(
        reverse("assessments:candidate-edit", args=["hertsmere", assessment.pk, candidate.pk]),
        {"name": "Child exploitation", "concern": f"question-{theirs.pk}", "marking": "official"},
    )
    assert refused.status_code == 200
    candidate.refresh_from_db()
    assert candidate.concern_question == question

    # Linked to the category instead, the harm suggestion follows; a score given by hand stays.
    judgement = candidate.scores.get(criterion=Criterion.JUDGEMENT)
    services.score_set(actor=analyst, score=judgement, value=5, why="Rising referrals.")
    services.candidate_change(actor=analyst, candidate=candidate, category="robbery")
    assert candidate.scores.get(criterion=Criterion.HARM).value == 5
    assert candidate.scores.get(criterion=Criterion.JUDGEMENT).value == 5


def test_an_agreed_assessments_matrix_is_kept(assessment, coordinator):
    services.assessment_agree(
        actor=coordinator,
        assessment=assessment,
        agreed_on=datetime.date(2023, 1, 12),
        agreed_at="Board",
    )
    score = Score.objects.filter(candidate__assessment=assessment).first()
    with pytest.raises(ValidationError, match="kept as agreed"):
        services.score_set(actor=coordinator, score=score, value=2, why="Late")
    with pytest.raises(ValidationError, match="kept as agreed"):
        services.candidate_add(actor=coordinator, assessment=assessment, name="Late")


def test_the_coordinator_links_priorities_to_their_evidence_shown_on_the_priority_page(
    signed_in, coordinator, member_of, viewer, assessment, partnership, other_partnership
):
    plan = PlanFactory(partnership=partnership, title="Community Safety Plan 2023-26")
    violence = PriorityFactory(plan=plan, number=1, title="Tackle violence")
    theft = PriorityFactory(plan=plan, number=2, title="Reduce theft")
    findings = {f.name: f for f in assessment.findings.all()}
    link = reverse("assessments:evidence-add", args=["hertsmere", assessment.pk])
    analyst = member_of("analyst")
    assert signed_in(analyst).get(link).status_code == 403

    client = signed_in(coordinator)
    answer = client.post(
        link,
        {
            "priority": violence.pk,
            "findings": [findings["Robbery"].pk, findings["Violence against a person"].pk],
            "candidate": assessment.candidates.get(name="Robbery").pk,
            "note": "Robbery rose by a third.",
            "marking": "official",
        },
    )
    assert answer.status_code == 302
    client.post(
        link,
        {"priority": theft.pk, "findings": [findings["Theft other"].pk], "marking": "official"},
    )
    assert PriorityEvidence.objects.count() == 2

    page = signed_in(viewer).get(
        reverse("plans:priority", args=["hertsmere", plan.pk, violence.number])
    )
    html = page.content.decode()
    assert "Why this is a priority" in html
    assert "Robbery 67 offences, 16 more 31.4%" in html
    assert "Violence against a person 2125 offences, 109 less -4.9%" in html
    assert "Robbery rose by a third." in html
    assert "(a draft the board has not yet agreed)" in html
    client = signed_in(coordinator)  # the test client is the viewer's now
    detail = client.get(reverse("assessments:detail", args=["hertsmere", assessment.pk]))
    assert "Community Safety Plan 2023-26: priority 2. Reduce theft" in detail.content.decode()

    # Another partnership's priority is not offered, nor linked by a forged form.
    theirs = PriorityFactory(plan=PlanFactory(partnership=other_partnership), number=1)
    forged = client.post(
        link,
        {"priority": theirs.pk, "findings": [findings["Robbery"].pk], "marking": "official"},
    )
    assert forged.status_code == 200
    assert not PriorityEvidence.objects.filter(priority=theirs).exists()
    with pytest.raises(ValidationError, match="different partnerships"):
        services.priority_link(
            actor=coordinator, priority=theirs, assessment=assessment, findings=[]
        )
