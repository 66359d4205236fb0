"""Dacorum's theme tables: a "Priority" row naming the themes (a priority's objectives), then an
"Actions" row and a "Desired Outcomes & Measures of Success" row, one column per theme.

The conversion to text lost the cells' bullet marks: a cell holds its bullets as one run of
words ("…affecting local communities Raise awareness of …"). A bullet starts with a capitalised
word straight after a lower-case word, a full stop or a closing bracket, where a sentence could
not go on: "…carries out. Map crimes …", "(Intelligence-led approach) Promote close …".

A capitalised word does not start a bullet when the phrase goes on through it: after "of",
"the", "and", "new" ("the new Anti-Social Behaviour Action Plan", "through Prevent and …", "an
Exploitation strategy"), after "e.g." ("e.g. Op Ideogram"), after a possessive, or after a
capital (a name such as "Domestic Abuse Strategy" runs on; "CCTV", all capitals, never starts
one). Nor when a bullet would have fewer than three words ("Clear multi-agency Pathways for …").
So a bullet that starts after a capital ("…within Dacorum Promotion of …") stays joined to the
one before: case alone cannot tell it from a name.

Only a long cell with several such starts is a run-on list; any other is left as written."""

import re

from django.utils.translation import gettext as _

from .blocks import Table, TabLine
from .cells import plain
from .parsed import ParsedAction, ParsedObjective, ParsedPlan, ParsedPriority

# A bullet's first word: a capital then a small letter ("Raise", "We", "Anti-Social"), never
# all capitals ("CCTV", "ACEs").
TITLECASE = re.compile(r"^[A-Z][a-z]")
# The word before a bullet: a lower-case word ("communities", "multi-agency", never "group/JAG"),
# a sentence's end or a closing bracket.
LOWER_WORD = re.compile(r"^[a-z](?:.*[a-z])?$")
ENDS_SENTENCE = re.compile(r"[.!?)]$")
ABBREVIATIONS = {"e.g.", "i.e.", "eg.", "ie.", "etc.", "st.", "dr.", "mr.", "mrs.", "ms.", "no."}
# Words a phrase goes on after: a capitalised word after them is a name in the phrase.
GOES_ON = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "into"}
GOES_ON |= {"onto", "through", "throughout", "within", "across", "against", "about", "around"}
GOES_ON |= {"among", "between", "under", "over", "via", "per", "including", "and", "or", "nor"}
GOES_ON |= {"but", "as", "than", "our", "their", "its", "his", "her", "your", "my", "every"}
GOES_ON |= {"no", "new", "local", "national", "e.g.", "i.e.", "eg", "ie"}
MIN_WORDS = 3  # words in a bullet
MIN_LENGTH = 80  # characters in a run-on cell
MIN_STARTS = 2  # bullet starts after the first, in a run-on cell


def _starts_bullet(before: str, word: str) -> bool:
    if not TITLECASE.match(word):
        return False
    if ENDS_SENTENCE.search(before):
        return before.lower() not in ABBREVIATIONS
    return (
        LOWER_WORD.match(before) is not None
        and before.lower() not in GOES_ON
        and not re.search(r"['’]s$", before)
    )


def split_run_on(text: str) -> list[str]:
    """A cell's bullets, when it is a run-on list; else the cell as it is, alone."""
    words = text.split()
    starts = [0]
    for index in range(MIN_WORDS, len(words) - MIN_WORDS + 1):
        if index - starts[-1] >= MIN_WORDS and _starts_bullet(words[index - 1], words[index]):
            starts.append(index)
    if len(text) < MIN_LENGTH or len(starts) - 1 < MIN_STARTS:
        return [text.strip()] if text.strip() else []
    ends = [*starts[1:], len(words)]
    return [" ".join(words[start:end]) for start, end in zip(starts, ends, strict=True)]


def read_theme_row(
    plan: ParsedPlan, priority: ParsedPriority, line: TabLine, themes: list[ParsedObjective]
) -> list[ParsedObjective]:
    """Priority | theme | theme …, then Actions | … and Desired Outcomes | … rows: the themes
    the row names, or those it fills in. An action a bullet; the outcomes a line a bullet."""
    label = plain(line.cells[0]).lower()
    values = [plain(c) for c in line.cells[1:]]
    if label == "priority":
        themes = [ParsedObjective(title=v, location=line.location) for v in values if v]
        priority.objectives.extend(themes)
        return themes
    if not themes or not label.startswith(("action", "desired outcome")):
        return themes
    cells = [split_run_on(value) for value in values]
    for theme, bullets, value in zip(themes, cells, values, strict=False):
        if label.startswith("action"):
            theme.actions += [ParsedAction(title=b, location=line.location) for b in bullets]
        else:
            theme.desired_outcomes = (
                "\n".join(f"- {b}" for b in bullets) if len(bullets) > 1 else value
            )
    if any(len(bullets) > 1 for bullets in cells):
        plan.warn(
            "bullets_guessed",
            _(
                "The theme table's cells had lost their bullet marks: saferplan split them where "
                "a new bullet seemed to start (a capital after a lower-case word or a full "
                "stop). Check them, and join or split them in saferplan if needed."
            ),
            line.location,
        )
    elif label.startswith("action"):
        plan.warn(
            "one_action_per_theme",
            _(
                "The theme table's Actions cells have no bullet marks left, so each theme's "
                "actions are imported as one action. Split them in saferplan if needed."
            ),
            line.location,
        )
    return themes


def read_theme_rows(
    plan: ParsedPlan,
    priority: ParsedPriority,
    block: Table | TabLine,
    themes: list[ParsedObjective],
) -> list[ParsedObjective]:
    """A theme table's rows: tab-separated lines of a converted document, or the rows of a
    real table (Dacorum's, as a PDF prints it)."""
    lines = (
        [block]
        if isinstance(block, TabLine)
        else [TabLine(r.cells, r.location) for r in block.rows]
    )
    for line in lines:
        themes = read_theme_row(plan, priority, line, themes)
    return themes
