"""The cells the plans' Word documents share: RAG fills with their word, updates, owners
(the builder itself is core.documents.word.WordDocument)."""

from saferplan.core.documents.word import WordDocument, set_cell_fill
from saferplan.core.text import clean_text
from saferplan.imports.dates import find_date
from saferplan.plans.models import RagRating

# The fills Word users know from the seeds' trackers; black text on each passes 4.5:1.
RAG_FILLS = {
    RagRating.RED: "FF0000",
    RagRating.AMBER: "FFC000",
    RagRating.GREEN: "00B050",
    RagRating.WHITE: "FFFFFF",
}

SENSITIVE = "OFFICIAL-SENSITIVE"


def rag_cell(cell, rating: str | None) -> None:
    """The rating's word, bold, on its colour: never the colour alone."""
    value = RagRating(rating or RagRating.WHITE)
    cell.text = ""
    cell.paragraphs[0].add_run(str(value.label)).bold = True
    set_cell_fill(cell, RAG_FILLS[value])


def update_line(update, *, period) -> str:
    """An update as the seeds write them: its text, starting with the date it describes
    (06/10/2019: …) unless the text already states that date. The plan importer reads the
    date back, so an exported plan imports again as it was."""
    text = update.text
    found = find_date(text, period=period)
    if not update.date_is_estimated and (found is None or found.date != update.described_on):
        text = f"{update.described_on:%d/%m/%Y}: {text}"
    if update.is_sensitive and "SENSITIVE" not in text.upper():
        text = f"{text} [{SENSITIVE}]"
    return text


def fill_with_lines(cell, lines: list[str], *, bullets: bool = True) -> None:
    """One paragraph per line, bulleted as in seed 003; without bullets in a narrow column
    (a quarter's), where the bullet's indent would leave a long word no room."""
    cell.text = ""
    if not lines:
        return
    style = "List Bullet" if bullets else None
    first, *rest = lines
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    WordDocument.run(paragraph, first)
    for line in rest:
        cell.add_paragraph(clean_text(line), style=style)


def merge_down(top, below) -> None:
    merged = top.merge(below)
    # Merging appends the lower cell's (empty) paragraph: keep only the text.
    for paragraph in merged.paragraphs[1:]:
        if not paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)
