"""Which column is which, by the words of its heading (case, markup and punctuation aside)."""

import re

from .cells import plain

# canonical name -> headings that mean it (normalised: lower case, "&" → "and", no punctuation)
SYNONYMS = {
    "ref": ["jag ref", "ref", "reference", "ref no", "no", "number", "objective ref"],
    "priority": ["priority", "priority number", "priority no", "priority title"],
    "objective": ["issue", "issues", "objective", "objectives", "theme", "themes"],
    "action": ["action", "actions", "what we will do", "activity", "activities"],
    "target": [
        "target and performance indicator",
        "target and performance indicators",
        "target",
        "targets",
        "performance indicator",
        "measure",
        "measures of success",
        "desired outcomes and measures of success",
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
        "lead partner",
    ],
    "lead_groups": [
        "lead action group",
        "lead action groups",
        "lead action group s",
        "action group",
        "lead group",
    ],
    "update": ["update", "updates", "progress", "progress update", "latest update", "commentary"],
    "rag": ["rag", "rag rating", "rag status", "rating"],
    "due": ["due", "due date", "deadline", "by when", "timescale", "target date"],
    "status": ["status"],
    "marking": ["marking", "protective marking", "classification", "security marking"],
    "q1": ["quarter 1", "q1", "qtr 1"],
    "q2": ["quarter 2", "q2", "qtr 2"],
    "q3": ["quarter 3", "q3", "qtr 3"],
    "q4": ["quarter 4", "q4", "qtr 4"],
    "update_date": ["update date", "date of update", "date"],
}
_LOOKUP = {phrase: name for name, phrases in SYNONYMS.items() for phrase in phrases}


def normalise(heading: str) -> str:
    text = plain(heading).lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def recognise(heading: str) -> str | None:
    """The canonical column of a heading, or None. "Update: 2008-2009" is an update column."""
    text = normalise(heading)
    if not text:
        return None
    if text in _LOOKUP:
        return _LOOKUP[text]
    without_years = re.sub(r"\b(19|20)\d\d\b", "", text).strip()
    if without_years in _LOOKUP:
        return _LOOKUP[without_years]
    if without_years.startswith(("update", "progress")):
        return "update"
    return None


def is_header(cells: list[str]) -> bool:
    """A row of headings: at least two recognised, one of them the action or the issue."""
    known = [recognise(c) for c in cells]
    names = {k for k in known if k}
    return len(names) >= 2 and bool(names & {"action", "objective"})


def is_subheader(cells: list[str]) -> bool:
    """The second heading row of seed 004: Quarter 1 … Quarter 4 under "Update"."""
    known = [recognise(c) for c in cells if plain(c)]
    return bool(known) and all(k in {"q1", "q2", "q3", "q4"} for k in known)
