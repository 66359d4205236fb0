"""What a reader makes of a plan document, before anything is saved: the tree the preview
shows and the import writes. Every item knows where in the file it came from."""

import datetime
import re
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A narrative plan's named sections, as the plan's pages and the import preview call them, in
# the order a reader meets them.
SECTION_LABELS = {
    "plain_summary": gettext_lazy("The plan in brief"),
    "foreword": gettext_lazy("Foreword"),
    "about_partnership": gettext_lazy("About the partnership"),
    "legislation": gettext_lazy("Legislation"),
    "assessment_findings": gettext_lazy("Strategic assessment findings"),
    "pcc_alignment": gettext_lazy("Police and Crime Commissioner's priorities"),
    "monitoring": gettext_lazy("Monitoring and review"),
    "definitions": gettext_lazy("Definitions"),
    "language_notice": gettext_lazy("Other languages and formats"),
    "contacts": gettext_lazy("Useful contact details"),
}


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None  # text files: the line; spreadsheets: the row
    table: int | None = None  # the n-th table of the document (1-based)
    column: str = ""  # the column heading, as written
    page: int | None = None  # PDFs: the page it is on

    def __str__(self) -> str:
        """ "plan.pdf, page 3, table 2, row 14, column “Owner”": where a message's subject is."""
        parts = [self.file]
        if self.page is not None:
            # Translators: a part of where in a file, as in "plan.pdf, page 3, table 2, row 14".
            parts.append(_("page %(number)s") % {"number": self.page})
        if self.table is not None:
            parts.append(_("table %(number)s") % {"number": self.table})
        if self.line is not None:
            parts.append(
                _("row %(number)s") % {"number": self.line}
                if self.table is not None
                else _("line %(number)s") % {"number": self.line}
            )
        if self.column:
            # Translators: %(heading)s is the column's heading, as written in the file.
            parts.append(_("column “%(heading)s”") % {"heading": self.column})
        return ", ".join(parts)


@dataclass
class ImportWarning:
    kind: str  # merged | undated | no_action | unknown_column | unmatched_owner | sensitive | ...
    message: str
    location: Location
    undo_key: str = ""  # merged rows: give this back to the reader to keep the rows apart

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "message": self.message,
            "where": str(self.location),
            "undo_key": self.undo_key,
        }


@dataclass
class ParsedUpdate:
    text: str
    described_on: datetime.date
    date_is_estimated: bool = False
    sensitive: bool = False
    quarter: int | None = None


@dataclass
class ParsedAction:
    title: str
    owner_text: str = ""
    updates: list[ParsedUpdate] = field(default_factory=list)
    rag: str = ""
    status: str = ""
    due_date: datetime.date | None = None
    sensitive: bool = False
    location: Location | None = None


@dataclass
class ParsedObjective:
    title: str
    ref: str = ""
    target_indicator: str = ""
    desired_outcomes: str = ""
    lead_groups_text: str = ""
    actions: list[ParsedAction] = field(default_factory=list)
    location: Location | None = None


@dataclass
class ParsedPriority:
    number: int
    title: str
    description: str = ""
    desired_outcomes: str = ""
    is_cross_cutting: bool = False
    objectives: list[ParsedObjective] = field(default_factory=list)
    actions: list[ParsedAction] = field(default_factory=list)  # directly under the priority
    location: Location | None = None

    def all_actions(self) -> list[ParsedAction]:
        return self.actions + [a for o in self.objectives for a in o.actions]


@dataclass
class ParsedPlan:
    title: str
    kind: str  # "strategic" or "action"
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    introduction: str = ""
    aims: list[str] = field(default_factory=list)
    priorities: list[ParsedPriority] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    source: str = ""
    # How the document was read, for the preview to show and let a person correct
    # (imports/as_read.py): its tables' headings and meanings, the title rows inside them,
    # and every piece of the document's text the plan leaves out.
    tables: list[dict] = field(default_factory=list)
    title_rows: list[dict] = field(default_factory=list)
    leftovers: list[dict] = field(default_factory=list)
    # A narrative plan's named sections (sections.py), each whole; stored imports made before
    # they were read have none.
    plain_summary: str = ""
    foreword: str = ""
    foreword_signatory: str = ""
    about_partnership: str = ""
    legislation: str = ""
    assessment_findings: str = ""
    pcc_alignment: str = ""
    monitoring: str = ""
    definitions: str = ""
    language_notice: str = ""
    # Not the plan's text: the published plan's contacts are made from it (public.receivers).
    contacts: str = ""

    def warn(self, kind: str, message: str, location: Location, undo_key: str = "") -> None:
        self.warnings.append(ImportWarning(kind, message, location, undo_key))

    def counts(self) -> dict[str, int]:
        actions = [a for p in self.priorities for a in p.all_actions()]
        return {
            "aims": len(self.aims),
            "priorities": len(self.priorities),
            "objectives": sum(len(p.objectives) for p in self.priorities),
            "actions": len(actions),
            "updates": sum(len(a.updates) for a in actions),
            "owners": len({a.owner_text.strip().lower() for a in actions if a.owner_text.strip()}),
            "warnings": len(self.warnings),
        }

    def texts(self) -> list[str]:
        """Every text the import writes: what the preview counts as imported (seen.py) and
        looks for the document's text in (as_read.py)."""
        texts = [self.title, self.introduction, *self.aims, self.foreword_signatory]
        texts += [getattr(self, name) for name in SECTION_LABELS]
        for priority in self.priorities:
            texts += [priority.title, priority.description, priority.desired_outcomes]
            for objective in priority.objectives:
                texts += [
                    objective.title,
                    objective.ref,
                    objective.desired_outcomes,
                    objective.target_indicator,
                    objective.lead_groups_text,
                ]
            for action in priority.all_actions():
                texts += [action.title, action.owner_text, action.status]
                texts += [update.text for update in action.updates]
        return [text for text in texts if text]

    def sections_found(self) -> list[str]:
        """ "Foreword (signed by …)", "Legislation", …: the named sections read, in order."""
        found = []
        for name, label in SECTION_LABELS.items():
            if getattr(self, name):
                signed = re.sub(r"^signed by\s+", "", self.foreword_signatory, flags=re.I)
                signed = signed.replace("\n", ", ")
                found.append(
                    _("%(section)s (signed by %(signatory)s)")
                    % {"section": label, "signatory": signed}
                    if name == "foreword" and signed
                    else str(label)
                )
        return found

    def as_dict(self) -> dict:
        tree = asdict(self)
        tree.pop("warnings")
        tree["warnings"] = [w.as_dict() for w in self.warnings]
        tree["counts"] = self.counts()
        return tree


def _day(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _location(tree: dict | None) -> Location | None:
    return Location(**tree) if tree else None


def _action(tree: dict) -> ParsedAction:
    updates = [
        ParsedUpdate(**{**update, "described_on": _day(update["described_on"])})
        for update in tree["updates"]
    ]
    return ParsedAction(
        **{
            **tree,
            "updates": updates,
            "due_date": _day(tree["due_date"]),
            "location": _location(tree["location"]),
        }
    )


def _objective(tree: dict) -> ParsedObjective:
    return ParsedObjective(
        **{
            **tree,
            "actions": [_action(a) for a in tree["actions"]],
            "location": _location(tree["location"]),
        }
    )


def _priority(tree: dict) -> ParsedPriority:
    return ParsedPriority(
        **{
            **tree,
            "objectives": [_objective(o) for o in tree["objectives"]],
            "actions": [_action(a) for a in tree["actions"]],
            "location": _location(tree["location"]),
        }
    )


def plan_stored(plan: ParsedPlan) -> dict:
    """The parsed plan as JSON (dates as ISO text), kept with its pending import so that the
    file is read once, not on every view of its preview (docs/adr/0017)."""
    tree = asdict(plan)

    def dates(value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, list):
            return [dates(v) for v in value]
        if isinstance(value, dict):
            return {k: dates(v) for k, v in value.items()}
        return value

    return dates(tree)


def plan_from_stored(tree: dict) -> ParsedPlan:
    return ParsedPlan(
        **{
            **tree,
            "period_start": _day(tree["period_start"]),
            "period_end": _day(tree["period_end"]),
            "priorities": [_priority(p) for p in tree["priorities"]],
            "warnings": [
                ImportWarning(**{**w, "location": _location(w["location"])})
                for w in tree["warnings"]
            ],
        }
    )


class PlanFileError(Exception):
    """The file cannot be read as a plan. The message names the file and where."""
