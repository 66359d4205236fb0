"""The questions a consultation asks, generated from its plan's aims and priorities."""

from django.utils.translation import gettext_noop as _

from .models import AboutYou, QuestionKind, Section

# The generated questions' words are stored in English with each consultation and shown in
# the reader's language (consultations/shown.py): _() marks them for the translators.

MORE_TO_DO = _(
    "What more could the partnership do to address these priorities, and are there any other "
    "areas it should consider?"
)
AIMS_COMMENTS = _(
    "Is there anything else you would like the partnership to consider about its aims?"
)

PREFER_NOT_TO_SAY = _("Prefer not to say")
AGE_BANDS = [
    _("Under 18"),
    _("18 to 24"),
    _("25 to 34"),
    _("35 to 44"),
    _("45 to 54"),
    _("55 to 64"),
    _("65 to 74"),
    _("75 or over"),
    PREFER_NOT_TO_SAY,
]
CONNECTIONS = [
    _("I live here"),
    _("I work here"),
    _("I study here"),
    _("I visit or pass through"),
    _("Other"),
    PREFER_NOT_TO_SAY,
]
ABOUT_YOU_TEXT = {
    AboutYou.AREA: _("Which area do you live in, or have the closest connection to?"),
    AboutYou.AGE_BAND: _("How old are you?"),
    AboutYou.CONNECTION: _("What is your connection to the area?"),
}

DEFAULT_PRIVACY_NOTICE = (
    "{partnership} collects your answers to understand what matters to people who live, work "
    "and study in the area and to agree its priorities. You do not have to give your name. "
    "If you choose to leave contact details, they are used only to reply to you and are not "
    "shared. Answers are kept until the end of the plan they inform and then deleted. "
    "Comments may be published in summary; your own words are quoted only after they have "
    "been read and anything that could identify anyone removed. To ask about your "
    "information, contact the partnership's community safety team."
)


def generated_questions(plan, *, about_you: list[str], areas: list[str]) -> list[dict]:
    """The questions for a consultation on `plan`, in the order the form asks them."""
    questions: list[dict] = []
    for aim in plan.aims.all():
        questions.append(
            {
                "section": Section.AIMS,
                "kind": QuestionKind.RELEVANCE,
                "text": f"How relevant is aim {aim.number}: {aim.text.rstrip(';.')}?",
                "aim": aim,
            }
        )
    if questions:
        questions.append(
            {"section": Section.AIMS, "kind": QuestionKind.FREE_TEXT, "text": AIMS_COMMENTS}
        )
    for priority in plan.priorities.filter(is_cross_cutting=False):
        questions.append(
            {
                "section": Section.PRIORITIES,
                "kind": QuestionKind.RELEVANCE,
                "text": f"How relevant is priority {priority.number}: {priority.title.rstrip(';.')}?",
                "hint": priority.description[:500],
                "priority": priority,
            }
        )
    questions.append({"section": Section.VIEWS, "kind": QuestionKind.FREE_TEXT, "text": MORE_TO_DO})
    choices = {
        AboutYou.AREA: [*areas, PREFER_NOT_TO_SAY],
        AboutYou.AGE_BAND: AGE_BANDS,
        AboutYou.CONNECTION: CONNECTIONS,
    }
    for about in AboutYou:
        if about in about_you:
            questions.append(
                {
                    "section": Section.ABOUT_YOU,
                    "kind": QuestionKind.CHOICE,
                    "text": ABOUT_YOU_TEXT[about],
                    "about": about,
                    "choices": choices[about],
                }
            )
    for position, question in enumerate(questions, start=1):
        question["position"] = position
    return questions
