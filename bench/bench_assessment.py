"""The strategic assessment over five years of police.uk data (issue 23).

Hertfordshire's October 2018 file of the sample imported as each of the 60 months from
January 2014 to December 2018 (`saferplan import-police-uk`, as bench_crime.py does).
Measures drafting Hertsmere's 2018 assessment
against 2017 (every finding with its five-year trend, each change tested, the emerging risks
read from 36 months, the matrix's issues suggested) and the assessment's page and matrix page
(in-process, through every middleware and the template), with the similar partnerships page
of the crime section. Targets: drafting under 2 s, each
page under 200 ms. No peer product drafts an assessment: the targets are the issue's.

    .venv/bin/python bench/bench_assessment.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench .venv/bin/python bench/bench_assessment.py
"""

import statistics
from decimal import Decimal

from harness import Report, measure, p95, setup_django
from police_data import five_years_of_hertfordshire, import_in_child

database = setup_django()

from django.test import Client

from saferplan.accounts.models import Membership, Role, User
from saferplan.assessments.services import assessment_draft
from saferplan.crimedata.periods import Period
from saferplan.partnerships.models import Partnership, PoliceForce


def main() -> None:
    import_in_child(five_years_of_hertfordshire())
    hertsmere = Partnership.objects.create(
        name="Hertsmere Community Safety Partnership",
        slug="hertsmere-assessment-bench",
        police_force=PoliceForce.HERTFORDSHIRE,
        districts=["Hertsmere"],
        population=107_800,
        area_sq_km=Decimal("101.2"),
    )
    # Its neighbours, so that the assessment page sets it beside its most similar peers.
    for name, district, population, area in [
        ("Three Rivers", "Three Rivers", 93_300, "88.8"),
        ("Dacorum", "Dacorum", 155_100, "212.5"),
        ("East Herts", "East Hertfordshire", 151_100, "475.7"),
    ]:
        Partnership.objects.create(
            name=f"{name} Community Safety Partnership (bench)",
            slug=f"{name.lower().replace(' ', '-')}-assessment-bench",
            police_force=PoliceForce.HERTFORDSHIRE,
            districts=[district],
            population=population,
            area_sq_km=Decimal(area),
        )
    analyst = User.objects.create_user(
        email="analyst-bench@example.org", password="bench-password-long", full_name="Analyst"
    )
    Membership.objects.create(user=analyst, partnership=hertsmere, role=Role.ANALYST)

    made = []

    def draft():
        made.append(
            assessment_draft(
                actor=analyst,
                partnership=hertsmere,
                title=f"Strategic Assessment 2018 ({len(made)})",
                period=Period.parse("2018"),
                against=Period.parse("2017"),
            )
        )

    drafting = measure(draft, warmup=1, repeat=10)
    assessment = made[-1]
    client = Client(HTTP_HOST="localhost")
    client.force_login(analyst)
    base = f"/partnerships/{hertsmere.slug}/assessments/{assessment.pk}/"
    assert client.get(base).status_code == 200
    assert client.get(base + "matrix/").status_code == 200
    peers_page = f"/partnerships/{hertsmere.slug}/crime/peers/?period=2018"
    assert ">Dacorum" in client.get(base).content.decode()  # beside its peers
    assert client.get(peers_page).status_code == 200
    page = measure(lambda: client.get(base), warmup=5, repeat=50)
    peers = measure(lambda: client.get(peers_page), warmup=5, repeat=50)
    matrix = measure(lambda: client.get(base + "matrix/"), warmup=5, repeat=50)

    report = Report(f"Strategic assessment, 60 months of police.uk data, on {database}")
    report.figure(
        f"findings drafted ({assessment.findings.count()}, "
        f"{assessment.findings.exclude(history=[]).count()} with a 5-year trend)",
        assessment.findings.count(),
        float("inf"),
        "",
    )
    report.figure("drafting the assessment, median", statistics.median(drafting), 2000, "ms")
    report.figure("assessment page, median", statistics.median(page), 200, "ms")
    report.figure("assessment page, 95th percentile", p95(page), 200, "ms")
    report.figure("matrix page, median", statistics.median(matrix), 200, "ms")
    report.figure("matrix page, 95th percentile", p95(matrix), 200, "ms")
    report.figure("similar partnerships page, median", statistics.median(peers), 200, "ms")
    report.figure("similar partnerships page, 95th percentile", p95(peers), 200, "ms")
    report.finish()


if __name__ == "__main__":
    main()
