"""A PDF's pages as saferplan reads them (docs/adr/0025-reading-pdf-plans.md): each page's
characters (with their font and size) and its rulings, from PDFium (pypdfium2, Chrome's PDF
engine: about twenty times faster than a PDF parser in Python), and the ruled tables found
among them by pdfplumber's table finder, each cell's text as its lines.

Coordinates are points from the top left of the page, as pdfplumber's are."""

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext as _
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils.text import chars_to_textmap

from .parsed import PlanFileError

RULING = 3.0  # points: a path this thin is a ruled line; rulings this close are one
UNREADABLE = {0xFFFE, 0xFFFF}


@dataclass
class PlacedTable:
    """A table as found on one page, its cells' text as lines."""

    page: int
    top: float
    bbox: tuple[float, float, float, float]
    rows: list[list[str | None]]
    fills: list[list[str]]  # each cell's shading, "RRGGBB" or ""
    open_top: bool  # no ruling above its first row: a row goes on from the page before
    open_bottom: bool  # no ruling under its last row: the row goes on over the page
    first_columns: list[float]  # where the cells of its first row start, across the page
    last_columns: list[float]  # and of its last row


@dataclass
class Page:
    number: int
    height: float
    chars: list[dict]  # pdfplumber's shape: text, x0, x1, top, bottom, size, fontname …
    tables: list[PlacedTable]

    def chars_outside_tables(self) -> list[dict]:
        placed = _placed(self.chars)
        for table in self.tables:
            inside = {id(p) for p in _inside(placed, table.bbox)}
            placed = [p for p in placed if id(p) not in inside]
        return [p[2] for p in placed]


def open_pdf(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise PlanFileError(
                _(
                    "%(name)s: the PDF is protected by a password. Save a copy without the password "
                    "(or export the plan from Word again) and upload that."
                )
                % {"name": name}
            ) from None
        raise PlanFileError(
            # Translators: %(error)s is what the PDF library said, in English.
            _(
                "%(name)s: the file could not be read as a PDF; it may be damaged or saved in another "
                "format (%(error)s)"
            )
            % {"name": name, "error": error}
        ) from None


def read_page(document: pdfium.PdfDocument, index: int) -> Page:
    page = document[index]
    try:
        height = page.get_height()
        chars = _chars(page, height)
        edges, shadings = _edges(page, height)
    finally:
        page.close()
    return Page(index + 1, height, chars, _tables(index + 1, chars, edges, shadings))


def _chars(page, height: float) -> list[dict]:
    textpage = page.get_textpage()
    font = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    chars = []
    try:
        for index in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
            if pdfium_c.FPDFText_IsHyphen(textpage.raw, index):
                code = ord("-")  # a hyphen at the end of a line, which PDFium marks as 2
            if (
                code < 32
                or code in UNREADABLE
                or pdfium_c.FPDFText_IsGenerated(textpage.raw, index)
            ):
                continue  # PDFium's own spaces and line breaks: words are found by place
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            if right <= left:
                continue
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, font, len(font), ctypes.byref(flags))
            chars.append(
                {
                    "text": chr(code),
                    "x0": left,
                    "x1": right,
                    "top": height - top,
                    "bottom": height - bottom,
                    "doctop": height - top,
                    "upright": True,
                    "size": round(pdfium_c.FPDFText_GetFontSize(textpage.raw, index), 1),
                    "fontname": font.value.decode("latin-1"),
                }
            )
    finally:
        textpage.close()
    return chars


def _edges(page, height: float) -> tuple[list[dict], list[tuple[tuple, str]]]:
    """The page's horizontal and vertical rulings (thin paths, and the sides of rectangles:
    a cell's border or its shading), and its coloured rectangles ((x0, top, x1, bottom),
    "RRGGBB"): a cell's shading, in page coordinates."""
    edges: list[dict] = []
    shadings: list[tuple[tuple, str]] = []
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = path.get_bounds()
        x0, x1, y0, y1 = left, right, height - top, height - bottom
        if x1 - x0 > RULING and y1 - y0 > RULING and (colour := _fill_colour(path)):
            shadings.append(((x0, y0, x1, y1), colour))
        if x1 - x0 <= RULING and y1 - y0 > RULING:
            edges.append(_edge("v", (x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
        elif y1 - y0 <= RULING and x1 - x0 > RULING:
            edges.append(_edge("h", x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
        elif x1 - x0 > RULING and y1 - y0 > RULING and _is_rectangle(path):
            edges += [
                _edge("h", x0, y0, x1, y0),
                _edge("h", x0, y1, x1, y1),
                _edge("v", x0, y0, x0, y1),
                _edge("v", x1, y0, x1, y1),
            ]
    return edges, shadings


def _fill_colour(path) -> str:
    """The colour a path is filled with, "RRGGBB"; "" when it is not filled, or white."""
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path.raw, ctypes.byref(mode), ctypes.byref(stroke)):
        return ""
    if mode.value == pdfium_c.FPDF_FILLMODE_NONE:
        return ""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(
        path.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
    ):
        return ""
    colour = f"{r.value:02X}{g.value:02X}{b.value:02X}"
    return "" if colour == "FFFFFF" or a.value == 0 else colour


def _shading_of(cell: tuple, shadings: list[tuple[tuple, str]]) -> str:
    """The colour of the shaded rectangle that covers most of the cell, if any."""
    x0, top, x1, bottom = cell
    area = max((x1 - x0) * (bottom - top), 1.0)
    for (sx0, stop, sx1, sbottom), colour in reversed(shadings):  # the last drawn is on top
        overlap = max(0.0, min(x1, sx1) - max(x0, sx0)) * max(
            0.0, min(bottom, sbottom) - max(top, stop)
        )
        if overlap >= 0.6 * area:
            return colour
    return ""


def _is_rectangle(path) -> bool:
    """A rectangle's path: a move and three or four lines (a grid drawn as one path is not)."""
    return pdfium_c.FPDFPath_CountSegments(path.raw) <= 5


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "object_type": "line",
    }


def _open_ends(edges: list[dict]) -> list[dict]:
    """A row broken over a page break is ruled at its sides but not above or below on the
    page it ends or starts on, so the table finder (which needs a ruling on every side)
    would not see it: each group of column rulings is closed at its ends."""
    groups: list[list[float]] = []  # [top, bottom, left, right]
    for edge in sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: e["top"]):
        if groups and edge["top"] <= groups[-1][1] + 2:
            group = groups[-1]
            group[1] = max(group[1], edge["bottom"])
            group[2], group[3] = min(group[2], edge["x0"]), max(group[3], edge["x1"])
        else:
            groups.append([edge["top"], edge["bottom"], edge["x0"], edge["x1"]])
    return [
        _edge("h", left, y, right, y)
        for top, bottom, left, right in groups
        if right - left > RULING
        for y in (top, bottom)
    ]


def _ruled_at(edges: list[dict], y: float, x0: float, x1: float) -> bool:
    """Is there a horizontal ruling across the table at this height? (Each cell's border
    may be drawn on its own: the rulings at that height must cover most of the width.)"""
    covered = sum(
        min(edge["x1"], x1) - max(edge["x0"], x0)
        for edge in edges
        if edge["orientation"] == "h"
        and abs(edge["top"] - y) <= 2
        and edge["x1"] > x0
        and edge["x0"] < x1
    )
    return covered >= 0.9 * (x1 - x0)


Placed = tuple[float, float, dict]  # a character's middle (x, y), and the character


def _placed(chars: list[dict]) -> list[Placed]:
    return [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in chars]


def _inside(placed: list[Placed], box: tuple[float, float, float, float]) -> list[Placed]:
    """The characters whose middle is inside the box (a character on a ruling belongs to the
    cell it mostly sits in)."""
    return [p for p in placed if box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]]


def _cell_text(chars: list[dict]) -> str:
    """A cell's characters as its lines, one per line of the page."""
    if not chars:
        return ""
    return "\n".join(
        line["text"] for line in chars_to_textmap(chars).extract_text_lines(strip=True)
    )


def _tables(
    number: int, chars: list[dict], edges: list[dict], shadings: list[tuple[tuple, str]]
) -> list[PlacedTable]:
    if not edges:
        return []
    rulings = merge_edges(
        edges + _open_ends(edges),
        snap_x_tolerance=RULING,
        snap_y_tolerance=RULING,
        join_x_tolerance=RULING,
        join_y_tolerance=RULING,
    )
    cells = intersections_to_cells(edges_to_intersections(rulings, RULING, RULING))
    placed_chars = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in chars]
    placed = []
    for table_cells in cells_to_tables(cells):
        x0 = min(cell[0] for cell in table_cells)
        top = min(cell[1] for cell in table_cells)
        x1 = max(cell[2] for cell in table_cells)
        bottom = max(cell[3] for cell in table_cells)
        inside = _inside(placed_chars, (x0, top, x1, bottom))
        columns = sorted({round(cell[0], 1) for cell in table_cells})
        by_row: dict[float, dict[float, tuple]] = {}
        for cell in table_cells:
            by_row.setdefault(round(cell[1], 1), {})[round(cell[0], 1)] = cell
        rows: list[list[str | None]] = []
        fills: list[list[str]] = []
        starts: list[list[float]] = []
        for row_top in sorted(by_row):
            row = by_row[row_top]
            # The row's characters first, then each cell's among them: a page's table of a
            # few thousand characters is not scanned again for every cell.
            in_row = _inside(
                inside,
                (x0, min(c[1] for c in row.values()), x1, max(c[3] for c in row.values())),
            )
            rows.append(
                [
                    _cell_text([p[2] for p in _inside(in_row, row[x])]) if x in row else None
                    for x in columns
                ]
            )
            fills.append([_shading_of(row[x], shadings) if x in row else "" for x in columns])
            starts.append(sorted(row))
        placed.append(
            PlacedTable(
                page=number,
                top=top,
                bbox=(x0, top, x1, bottom),
                rows=rows,
                fills=fills,
                open_top=not _ruled_at(edges, top, x0, x1),
                open_bottom=not _ruled_at(edges, bottom, x0, x1),
                first_columns=starts[0],
                last_columns=starts[-1],
            )
        )
    return placed
