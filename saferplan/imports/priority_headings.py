"""How councils number their priorities: "Priority 1: …", "Strategic Priority 1 …", "Priority
one: …", "Priority IV – …", and several of them in one paragraph."""

import re

from django.utils.translation import gettext_lazy

# The warning when a plan names none of its priorities in these ways.
NO_PRIORITIES = gettext_lazy(
    "No priorities were found: the plan needs numbered priorities, “Priority 1 …” headings or "
    "an action table."
)

# "Priority 1: …", "Strategic Priority 1 …", "Priority one: …", "Priority IV – …".
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ],
        start=1,
    )
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
# The top level as councils name it: "Priority 1", "Theme 2", "Outcome 3", "Aim 1" (never
# "Priority 1.2", which is below it).
NUMBER = "|".join([r"\d{1,2}", *NUMBER_WORDS, *sorted(ROMAN, key=len, reverse=True)])
PRIORITY_WORD_AND_NUMBER = rf"(?:priority|theme|outcome|aim)\s+({NUMBER})\b(?!\.\d)"
PRIORITY_HEADING = re.compile(
    rf"^\s*(?:strategic\s+|key\s+)?{PRIORITY_WORD_AND_NUMBER}\s*([:.\-–]?)\s*(.+)$", re.I
)
# "Priority 1: … Priority 2: …" in one paragraph: the same words, each with its separator.
INLINE_PRIORITY = re.compile(rf"\b{PRIORITY_WORD_AND_NUMBER}\s*[:.\-–]\s*", re.I)


def priority_number(written: str) -> int:
    written = written.lower()
    return int(written) if written.isdigit() else NUMBER_WORDS.get(written) or ROMAN[written]


def is_priority_start(text: str) -> bool:
    """ "Priority 1: …": but "Priority 1 involved working with partners…" is a sentence about
    priority 1, not its title: without a colon or dash, a title starts with a capital or a figure."""
    match = PRIORITY_HEADING.match(text)
    if not match or len(text) > 300:
        return False
    return bool(match.group(2)) or not match.group(3)[:1].islower()


def inline_starts(text: str) -> list[int]:
    """Where each of "Priority 1: … Priority 2: …" in one paragraph starts, else none."""
    starts = [m.start() for m in INLINE_PRIORITY.finditer(text)]
    return starts if len(starts) >= 2 and starts[0] == 0 else []


# "1. Identify and prevent…": a numbered section heading of an action plan, the priority.
SECTION = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*?)\s*$")
CROSS_CUTTING = re.compile(r"cross[\s\-–]*cutting", re.I)
