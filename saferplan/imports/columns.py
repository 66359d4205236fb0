"""Which column is which, by the words of its heading (case, markup and punctuation aside):
the words councils use for each (SYNONYMS), then the heading's parts ("Lead officer / agency",
"Progress (Q2)"), then a close spelling ("Responsibilty"), never a guess beyond that."""

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from difflib import get_close_matches
from types import MappingProxyType

from .cells import plain

# canonical name -> headings that mean it (normalised: lower case, "&" → "and", no punctuation)
SYNONYMS = {
    "ref": [
        "jag ref",
        "ref",
        "reference",
        "ref no",
        "no",
        "number",
        "objective ref",
        "action ref",
        "action no",
        "action number",
        "id",
    ],
    "priority": ["priority", "priority number", "priority no", "priority title"],
    # "Guidance": a gap tracker against statutory guidance (the Prevent duty's), a row a
    # requirement of it.
    "objective": ["issue", "issues", "objective", "objectives", "theme", "themes", "guidance"],
    "action": [
        "action",
        "actions",
        "what we will do",
        "what we are going to do",
        "what are we going to do",
        "how we will do it",
        "activity",
        "activities",
        "key actions",
        "key action",
        "action required",
        "actions required",
        "action to be taken",
        "actions to be taken",
        "task",
        "tasks",
        "intervention",
        "interventions",
        "specific actions",
        "further action required",
        "further actions required",
        "further action",
        "further actions",
    ],
    "target": [
        "target and performance indicator",
        "target and performance indicators",
        "target",
        "targets",
        "performance indicator",
        "measure",
        "measures",
        "measures of success",
        "measure of success",
        "desired outcomes and measures of success",
        "how we will measure success",
        "success measure",
        "success measures",
        "success criteria",
        "output",
        "outputs",
        "milestone",
        "milestones",
        "kpi",
        "kpis",
        "indicator",
        "indicators",
        "performance measure",
        "performance measures",
        "outcome measure",
        "expected outcome",
        "expected outcomes",
        "outcome",
        "outcomes",
    ],
    "owner": [
        "owner",
        "owners",
        "lead agency",
        "lead agencies",
        "lead",
        "lead officer",
        "responsible",
        "responsible agency",
        "responsible officer",
        "responsible person",
        "responsible organisation",
        "responsibility",
        "who",
        "who is responsible",
        "lead partner",
        "lead partners",
        "lead organisation",
        "lead person",
        "lead responsibility",
        "led by",
        "accountable officer",
        "accountable",
        "officer",
        "agency",
        "partner",
        "partners",
    ],
    "lead_groups": [
        "lead action group",
        "lead action groups",
        "lead action group s",
        "action group",
        "lead group",
    ],
    "update": [
        "update",
        "updates",
        "progress",
        "progress update",
        "progress to date",
        "progress comments",
        "update on progress",
        "work to date",
        "work done to date",
        "work completed to date",
        "activity to date",
        "what has been done",
        "latest update",
        "commentary",
        "comments",
        "comment",
        "current position",
        "position",
        "notes",
    ],
    "rag": ["rag", "rag rating", "rag status", "rating", "r a g", "red amber green", "current rag"],
    "due": [
        "due",
        "due date",
        "date due",
        "deadline",
        "by when",
        "when",
        "by",
        "timescale",
        "timescales",
        "timeframe",
        "time frame",
        "timeline",
        "target date",
        "completion date",
        "target completion date",
        "end date",
        "planned end date",
        "planned completion date",
        "expected completion date",
    ],
    "status": ["status", "current status", "progress status", "action status"],
    "marking": ["marking", "protective marking", "classification", "security marking"],
    "q1": ["quarter 1", "q1", "qtr 1"],
    "q2": ["quarter 2", "q2", "qtr 2"],
    "q3": ["quarter 3", "q3", "qtr 3"],
    "q4": ["quarter 4", "q4", "qtr 4"],
    "update_date": ["update date", "date of update", "date"],
}
_LOOKUP = {phrase: name for name, phrases in SYNONYMS.items() for phrase in phrases}
_LONG_PHRASES = [phrase for phrase in _LOOKUP if len(phrase) >= 5]


def normalise(heading: str) -> str:
    text = plain(heading).lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# What the person said columns mean (imports/corrections.py), while one file is read: every
# reader and builder asks recognise(), so the choice holds wherever a heading is looked at,
# without passing it through each reader.
_CHOSEN: ContextVar[Mapping[str, str]] = ContextVar("chosen_columns", default=MappingProxyType({}))


@contextmanager
def chosen(meanings: Mapping[str, str]) -> Iterator[None]:
    """Read with these meanings for these (normalised) headings; "" = not imported."""
    token = _CHOSEN.set(meanings)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def is_chosen(heading: str) -> bool:
    return normalise(heading) in _CHOSEN.get()


def recognise(heading: str) -> str | None:
    """The canonical column of a heading, or None. "Update: 2008-2009" is an update column,
    "Lead officer / agency" an owner column, "Responsibilty" (sic) too. A meaning the person
    chose for the heading comes first."""
    text = normalise(heading)
    if not text:
        return None
    chosen_meanings = _CHOSEN.get()
    if text in chosen_meanings:
        return chosen_meanings[text] or None
    if text in _LOOKUP:
        return _LOOKUP[text]
    without_years = re.sub(r"\b(19|20)\d\d\b", "", text).strip()
    if without_years in _LOOKUP:
        return _LOOKUP[without_years]
    if without_years.startswith(("update", "progress")):
        return "update"
    # Its parts: "Lead officer / agency", "Target (2024/25)", "Owner – lead agency".
    parts = [normalise(part) for part in re.split(r"[/()\[\]–\-:]| or ", plain(heading).lower())]
    found = {_LOOKUP[part] for part in parts if part in _LOOKUP}
    if len(found) == 1:
        return found.pop()
    # A close spelling of one phrase (a typing slip), not of a short word ("no", "by").
    if len(without_years) >= 5:
        close = get_close_matches(without_years, _LONG_PHRASES, n=1, cutoff=0.88)
        if close:
            return _LOOKUP[close[0]]
    # An organisation's initials before the words: "CYC current position", "SYP lead".
    initials = re.match(r"^\s*[A-Z&]{2,5}\s+(?=\S)", plain(heading))
    if initials:
        return recognise(plain(heading)[initials.end() :])
    return None


def is_header(cells: list[str]) -> bool:
    """A row of headings: at least two recognised, one of them the action or the issue; or
    one the person chose as the action or the issue."""
    known = [recognise(c) for c in cells]
    names = {k for k in known if k}
    if not names & {"action", "objective"}:
        return False
    return len(names) >= 2 or any(is_chosen(c) for c in cells if plain(c))


def is_subheader(cells: list[str]) -> bool:
    """The second heading row of seed 004: Quarter 1 … Quarter 4 under "Update"."""
    known = [recognise(c) for c in cells if plain(c)]
    return bool(known) and all(k in {"q1", "q2", "q3", "q4"} for k in known)
