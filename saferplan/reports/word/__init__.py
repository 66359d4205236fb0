"""Word documents with python-docx: the action plan in the seeds' shape (and, through the same
builder, the board report and the published plan).

Accessible as the regulations ask of downloadable documents: real heading styles, table
header rows marked as headers (and repeated on every page), the document's language and
title set, text alternatives on pictures, and RAG always written as a word beside its
colour."""

from .action_plan import action_plan_docx
from .board import board_report_docx, board_sections
from .document import RAG_FILLS, SENSITIVE, rag_cell, update_line

__all__ = [
    "RAG_FILLS",
    "SENSITIVE",
    "action_plan_docx",
    "board_report_docx",
    "board_sections",
    "rag_cell",
    "update_line",
]
