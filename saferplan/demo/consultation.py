"""Hertsmere's consultation on its Partnership Plan 2023-27 (seed 002: "the survey which
ran for six weeks from January 2023"), with the illustrative survey export in
demo/survey/ imported as Microsoft Forms would give it, themes suggested and one theme
answered in "You said, we did" from seed 002's own "what we will do"."""

import datetime
from pathlib import Path

from saferplan.consultations import selectors, services
from saferplan.consultations.models import Answer
from saferplan.consultations.questions import DEFAULT_PRIVACY_NOTICE
from saferplan.consultations.survey_csv import guess_mapping, read_survey
from saferplan.plans.models import Action, PlanKind

SURVEY = Path(__file__).resolve().parent / "survey" / "hertsmere-survey-microsoft-forms.csv"
# Suggested name → the name seed 002 gave the theme ("grouped into the themes below").
# The suggestions the coordinator read and named as seed 002 named its themes, found by a
# word among their heaviest three (not by the suggested name, which follows the order of
# those words and so can differ between builds of the numerical libraries).
SEED_002_NAMES = {
    "police": "Police presence",
    "cctv": "CCTV",
    "lighting": "Street lighting",
    "young": "Young people",
    "knife crime": "Violent crime",
    "road": "Road safety",
    "advice": "Crime prevention",
}

AREAS = ["Borehamwood", "Bushey", "Potters Bar", "Radlett", "Shenley", "Elstree"]


def load(*, coordinator, analyst, hertsmere) -> None:
    plan = hertsmere.plans.get(kind=PlanKind.STRATEGIC)
    consultation = services.consultation_create(
        actor=coordinator,
        partnership=hertsmere,
        plan=plan,
        title="Partnership Plan 2023 to 2027: are these the right priorities?",
        introduction=(
            "Hertsmere Community Safety Partnership is writing its plan for 2023 to 2027. "
            "Tell us whether its aims and priorities are the right ones, and what more it "
            "could do."
        ),
        privacy_notice=DEFAULT_PRIVACY_NOTICE.format(partnership=hertsmere.name),
        opens_on=datetime.date(2023, 1, 9),
        closes_on=datetime.date(2023, 2, 19),
        about_you=["area", "age-band"],
        areas=AREAS,
    )
    content = SURVEY.read_bytes()
    pending = services.response_import_create(
        actor=analyst, consultation=consultation, file_name=SURVEY.name, content=content
    )
    mapping = guess_mapping(read_survey(SURVEY.name, content), selectors.questions_of(consultation))
    services.response_import_confirm(actor=analyst, pending=pending, mapping=mapping)
    main, *others = selectors.free_text_questions(consultation)
    themes = services.themes_suggest(actor=analyst, question=main, count=8)
    for question in others:
        services.themes_suggest(actor=analyst, question=question, count=3)
    # The rest stay suggestions (and off the published plan).
    for theme in themes:
        named = [name for word, name in SEED_002_NAMES.items() if word in theme.top_words[:3]]
        if named and not any(t.name == named[0] for t in themes if t is not theme):
            services.theme_update(actor=coordinator, theme=theme, name=named[0])
    # One theme answered, from seed 002's priority 6 "what we will do".
    behaviour = next(t for t in themes if any("social" in word for word in t.top_words[:3]))
    patrols = Action.objects.filter(
        priority__plan=plan, title__startswith="Proactively patrol anti-social behaviour"
    )
    services.theme_update(
        actor=coordinator,
        theme=behaviour,
        name="Anti-social behaviour",
        we_did=(
            "Priority 6 of our plan is to increase feelings of safety by reducing anti-social "
            "behaviour, with patrols of the hotspots you told us about."
        ),
        actions=list(patrols),
    )
    quote = Answer.objects.filter(
        themes=behaviour, text__startswith="Anti-social behaviour outside the shops"
    ).first()
    if quote is not None:
        services.answer_approval_set(actor=coordinator, answer=quote, approved=True)
