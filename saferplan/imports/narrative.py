"""Builds a strategic plan from a narrative document (seeds 000, 001, 002): aims, priorities
and the work under them, without action tables.

It recognises the ways the seeds write them:
- aims: a bulleted list after a heading or sentence about the aims; numbered aims, when the
  plan has no priorities besides, are its priorities;
- priorities: a numbered list after "The priorities are:" or "Partnership priorities …";
  "Priority 1 …" or "Strategic Priority 1: …" headings; numbered items under
  "Cross-cutting objectives" (as cross-cutting priorities);
- actions: the bullets or paragraphs after "What we will do:" (or "We will:", "Key actions",
  "Activities" and the like, on a line of their own);
- measures: the paragraphs after "How we will measure success:";
- Dacorum's theme tables: a "Priority" row naming the themes (objectives), an "Actions" row and
  a "Desired Outcomes & Measures of Success" row, one column per theme, their bullets run
  together by the conversion (theme_tables.py);
- the plan's other named sections in their own fields, never a priority's (sections.py).
"""

import re

from .blocks import Document, Heading, ListItem, Paragraph, Table, TabLine
from .cells import plain
from .dates import find_period
from .limits import Budget
from .parsed import Location, ParsedAction, ParsedObjective, ParsedPlan, ParsedPriority
from .priority_headings import (
    NO_PRIORITIES,
    PRIORITY_HEADING,
    inline_starts,
    is_priority_start,
    priority_number,
)
from .sections import Claim, FrontMatter, SectionReader
from .theme_tables import read_theme_rows

# Under a priority: "Objectives:" as a label, then "2.1Reduce theft…" rows or lines.
OBJECTIVES_LABEL = re.compile(r"^\s*objectives?\s*:?\s*$", re.I)
NUMBERED_OBJECTIVE = re.compile(r"^\s*(\d{1,2}\.\d{1,2})\s*(\S.*)$")


# A sentence or heading that introduces the list of priorities: "The priorities are:", "Our
# current strategy priority areas are:", "…agreed to focus on five key issues:" (spelling
# slips such as "priorties" included), or a heading naming the priorities and their years.
PRIORITY_WORD = r"(?:prior(?:i|t)\w*|key issues|priority areas|focus(?:es)? on)"
PRIORITIES_INTRO = re.compile(rf"\b{PRIORITY_WORD}\b.*(:\s*$|\b(19|20)\d\d\b)", re.I)
PRIORITIES_HEADING = re.compile(
    rf"^\W*(?:our\s+|the\s+|strategic\s+|key\s+)*{PRIORITY_WORD}\W*$", re.I
)
# Words a sentence of a report starts with, which a priority's name does not.
SENTENCE_OPENINGS = {"the", "this", "these", "it", "its", "we", "our", "in", "as", "a", "an", "if"}
# "Reducing reoffending - performance status at the end of 2021/22 was acceptable": the
# status is the report's, not part of the priority's title.
STATUS_CLAUSE = re.compile(r"\s+[-–]\s+(?:\w+\s+){0,2}(?:status|progress|rag)\b.*$", re.I)
LIST_END = re.compile(r"(?:[;,.]|;\s*and|\s+and)\s*$", re.I)
AIMS_INTRO = re.compile(r"\baims?\b", re.I)
# A paragraph's last sentence pointing to the aims after it: "This is reflected below in our
# Strategic Aims for the period …" ("aims" a noun, not "the CSP aims to …").
AIMS_NAMED = re.compile(r"\b(?:our|the|these|its|strategic|key)\s+(?:strategic\s+)?aims\b", re.I)
POINTS_ON = re.compile(r":\s*$|\bbelow\b|\bas follows\b|\bfollowing\b", re.I)
CROSS_CUTTING = re.compile(r"cross[\s\-–]*cutting", re.I)
# The words councils introduce a priority's actions with, as a line of their own.
WHAT_WE_WILL_DO = re.compile(
    r"^\s*(?:(?:to do this|to achieve this|in \d{4}(?:/\d{2,4})?),?\s+)?"
    r"(?:what we will do|we will|key actions|our actions|actions|activities|activity"
    r"|what we are going to do|how we will do (?:it|this)|how we will achieve (?:it|this))"
    r"\s*:?\s*$",
    re.I,
)
# Outcomes stay outcomes (the priority's or objective's desired outcomes), never actions.
MEASURE_SUCCESS = re.compile(
    r"^\s*(?:how we will measure success|measures? of success|(?:desired |expected |key )?"
    r"outcomes?|what we want to achieve|we want to|what success looks like)\s*:?\s*$",
    re.I,
)
_TITLE_WORD = r"(?:[A-Z][\w'&]*|and|of|for|the|\([A-Z]+\))"
TITLE_IN_TEXT = re.compile(
    rf"({_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,12}}\s+Plan\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d)\b"
)
YEARS = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b")
FOOTNOTE = re.compile(r"^\s*\*+")


def _clean(text: str) -> str:
    return text.strip().rstrip(";").strip()


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip())[-1]


def _points_to_aims(text: str) -> bool:
    sentence = _last_sentence(text)
    return len(sentence) < 250 and bool(AIMS_NAMED.search(sentence) and POINTS_ON.search(sentence))


class NarrativeBuilder:
    def __init__(self, document: Document, budget: Budget | None = None):
        self.document = document
        self.budget = budget or Budget(document.name)
        self.plan = ParsedPlan(title="", kind="strategic", source=document.name)
        self.priority: ParsedPriority | None = None
        self.mode = ""  # "aims", "priorities", "actions", "measures", "cross" or ""
        self.cross_cutting = False
        self.bullets_seen = False
        # Under a priority set as a heading, a smaller heading is an objective of it (the
        # priority's themes), and the work and outcomes after it are the objective's.
        self.priority_level: int | None = None
        self.objective: ParsedObjective | None = None
        self.paragraph_priorities = False  # the priorities may follow as plain paragraphs
        self.sections = SectionReader(self.plan)
        self.numbered_aims: list[tuple[int, str, Location]] = []
        self.front = FrontMatter()

    def build(self) -> ParsedPlan:
        self._title()
        intro: list[str] = []
        themes: list[ParsedObjective] = []
        blocks = self.document.blocks
        for index, block in enumerate(blocks):
            self.budget.tick()
            claim = self._section_claim(block, blocks[index + 1 : index + 2])
            if claim is Claim.OPEN:
                self.mode, self.paragraph_priorities = "", False
                self.front.section_opened(self.sections.open, intro)
            if claim in (Claim.OPEN, Claim.KEEP):
                continue
            if isinstance(block, Table | TabLine):
                # A one-column table is layout (a box around text): its rows are paragraphs.
                for row_text in _one_column_rows(block) if isinstance(block, Table) else []:
                    self._paragraph_in_table(row_text, block.location)
                if self.priority is not None:
                    themes = read_theme_rows(self.plan, self.priority, block, themes)
                continue
            text = plain(block.text)
            if not text or FOOTNOTE.match(text):
                continue
            if self.priority is None and self.front.skips(text):
                continue
            if isinstance(block, Paragraph) and self._inline_priorities(text, block.location):
                themes = []
                continue
            if isinstance(block, Heading | Paragraph) and self._starts_priority(
                text, block.location
            ):
                self.priority_level = block.level if isinstance(block, Heading) else None
                themes = []
                continue
            if self._starts_objective(block, text):
                continue
            if (
                isinstance(block, Heading | Paragraph)
                and CROSS_CUTTING.search(text)
                and len(text) < 60
            ):
                self.mode, self.cross_cutting = "cross", True
                continue
            if WHAT_WE_WILL_DO.match(text):
                self.mode, self.bullets_seen = "actions", False
                continue
            if MEASURE_SUCCESS.match(text):
                self.mode = "measures"
                continue
            if (
                isinstance(block, Heading | Paragraph)
                and len(text) < 80
                and AIMS_INTRO.search(text)
                and not self.plan.aims
            ):
                self.mode = "aims"
                continue
            if isinstance(block, Paragraph) and not self.plan.aims and _points_to_aims(text):
                self.mode = "aims"  # and the paragraph is the introduction's, below
            if isinstance(block, Heading | Paragraph) and self._introduces_priorities(text):
                self.mode = "priorities"
                # "…sets out the strategic priorities as:" then a paragraph for each.
                self.paragraph_priorities = isinstance(block, Paragraph) and text.endswith(":")
                continue
            if isinstance(block, ListItem):
                self.paragraph_priorities = False
                self._list_item(block, text)
                continue
            if isinstance(block, Paragraph) and self._paragraph_priority(text, block.location):
                continue
            self.paragraph_priorities = False
            # A paragraph: work under a priority, or the introduction before any. Once a
            # priority's work was given as bullets, the next paragraph is something else.
            if self.mode == "actions" and self.bullets_seen:
                self.mode = ""
            work = self._work_of()
            if work is not None and self.mode == "actions":
                work.actions.append(ParsedAction(title=text, location=block.location))
            elif work is not None and self.mode == "measures":
                work.desired_outcomes = "\n\n".join(p for p in (work.desired_outcomes, text) if p)
            elif self.priority is None and len(intro) < 12:
                intro.append(text)
            if isinstance(block, Heading):
                self.mode = ""
        self.sections.close()
        self.plan.introduction = "\n\n".join(intro)
        self._numbered_aims_as_priorities()
        if not self.plan.priorities:
            self.plan.warn("no_priorities", str(NO_PRIORITIES), Location(self.document.name))
        return self.plan

    def _numbered_aims_as_priorities(self) -> None:
        """Numbered aims with no priorities besides ("1. To prevent and deter …", each "supported
        by a multi-agency action plan") are the plan's top level, as "Aim 1: …" headings are."""
        aims = self.numbered_aims
        if self.plan.priorities or not aims or len(aims) != len(self.plan.aims):
            return
        for number, text, location in aims:
            self._priority(number, LIST_END.sub("", text), location)
        self.plan.aims = []

    def _section_claim(self, block, following: list) -> Claim:
        if isinstance(block, Table):  # a named section's table (a PDF's, a Word one's) is kept
            rows = [self._section_claim(TabLine(r.cells, r.location), []) for r in block.rows]
            return Claim.KEEP if Claim.KEEP in rows else Claim.NONE
        if isinstance(block, TabLine):
            text = "\t".join(plain(c) for c in block.cells)
        else:
            text = plain(block.text)
        return self.sections.take(
            block,
            text,
            following=following[0] if following else None,
            starts_priority=is_priority_start(text) or bool(inline_starts(text)),
            under_priority=isinstance(block, Heading)
            and self.priority_level is not None
            and block.level > self.priority_level,
            introduces_priorities=self._introduces_priorities(text),
        )

    def _title(self) -> None:
        """A short line naming a Plan near the start; else "The … Plan 2021-2024" in a
        sentence; else the file's name. The period from the title, else from the first
        span of years the document mentions ("Strategic Priorities 2023-2026")."""
        texts = [plain(getattr(block, "text", "")) for block in self.document.blocks[:60]]
        for text in texts[:15]:
            if text and len(text) < 120 and re.search(r"\bPlan\b", text):
                self.plan.title = text
                break
        if not self.plan.title:
            for text in texts:
                match = TITLE_IN_TEXT.search(text)
                if match:
                    self.plan.title = match.group(1).removeprefix("The ").strip()
                    break
        if not self.plan.title:
            self.plan.title = re.sub(r"\.\w+$", "", self.document.name).replace("_", " ")
        period = find_period(self.plan.title)
        for text in texts:
            if period:
                break
            years = YEARS.search(text)
            period = find_period(years.group(0)) if years else None
        if period:
            self.plan.period_start, self.plan.period_end = period

    def _priority(
        self, number: int, title: str, location: Location, *, cross: bool = False
    ) -> ParsedPriority:
        for priority in self.plan.priorities:
            if priority.number == number and priority.is_cross_cutting == cross:
                if len(title) > len(priority.title):
                    priority.title = title  # the fuller heading wins over the short list
                return priority
        priority = ParsedPriority(
            number=number, title=title, is_cross_cutting=cross, location=location
        )
        self.plan.priorities.append(priority)
        return priority

    def _next_number(self) -> int:
        return max((p.number for p in self.plan.priorities), default=0) + 1

    def _paragraph_in_table(self, text: str, location: Location) -> None:
        if not text:
            return
        if self._starts_priority(text, location):
            self.priority_level = None
            return
        if self.priority is not None and OBJECTIVES_LABEL.match(text):
            self.mode = "objectives"
            return
        numbered = NUMBERED_OBJECTIVE.match(text)
        if self.priority is not None and self.mode == "objectives" and numbered:
            self.priority.objectives.append(
                ParsedObjective(
                    title=_clean(numbered.group(2)), ref=numbered.group(1), location=location
                )
            )

    def _inline_priorities(self, text: str, location: Location) -> bool:
        """ "Priority 1: Violence. Priority 2: Anti-social behaviour." in one paragraph."""
        starts = inline_starts(text)
        if not starts:
            return False
        for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
            self._starts_priority(LIST_END.sub("", text[start:end].strip()), location)
        self.priority_level = None  # set in a paragraph, not as a heading
        return True

    def _paragraph_priority(self, text: str, location: Location) -> bool:
        """A paragraph straight after "…the priorities as:": a priority, named by its words
        before "which includes" (the rest describes it); the first paragraph that reads as
        a sentence of the report ("The Plan is informed by …") ends them."""
        if not self.paragraph_priorities or self.mode != "priorities":
            return False
        first_word = text.split(maxsplit=1)[0].lower() if text.split() else ""
        if len(text) > 300 or first_word in SENTENCE_OPENINGS or ". " in text.rstrip(". "):
            return False
        parts = re.split(r"\s+(?:which includes?|including)\s+", text, maxsplit=1)
        title, description = parts[0], parts[1] if len(parts) > 1 else ""
        priority = self._priority(self._next_number(), LIST_END.sub("", title), location)
        priority.description = LIST_END.sub("", description)
        return True

    def _starts_objective(self, block, text: str) -> bool:
        if not (
            isinstance(block, Heading)
            and self.priority is not None
            and self.priority_level is not None
            and block.level > self.priority_level
            and not WHAT_WE_WILL_DO.match(text)
            and not MEASURE_SUCCESS.match(text)
        ):
            return False
        self.objective = ParsedObjective(title=_clean(text), location=block.location)
        self.priority.objectives.append(self.objective)
        self.mode, self.bullets_seen = "", False
        return True

    def _work_of(self):
        """Where the work being read belongs: the objective, else the priority."""
        return self.objective if self.objective is not None else self.priority

    def _introduces_priorities(self, text: str) -> bool:
        """A line about the priorities that a list of them follows: a short heading ("Our
        priorities"), or a sentence ending in a colon (the last of its paragraph)."""
        if PRIORITIES_HEADING.match(text):
            return True
        sentence = _last_sentence(text)
        return (
            len(sentence) < 250
            and PRIORITIES_INTRO.search(sentence) is not None
            and "priority" not in sentence.lower().split()[0:1]
        )

    def _starts_priority(self, text: str, location: Location) -> bool:
        match = PRIORITY_HEADING.match(text)
        if not match or not is_priority_start(text):
            return False
        title = STATUS_CLAUSE.sub("", re.sub(r"\*+", "", _clean(match.group(3)))).strip()
        self.cross_cutting = False
        self.bullets_seen = False
        self.priority = self._priority(priority_number(match.group(1)), title, location)
        self.objective = None
        self.mode = ""
        return True

    def _list_item(self, block: ListItem, text: str) -> None:
        text = _clean(text)
        if self.mode == "aims":
            if text not in self.plan.aims:
                self.plan.aims.append(text)
                if block.number is not None:
                    self.numbered_aims.append((block.number, text, block.location))
        elif PRIORITY_HEADING.match(text) and self.mode not in ("actions", "measures"):
            self._starts_priority(LIST_END.sub("", text), block.location)  # "Priority 1 - …"
        elif self.mode == "priorities":
            # Numbered, or bullets in the order given ("; and" and full stops are the list's).
            number = block.number if block.number is not None else self._next_number()
            self.priority = self._priority(number, LIST_END.sub("", text), block.location)
        elif self.mode == "cross" and block.number is not None:
            # Cross-cutting objectives are numbered on their own; they follow the priorities.
            number = self._next_number()
            self.priority = self._priority(number, text, block.location, cross=True)
            self.mode = ""
        elif self.mode == "actions" and self._work_of() is not None:
            self.bullets_seen = True
            self._work_of().actions.append(ParsedAction(title=text, location=block.location))
        elif self.mode == "measures" and self._work_of() is not None:
            work = self._work_of()
            work.desired_outcomes = "\n".join(p for p in (work.desired_outcomes, f"- {text}") if p)


def _one_column_rows(table: Table) -> list[str]:
    """The rows' text of a table with one column (its heading row included), else none."""
    rows = ([table.header] if table.header else []) + [row.cells for row in table.rows]
    if not rows or any(len([c for c in cells if plain(c)]) > 1 for cells in rows):
        return []
    return [plain(next((c for c in cells if plain(c)), "")) for cells in rows]


def build_narrative_plan(document: Document, budget: Budget | None = None) -> ParsedPlan:
    return NarrativeBuilder(document, budget).build()
