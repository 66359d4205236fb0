"""A meeting's papers as Word and PDF: the pack sent before it (what was agreed last time and
how it has gone, the agenda with each action's owner, rating and last update) and the minutes
after it (who came and whether it was quorate, the notes, the decisions and the actions they
added). Both are for the partnership's members: marked OFFICIAL-SENSITIVE when anything in
them is."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from saferplan.core import clock
from saferplan.core.documents.pdf import render_pdf
from saferplan.core.documents.word import WordDocument
from saferplan.plans.models import Action, RagRating
from saferplan.plans.selectors import owner_names_by_action

from . import selectors
from .models import AgendaItemKind, Meeting

KINDS = ("pack", "minutes")


@dataclass
class Item:
    text: str
    own: bool  # the partnership's words (an action, a decision), not saferplan's
    lines: list[str] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    paragraphs: str = ""  # the partnership's own text, blank lines between paragraphs
    items: list[Item] = field(default_factory=list)
    numbered: bool = False


@dataclass
class Papers:
    title: str
    meta: str
    sections: list[Section]
    sensitive: bool

    @property
    def marking(self) -> str:
        return "OFFICIAL-SENSITIVE" if self.sensitive else "OFFICIAL"


def _name(meeting: Meeting) -> str:
    day = date_format(meeting.meets_on, "j F Y")
    if meeting.group is None:
        return _("Board meeting, %(day)s") % {"day": day}
    return _("%(group)s meeting, %(day)s") % {"group": meeting.group.name, "day": day}


def _meta(meeting: Meeting) -> str:
    parts = [date_format(meeting.meets_on, "l j F Y")]
    if meeting.starts_at:
        parts[0] += f", {meeting.starts_at:%H:%M}"
    parts += [p for p in (meeting.place, meeting.link, meeting.partnership.name) if p]
    return " · ".join(parts)


def _action_lines(actions: list[Action]) -> dict[int, str]:
    """Each action's owner, rating, due date and last update, as one line of the pack."""
    owners = owner_names_by_action(Q(action_id__in=[a.pk for a in actions]))["organisations"]
    lines = {}
    for action in actions:
        rag = RagRating(action.current_rag).label if action.current_rag else RagRating.WHITE.label
        words = [
            ", ".join(owners.get(action.pk, [])) or action.owner_name or action.owner_text,
            _("RAG: %(rag)s") % {"rag": rag},
        ]
        if action.due_date:
            words.append(_("due %(day)s") % {"day": date_format(action.due_date, "j M Y")})
        if action.last_update_on:
            words.append(
                _("last update %(day)s") % {"day": date_format(action.last_update_on, "j F Y")}
            )
        else:
            words.append(_("no update yet"))
        lines[action.pk] = " · ".join(w for w in words if w)
    return lines


def pack(meeting: Meeting) -> Papers:
    items = list(meeting.agenda_items.prefetch_related("actions"))
    before, agreed = selectors.agreed_last_time(meeting)
    ids = {a.pk for item in items for a in item.actions.all()} | {a.action.pk for a in agreed}
    actions = {a.pk: a for a in Action.objects.filter(pk__in=ids).with_progress()}
    lines = _action_lines(list(actions.values()))
    sections = []
    if before is not None:
        sections.append(
            Section(
                _("Agreed at the last meeting (%(day)s) and its progress")
                % {"day": date_format(before.meets_on, "j F Y")},
                items=[
                    Item(actions[a.action.pk].title, True, [lines[a.action.pk]]) for a in agreed
                ],
            )
        )
    agenda = [
        Item(
            item.title,
            item.kind == AgendaItemKind.MEMBER,
            [f"{actions[a.pk].title} — {lines[a.pk]}" for a in item.actions.all()],
        )
        for item in items
    ]
    sections.append(Section(_("Agenda"), items=agenda, numbered=True))
    papers = list(meeting.papers.all())
    if papers:
        sections.append(
            Section(
                _("Papers"),
                items=[
                    Item(p.name + (" (OFFICIAL-SENSITIVE)" if p.is_sensitive else ""), True)
                    for p in papers
                ],
            )
        )
    sensitive = (
        any(a.is_sensitive for a in actions.values())
        or any(i.is_sensitive for i in items)
        or any(p.is_sensitive for p in papers)
    )
    return Papers(
        title=_("%(meeting)s: agenda and papers") % {"meeting": _name(meeting)},
        meta=_meta(meeting),
        sections=sections,
        sensitive=sensitive,
    )


def minutes(meeting: Meeting) -> Papers:
    attendance = list(meeting.attendance.select_related("organisation"))
    quorum = selectors.quorum_of(meeting)
    came = [
        Item(a.organisation.name + (f" ({a.attendees})" if a.attendees else ""), True)
        for a in attendance
        if a.present
    ]
    away = [Item(a.organisation.name, True) for a in attendance if not a.present]
    if quorum.quorate is None:
        quorate = _("The group's quorum is not recorded") if not quorum.needed else ""
    else:
        quorate = (
            (_("Quorate") if quorum.quorate else _("Not quorate"))
            + ": "
            + _("%(present)s member organisations present; %(needed)s needed.")
            % {"present": quorum.present, "needed": quorum.needed}
        )
    decisions = list(meeting.decisions.select_related("action__priority", "approves_plan"))
    sections = [
        Section(_("Present"), items=came or [Item(_("Attendance not recorded yet."), False)]),
    ]
    if away:
        sections.append(Section(_("Apologies and absent"), items=away))
    if quorate:
        sections.append(Section(_("Quorum"), items=[Item(quorate, False)]))
    sections.append(Section(_("Notes of the discussion"), paragraphs=meeting.minutes))
    sections.append(
        Section(
            _("Decisions"),
            numbered=True,
            items=[
                Item(
                    d.text,
                    True,
                    (
                        [_("Approves: %(title)s") % {"title": d.approves_plan.title}]
                        if d.approves_plan
                        else []
                    )
                    + (
                        [
                            _("New action: %(title)s (priority %(number)s)")
                            % {"title": d.action.title, "number": d.action.priority.number}
                        ]
                        if d.action
                        else []
                    ),
                )
                for d in decisions
            ],
        )
    )
    sensitive = meeting.minutes_are_sensitive or any(
        d.is_sensitive or (d.action and d.action.is_sensitive) for d in decisions
    )
    return Papers(
        title=_("%(meeting)s: minutes") % {"meeting": _name(meeting)},
        meta=_meta(meeting),
        sections=sections,
        sensitive=sensitive,
    )


def word(papers: Papers, *, author: str) -> bytes:
    document = WordDocument(title=papers.title, author=author, marking=papers.marking)
    document.heading(papers.title, 0, own=True)
    document.paragraph(papers.meta)
    for section in papers.sections:
        document.heading(section.heading, 1)
        if section.paragraphs:
            document.written(section.paragraphs)
        for number, item in enumerate(section.items, start=1):
            text = f"{number}. {item.text}" if section.numbered else item.text
            paragraph = document.paragraph(text, bold=section.numbered)
            if item.own:
                document.mark_own(paragraph)
            document.bullets(item.lines)
    return document.save()


def pdf(papers: Papers, *, partnership) -> bytes:
    return render_pdf(
        "meetings/print/papers.html",
        {
            "papers": papers,
            "partnership": partnership,
            "marking": papers.marking,
            "generated_on": clock.today(),
        },
    )
