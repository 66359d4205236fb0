"""The named sections of a narrative plan that are neither its introduction nor its
priorities: the foreword (and who signed it), the legislation, the strategic assessment's
findings, the Police and Crime Commissioner's priorities, definitions and footnotes, the notice
of other languages and formats, and how the plan is monitored. Each is kept whole in its own
field of the plan, so that none of it is read as a priority's work or outcomes (seed 001's
"Performance Management" and "Headline Performance Measures" were).

A section starts at a heading that names it (any level; a short line the document sets as a
heading, as plain text converters leave them) and ends where the next heading of the same or
a higher level starts, or a priority starts."""

import enum
import re
from dataclasses import dataclass, field

from saferplan.core.text import is_welsh

from .blocks import Block, Heading, ListItem, Paragraph, TabLine
from .parsed import SECTION_LABELS, ParsedPlan

_THE = r"(?:the\s+|our\s+|key\s+|main\s+|relevant\s+|a\s+)*"
_END = r"\W*$"
NAMED_SECTIONS = [
    (
        "plain_summary",
        rf"^\W*{_THE}(?:(?:plan|strategy)\s+)?(?:in\s+brief|at\s+a\s+glance|easy[\s-]read(?:\s+"
        r"(?:version|summary))?|plain[\s-]english\s+(?:summary|version)|summary\s+of\s+(?:the|"
        rf"this|our)\s+(?:plan|strategy)|(?:this|our)\s+plan\s+in\s+brief){_END}",
    ),
    (
        "foreword",
        rf"^\W*(?:foreword|preface|(?:an?\s+)?introduction\s+(?:from|by)\s+.+|{_THE}(?:message|welcome|"
        r"letter|statement)\s+from\s+.+|(?:the\s+)?(?:chair(?:man|woman|person)?|leader)['’]?s?\s+"
        rf"(?:introduction|foreword|message|statement)){_END}",
    ),
    (
        # Who the partnership is and how it works: seed 002's heading is its name.
        "about_partnership",
        r"^\W*(?:about\s+(?:the|our|us)(?:\s+partnership)?|who\s+we\s+are|(?:the|our)\s+"
        r"partnership(?:\s+structure)?|partnership\s+(?:structure|governance|arrangements)|"
        r"(?:what\s+is\s+)?(?:the\s+)?(?:[A-Z][\w'’&\-]*\s+){1,4}community\s+safety\s+partnership"
        rf"(?:\s*\([A-Z]{{2,6}}\))?(?:\s+(?:structure|governance|arrangements))?){_END}",
    ),
    (
        "legislation",
        rf"^\W*{_THE}(?:legislation|legislative\s+(?:framework|context|background)|legal(?:\s+(?:"
        r"framework|context|duties|duty|responsibilities|requirements|background|position))?|"
        r"statutory\s+(?:duties|duty|responsibilities|requirements|framework|context)|"
        rf"crime\s+(?:and|&)\s+disorder\s+act(?:\s+1998)?){_END}",
    ),
    (
        "assessment_findings",
        r"^\W*(?:.{0,60}\bstrategic\s+assessment\b.{0,40}|(?:the\s+)?findings\s+of\s+.{0,60}|"
        r"what\s+(?:the\s+)?(?:data|evidence)\s+(?:tells|told|shows)\s+us|"
        rf"{_THE}(?:key\s+)?findings){_END}",
    ),
    (
        "pcc_alignment",
        r"^\W*(?:.{0,40}\bpolice(?:,)?\s+(?:fire\s+)?and\s+crime\s+(?:commissioner|plan)\b.{0,40}|"
        r".{0,40}\bpcc['’]?s?\s+(?:plan|priorities)\b.{0,20}|(?:the\s+)?commissioner['’]?s?\s+"
        rf"priorities){_END}",
    ),
    (
        "definitions",
        rf"^\W*{_THE}(?:definitions?|glossary(?:\s+of\s+terms)?|terms\s+used|key\s+terms|"
        rf"abbreviations|acronyms|footnotes|notes){_END}",
    ),
    (
        "language_notice",
        r"^\W*(?:other\s+languages|(?:other|alternative|accessible)\s+formats|(?:other\s+)?"
        r"languages\s+and\s+(?:other\s+)?formats|large\s+print(?:\s+and\s+(?:other\s+)?"
        r"(?:formats|languages))?|"
        rf"(?:this\s+document\s+is\s+)?available\s+in\s+other\s+.+){_END}",
    ),
    (
        "monitoring",
        rf"^\W*{_THE}(?:(?:headline\s+)?performance\s+management(?:\s+framework)?|headline\s+"
        r"(?:performance\s+)?measures|monitoring(?:,?\s+(?:and\s+)?(?:review|evaluation|"
        r"reporting|measuring))*|review\s+and\s+monitoring|delivery,?\s+monitoring(?:,?\s+"
        r"(?:and\s+)?(?:review|evaluation|reporting|measuring))*|how\s+we\s+will\s+monitor\s+.+|"
        rf"plan[\s,\-–]+do[\s,\-–]+review(?:[\s,\-–]+(?:and\s+)?revise)?){_END}",
    ),
    (
        # Kept apart so that no contact (the PCC's office) is read as another section.
        "contacts",
        rf"^\W*{_THE}(?:useful\s+)?(?:contact(?:s|\s+details|\s+us|\s+information)|"
        rf"contacts?\s+and\s+(?:support|help|advice)|where\s+to\s+get\s+help){_END}",
    ),
]
SECTION_HEADINGS = [(name, re.compile(pattern, re.I)) for name, pattern in NAMED_SECTIONS]
# Sections whose headings read like an organisation's name, which a contacts list holds.
NAMED_LIKE_A_CONTACT = {"about_partnership", "pcc_alignment"}
# The longest line a contact's details take ("Adviceline (England) 03444 111 444" …).
CONTACT_LINE = 160
assert {name for name, _ in NAMED_SECTIONS} == set(SECTION_LABELS)  # noqa: S101
# "The Police and Crime Commissioner … also have priorities … These are:", then a list.
PCC_LEAD_IN = re.compile(
    r"\b(?:police(?:,)?\s+(?:fire\s+)?and\s+crime\s+(?:commissioner|plan)|pcc)\b.*\bpriorit", re.I
)
# "1 Anti-social behaviour is defined as …", "* ASB means …": a footnote that defines a term.
FOOTNOTE_DEFINITION = re.compile(
    r"^\s*(?:\d{1,2}|\*+|[¹²³⁴⁵⁶⁷⁸⁹])\s*[A-Z‘'\"“].{0,200}?\b(?:is|are)\s+defined\s+as\b|"
    r"^\s*(?:\d{1,2}|\*+|[¹²³⁴⁵⁶⁷⁸⁹])\s*[A-Z‘'\"“][\w\s\-()‘’'\"“”]{0,80}?\s+(?:means|refers\s+to)\s|"
    # Seed 002: "*Exploitation is the act of …", "**Cuckooing is when criminals …".
    r"^\s*\*+\s*[A-Z][\w\-()‘’' ]{0,60}?\s+(?:is|are)\s+(?:the|when|any|a|an|where)\s",
)
LANGUAGE_NOTICE = re.compile(
    r"available\s+in\s+(?:other|different|alternative|community)\s+(?:languages|formats)|"
    r"\blarge\s+print\b|\bbraille\b|\beasy\s+read\b|ar\s+gael\s+yn\s+gymraeg|mae['’]r\s+ddogfen",
    re.I,
)
# Who signed the foreword: "Cllr Jane Smith, Chair of the Partnership", "CEO - Dacorum Borough
# Council", "Signed by the joint chairs"; a bare name counts beside such a line.
ROLE = re.compile(
    r"\b(?:(?:co-|joint\s+|vice[\s-])?chair(?:man|woman|person|s)?|ceo|chief\s+(?:executive|"
    r"constable|superintendent|inspector|officer)|superintendent|inspector|director|"
    r"councillor|cllr|leader|mayor|commissioner|cabinet\s+member|portfolio\s+holder|"
    r"head\s+of|signed)\b",
    re.I,
)
SENTENCE_START = re.compile(r"^(?:i|we|our|the|this|these|it|as|in|on|with|thank)\b", re.I)
NAME = re.compile(
    r"^(?:(?:cllr|councillor|dr|mr|mrs|ms|miss|sir|dame|prof(?:essor)?)\.?\s+)?"
    r"[A-Z][a-z'’\-]+(?:(?:[A-Z][a-z'’\-]+)|(?:\s+[A-Z][a-zA-Z'’\-]+){1,3})$"
)
# "Robbery 67 offences, 16 more 31.4%": a figure, not a heading.
FIGURE = re.compile(r"\d\s*%|\b\d[\d,]*\s+(?:offences|incidents|crimes|victims|reports)\b", re.I)
CHANGE_HEADING = re.compile(
    r"^\W*(?:(?:all\s+)?crimes?|offences?)?\s*(?:increases?|decreases?|reductions?|rises?|falls?)\W*$",
    re.I,
)
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}\s*$", re.I)


CONTENTS = re.compile(r"^\W*(?:table\s+of\s+)?contents(?:\s+page)?\W*$", re.I)
INTRODUCTION = re.compile(r"^\W*(?:\d{1,2}\.?\s*)?introduction\W*$", re.I)


class FrontMatter:
    """What comes before a plan's own words, left out of the plan (the preview lists it as not
    imported): a contents list and what sits beside it on its page (seed 002's "02 Foreword",
    Salford's "Page1 Of 26"), short lines from "Contents" to the first paragraph, the
    "Introduction" heading or a named section; and the cover before a foreword (the title
    again, the council's address: not an introduction)."""

    def __init__(self) -> None:
        self.reading = False  # a contents list

    def section_opened(self, section: "OpenSection | None", intro: list[str]) -> None:
        self.reading = False
        if section is not None and section.name == "foreword":
            intro.clear()  # the cover

    def skips(self, text: str) -> bool:
        if CONTENTS.match(text):
            self.reading = True
        elif self.reading and (len(text) >= 80 or INTRODUCTION.match(text)):
            self.reading = False
        return self.reading


def section_of_heading(text: str) -> str:
    """The named section a heading's words start, or ""."""
    if len(text) > 100:
        return ""
    return next((name for name, pattern in SECTION_HEADINGS if pattern.match(text)), "")


def reads_as_heading(text: str) -> bool:
    """A short line without a sentence's end: a heading, as text converters leave them."""
    text = text.strip()
    return (
        0 < len(text) <= 90
        and len(text.split()) <= 12
        and (text[0].isupper() or text[0].isdigit())
        # A sentence's end in the scripts of plans' notices too: 。 (Chinese), । (Gurmukhi,
        # Devanagari), ۔ and ؟ (Urdu, Arabic).
        and not text.endswith((".", ":", ";", ",", "。", "।", "۔", "؟"))
        and not PAGE_NUMBER.match(text)
        and not FIGURE.search(text)
    )


def _role(text: str) -> bool:
    return len(text) < 250 and bool(ROLE.search(text)) and not SENTENCE_START.match(text)


class Claim(enum.Enum):
    NONE = "none"  # not a section's: the builder reads it
    KEEP = "keep"  # the section's alone
    OPEN = "open"  # starts a section
    SHARE = "share"  # the section's text, and the builder reads it too (a list of priorities)


@dataclass
class OpenSection:
    name: str
    level: int | None  # the heading's level; None when started by a line read as a heading
    lead_in: bool = False  # started by a sentence ending in a colon: only its list follows
    parts: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)  # signatory lines not yet placed


class SectionReader:
    """Takes the blocks that belong to a named section and writes them to the plan."""

    def __init__(self, plan: ParsedPlan):
        self.plan = plan
        self.open: OpenSection | None = None
        self.sharing = False  # a list of priorities inside a section (Lincolnshire's foreword)
        self.notice = False  # the last block was part of the language notice
        self.previous = ""

    def take(
        self,
        block: Block,
        text: str,
        *,
        following: Block | None,
        starts_priority: bool,
        under_priority: bool,
        introduces_priorities: bool,
    ) -> Claim:
        claim = self._take(
            block,
            text,
            following=following,
            starts_priority=starts_priority,
            under_priority=under_priority,
            introduces_priorities=introduces_priorities,
        )
        self.previous = text
        return claim

    def _take(
        self, block, text, *, following, starts_priority, under_priority, introduces_priorities
    ):
        if isinstance(block, TabLine):
            if self.open is None:
                return Claim.NONE
            self.open.parts += [c for c in text.split("\t") if c.strip()]
            return Claim.KEEP
        if starts_priority:
            self.close()
            return Claim.NONE
        heading_like = isinstance(block, Heading) or (
            isinstance(block, Paragraph) and reads_as_heading(text)
        )
        name = section_of_heading(text) if heading_like and not under_priority else ""
        if name and self._inside_contacts(block, name):
            name = ""  # "Hertsmere Community Safety Partnership" is a contact there
        # A heading naming a section ends the foreword unless it is a signatory's role ("Chair
        # of the Community Safety Partnership"); a bare name beside a role does not count here.
        if name and not (self.open and self.open.name == "foreword" and _role(text)):
            self.close()
            self.open = OpenSection(name, block.level if isinstance(block, Heading) else None)
            current = getattr(self.plan, name)
            if current:  # a second heading of the same section: kept as its sub-heading
                self.open.parts.append(text)
            return Claim.OPEN
        if isinstance(block, Paragraph) and FOOTNOTE_DEFINITION.match(text):
            if self.open is not None and self.open.name == "definitions":
                self.open.parts.append(text)
            else:  # a footnote at a page's foot: the section being read goes on after it
                self._append("definitions", [text])
            return Claim.KEEP
        if self._language_notice(block, text):
            return Claim.KEEP
        if self.open is None:
            if isinstance(block, Paragraph) and text.endswith(":") and PCC_LEAD_IN.search(text):
                self.open = OpenSection("pcc_alignment", None, lead_in=True, parts=[text])
                return Claim.OPEN
            return Claim.NONE
        return self._in_section(block, text, following, introduces_priorities)

    def _in_section(self, block, text, following, introduces_priorities) -> Claim:
        section = self.open
        if section is None:
            return Claim.NONE
        if isinstance(block, ListItem):
            section.parts.append(f"{block.number}. {text}" if block.number else f"- {text}")
            return Claim.SHARE if self.sharing else Claim.KEEP
        self.sharing = False
        if section.lead_in:
            self.close()
            return Claim.NONE
        if isinstance(block, Heading):
            if section.level is None or block.level <= section.level:
                self.close()
                return Claim.NONE
            section.parts.append(text)  # a sub-heading of the section
            return Claim.KEEP
        if section.name == "foreword" and self._signs(text, following):
            section.signature.append(text)
            return Claim.KEEP
        if section.level is None and reads_as_heading(text) and not _sub_heading(section, text):
            self.close()
            return Claim.NONE
        if section.name == "contacts" and len(text) > CONTACT_LINE:
            # A paragraph of prose is not a contact's: the contacts ended before it (a
            # "Contact us" line on a cover must not take the plan that follows).
            self.close()
            return Claim.NONE
        if PAGE_NUMBER.match(text):
            return Claim.KEEP
        if section.signature:  # signed at the start; names in the middle are its text
            if section.parts:
                section.parts += section.signature
            else:
                self._sign(section.signature)
            section.signature = []
        section.parts.append(text)
        if introduces_priorities:
            self.sharing = True
            return Claim.SHARE
        return Claim.KEEP

    def _inside_contacts(self, block: Block, name: str) -> bool:
        """Contacts are named by short lines, some of which name a section too (the
        partnership, the Police and Crime Commissioner): those stay contacts. Any other
        section's heading ends them, and so does a heading of the contacts' own level."""
        section = self.open
        if section is None or section.name != "contacts":
            return False
        if name not in NAMED_LIKE_A_CONTACT:
            return False
        if not isinstance(block, Heading):
            return True
        return section.level is not None and block.level > section.level

    def _signs(self, text: str, following: Block | None) -> bool:
        """A line of the foreword's signatory: a role, or a name beside one."""
        if _role(text):
            return True
        after = getattr(following, "text", "") if isinstance(following, Paragraph) else ""
        return bool(NAME.match(text.strip())) and (_role(self.previous) or _role(after))

    def _language_notice(self, block, text: str) -> bool:
        """ "This document is available in other languages …" and a Welsh line beside it."""
        notice = (
            isinstance(block, Paragraph)
            and len(text) < 400
            and (LANGUAGE_NOTICE.search(text) is not None or (self.notice and is_welsh(text)))
        )
        self.notice = notice
        if notice and not (self.open and self.open.name == "language_notice"):
            self._append("language_notice", [text])
        return notice and not (self.open and self.open.name == "language_notice")

    def _append(self, name: str, parts: list[str]) -> None:
        text = _joined(parts)
        if text:
            setattr(self.plan, name, "\n\n".join(p for p in (getattr(self.plan, name), text) if p))

    def _sign(self, lines: list[str]) -> None:
        self.plan.foreword_signatory = "\n".join(
            p for p in (self.plan.foreword_signatory, *lines) if p
        )

    def close(self) -> None:
        section, self.open, self.sharing = self.open, None, False
        if section is None:
            return
        if section.signature:
            self._sign(section.signature)
        self._append(section.name, section.parts)


def _sub_heading(section: OpenSection, text: str) -> bool:
    """A short line inside a section that does not end it: a contact's name (the contacts
    run to the next named section), or "Crime increase" above the findings' figures."""
    return section.name == "contacts" or (
        section.name == "assessment_findings" and CHANGE_HEADING.match(text) is not None
    )


def _joined(parts: list[str]) -> str:
    """Paragraphs apart by a blank line; a list's items on lines of their own."""
    text = ""
    for part in parts:
        is_item = part.startswith("- ") or re.match(r"^\d{1,2}\. ", part) is not None
        text += ("\n" if is_item and text else "\n\n" if text else "") + part
    return text
