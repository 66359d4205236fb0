"""Word tables laid out as councils' documents are: a fixed layout, the full text width, and
each column as wide as what it holds (the widest for long text), never narrower than its
longest word, so that neither Word nor LibreOffice splits a word between lines.

Word and LibreOffice do not measure text for a fixed table: the widths are decided here, from
Arial's character widths (the documents' font), and written on the grid (LibreOffice reads
it) and on every cell (Word reads those)."""

import math

from docx.oxml.ns import qn
from docx.shared import Pt

# Arial's advance widths in thousandths of an em (Helvetica's metrics, which Arial shares),
# by kind of character; bold is about 8% wider. Unlisted characters count as wide ones.
NARROW = dict.fromkeys("ijlI.,;:'!|", 278) | dict.fromkeys("ft()[]-/r ", 333)
WIDE = dict.fromkeys("mMW", 833) | dict.fromkeys("w", 722) | {"@": 1015, "%": 889}
LOWERCASE, CAPITAL, OTHER = 556, 722, 667
BOLD = 1.08
# The cell's own left and right margins (Word's 0.19 cm each) and a bullet's indent.
CELL_PADDING = 230
BULLET_INDENT = 360
# The smallest text a table is shrunk to before its columns split words (print stays legible).
SMALLEST_FONT = 8
# A column of long text wants about this many characters a line before it stops growing.
LONGEST_WANTED = 60


def _character_width(character: str) -> int:
    if character in NARROW:
        return NARROW[character]
    if character in WIDE:
        return WIDE[character]
    if character.islower() or character.isdigit():
        return LOWERCASE
    return CAPITAL if character.isupper() else OTHER


def word_width(word: str, *, font_size: float, bold: bool = False) -> int:
    """How wide `word` is in Arial at `font_size` points, in twips (twentieths of a point)."""
    units = sum(_character_width(c) for c in word)
    return math.ceil(units / 1000 * font_size * 20 * (BOLD if bold else 1))


def _bold(run) -> bool:
    """A run in bold (a RAG cell's word, a label): its letters are wider."""
    bold = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
    return bold is not None and bold.get(qn("w:val"), "true") not in ("0", "false")


def _columns_read(tbl, font_size: float) -> tuple[list[int], list[int], list[int]]:
    """Per column: the width its longest word needs (twips, padding and bullets included),
    the characters of its longest paragraph and of all its cells (header row aside)."""
    columns = len(tbl.tblGrid.findall(qn("w:gridCol")))
    least, longest, total = [0] * columns, [0] * columns, [0] * columns
    for number, tr in enumerate(tbl.findall(qn("w:tr"))):
        for column, tc in enumerate(tr.findall(qn("w:tc"))[:columns]):
            for p in tc.iter(qn("w:p")):
                text = "".join(t.text or "" for t in p.iter(qn("w:t")))
                if not text:
                    continue
                style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
                bulleted = style is not None and style.get(qn("w:val"), "").startswith("List")
                widest = max(
                    word_width(word, font_size=font_size, bold=number == 0 or _bold(run))
                    for run in p.iter(qn("w:r"))
                    for word in "".join(t.text or "" for t in run.iter(qn("w:t"))).split() or [""]
                )
                need = widest + CELL_PADDING + (BULLET_INDENT if bulleted else 0)
                least[column] = max(least[column], need)
                if number:
                    longest[column] = max(longest[column], len(text))
                    total[column] += len(text)
    return least, longest, total


def column_widths(
    tbl, text_width: int, *, weights: list[float] | None = None, font_size: float = 10
) -> list[int]:
    """The columns' widths in twips, together `text_width`: each at least its longest word,
    the rest shared by `weights` or, without them, by how much text each column holds."""
    least, longest, total = _columns_read(tbl, font_size)
    if weights is None:
        rows = max(len(tbl.findall(qn("w:tr"))) - 1, 1)
        # A column of numbers stays as narrow as its words; one of sentences grows with them.
        weights = [
            math.sqrt(min(max(cell, all_of / rows, 1), LONGEST_WANTED))
            for cell, all_of in zip(longest, total, strict=True)
        ]
    if sum(least) >= text_width:  # more than the page holds: shrink them alike
        return [int(width * text_width / sum(least)) for width in least]
    # Columns that would get less than their longest word get it; the others share the rest.
    fixed = [False] * len(least)
    while True:
        left = text_width - sum(w for w, f in zip(least, fixed, strict=True) if f)
        free = sum(w for w, f in zip(weights, fixed, strict=True) if not f) or 1
        shares = [least[i] if fixed[i] else left * weights[i] / free for i in range(len(least))]
        short = [not fixed[i] and shares[i] < least[i] for i in range(len(least))]
        if not any(short):
            widths = [int(share) for share in shares]
            widths[-1] += text_width - sum(widths)  # rounding: the table spans the width
            return widths
        fixed = [a or b for a, b in zip(fixed, short, strict=True)]


def fix_column_widths(
    tbl, text_width: int, *, weights: list[float] | None = None, font_size: float = 10
) -> None:
    """Give the table a fixed layout, its full width, and every grid column and cell its
    width; text in `font_size` points when smaller than the document's, or smaller still
    (down to SMALLEST_FONT) when the columns' longest words would not fit the page at that size:
    a smaller letter is better than a word split between lines (seed 004's quarter layout has
    eleven columns)."""
    while font_size > SMALLEST_FONT and sum(_columns_read(tbl, font_size)[0]) >= text_width:
        font_size -= 0.5
    widths = column_widths(tbl, text_width, weights=weights, font_size=font_size)
    properties = tbl.tblPr
    properties.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    table_width = properties.find(qn("w:tblW"))  # python-docx writes one in every table
    table_width.set(qn("w:w"), str(sum(widths)))
    table_width.set(qn("w:type"), "dxa")
    for column, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(width))
    for tr in tbl.findall(qn("w:tr")):
        for tc, width in zip(tr.findall(qn("w:tc")), widths, strict=False):
            cell_width = tc.get_or_add_tcPr().get_or_add_tcW()
            cell_width.set(qn("w:w"), str(width))
            cell_width.set(qn("w:type"), "dxa")
    if font_size != 10:
        for run in tbl.iter(qn("w:r")):
            run.get_or_add_rPr().get_or_add_sz().val = Pt(font_size)
