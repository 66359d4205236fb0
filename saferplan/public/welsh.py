"""The published plan in Welsh (ADR 0032): the texts of it a partnership writes in Welsh — its
plan's title, introduction and sections, its aims, its priorities and what it will do under
them (OFFICIAL actions only), its achievements, its own glossary and its contacts' notes — and
the Welsh laid over them for the Welsh page and its PDF and Word documents. A text without its
Welsh stays in English there, marked as English."""

import hashlib
from dataclasses import dataclass

from saferplan.core import languages
from saferplan.plans.selectors.narrative import SECTIONS


def Welsh(text: str) -> languages.Text:  # noqa: N802 - reads as the kind of text it makes
    """Text the partnership wrote in Welsh: the templates' filters and the Word builder read
    its language from it (core.languages.paragraphs)."""
    return languages.in_language(text, "cy")


@dataclass(frozen=True)
class Source:
    key: str  # "plans.plan:12:foreword": the model, the record and the field
    label: str  # what the coordinator sees: "Foreword", "Priority 2: its title"
    english: str
    record: object
    field: str


def _source(record, field: str, label: str) -> Source | None:
    english = getattr(record, field) or ""
    if not str(english).strip():
        return None
    key = f"{record._meta.label_lower}:{record.pk}:{field}"
    return Source(key, label, str(english), record, field)


def sources(*, plan, aims, priorities, achievements, glossary_terms, contacts) -> list[Source]:
    """The texts of the published plan a partnership can write in Welsh, in the page's order."""
    found: list[Source | None] = []
    if plan is not None:
        found.append(_source(plan, "title", "Title"))
        found.append(_source(plan, "introduction", "Introduction"))
        found += [_source(plan, name, str(heading)) for name, _, heading, _ in SECTIONS]
        if plan.foreword_photo_id:
            found.append(
                _source(plan, "foreword_photo_alt", "Foreword: the photograph's description")
            )
    found += [_source(aim, "text", f"Aim {aim.number}") for aim in aims]
    for priority in priorities:
        found.append(_source(priority, "title", f"Priority {priority.number}: its title"))
        found.append(_source(priority, "description", f"Priority {priority.number}: what it is"))
        for position, action in enumerate(getattr(priority, "public_actions", []), start=1):
            label = f"Priority {priority.number}: what we will do ({position})"
            found.append(_source(action, "title", label))
        found.append(
            _source(priority, "desired_outcomes", f"Priority {priority.number}: measuring success")
        )
    for achievement in achievements:
        found.append(_source(achievement, "theme", f"Achievement “{achievement.title}”: its aim"))
        found.append(_source(achievement, "title", f"Achievement “{achievement.title}”: its title"))
        found.append(_source(achievement, "text", f"Achievement “{achievement.title}”: its text"))
    for term in glossary_terms:
        found.append(_source(term, "term", f"Glossary: “{term.term}”"))
        found.append(_source(term, "definition", f"Glossary: “{term.term}”, its definition"))
    found += [_source(contact, "notes", f"Contact “{contact.name}”: notes") for contact in contacts]
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
