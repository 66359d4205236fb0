"""A plan's own RAG key (issue 21, deliverable 4): where the document says what its symbols
and colours mean — a small table "Key | ● Complete | ● On track …" with each cell shaded, a
two-column table (colour cell | meaning), or lines "✓ = complete, ✗ = not started" or
"Blue – completed, Green – on track" after "Key", "Legend", "RAG status" — a symbol, a
shading colour or a colour word means what the key says, before saferplan's own guesses
(rag_reading.py). A key's meaning saferplan cannot read is left out, with a warning."""

import colorsys
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .blocks import Block, Document, Heading, ListItem, Paragraph, Row, Table, TabLine
from .cells import plain
from .parsed import ParsedPlan
from .rag_reading import RAG_WORDS, rag_of_colour, rag_of_text

# "Key", "RAG key:", "Colour legend –", "Key to RAG ratings", "RAG status:" (not "Key actions")
LABEL = re.compile(
    r"^\W*(?:(?:(?:rag|colour|color|status|rating|progress|symbol)s?\s+)*(?:key|legend)"
    r"(?:\s+to\s+[\w ]{1,30}?)?|rag\s+(?:status|ratings?))"
    r"(?:\s*[:\-–—=]\s*|\s*$|\s+(?=[^\w\s]))",
    re.I,
)
# Colour words as a key writes them, and the shading each stands for (Word's standard colours).
COLOURS = {
    "red": "FF0000",
    "dark red": "C00000",
    "amber": "FFC000",
    "orange": "FFC000",
    "gold": "FFC000",
    "yellow": "FFFF00",
    "green": "00B050",
    "light green": "92D050",
    "dark green": "00803C",
    "blue": "0070C0",
    "light blue": "00B0F0",
    "dark blue": "002060",
    "purple": "7030A0",
    "pink": "FF99CC",
    "grey": "A6A6A6",
    "gray": "A6A6A6",
    "white": "FFFFFF",
    "black": "000000",
}
COLOUR_WORD = "|".join(sorted(COLOURS, key=len, reverse=True))
ENTRY = re.compile(
    rf"^\s*(?:(?P<colour>{COLOUR_WORD})\b|(?P<symbol>[^\w\s]))\s*(?:[=:\-–—]\s*)?(?P<meaning>.*?)\s*$",
    re.I,
)
# Meanings a key gives at greater length ("On track to be delivered within timescale").
PHRASES = sorted((p for p in RAG_WORDS if len(p) > 3 and p not in COLOURS), key=len, reverse=True)
WORD = re.compile(r"[^\W\d_]{2}")
NEGATION = re.compile(r"\b(?:not|no|yet to be|not yet)\s*$")
MAX_KEY_ROWS = 12
HUE_WINDOW = 30  # degrees: a shade this near a key colour is that colour


def is_symbol(character: str) -> bool:
    """● ✓ ✗ ■ ○ ★ √: a sign, not a letter, digit or punctuation."""
    return not character.isascii() and unicodedata.category(character) in ("So", "Sm")


def rating_of_meaning(text: str) -> str | None:
    """The rating a key's words give: "Complete", "Some slippage", "Progress on or ahead of
    schedule and on track", "not started / delayed" (the first one said); None for words
    saferplan cannot read. "Not complete" is not "complete"."""
    if rating := rag_of_text(text):
        return rating
    words = " ".join(re.sub(r"[^a-z/]+", " ", text.lower()).split())
    found = [
        (match.start(), -len(phrase), phrase)
        for phrase in PHRASES
        for match in re.finditer(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", words)
        if not NEGATION.search(words[: match.start()])
    ]
    return RAG_WORDS[min(found)[2]] if found else None


def _rgb(fill: str) -> tuple[int, int, int] | None:
    fill = fill.strip().lstrip("#")
    try:
        return (int(fill[0:2], 16), int(fill[2:4], 16), int(fill[4:6], 16))
    except ValueError:
        return None


def _hsv(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    hue, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    return hue * 360, saturation, value


def _near(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """The same colour to a reader: greys and whites of a like lightness, or colours of a
    like hue (rag_of_colour's idea: hue is what tells red from amber from green)."""
    (hue_a, sat_a, val_a), (hue_b, sat_b, val_b) = _hsv(a), _hsv(b)
    if sat_a < 0.3 or val_a < 0.3 or sat_b < 0.3 or val_b < 0.3:
        return (sat_a < 0.3) == (sat_b < 0.3) and abs(val_a - val_b) <= 0.2
    return min(abs(hue_a - hue_b), 360 - abs(hue_a - hue_b)) <= HUE_WINDOW


def _distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """How far apart two colours look ("redmean": RGB weighted as the eye weighs it)."""
    mean = (a[0] + b[0]) / 2
    red, green, blue = (a[i] - b[i] for i in range(3))
    return (2 + mean / 256) * red**2 + 4 * green**2 + (2 + (255 - mean) / 256) * blue**2


@dataclass
class Entry:
    meaning: str
    symbol: str = ""
    colour: str = ""  # a colour word
    fill: str = ""  # the cell's shading


@dataclass
class RagKey:
    """What the document's key says each symbol, colour word and shading means."""

    symbols: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)  # colour word → rating
    fills: dict[tuple[int, int, int], str] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)  # key tables, not tables of actions

    @classmethod
    def of(cls, document: Document, plan: ParsedPlan) -> "RagKey":
        key = cls()
        ambiguous: set[object] = set()
        for entries, location in _keys(document.blocks, key.tables):
            readable = [(e, rating_of_meaning(e.meaning)) for e in entries]
            unread = [e.meaning or _("(nothing)") for e, rating in readable if rating is None]
            if unread:
                says = (
                    _(
                        "The RAG key at %(location)s says %(words)s, which saferplan cannot read "
                        "as a rating (complete, on track, some concerns, off track, not started): "
                        "it was ignored, and those colours or symbols are read as saferplan reads "
                        "them without a key."
                    )
                    if len(unread) == len(entries)
                    else _(
                        "The RAG key at %(location)s says %(words)s, which saferplan cannot read "
                        "as a rating (complete, on track, some concerns, off track, not started): "
                        "those were left out, and those colours or symbols are read as saferplan "
                        "reads them without a key."
                    )
                )
                plan.warn(
                    "rag_key",
                    says
                    % {
                        "location": location,
                        "words": ", ".join(f"“{m[:40]}”" for m in unread[:4]),
                    },
                    location,
                )
            for entry, rating in readable:
                if rating is not None:
                    key._add(entry, rating, ambiguous)
        return key

    def _add(self, entry: Entry, rating: str, ambiguous: set[object]) -> None:
        """One entry's symbol, colour word and shading; one that two entries give different
        meanings (the same ● in every cell of a shaded key) means nothing by itself."""
        rgb = _rgb(entry.fill) if entry.fill else None
        if rgb is None and entry.colour:
            rgb = _rgb(COLOURS[entry.colour.lower()])
        pairs: list[tuple[dict, object]] = [(self.symbols, entry.symbol)]
        pairs += [(self.words, entry.colour.lower()), (self.fills, rgb)]
        for found, marker in pairs:
            if not marker or marker in ambiguous:
                continue
            if found.get(marker, rating) != rating:
                ambiguous.add(marker)
                del found[marker]
            else:
                found[marker] = rating

    def holds(self, table: Table) -> bool:
        return any(table is key_table for key_table in self.tables)

    def rating(self, text: str, fills: list[str], status: str = "") -> str | None:
        """A cell's rating: the key's symbol or colour word, saferplan's words and symbols,
        then each shading (the key's colour first), then a key symbol in the status cell."""
        rating = self._of_text(text) or rag_of_text(text)
        for fill in fills:
            if rating is None and fill:
                rating = self._of_fill(fill) or rag_of_colour(fill)
        return rating or (self._of_text(status) if not text else None)

    def _of_text(self, text: str) -> str | None:
        text = " ".join(text.split()).strip(" .:;-–")
        return self.symbols.get(text) or self.words.get(text.lower())

    def _of_fill(self, fill: str) -> str | None:
        rgb = _rgb(fill) if len(fill.strip().lstrip("#")) == 6 else None
        near = [colour for colour in self.fills if rgb is not None and _near(rgb, colour)]
        if rgb is None or not near:
            return None
        return self.fills[min(near, key=lambda colour: _distance(rgb, colour))]


def _text_of(block: Block) -> str:
    if isinstance(block, TabLine):
        return "; ".join(plain(c) for c in block.cells)
    return plain(block.text) if isinstance(block, Heading | Paragraph | ListItem) else ""


def _is_label(block: Block | None) -> bool:
    """A line that is only "Key", "RAG key:", "Legend"."""
    text = _text_of(block) if block is not None else ""
    found = LABEL.match(text)
    return found is not None and not text[found.end() :].strip()


def _keys(blocks: list[Block], tables: list[Table]):
    """Each key of the document: its entries and where it is; its tables go in `tables`."""
    for index, block in enumerate(blocks):
        before = blocks[index - 1] if index else None
        if isinstance(block, Table):
            entries = _table_entries(block, labelled=_is_label(before))
            if entries:
                tables.append(block)
                yield entries, block.location
            continue
        text = _text_of(block)
        found = LABEL.match(text)
        if found is None:
            continue
        entries = _line_entries(text[found.end() :])
        # "Key" alone, with an entry on each line below it.
        for following in blocks[index + 1 : index + 1 + MAX_KEY_ROWS] if not entries else []:
            more = _line_entries(_text_of(following)) if not isinstance(following, Table) else []
            if not more:
                break
            entries += more
        if entries:
            yield entries, block.location


def _line_entries(text: str) -> list[Entry]:
    """ "✓ = complete, ✗ = not started" or "● Complete ● On track": entries, or [] when any
    part of the line is not one (a line of prose)."""
    parts, current = [], ""
    for character in text:
        if character in ",;|\t" or (is_symbol(character) and current.strip()):
            parts.append(current)
            current = "" if character in ",;|\t" else character
        else:
            current += character
    parts = [p for p in [*parts, current] if p.strip()]
    entries = [_entry(part) for part in parts]
    return [e for e in entries if e] if entries and all(entries) else []


def _entry(text: str, fill: str = "") -> Entry | None:
    """A symbol or colour word and its meaning; in a shaded cell, the cell's words are the
    meaning ("Complete" in a blue cell)."""
    found = ENTRY.match(text)
    if found and found["symbol"] and not is_symbol(found["symbol"]):
        found = None
    if found and WORD.search(found["meaning"]):
        return Entry(found["meaning"], found["symbol"] or "", found["colour"] or "", fill)
    if fill and not found and rating_of_meaning(text):
        return Entry(text, fill=fill)
    return None


def _table_entries(table: Table, *, labelled: bool) -> list[Entry]:
    """A key table's entries: "Key" in its first cell or the line above it; or, without
    one, a table of two columns whose every row (but a heading row) is a colour or symbol
    and its meaning."""
    if table.header is not None or not table.rows or len(table.rows) > MAX_KEY_ROWS:
        return []
    label = LABEL.match(plain(table.rows[0].cells[0])) if table.rows[0].cells else None
    if not (labelled or label) and any(len(row.cells) > 2 for row in table.rows):
        return []
    entries: list[Entry] = []
    for number, row in enumerate(table.rows):
        found = _row_entries(row, label if number == 0 else None)
        if not found and not (labelled or label) and number:
            return []  # a row that is not a key's: not a key
        entries += found
    return entries if labelled or label or len(entries) >= 2 else []


def _row_entries(row: Row, label: re.Match | None) -> list[Entry]:
    texts = [plain(c) for c in row.cells]
    fills = [*row.fills, *[""] * len(texts)]
    if label:
        texts[0] = texts[0][label.end() :]
    # Two cells, the first only a colour (shaded, a colour word or a symbol): its meaning.
    if len(texts) == 2 and WORD.search(texts[1]):  # a count ("Red | 3") is not a meaning
        marker = ENTRY.match(texts[0]) if texts[0] else None
        if marker and not marker["meaning"] and (marker["colour"] or is_symbol(marker["symbol"])):
            return [Entry(texts[1], marker["symbol"] or "", marker["colour"] or "", fills[0])]
        if not texts[0] and fills[0]:
            return [Entry(texts[1], fill=fills[0])]
    entries = [_entry(text, fill) for text, fill in zip(texts, fills, strict=False) if text]
    return [e for e in entries if e]
