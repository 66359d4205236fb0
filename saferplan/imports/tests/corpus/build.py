"""Turn a corpus plan's source.md into the Word document a council would have made.

`#` lines become real Heading 1/2/3 paragraphs, `- ` lines List Bullet, `1. ` lines List Number,
pipe tables real Word tables whose first row is a repeated header row; every other line is a
Normal paragraph. Nothing is inferred beyond the Markdown: the words are the source's.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

CORPUS = Path(__file__).resolve().parent

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^-\s+(.*)$")
_NUMBERED = re.compile(r"^\d+\.\s+(.*)$")
_RULE = re.compile(r"^\|\s*:?-{3,}")


def plans() -> list[str]:
    """The slugs of every plan in the corpus."""
    return sorted(p.parent.name for p in CORPUS.glob("*/source.md"))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _mark_header(row) -> None:
    """Word's "repeat as header row at the top of each page": what a council's table header is."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _add_table(document, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for index, cells in enumerate(rows):
        row = table.add_row()
        for column, text in enumerate(cells + [""] * (width - len(cells))):
            row.cells[column].text = text
            if index == 0:
                for run in row.cells[column].paragraphs[0].runs:
                    run.bold = True
        if index == 0:
            _mark_header(row)


def build_docx(source: Path | str, target: Path | str) -> Path:
    """Write the Word document for one source.md; returns the target path."""
    source, target = Path(source), Path(target)
    document = docx.Document()
    lines = source.read_text(encoding="utf-8").splitlines()
    table: list[list[str]] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            if not _RULE.match(line):
                table.append(_cells(line))
            continue
        if table:
            _add_table(document, table)
            table = []
        if not line.strip():
            continue
        if match := _HEADING.match(line):
            document.add_heading(match.group(2), level=len(match.group(1)))
        elif match := _BULLET.match(line):
            document.add_paragraph(match.group(1), style="List Bullet")
        elif match := _NUMBERED.match(line):
            document.add_paragraph(match.group(1), style="List Number")
        else:
            document.add_paragraph(line)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(target)
    return target


def build_all(directory: Path | str) -> list[Path]:
    """Build every corpus plan as <slug>.docx into directory (a test's tmp_path)."""
    directory = Path(directory)
    return [build_docx(CORPUS / slug / "source.md", directory / f"{slug}.docx") for slug in plans()]


if __name__ == "__main__":  # python build.py OUTDIR
    import sys

    for path in build_all(sys.argv[1] if len(sys.argv) > 1 else "corpus-docx"):
        print(path)
