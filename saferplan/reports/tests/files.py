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
                for run in cell.iter(qn("w:r")):
                    words = "".join(t.text or "" for t in run.iter(qn("w:t"))).split()
                    size = next(run.iter(qn("w:sz")), next(cell.iter(qn("w:sz")), None))
                    points = int(size.get(qn("w:val"))) / 2 if size is not None else 10
                    bold_mark = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
                    bold = bold_mark is not None and bold_mark.get(qn("w:val")) not in (
                        "0",
                        "false",
                    )
                    widest = max((arial_width(w, bold=bold) for w in words), default=0)
                    # In twips (a point is 20) plus the cell's margins, as LibreOffice lays it out.
                    if widest * points * 20 / 1000 + 216 > grid[column]:
                        word = max(words, key=lambda w: arial_width(w, bold=bold))
                        problems.append(f"table {number}: column {column + 1} splits {word!r}")
                        break
    return problems


# Arial's advance widths in thousandths of an em: Helvetica's, which Arial shares (Adobe's
# Core 14 font metrics), for letters and common punctuation; digits are 556; anything else is
# counted as 600.
_REGULAR = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            556,
            556,
            500,
            556,
            556,
            278,
            556,
            556,
            222,
            222,
            500,
            222,
            833,
            556,
            556,
            556,
            556,
            333,
            500,
            278,
            556,
            500,
            722,
            500,
            500,
            500,
            667,
            667,
            722,
            722,
            667,
            611,
            778,
            722,
            278,
            500,
            667,
            556,
            833,
            722,
            778,
            667,
            778,
            722,
            667,
            611,
            722,
            667,
            944,
            667,
            667,
            611,
        ],
        strict=True,
    )
)
_BOLD = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            556,
            611,
            556,
            611,
            556,
            333,
            611,
            611,
            278,
            278,
            556,
            278,
            889,
            611,
            611,
            611,
            611,
            389,
            556,
            333,
            611,
            556,
            778,
            556,
            556,
            500,
            722,
            722,
            722,
            722,
            667,
            611,
            778,
            722,
            278,
            556,
            722,
            611,
            833,
            722,
            778,
            667,
            778,
            722,
            667,
            611,
            722,
            667,
            944,
            667,
            667,
            611,
        ],
        strict=True,
    )
)


_PUNCTUATION = {"(": 333, ")": 333, ".": 278, ",": 278, "-": 333, "/": 278, "%": 889}
_REGULAR |= _PUNCTUATION | {":": 278, ";": 278, "&": 667, "!": 278, "?": 556, "'": 191}
_BOLD |= _PUNCTUATION | {":": 333, ";": 333, "&": 722, "!": 333, "?": 611, "'": 238}


def arial_width(word: str, *, bold: bool = False) -> int:
    """`word`'s width in Arial, in thousandths of an em (of the font size)."""
    widths = _BOLD if bold else _REGULAR
    return sum(556 if c.isdigit() else widths.get(c, 600) for c in word)
