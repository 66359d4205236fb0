"""The board report as a document to keep (PDF or Word), made in the request (a direct
download) or in the background worker, with a progress line at each step: the PDF of a large
plan takes seconds to lay out."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from saferplan.core import clock
from saferplan.core.documents import pdf
from saferplan.core.documents.downloads import file_name

from . import word
from .board import board_report_content, chart_alt_text, chart_data_uri, rag_chart, shown
from .models import BoardReport


def report_content(report: BoardReport) -> dict:
    """The issued snapshot, or the draft as the plan reads now, as the reader's language
    shows it (board.shown)."""
    if report.is_issued and report.snapshot is not None:
        return shown(report.snapshot)
    return shown(
        board_report_content(
            plan=report.plan,
            period_start=report.period_start,
            period_end=report.period_end,
            today=clock.today(),
        )
    )


def document_name(report: BoardReport, kind: str) -> str:
    return file_name(kind=kind, partnership=report.plan.partnership, title=report.title)


def board_report_document(
    report: BoardReport, kind: str, *, progress: Callable[[str], None] = lambda line: None
) -> bytes:
    """The report as a PDF ("pdf") or Word document ("docx")."""
    # (in the language of the page the job was started from: background.services)
    progress(_("Gathering the report's actions, updates and measures"))
    content = report_content(report)
    progress(_("Drawing the RAG chart"))
    if kind == "pdf":
        chart = chart_data_uri(content)
        progress(_("Laying out the PDF's pages"))
        return pdf.render_pdf(
            "reports/print/board_report.html",
            {
                "report": report,
                "content": content,
                "chart": chart,
                "chart_alt": chart_alt_text(content),
                "marking": content["marking"],
                "partnership": report.plan.partnership,
                "generated_on": clock.today(),
                "print": True,
            },
        )
    chart_png = rag_chart(content, image_format="png")
    progress(_("Writing the Word document"))
    return word.board_report_docx(
        title=report.title,
        introduction=report.introduction,
        content=content,
        chart_png=chart_png,
        alt_text=chart_alt_text(content),
    )
