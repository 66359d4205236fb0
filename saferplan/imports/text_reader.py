"""Reads plans as Word-to-text converters leave them (the seeds): Markdown-ish headings and
lists, and tables as tab-separated lines whose cells may hold HTML lists. Plain HTML files
with <table> elements are read through html_reader instead."""

import re

from django.utils.translation import gettext as _

from saferplan.core.text import UploadTextError, decode_upload

from . import columns
from .blocks import Block, Document, Heading, ListItem, Paragraph, Row, Table, TabLine
from .cells import plain
from .limits import Budget
from .parsed import Location, PlanFileError

HEADING = re.compile(r"^\s*(#{1,6})\s*(.+?)\s*$")
BOLD_LINE = re.compile(r"^\s*(?:\*\*|<b>|<strong>)(.+?)(?:\*\*|</b>|</strong>)\s*$", re.I)
NUMBERED_SECTION = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
BULLET = re.compile(r"^\s*(?:[-*•]|(\d{1,2})[.)])\s+(.*)$")
SEPARATOR = re.compile(r"^[\s|:\-]+$")


def decode(data: bytes, name: str) -> str:
    """The file's text (UTF-8, UTF-16 with its byte order mark, or Windows-1252), without
    control characters; PlanFileError naming the file when it is not text."""
    try:
        return decode_upload(data)
    except UploadTextError as error:
        raise PlanFileError(
            # Translators: %(problem)s is what is wrong, as core/text.py says it after a file's
            # name: "plan.csv: the file is not UTF-8 text: save it as CSV UTF-8".
            _("%(name)s: the file %(problem)s") % {"name": name, "problem": error}
        ) from None


def _strip_markers(text: str) -> str:
    text = plain(text.replace("**", ""))
    return text.strip(" #*\t")


def read_text(data: bytes, name: str, budget: Budget | None = None) -> Document:
    budget = budget or Budget(name)
    text = decode(data, name)
    document = Document(name)
    table: Table | None = None
    gap = False
    table_count = 0
    last_header: list[str] | None = None
    # Translators: where in a text file, as in "plan.txt, line 12: …".
    line_at = _("line %(number)s")

    def close() -> None:
        nonlocal table
        if table is not None and (table.rows or table.header):
            document.blocks.append(table)
        table = None

    for number, raw in enumerate(text.splitlines(), start=1):
        location = Location(name, line=number)
        if number % 1000 == 0:
            budget.tick(line_at % {"number": number})
        if "\t" in raw:
            cells = budget.row(raw.split("\t"), line_at % {"number": number})
            filled = [c for c in cells if plain(c)]
            if not filled or all(SEPARATOR.match(plain(c)) for c in filled):
                continue  # a Markdown table rule or an empty row
            if len(filled) == 1 and cells[0].strip() and not any(plain(c) for c in cells[1:]):
                heading = _strip_markers(cells[0])
                if NUMBERED_SECTION.match(heading):
                    close()
                    document.blocks.append(Heading(heading, location))
                    gap = False
                    continue
            if columns.is_header(cells):
                close()
                table_count += 1
                table = Table([], location, header=cells, index=table_count)
                last_header = cells
                gap = False
                continue
            if (
                table is not None
                and table.header is not None
                and not table.rows
                and table.subheader is None
                and columns.is_subheader(cells)
            ):
                table.subheader = cells
                continue
            if table is None or gap:
                close()
                if last_header is None:
                    # Tab-separated text before any action table: a narrative plan's own tables.
                    document.blocks.append(TabLine(cells, location))
                    continue
                table_count += 1
                table = Table([], location, header=None, index=table_count)
            table.rows.append(Row(cells, Location(name, line=number, table=table.index)))
            gap = False
            continue
        stripped = raw.strip()
        if not stripped:
            if table is not None:
                gap = True
            continue
        budget.paragraph()
        close()
        marked = HEADING.match(stripped)
        bold = BOLD_LINE.match(stripped)
        bullet = BULLET.match(stripped)
        if marked:
            document.blocks.append(
                Heading(_strip_markers(marked.group(2)), location, level=len(marked.group(1)))
            )
        elif bold:
            document.blocks.append(Heading(_strip_markers(bold.group(1)), location, level=3))
        elif bullet and (not bullet.group(1) or len(stripped) < 200):
            # "1. Serious Violence" is a numbered item; the builder makes it a section
            # heading when a table follows it.
            document.blocks.append(
                ListItem(
                    _strip_markers(bullet.group(2)),
                    location,
                    number=int(bullet.group(1)) if bullet.group(1) else None,
                )
            )
        else:
            document.blocks.append(Paragraph(plain(stripped), location))
    close()
    return document


def blocks_of(document: Document, kind) -> list[Block]:
    return [b for b in document.blocks if isinstance(b, kind)]
