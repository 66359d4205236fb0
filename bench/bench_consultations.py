"""Consultations at the scale of a big survey (issue 7): 10,000 respondents.

In one run: a consultation on a plan of three aims and six priorities asks about area and
age; a survey export of 10,000 rows (generated here: each row answers every relevance
question, the about-you questions and, in its own words, "what more could the partnership
do", built from phrases about seed 002's 16 themes) is imported through the product's
import; themes are suggested for the 10,000 free-text answers; the results page is
requested as a signed-in board member would, with and without a breakdown by area.
Targets: theming 10,000 answers under 30 s; the results page under 200 ms.

    .venv/bin/python bench/bench_consultations.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench .venv/bin/python bench/bench_consultations.py
"""

import csv
import datetime
import io
import random
import statistics
import time

from harness import Report, measure, p95, setup_django

database = setup_django()

from django.test import Client

from saferplan.accounts.models import Membership, User
from saferplan.consultations import selectors, services
from saferplan.consultations.survey_csv import guess_mapping, read_survey
from saferplan.consultations.theming import suggest_themes
from saferplan.partnerships.models import Partnership, PoliceForce
from saferplan.plans.models import Aim, Plan, Priority

RESPONDENTS = 10_000
AREAS = ["Borehamwood", "Bushey", "Potters Bar", "Radlett", "Shenley", "Elstree"]
# Seed 002's 16 themes, each with things people say about it.
SAYINGS = {
    "Anti-social behaviour": [
        "groups of teenagers causing trouble outside the shops",
        "motorbikes on the playing fields",
        "noise and nuisance from neighbours late at night",
    ],
    "Health": [
        "mental health support for people in crisis",
        "help for people with addictions",
        "more GP and health visitor involvement",
    ],
    "Communication": [
        "tell residents what you are doing",
        "better updates from the council and police",
        "publish crime figures for each ward",
    ],
    "Safeguarding": [
        "protect vulnerable adults from scams",
        "look out for older people living alone",
        "safeguarding training for shop staff",
    ],
    "Education": [
        "talk to pupils in schools about knife crime",
        "online safety lessons for children",
        "educate parents about county lines",
    ],
    "Violent crime": [
        "knife crime is getting worse",
        "stabbings near the station",
        "tackle violent gangs in the town",
    ],
    "Road safety": [
        "speeding cars on the high street",
        "speed cameras near the primary school",
        "dangerous parking on the zig zags",
    ],
    "Community engagement": [
        "meetings where residents can meet local officers",
        "community events to bring neighbours together",
        "listen to residents' associations",
    ],
    "Support": [
        "more support for victims of domestic abuse",
        "quicker help for victims of crime",
        "refuge places for women and children",
    ],
    "Early intervention": [
        "work with families before children get into trouble",
        "mentoring for young people at risk",
        "intervene early with troubled families",
    ],
    "Young people": [
        "youth clubs and activities in the evenings",
        "somewhere safe for teenagers to go",
        "youth workers on the streets",
    ],
    "Police presence": [
        "more police officers on foot in the town centre",
        "visible policing at night",
        "PCSOs patrolling the estates",
    ],
    "CCTV": [
        "CCTV cameras in the car park",
        "make sure someone monitors the cameras",
        "more cameras at the station",
    ],
    "Street lighting": [
        "better street lighting on the footpaths",
        "the alleyways are too dark at night",
        "broken street lights not repaired for months",
    ],
    "Crime prevention": [
        "crime prevention advice about burglary",
        "neighbourhood watch schemes",
        "advice for older people about doorstep fraud",
    ],
    "Tackling crime": [
        "catch the shoplifters on the parade",
        "deal with drug dealing in the park",
        "prosecute the burglars",
    ],
}
OPENINGS = [
    "",
    "I think we need ",
    "Please ",
    "More needs to be done: ",
    "In my area, ",
    "The partnership should look at ",
]
SCALE = [
    "Very relevant",
    "Fairly relevant",
    "Not very relevant",
    "Not at all relevant",
    "Don't know",
]


def a_comment(rng: random.Random) -> str:
    themes = rng.sample(list(SAYINGS), k=1 if rng.random() < 0.7 else 2)
    parts = [rng.choice(SAYINGS[t]) for t in themes]
    return (rng.choice(OPENINGS) + " and ".join(parts) + ".").strip().capitalize()


def survey_export(questions) -> bytes:
    rng = random.Random(2023)
    relevance = [q for q in questions if q.kind == "relevance"]
    more = next(q for q in questions if q.section == "views")
    headings = [
        "ID",
        "Completion time",
        *[q.text for q in relevance],
        more.text,
        "Which area do you live in?",
        "How old are you?",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for n in range(RESPONDENTS):
        sent = datetime.datetime(2023, 1, 9, 9) + datetime.timedelta(minutes=6 * n)
        writer.writerow([
            n + 1,
            f"{sent:%d/%m/%Y %H:%M:%S}",
            *[rng.choices(SCALE, weights=[55, 33, 6, 3, 3])[0] for _ in relevance],
            a_comment(rng),
            rng.choice(AREAS),
            rng.choice(["18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 to 74", "75 or over"]),
        ])  # fmt: skip
    return buffer.getvalue().encode()


def main() -> None:
    out = Report(f"Consultations, {RESPONDENTS:,} respondents, on {database}")
    admin = User.objects.create_superuser(
        email="bench@example.org", password="x" * 16, full_name="Bench"
    )
    partnership = Partnership.objects.create(
        name="Hertsmere Community Safety Partnership",
        slug="hertsmere",
        police_force=PoliceForce.HERTFORDSHIRE,
    )
    plan = Plan.objects.create(
        partnership=partnership, kind="strategic", title="Partnership Plan 2023-27",
        period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2027, 3, 31),
    )  # fmt: skip
    for number, text in enumerate(
        ["Safer environments", "Safeguard vulnerable people", "Feelings of safety"], 1
    ):
        Aim.objects.create(plan=plan, number=number, text=text)
    for number in range(1, 7):
        Priority.objects.create(plan=plan, number=number, title=f"Priority {number}")
    consultation = services.consultation_create(
        actor=admin, partnership=partnership, plan=plan, title="Survey", privacy_notice="x",
        opens_on=datetime.date(2023, 1, 9), closes_on=datetime.date(2023, 2, 19),
        about_you=["area", "age-band"], areas=AREAS,
    )  # fmt: skip
    questions = selectors.questions_of(consultation)
    content = survey_export(questions)

    started = time.perf_counter()
    pending = services.response_import_create(actor=admin, consultation=consultation, file_name="export.csv", content=content)  # fmt: skip
    mapping = guess_mapping(read_survey("export.csv", content), questions)
    count = services.response_import_confirm(actor=admin, pending=pending, mapping=mapping)
    out.figure(f"Import of the survey export ({count:,} rows, {len(content) // 1024:,} KB)",
               (time.perf_counter() - started) * 1000, float("inf"), "ms")  # fmt: skip

    more = selectors.free_text_questions(consultation)[0]
    texts = list(more.answers.values_list("text", flat=True))
    started = time.perf_counter()
    suggestions = suggest_themes(texts, 16)
    out.figure(f"Suggest 16 themes for {len(texts):,} answers (TF-IDF + NMF alone)",
               (time.perf_counter() - started) * 1000, float("inf"), "ms")  # fmt: skip
    started = time.perf_counter()
    themes = services.themes_suggest(actor=admin, question=more, count=16)
    out.figure(f"Theming {len(texts):,} answers, saved ({len(themes)} themes)",
               (time.perf_counter() - started) * 1000, 30_000, "ms")  # fmt: skip
    print("  themes suggested: " + "; ".join(s.name for s in suggestions))

    viewer = User.objects.create_user(
        email="board@example.org", password="x" * 16, full_name="Board member"
    )
    Membership.objects.create(user=viewer, partnership=partnership, role="viewer")
    client = Client()
    client.force_login(viewer)
    url = f"/partnerships/hertsmere/consultations/{consultation.pk}/"

    def page(path):
        response = client.get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code

    for label, path in (
        ("Results page", url),
        ("Results page broken down by area", url + "?by=area"),
    ):
        timings = measure(lambda path=path: page(path), warmup=3, repeat=30)
        out.figure(f"{label}: median", statistics.median(timings), 200, "ms")
        out.figure(f"{label}: 95th percentile", p95(timings), float("inf"), "ms")
    out.finish()


if __name__ == "__main__":
    main()
