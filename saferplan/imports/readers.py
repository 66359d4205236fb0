"""Which reader and which builder a file needs, by its name and its contents."""

import hashlib
from pathlib import PurePath

from django.utils.translation import gettext as _

from . import as_read, columns, seen
from .action_tables import build_action_plan
from .blocks import Document, Table
from .corrections import Corrections
from .docx_reader import read_docx
from .html_reader import read_html
from .legacy import LEGACY_SUFFIXES, to_docx
from .limits import Budget
from .narrative import build_narrative_plan
from .parsed import Location, ParsedPlan, PlanFileError
from .sheet_reader import read_csv, read_xlsx
from .text_reader import read_text

MAX_BYTES = 10 * 1024 * 1024  # a plan is a few hundred KB; anything far bigger is not one

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(data: bytes, name: str, budget: Budget | None = None) -> Document:
    budget = budget or Budget(name)
    if not data:
        # Translators: %(name)s is the uploaded file's name.
        raise PlanFileError(_("%(name)s: the file is empty") % {"name": name})
    if len(data) > MAX_BYTES:
        raise PlanFileError(
            _("%(name)s: the file is %(size)s MB; a plan file can be at most 10 MB")
            % {"name": name, "size": len(data) // 1024 // 1024}
        )
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        return read_text(data, name, budget)
    if suffix in {".html", ".htm"}:
        return read_html(data, name, budget)
    if suffix in LEGACY_SUFFIXES:
        data, suffix = to_docx(data, name, suffix), ".docx"
    if suffix in {".docx", ".xlsx"}:
        reader = read_docx if suffix == ".docx" else read_xlsx
        try:
            return reader(data, name, budget)
        except PlanFileError:
            raise
        except Exception as error:
            # python-docx and openpyxl raise many kinds of error on damaged files; the person
            # needs to know which file, and that it is the file, not saferplan.
            unreadable = (
                # Translators: %(error)s is the name of a Python error, such as KeyError.
                _(
                    "%(name)s: the file could not be read as a Word document; it may be damaged or saved in another format (%(error)s)"
                )
                if suffix == ".docx"
                else _(
                    "%(name)s: the file could not be read as an Excel workbook; it may be damaged or saved in another format (%(error)s)"
                )
            )
            raise PlanFileError(
                unreadable % {"name": name, "error": type(error).__name__}
            ) from None
    if suffix == ".csv":
        return read_csv(data, name, budget)
    if suffix == ".pdf":
        # Imported when a PDF comes: PDFium and pdfplumber add 0.1 s to every process's start.
        from .pdf_reader import read_pdf

        return read_pdf(data, name, budget)
    raise PlanFileError(
        # Translators: %(suffix)s is the file's extension, such as ".pages".
        _(
            "%(name)s: saferplan cannot read “%(suffix)s” files. Use Word (.docx), PDF, Excel (.xlsx), CSV, HTML or text."
        )
        % {"name": name, "suffix": suffix}
    )


def parse_plan(data: bytes, name: str, *, corrections: Corrections | None = None) -> ParsedPlan:
    """The parsed plan of a file; PlanFileError with the file's name when it is not one, or
    when it asks for more work than one plan file may (imports/limits.py). A result that may
    be empty or incomplete carries warnings saying what was seen (imports/seen.py), and says
    how the document was read and what of it is left out (imports/as_read.py). `corrections`
    are what a person said of the reading: column meanings, title rows, rows kept apart."""
    corrections = corrections or Corrections()
    budget = Budget(name)
    with columns.chosen(corrections.columns):
        document = read_document(data, name, budget)
        plan = _build(document, name, corrections, budget)
        seen.check(plan, document)
        plan.tables = as_read.tables(document, plan.title_rows)
        plan.leftovers = as_read.leftovers(plan, document)
    return plan


def _build(document, name: str, corrections: Corrections, budget: Budget) -> ParsedPlan:
    if any(isinstance(block, Table) for block in document.blocks):
        plan = build_action_plan(document, corrections=corrections, budget=budget)
        if plan.counts()["actions"]:
            return plan
        # Tables, but none of actions (a report's timetable, a members list): the plan may be
        # the narrative around them.
        narrative = build_narrative_plan(document, budget)
        if narrative.priorities:
            narrative.title_rows = plan.title_rows
            narrative.warn(
                "tables_not_actions",
                _(
                    "The document's tables hold no actions saferplan recognised (no column was "
                    "taken as the action), so it was read as a narrative plan."
                ),
                Location(name),
            )
            return narrative
        return plan
    narrative = build_narrative_plan(document, budget)
    if not narrative.priorities:
        raise PlanFileError(seen.nothing_plan_like(name, document))
    return narrative
