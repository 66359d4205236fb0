"""The public form's words in the reader's language (ADR 0032). A consultation keeps its
questions in English, as generated from its plan; the form shows each in the page's language:
the generated wording translated, the plan's own words (an aim, a priority's title) as the
partnership wrote them, marked English on a Welsh page (lang="en")."""

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from saferplan.core import languages
from saferplan.core.templatetags.saferplan import own_words, own_words_in

from .models import Question
from .questions import AGE_BANDS, CONNECTIONS, PREFER_NOT_TO_SAY

# The about-you answers saferplan generated (translated); any other is an area the
# partnership typed, its own words.
GENERATED_CHOICES = frozenset([*AGE_BANDS, *CONNECTIONS, PREFER_NOT_TO_SAY])


def words_in(message: str, *, own: dict[str, str], **plain) -> SafeString:
    """A translated message with the partnership's words and saferplan's own values in its
    %(name)s places (core's own_words_in): safe HTML for a confirmation or heading."""
    return own_words_in(message, plain=plain, **own)


def subject_key(
    *, aim_id: int | None = None, priority_id: int | None = None, field: str = "title"
) -> str:
    """How the published plan's Welsh names an aim's words or a priority's (public.welsh)."""
    if aim_id is not None:
        return f"plans.aim:{aim_id}:text"
    return f"plans.priority:{priority_id}:{field}"


def _key(question: Question, field: str) -> str:
    return subject_key(aim_id=question.aim_id, priority_id=question.priority_id, field=field)


def subjects_in_welsh(partnership, subjects: dict[str, str]) -> dict[str, languages.Text]:
    """The partnership's own Welsh of the aims' and priorities' words, by subject_key, on a
    Welsh page (else none): each knows it is Welsh, so it is not marked as English."""
    if translation.get_language() != "cy":
        return {}
    return {
        key: languages.in_language(welsh, "cy")
        for key, welsh in languages.own_welsh(partnership, subjects).items()
    }


def plan_welsh(consultation, questions: list[Question]) -> dict[str, str]:
    """The partnership's own Welsh of the aims and priorities its questions quote (when it
    publishes in Welsh and the page is Welsh): one read for a page of questions."""
    if translation.get_language() != "cy":
        return {}
    wanted = {}
    for question in questions:
        if question.aim is not None:
            wanted[_key(question, "text")] = question.aim.text
        elif question.priority is not None:
            wanted[_key(question, "title")] = question.priority.title
            wanted[_key(question, "description")] = question.priority.description
    return languages.own_welsh(consultation.partnership, wanted)


def _plan_words(text: str, welsh: str = "") -> SafeString:
    """The plan's words: its Welsh on a Welsh page when the partnership wrote it, else as
    written, marked English on a Welsh page."""
    if welsh:
        return conditional_escape(welsh)
    if translation.get_language() == "cy":
        return format_html('<span lang="en">{}</span>', text)
    return conditional_escape(text)


def question_text(question: Question, welsh: dict[str, str] | None = None) -> SafeString:
    """ "How relevant is priority 2: Prevent knife crime?" in the page's language."""
    welsh = welsh or {}
    aim, priority = question.aim, question.priority
    if aim is not None or priority is not None:
        if aim is not None:
            wording = gettext("How relevant is aim %(number)s: %(words)s?")
            number, words = aim.number, aim.text
        elif priority is not None:
            wording = gettext("How relevant is priority %(number)s: %(words)s?")
            number, words = priority.number, priority.title
        own = welsh.get(_key(question, "title"), "")
        # The wording is the translators', escaped; the plan's words are escaped in their span.
        return mark_safe(  # noqa: S308
            conditional_escape(wording)
            % {"number": number, "words": _plan_words(words.rstrip(";."), own.rstrip(";."))}
        )
    translated = gettext(question.text)
    if translated == question.text:  # not one saferplan wrote: as written, marked on a Welsh page
        return _plan_words(question.text)
    return conditional_escape(translated)


def hint(question: Question, welsh: dict[str, str] | None = None) -> SafeString:
    if not question.hint:
        return SafeString("")
    own = (welsh or {}).get(_key(question, "description"), "") if question.priority else ""
    return _plan_words(question.hint, own[:500])


def choice_label(choice: str) -> str:
    """A choice of an about-you question: the generated ones translated ("Prefer not to say"),
    the areas the partnership typed (place names) as they are, a `languages.Text` so that a
    form's option marks them with their language on a Welsh page."""
    if choice in GENERATED_CHOICES:
        return gettext(choice)
    return languages.Text(choice)


def choice_html(choice: str) -> SafeString:
    """choice_label for a page: an area the partnership typed marked with its language."""
    if choice in GENERATED_CHOICES:
        return conditional_escape(gettext(choice))
    return own_words(choice)


def label(question: Question) -> str:
    """ "Priority 4", "Aim 2" in the page's language, heading a results table's row."""
    if question.priority is not None:
        return gettext("Priority %(number)s") % {"number": question.priority.number}
    if question.aim is not None:
        return gettext("Aim %(number)s") % {"number": question.aim.number}
    return gettext(question.text)


def short_label(question: Question) -> str:
    if question.priority is not None:
        return gettext("priority %(number)s") % {"number": question.priority.number}
    if question.aim is not None:
        return gettext("aim %(number)s") % {"number": question.aim.number}
    return gettext(question.text)
