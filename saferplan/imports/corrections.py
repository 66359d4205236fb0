"""What a person tells the importer when its reading is wrong (issue 21, deliverable 6): what
a column means, what a title row inside a table is, which rows joined over a page break are
two. The preview's form and `saferplan import-plan` (options or a mapping file) give the same
Corrections, and the file is read again with them."""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .columns import normalise
from .priority_headings import PRIORITY_WORD_AND_NUMBER

# What a column may be said to mean, in the order the preview offers them. "" = not imported.
MEANINGS = {
    "action": gettext_lazy("The action"),
    "objective": gettext_lazy("The issue or objective the actions are under"),
    "priority": gettext_lazy("The priority"),
    "owner": gettext_lazy("Who leads it (owner)"),
    "update": gettext_lazy("Progress (updates)"),
    "rag": gettext_lazy("RAG rating"),
    "status": gettext_lazy("Status"),
    "target": gettext_lazy("Target, measure or outcome"),
    "due": gettext_lazy("Due date"),
    "ref": gettext_lazy("Reference number"),
    "lead_groups": gettext_lazy("Lead action groups"),
    "marking": gettext_lazy("Protective marking"),
    "q1": gettext_lazy("Progress in quarter 1"),
    "q2": gettext_lazy("Progress in quarter 2"),
    "q3": gettext_lazy("Progress in quarter 3"),
    "q4": gettext_lazy("Progress in quarter 4"),
    "update_date": gettext_lazy("Date of the update"),
    "": gettext_lazy("Not imported"),
}
# What a title row inside a table (one cell filled, often spanning the table) may be.
TITLE_LEVELS = {
    "priority": gettext_lazy("A priority (the actions below are under it)"),
    "objective": gettext_lazy("An objective (the actions below are under it)"),
    "progress": gettext_lazy("Progress of the action above it"),
    "row": gettext_lazy("An ordinary row of the table"),
    "skip": gettext_lazy("Not imported"),
}

TITLE_PRIORITY = re.compile(rf"^\s*(?:strategic\s+)?{PRIORITY_WORD_AND_NUMBER}", re.I)
TITLE_OBJECTIVE = re.compile(
    r"^\s*(?:(?:objective|issue|action area|aim)\s+\d{1,2}(?:\.\d{1,2})?\b|\d{1,2}\.\d{1,2}\s+\D)",
    re.I,
)
TITLE_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\D")
# "Objective 1: …", "Theme 2 – …": the number and the title a title row's label gives.
TITLE_LABEL = re.compile(
    r"^\s*(?:strategic\s+)?(?:priority|theme|outcome|aim|objective|issue|action area)\s+"
    r"(\d{1,2})(?:\.\d{1,2})?\s*[:.\-–)]?\s*(\S.*)$",
    re.I,
)
PROGRESS_START = re.compile(
    r"^\s*(?:updates?|progress|comments?|position|q[1-4]\b|quarter\s+[1-4]|"
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4})",
    re.I,
)
SHORT_TITLE_WORDS = 15  # a spanning row this short names what follows; longer, it reports


def guess_title_level(
    text: str, *, spans: bool, first_cell: bool, has_objective_column: bool
) -> str | None:
    """What a row with one filled cell most likely is, or None when it is nothing special
    (it is then read as an ordinary row, as before title rows were recognised): "Priority 2:
    …" or "Objective 1.1 …" in the first cell is the level it names; a row spanning the table
    names the level above the actions below it, or, when it reads as a report ("Update: …",
    a date, a long sentence), is the progress of the action above it."""
    if first_cell and TITLE_PRIORITY.match(text):
        return "priority"
    if first_cell and TITLE_OBJECTIVE.match(text):
        return "objective"
    if not (spans and first_cell):
        return None
    if PROGRESS_START.match(text):
        return "progress"
    if TITLE_NUMBERED.match(text):
        return "priority"
    if spans:
        if len(text.split()) > SHORT_TITLE_WORDS or text.rstrip().endswith("."):
            return "progress"
        return "priority" if has_objective_column else "objective"
    return None


class CorrectionError(ValueError):
    """A correction that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Corrections:
    columns: Mapping[str, str] = field(default_factory=dict)  # normalised heading -> meaning
    title_rows: Mapping[str, str] = field(default_factory=dict)  # "table:row" -> level
    no_merge: frozenset[str] = frozenset()  # rows kept apart after a page break

    def __post_init__(self) -> None:
        for heading, meaning in self.columns.items():
            if meaning not in MEANINGS:
                raise CorrectionError(
                    # Translators: %(meanings)s are the words saferplan takes, such as "action,
                    # owner, update"; keep them in English.
                    _(
                        "Column “%(heading)s”: “%(meaning)s” is not a meaning saferplan knows. "
                        "Use one of: %(meanings)s"
                    )
                    % {
                        "heading": heading,
                        "meaning": meaning,
                        "meanings": ", ".join(m or _("(empty: not imported)") for m in MEANINGS),
                    }
                )
        for key, level in self.title_rows.items():
            if not re.fullmatch(r"\d+:\d+", key):
                raise CorrectionError(
                    _("Title row “%(key)s”: give it as TABLE:ROW, for example 2:5 (table 2, row 5)")
                    % {"key": key}
                )
            if level not in TITLE_LEVELS:
                raise CorrectionError(
                    # Translators: %(levels)s are the words saferplan takes, such as "priority,
                    # objective"; keep them in English.
                    _("Title row %(key)s: “%(level)s” is not a level. Use one of: %(levels)s")
                    % {"key": key, "level": level, "levels": ", ".join(TITLE_LEVELS)}
                )

    def __bool__(self) -> bool:
        return bool(self.columns or self.title_rows or self.no_merge)

    def as_dict(self) -> dict:
        """The mapping file's shape (`import-plan --mapping FILE`)."""
        return {
            "columns": dict(sorted(self.columns.items())),
            "title_rows": dict(sorted(self.title_rows.items())),
            "keep_apart": sorted(self.no_merge),
        }

    @classmethod
    def from_dict(cls, tree: Mapping) -> "Corrections":
        if not isinstance(tree, Mapping):
            raise CorrectionError("the mapping must be a JSON object")
        unknown = set(tree) - {"columns", "title_rows", "keep_apart"}
        if unknown:
            raise CorrectionError(
                f"“{sorted(unknown)[0]}” is not part of a mapping: it holds columns, title_rows "
                "and keep_apart"
            )
        columns, title_rows = tree.get("columns", {}), tree.get("title_rows", {})
        keep_apart = tree.get("keep_apart", [])
        if not (isinstance(columns, Mapping) and isinstance(title_rows, Mapping)):
            raise CorrectionError("columns and title_rows must each be a JSON object")
        if not isinstance(keep_apart, list):
            raise CorrectionError("keep_apart must be a list of FILE:ROW")
        return cls(
            columns={normalise(str(k)): str(v) for k, v in columns.items()},
            title_rows={str(k): str(v) for k, v in title_rows.items()},
            no_merge=frozenset(str(k) for k in keep_apart),
        )

    @classmethod
    def from_json(cls, text: str, name: str) -> "Corrections":
        try:
            tree = json.loads(text)
        except json.JSONDecodeError as error:
            raise CorrectionError(
                f"{name}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
            ) from None
        try:
            return cls.from_dict(tree)
        except CorrectionError as error:
            raise CorrectionError(f"{name}: {error}") from None

    def with_choices(
        self,
        *,
        columns: Mapping[str, str] | None = None,
        title_rows: Mapping[str, str] | None = None,
    ) -> "Corrections":
        return Corrections(
            columns={**self.columns, **(columns or {})},
            title_rows={**self.title_rows, **(title_rows or {})},
            no_merge=self.no_merge,
        )


def pair(text: str, what: str) -> tuple[str, str]:
    """ "Lead officer=owner" → ("Lead officer", "owner"), for the command's options."""
    left, sep, right = text.rpartition("=")
    if not sep or not left.strip():
        raise CorrectionError(
            f"{what} “{text}”: give it as TEXT=MEANING, for example Deliverable=action"
        )
    return left.strip(), right.strip()
