"""The strategic assessment (issue 23, first part): drafted from the figures the partnership
holds, each change tested for being more than chance, nothing drawn from part of a period,
edited and approved by an analyst, agreed by the board and then kept as agreed; sensitive
findings for the partnership's members only."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferplan.assessments import services
from saferplan.assessments.models import Finding, StrategicAssessment, Verdict
from saferplan.core.models import AuditEvent
from saferplan.crimedata import services as crime_services
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.crimedata.tests.test_comparisons import seed_table
from saferplan.demo.crime import ASSESSMENT, seed_002_table

pytestmark = pytest.mark.django_db

SEED_002 = next((Path(__file__).parents[2] / "demo" / "seeds").glob("002_*.txt"))
CANARY = "Canaryv5t8z1q"


@pytest.fixture
def analyst(member_of):
    return member_of("analyst")


@pytest.fixture
def figures_2022(partnership, coordinator):
    """Seed 002's 2022 and 2021 figures, as the partnership's analyst imports them."""
    crime_services.comparison_table_import(
        actor=coordinator,
        partnership=partnership,
        text=seed_002_table(SEED_002.read_text(encoding="utf-8")),
        period=Period.parse("2022"),
        against=Period.parse("2021"),
        source=ASSESSMENT,
    )
    return partnership


def draft(signed_in, analyst, **form):
    return signed_in(analyst).post(
        reverse("assessments:draft", args=["hertsmere"]),
        {"title": "Strategic Assessment 2022", "period": "2022", **form},
    )


def test_an_analyst_drafts_seed_002s_findings_in_its_words_each_change_tested(
    signed_in, analyst, figures_2022
):
    answer = draft(signed_in, analyst)
    assessment = StrategicAssessment.objects.get()
    assert answer["Location"] == reverse("assessments:detail", args=["hertsmere", assessment.pk])
    # Compared with the same months a year before, by default.
    assert (assessment.against_start.year, assessment.against_end.month) == (2021, 12)
    findings = list(assessment.findings.order_by("position"))
    assert [f.sentence for f in findings] == seed_table()  # the county's 23 lines, in order
    by_name = {f.name: f for f in findings}
    # Counted by hand with the normal approximation to the exact test, z = (x2 - x1) / √(x1 + x2):
    # ASB 2262 against 2581, z = -319 / 69.6 = -4.6: a significant fall;
    # theft other 1169 against 958, z = 211 / 46.1 = 4.6: a significant rise;
    # robbery 67 against 51, z = 16 / 10.9 = 1.5, and all crime 7002 against 7056,
    # z = -54 / 118.6 = -0.46: within normal variation.
    assert by_name["Anti-social behaviour"].verdict == Verdict.FALL
    assert by_name["Theft other"].verdict == Verdict.RISE
    assert by_name["Robbery"].verdict == Verdict.NORMAL
    assert by_name["All crime"].verdict == Verdict.NORMAL
    assert 0.1 < by_name["Robbery"].p_value < 0.2
    assert by_name["Robbery"].source.startswith("Other sources")

    page = signed_in(analyst).get(answer["Location"]).content.decode()
    assert "Robbery 67 offences, 16 more 31.4%" in page
    assert "Significant rise" in page
    assert "Within normal variation" in page
    event = AuditEvent.objects.get(object_type="assessments.strategicassessment")
    assert event.reason.startswith("23 findings drafted from the data")


def test_no_finding_rests_on_part_of_a_period(signed_in, analyst, partnership):
    # The real sample holds October to December 2018 of Hertfordshire: 2018 against 2017 is
    # refused, December against November is drawn.
    crime_services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    draft(signed_in, analyst, title="Refused", period="2018")
    refused = StrategicAssessment.objects.get(title="Refused")
    assert not refused.findings.exists()
    notes = " ".join(refused.rests_on["refused"])
    assert "holds 3 of its 12 months of Hertfordshire Constabulary data" in notes
    page = signed_in(analyst).get(reverse("assessments:detail", args=["hertsmere", refused.pk]))
    assert "no finding rests on part of a period" in page.content.decode()

    draft(signed_in, analyst, title="December", period="2018-12", against="2018-11")
    december = StrategicAssessment.objects.get(title="December")
    all_crime = december.findings.get(key="all-crime")
    assert all_crime.source.startswith("police.uk street-level crime and ASB, Hertfordshire")
    assert all_crime.verdict in (Verdict.RISE, Verdict.FALL, Verdict.NORMAL)
    assert december.rests_on["police_uk"][0]["complete"] is True
    page = signed_in(analyst).get(reverse("assessments:detail", args=["hertsmere", december.pk]))
    assert (
        "police.uk street-level crime and ASB, Hertfordshire Constabulary: all 1 month of "
        "December 2018 held" in page.content.decode()
    )


def test_editing_a_finding_withdraws_its_approval_and_the_agreed_assessment_is_kept(
    signed_in, analyst, coordinator, figures_2022
):
    draft(signed_in, analyst)
    assessment = StrategicAssessment.objects.get()
    robbery = assessment.findings.get(name="Robbery")
    address = reverse("assessments:finding-edit", args=["hertsmere", assessment.pk, robbery.pk])
    form = {
        "name": "Robbery",
        "sentence": robbery.sentence,
        "source": robbery.source,
        "marking": "official",
        "approved": "on",
    }
    signed_in(analyst).post(address, form)
    robbery.refresh_from_db()
    assert robbery.approved_by == analyst
    signed_in(analyst).post(address, form | {"approved": "", "sentence": "Robbery rose by 16."})
    robbery.refresh_from_db()
    assert (robbery.sentence, robbery.approved_at) == ("Robbery rose by 16.", None)

    # Only a coordinator records the board's agreement; then nothing changes.
    agree = reverse("assessments:agree", args=["hertsmere", assessment.pk])
    assert signed_in(analyst).post(agree, {}).status_code == 403
    answer = signed_in(coordinator).post(
        agree,
        {
            "agreed_on_day": "12",
            "agreed_on_month": "1",
            "agreed_on_year": "2023",
            "agreed_at": "Board meeting",
        },
    )
    assert answer.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_agreed
    assert assessment.agreed_by == coordinator
    answer = signed_in(analyst).post(address, form | {"sentence": "Changed after agreement"})
    assert "The board has agreed this assessment" in answer.content.decode()
    robbery.refresh_from_db()
    assert robbery.sentence == "Robbery rose by 16."
    with pytest.raises(ValidationError):
        services.risk_add(
            actor=analyst, assessment=assessment, kind="top", title="Late", position=1
        )


def test_sensitive_findings_and_risks_are_for_the_partnerships_members_only(
    signed_in, analyst, viewer, outsider, figures_2022
):
    draft(signed_in, analyst)
    assessment = StrategicAssessment.objects.get()
    robbery = assessment.findings.get(name="Robbery")
    signed_in(analyst).post(
        reverse("assessments:finding-edit", args=["hertsmere", assessment.pk, robbery.pk]),
        {
            "name": "Robbery",
            "sentence": f"Linked to a named group {CANARY}",
            "marking": "official_sensitive",
        },
    )
    signed_in(analyst).post(
        reverse("assessments:risk-add", args=["hertsmere", assessment.pk]),
        {"kind": "emerging", "title": f"County line {CANARY}", "marking": "official_sensitive"},
    )
    detail = reverse("assessments:detail", args=["hertsmere", assessment.pk])
    shown = signed_in(viewer).get(detail).content.decode()
    # A board member of the partnership sees both, marked.
    assert f"Linked to a named group {CANARY}" in shown
    assert f"County line {CANARY}" in shown
    assert "OFFICIAL-SENSITIVE" in shown
    assert signed_in(outsider).get(detail).status_code in (403, 404)
    assert Finding.objects.not_sensitive().filter(sentence__contains=CANARY).count() == 0


def test_a_viewer_reads_but_cannot_draft_and_a_bad_period_is_named(
    signed_in, viewer, analyst, figures_2022
):
    assert draft(signed_in, viewer).status_code == 403
    answer = draft(signed_in, analyst, period="last year")
    assert answer.status_code == 200
    assert re.search(r"govuk-error-summary.*Period assessed", answer.content.decode(), re.S)
    assert not StrategicAssessment.objects.exists()
    listing = signed_in(viewer).get(reverse("assessments:list", args=["hertsmere"]))
    assert "Draft an assessment from the data" not in listing.content.decode()


def test_the_draft_form_sent_twice_drafts_once(signed_in, analyst, figures_2022):
    client = signed_in(analyst)
    page = client.get(reverse("assessments:draft", args=["hertsmere"])).content.decode()
    token = re.search(r'name="submission_token" value="([0-9a-f]+)"', page).group(1)
    form = {"submission_token": token, "title": "SA 2022", "period": "2022"}
    first = client.post(reverse("assessments:draft", args=["hertsmere"]), form)
    again = client.post(reverse("assessments:draft", args=["hertsmere"]), form)
    assert first["Location"] == again["Location"]
    assert StrategicAssessment.objects.count() == 1
    assert Period.parse("2022").start == StrategicAssessment.objects.get().period_start


def test_the_forms_show_no_problem_before_anything_is_sent(signed_in, coordinator, figures_2022):
    """Found looking at the finding's page: an empty "There is a problem" box on every form."""
    assessment = services.assessment_draft(
        actor=coordinator,
        partnership=figures_2022,
        title="SA 2022",
        period=Period.parse("2022"),
        against=Period.parse("2021"),
    )
    finding = assessment.findings.first()
    base = f"/partnerships/hertsmere/assessments/{assessment.pk}"
    client = signed_in(coordinator)
    for address in [
        "/partnerships/hertsmere/assessments/draft/",
        f"{base}/findings/{finding.pk}/",
        f"{base}/risks/add/",
        f"{base}/agree/",
    ]:
        page = client.get(address).content.decode()
        assert "There is a problem" not in page, address


def test_a_refused_form_shows_its_problems_once(signed_in, coordinator, figures_2022):
    """Found looking at the pasted-table page: the page's own error summary and the layout's
    one, twice over, on every assessment form."""
    assessment = services.assessment_draft(
        actor=coordinator,
        partnership=figures_2022,
        title="SA 2022",
        period=Period.parse("2022"),
        against=Period.parse("2021"),
    )
    finding = assessment.findings.first()
    base = f"/partnerships/hertsmere/assessments/{assessment.pk}"
    client = signed_in(coordinator)
    for address in [
        "/partnerships/hertsmere/assessments/draft/",
        f"{base}/findings/{finding.pk}/",
        f"{base}/findings/add/",
        f"{base}/risks/add/",
        f"{base}/recommendations/add/",
        f"{base}/agree/",
    ]:
        # sent with nothing filled in (an empty POST would not bind the form)
        page = client.post(address, {"sent": "1"}).content.decode()
        assert page.count("There is a problem") == 1, address
