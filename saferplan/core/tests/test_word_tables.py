"""Word tables' column widths (core.documents.word_tables), checked with the reports tests'
own Arial metrics (reports/tests/files.py): no word split between lines."""

import io

import docx
from docx.oxml.ns import qn

from saferplan.core.documents.word_tables import SMALLEST_FONT, fix_column_widths
from saferplan.reports.tests.files import word_layout_problems

A4_LANDSCAPE_TEXT = 15398  # twips between 1.27 cm margins


def table_of(header: list[str], row: list[str]):
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Twips(16838), docx.shared.Twips(11906)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, docx.shared.Twips(720))
    table = document.add_table(rows=2, cols=len(header))
    for number, texts in enumerate((header, row)):
        for cell, text in zip(table.rows[number].cells, texts, strict=True):
            cell.paragraphs[0].add_run(text).bold = number == 0 or None
    header_row = table.rows[0]._tr.get_or_add_trPr()
    header_row.append(header_row.makeelement(qn("w:tblHeader"), {}))
    return document, table


def test_a_table_whose_longest_words_do_not_fit_is_set_smaller_rather_than_split():
    # Twelve columns of long words: at 9 points they need more than the page's width.
    document, table = table_of([f"Lead {n}" for n in range(12)], ["Safeguarding"] * 12)
    fix_column_widths(table._tbl, A4_LANDSCAPE_TEXT, font_size=9)
    sizes = {int(sz.get(qn("w:val"))) / 2 for sz in table._tbl.iter(qn("w:sz"))}
    (size,) = sizes
    assert SMALLEST_FONT <= size < 9
    buffer = io.BytesIO()
    document.save(buffer)
    assert word_layout_problems(buffer.getvalue(), orientation="landscape") == []


def test_a_table_that_fits_keeps_its_size():
    _document, table = table_of(["Action", "RAG"], ["Patrol the hotspots", "Amber"])
    fix_column_widths(table._tbl, A4_LANDSCAPE_TEXT, font_size=9)
    assert {int(sz.get(qn("w:val"))) / 2 for sz in table._tbl.iter(qn("w:sz"))} == {9}
