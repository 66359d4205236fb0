"""Reading a downloaded file as a person (or a search) could: every word it holds."""

import io
import re
import zipfile

from pypdf import PdfReader


def readable_text(kind: str, content: bytes) -> str:
    """Everything a reader of the file could find, without spaces (PDF lines may wrap)."""
    if kind in ("docx", "xlsx"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            text = " ".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    elif kind == "pdf":
        reader = PdfReader(io.BytesIO(content))
        text = " ".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    else:
        text = content.decode("utf-8")
    # pypdf gives some runs of WeasyPrint's subset fonts as UTF-16, a NUL before each letter.
    return re.sub(r"[\s\x00]+", "", text)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# A4 in twips, and the margins councils' templates use: 2 cm, or Word's "Narrow" 1.27 cm.
A4 = (11906, 16838)
MARGINS = {"portrait": 1134, "landscape": 720}


def word_layout_problems(content: bytes, *, orientation: str) -> list[str]:
    """What a council officer would find wrong with a Word file's pages and tables, read from
    its XML as Word and LibreOffice read it: not A4, other margins, a table without a
    repeated header row or a fixed layout, a cell whose width is not its column's, or a
    column too narrow for its longest word (which would be split between lines)."""
    from docx.oxml.ns import qn
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    problems = []
    for section in body.iter(qn("w:sectPr")):
        size = section.find(qn("w:pgSz"))
        width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
        wanted = A4 if orientation == "portrait" else A4[::-1]
        if (width, height) != wanted:
            problems.append(f"page {width}×{height}, not A4 {orientation}")
        margin = section.find(qn("w:pgMar"))
        sides = {int(margin.get(qn(f"w:{side}"))) for side in ("top", "bottom", "left", "right")}
        if sides != {MARGINS[orientation]}:
            problems.append(f"margins {sorted(sides)}, not {MARGINS[orientation]}")
    for number, table in enumerate(body.iter(qn("w:tbl")), start=1):
        rows = table.findall(qn("w:tr"))
        if rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            problems.append(f"table {number}: its header row is not repeated")
        layout = table.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}")
        if layout is None or layout.get(qn("w:type")) != "fixed":
            problems.append(f"table {number}: not a fixed layout")
        grid = [int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid"))]
        for row in rows:
            for column, cell in enumerate(row.findall(qn("w:tc"))):
                width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
                if width is None or int(width.get(qn("w:w"))) != grid[column]:
                    problems.append(
                        f"table {number}: a cell of column {column + 1} is not its width"
                    )
                    break
                words = "".join(t.text or "" for t in cell.iter(qn("w:t"))).split()
                size = next(cell.iter(qn("w:sz")), None)
                points = int(size.get(qn("w:val"))) / 2 if size is not None else 10
                # Arial's letters average 0.45 em or more (9 twips a point); cells pad 230.
                longest = max((len(w) for w in words), default=0) * 9 * points + 230
                if longest > grid[column]:
                    problems.append(f"table {number}: column {column + 1} splits a word")
    return problems
