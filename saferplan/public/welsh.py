"""The published plan in Welsh (ADR 0032): the texts of it a partnership writes in Welsh — its
plan's title, introduction and sections, its aims, its priorities and what it will do under
them (OFFICIAL actions only), its achievements, its own glossary and its contacts' notes — and
the Welsh laid over them for the Welsh page and its PDF and Word documents. A text without its
Welsh stays in English there, marked as English."""

import hashlib
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from saferplan.core import languages
from saferplan.core.templatetags.saferplan import own_words
from saferplan.plans.selectors.narrative import SECTIONS


def Welsh(text: str) -> languages.Text:  # noqa: N802 - reads as the kind of text it makes
    """Text the partnership wrote in Welsh: the templates' filters and the Word builder read
    its language from it (core.languages.paragraphs)."""
    return languages.in_language(text, "cy")


class Label:
    """What the coordinator sees of a text ("Priority 2: its title"), in the language active
    when it is shown: the Welsh page's label in Welsh, the audit log's in English. Printed in a
    template, the partnership's words in it (an achievement's title, a term, a contact's name)
    are marked with their language on a Welsh page (own_words)."""

    def __init__(
        self, message: str | Promise, *, own: dict[str, str] | None = None, **numbers: int
    ):
        self.message = message  # a msgid (gettext_noop), or a heading translated lazily
        self.own = own or {}
        self.numbers = numbers

    def __str__(self) -> str:
        return gettext(str(self.message)) % {**self.numbers, **self.own}

    def __html__(self) -> SafeString:
        marked = {name: own_words(value) for name, value in self.own.items()}  # each escaped
        wording = conditional_escape(gettext(str(self.message)))
        return mark_safe(wording % {**self.numbers, **marked})  # noqa: S308 - all parts escaped

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"Label({str(self)!r})"


@dataclass(frozen=True)
class Source:
    key: str  # "plans.plan:12:foreword": the model, the record and the field
    label: Label  # what the coordinator sees: "Foreword", "Priority 2: its title"
    english: str
    record: object
    field: str


def _source(record, field: str, label: Label) -> Source | None:
    english = getattr(record, field) or ""
    if not str(english).strip():
        return None
    key = f"{record._meta.label_lower}:{record.pk}:{field}"
    return Source(key, label, str(english), record, field)


def sources(*, plan, aims, priorities, achievements, glossary_terms, contacts) -> list[Source]:
    """The texts of the published plan a partnership can write in Welsh, in the page's order."""
    found: list[Source | None] = []
    if plan is not None:
        found.append(_source(plan, "title", Label(gettext_noop("Title"))))
        found.append(_source(plan, "introduction", Label(gettext_noop("Introduction"))))
        found += [_source(plan, name, Label(heading)) for name, _, heading, _ in SECTIONS]
        if plan.foreword_photo_id:
            described = Label(gettext_noop("Foreword: the photograph's description"))
            found.append(_source(plan, "foreword_photo_alt", described))
    found += [
        _source(aim, "text", Label(gettext_noop("Aim %(number)s"), number=aim.number))
        for aim in aims
    ]
    for priority in priorities:
        number = priority.number
        found.append(
            _source(
                priority,
                "title",
                Label(gettext_noop("Priority %(number)s: its title"), number=number),
            )
        )
        found.append(
            _source(
                priority,
                "description",
                Label(gettext_noop("Priority %(number)s: what it is"), number=number),
            )
        )
        for position, action in enumerate(getattr(priority, "public_actions", []), start=1):
            label = Label(
                gettext_noop("Priority %(number)s: what we will do (%(position)s)"),
                number=number,
                position=position,
            )
            found.append(_source(action, "title", label))
        found.append(
            _source(
                priority,
                "desired_outcomes",
                Label(gettext_noop("Priority %(number)s: measuring success"), number=number),
            )
        )
    for achievement in achievements:
        own = {"title": achievement.title}
        found.append(
            _source(
                achievement,
                "theme",
                Label(gettext_noop("Achievement “%(title)s”: its aim"), own=own),
            )
        )
        found.append(
            _source(
                achievement,
                "title",
                Label(gettext_noop("Achievement “%(title)s”: its title"), own=own),
            )
        )
        found.append(
            _source(
                achievement,
                "text",
                Label(gettext_noop("Achievement “%(title)s”: its text"), own=own),
            )
        )
    for term in glossary_terms:
        own = {"term": term.term}
        found.append(_source(term, "term", Label(gettext_noop("Glossary: “%(term)s”"), own=own)))
        found.append(
            _source(
                term,
                "definition",
                Label(gettext_noop("Glossary: “%(term)s”, its definition"), own=own),
            )
        )
    found += [
        _source(
            contact,
            "notes",
            Label(gettext_noop("Contact “%(name)s”: notes"), own={"name": contact.name}),
        )
        for contact in contacts
    ]
    # The same theme (an aim) on several achievements is written once.
    seen: set[tuple[str, str]] = set()
    unique = []
    for source in found:
        if source is None:
            continue
        if source.field == "theme" and (source.field, source.english) in seen:
            continue
        seen.add((source.field, source.english))
        unique.append(source)
    return unique


def fingerprint(english: str) -> str:
    return hashlib.sha256(str(english).encode()).hexdigest()


def current(source: Source, written: tuple[str, str] | None) -> str:
    """The Welsh written for `source` ((text, fingerprint of its English)), or "" when there is
    none or the English has changed since it was written."""
    if written is None or written[1] != fingerprint(source.english):
        return ""
    return written[0].strip()


def lay_over(all_sources: list[Source], texts: dict[str, tuple[str, str]]) -> None:
    """Put each text's Welsh in its place (in memory, for drawing a page or a document: nothing
    is saved). A theme's Welsh goes to every achievement of that theme. Welsh written beside
    English that has changed since is left out: the English shows, marked as English."""
    by_theme: dict[str, str] = {}
    for source in all_sources:
        welsh = current(source, texts.get(source.key))
        if welsh:
            setattr(source.record, source.field, Welsh(welsh))
            if source.field == "theme":
                by_theme[source.english] = welsh
    for source in all_sources:
        if source.field != "theme" and hasattr(source.record, "theme"):
            theme = str(getattr(source.record, "theme", ""))
            if theme in by_theme:
                source.record.theme = Welsh(by_theme[theme])


def own_welsh(partnership, wanted: dict[str, str]) -> dict[str, str]:
    """For core.languages.own_welsh: the partnership's current Welsh of each wanted text (by
    key, beside its English), when it publishes in Welsh."""
    from .models import PublishedLayout, WelshText

    if not PublishedLayout.objects.filter(partnership=partnership, in_welsh=True).exists():
        return {}
    found = {}
    for written in WelshText.objects.filter(partnership=partnership, source__in=list(wanted)):
        if written.text.strip() and written.english == fingerprint(wanted[written.source]):
            found[written.source] = written.text.strip()
    return found
