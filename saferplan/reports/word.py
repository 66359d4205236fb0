"""Word documents with python-docx: the action plan in the seeds' shape (and, through the same
builder, the board report and the published plan).

Accessible as the regulations ask of downloadable documents: real heading styles, table
header rows marked as headers (and repeated on every page), the document's language and
title set, text alternatives on pictures, and RAG always written as a word beside its colour.
"""

import io

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from saferplan.core.text import clean_text
from saferplan.imports.dates import find_date
from saferplan.plans.models import ActionStatus, RagRating

from .action_plan import ActionPlanDocument

# The fills Word users know from the seeds' trackers; black text on each passes 4.5:1.
RAG_FILLS = {
    RagRating.RED: "FF0000",
    RagRating.AMBER: "FFC000",
    RagRating.GREEN: "00B050",
    RagRating.WHITE: "FFFFFF",
}
HEADER_FILL = "D9D9D9"
SENSITIVE = "OFFICIAL-SENSITIVE"


def _set_cell_fill(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_as_header(row) -> None:
    """Mark a row as the table's header row: repeated on each page and read as headers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    no_split = OxmlElement("w:cantSplit")
    no_split.set(qn("w:val"), "true")
    properties.append(no_split)


class WordDocument:
    """A Word document built top to bottom: headings, paragraphs, tables and pictures.

    Every text goes into the document through these methods (or `run`), which remove the
    control characters XML cannot hold: text stored before they were refused on the way in
    would otherwise make the download fail."""

    def __init__(self, *, title: str, author: str, marking: str, landscape: bool = False):
        self.document = docx.Document()
        properties = self.document.core_properties
        properties.title = clean_text(title)
        properties.author = clean_text(author)
        properties.language = "en-GB"
        properties.keywords = clean_text(marking)
        self._language("en-GB")
        styles = self.document.styles
        styles["Normal"].font.name = "Arial"
        styles["Normal"].font.size = Pt(10)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            styles[name].font.name = "Arial"
            styles[name].font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        section = self.document.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(1.6))
        # The marking on every page, as protective marking guidance asks (none for the public).
        if marking:
            for part in (section.header, section.footer):
                self.run(part.paragraphs[0], marking, bold=True)

    def _language(self, tag: str) -> None:
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        language = run_properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_properties.append(language)
        language.set(qn("w:val"), tag)
        language.set(qn("w:eastAsia"), tag)

    @staticmethod
    def run(paragraph, text: str, *, bold: bool = False):
        """Add `text` to `paragraph` (bold if asked)."""
        run = paragraph.add_run(clean_text(text))
        if bold:
            run.bold = True
        return run

    def heading(self, text: str, level: int) -> None:
        """A heading; level 0 is the document's title."""
        self.document.add_heading(clean_text(text), level=level)

    def paragraph(self, text: str = "", *, bold: bool = False, style: str | None = None):
        paragraph = self.document.add_paragraph(style=style)
        if text:
            self.run(paragraph, text, bold=bold)
        return paragraph

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.document.add_paragraph(clean_text(item), style="List Bullet")

    def table(self, header: list[str], *, widths: list[float] | None = None):
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        row = table.rows[0]
        _repeat_as_header(row)
        for cell, text in zip(row.cells, header, strict=True):
            cell.text = ""
            WordDocument.run(cell.paragraphs[0], text, bold=True)
            _set_cell_fill(cell, HEADER_FILL)
        if widths:
            for column, width in zip(table.columns, widths, strict=True):
                for cell in column.cells:
                    cell.width = Cm(width)
        return table

    def row(self, table, values: list[str], *, widths: list[float] | None = None):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = clean_text(value)
        if widths:
            for cell, width in zip(cells, widths, strict=True):
                cell.width = Cm(width)
        return cells

    def picture(self, png: bytes, *, alt_text: str, width_cm: float) -> None:
        run = self.document.add_paragraph().add_run()
        run.add_picture(io.BytesIO(png), width=Cm(width_cm))
        for properties in run._r.iter(qn("wp:docPr")):
            properties.set("descr", clean_text(alt_text))
            properties.set("title", clean_text(alt_text)[:100])

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def rag_cell(cell, rating: str | None) -> None:
    """The rating's word, bold, on its colour: never the colour alone."""
    value = RagRating(rating or RagRating.WHITE)
    cell.text = ""
    cell.paragraphs[0].add_run(value.label).bold = True
    _set_cell_fill(cell, RAG_FILLS[value])


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


def _fill_with_lines(cell, lines: list[str]) -> None:
    cell.text = ""
    if not lines:
        return
    first, *rest = lines
    paragraph = cell.paragraphs[0]
    paragraph.style = "List Bullet"
    WordDocument.run(paragraph, first)
    for line in rest:
        cell.add_paragraph(clean_text(line), style="List Bullet")


def _merge_down(top, below) -> None:
    merged = top.merge(below)
    # Merging appends the lower cell's (empty) paragraph: keep only the text.
    for paragraph in merged.paragraphs[1:]:
        if not paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)


def owner_line(action) -> str:
    """The owner as the plan wrote it, else the owners by name (empty when there is none, as
    in the seeds); joint partnerships after."""
    names = [o.name for o in action.owner_organisation_items] + [
        g.name for g in action.owner_group_items
    ]
    owner = action.owner_text or "; ".join(names) or action.owner_name
    joint = [p.name for p in action.joint_partnership_items]
    return f"{owner} (joint with {', '.join(joint)})" if joint and not action.owner_text else owner


def action_plan_docx(document: ActionPlanDocument) -> bytes:
    plan = document.plan
    word = WordDocument(
        title=plan.title,
        author=plan.partnership.name,
        marking=document.marking,
        landscape=True,
    )
    word.heading(plan.title, 0)
    word.paragraph(
        f"{plan.partnership.name} · {plan.get_kind_display()} · "
        f"{plan.period_start:%-d %B %Y} to {plan.period_end:%-d %B %Y} · "
        f"{plan.get_status_display()} · produced {document.generated_on:%-d %B %Y}"
    )
    if document.holds_sensitive:
        word.paragraph(
            "This document holds OFFICIAL-SENSITIVE material, labelled where it appears. "
            "Share it only within the partnership.",
            bold=True,
        )
    elif document.public and not document.show_updates:
        word.paragraph(
            "Progress updates are reported to the partnership's board and are not published "
            "with this plan."
        )
    word.heading("RAG key", 1)
    key = word.table(["Rating", "Meaning"], widths=[3, 20])
    for rating, _label, definition in document.rag_key:
        cells = word.row(key, ["", definition], widths=[3, 20])
        rag_cell(cells[0], rating)

    period = (plan.period_start, plan.period_end)
    quarters = document.table_view.quarters
    has_refs = any(
        row.objective is not None and row.objective.ref
        for table in document.table_view.tables
        for row in table.objectives
    )
    marked = document.holds_sensitive
    header = ["Ref"] if has_refs else []
    header += ["Issue", "Action", "Owner", "Status"]
    if document.quarter_view:
        header += (
            [f"Quarter {n}" for n in range(1, 5)]
            if len(quarters) == 4
            else [f"Q{q} {y}-{str(y + 1)[-2:]}" for y, q in quarters]
        )
    elif document.show_updates:
        header.append("Update")
    header.append("RAG")
    if marked:
        header.append("Marking")

    for table in document.table_view.tables:
        title = f"{table.priority.number}. {table.priority.title}"
        word.heading(title, 1)
        if not table.objectives:
            word.paragraph("No actions.")
            continue
        grid = word.table(header)
        for row in table.objectives:
            first_row = None
            for action in row.actions:
                # The Issue is written once, on its first action's row (merged down below).
                objective = row.objective if first_row is None else None
                values = [objective.ref if objective else ""] if has_refs else []
                values += [
                    objective.title if objective else "",
                    action.title,
                    owner_line(action),
                    ActionStatus(action.status).label,
                ]
                columns = (
                    action.quarter_columns
                    if document.quarter_view
                    else [action.shown_updates]
                    if document.show_updates
                    else []
                )
                values += [""] * len(columns) + [""]
                if marked:
                    values.append(SENSITIVE if action.is_sensitive else "")
                cells = word.row(grid, values)
                start = len(header) - len(columns) - (2 if marked else 1)
                for offset, updates in enumerate(columns):
                    _fill_with_lines(
                        cells[start + offset], [update_line(u, period=period) for u in updates]
                    )
                rag_cell(cells[start + len(columns)], action.current_rag)
                if first_row is None:
                    first_row = cells
                elif row.objective is not None:
                    # The Issue (and its ref) spans its actions' rows, as in the seeds.
                    for column in range(2 if has_refs else 1):
                        _merge_down(first_row[column], cells[column])
    return word.save()


def board_report_docx(
    *, title: str, introduction: str, content: dict, chart_png: bytes, alt_text: str
) -> bytes:
    """The board report: the same sections, in the same order, as the page."""
    word = WordDocument(
        title=title, author=content["partnership"], marking=content["marking"], landscape=False
    )
    word.heading(title, 0)
    word.paragraph(
        f"{content['plan_title']} · {content['partnership']} · changes from "
        f"{content['period_start']} to {content['period_end']} · produced {content['generated_on']}"
    )
    if content["marking"] == SENSITIVE:
        word.paragraph(
            "This report holds OFFICIAL-SENSITIVE material, labelled where it appears. Share it "
            "only within the partnership.",
            bold=True,
        )
    if introduction:
        word.heading("Introduction", 1)
        for paragraph in introduction.split("\n\n"):
            if paragraph.strip():
                word.paragraph(paragraph.strip())
    for heading, items, empty, columns in board_sections(content):
        word.heading(heading, 1)
        if not items:
            word.paragraph(empty)
            continue
        table = word.table([label for label, _ in columns] + ["RAG"])
        for item in items:
            cells = word.row(table, [render(item) for _, render in columns] + [""])
            rag_cell(cells[-1], item.get("rag_to") or item["rag"])
    if content.get("measures") is not None:  # reports issued before measures existed have none
        word.heading("Headline performance measures", 1)
        if not content["measures"]:
            word.paragraph("The partnership has no performance measures in saferplan yet.")
        else:
            table = word.table(
                ["Measure", "Baseline", "Latest", "Change", "Target", "Status", "Suggests"]
            )
            for measure in content["measures"]:
                cells = word.row(
                    table,
                    [
                        f"{measure['name']}\n{measure['direction']}",
                        f"{measure['baseline']} ({measure['baseline_period']})",
                        f"{measure['latest']} ({measure['latest_period']})"
                        if measure["latest_period"]
                        else measure["latest"],
                        measure["change"],
                        measure["target"],
                        measure["status"],
                        "" if measure["suggested_rag"] else "None",
                    ],
                )
                if measure["suggested_rag"]:
                    rag_cell(cells[-1], measure["suggested_rag"])
    word.heading("RAG summary by priority", 1)
    word.picture(chart_png, alt_text=alt_text, width_cm=16)
    table = word.table(["Priority", "Actions", "Red", "Amber", "Green", "White", "Complete"])
    for priority in content["priorities"]:
        counts = priority["counts"]
        word.row(
            table,
            [
                f"{priority['number']}. {priority['title']}",
                str(priority["total"]),
                str(counts["red"]),
                str(counts["amber"]),
                str(counts["green"]),
                str(counts["white"]),
                str(priority["complete"]),
            ],
        )
    word.heading("RAG key", 1)
    key = word.table(["Rating", "Meaning"])
    for rating, _label, definition in content["rag_key"]:
        cells = word.row(key, ["", definition])
        rag_cell(cells[0], rating)
    if content.get("consultation"):  # reports issued before consultations existed have none
        _consultation(word, content["consultation"])
    return word.save()


def _consultation(word: WordDocument, consultation: dict) -> None:
    word.heading(f"Consultation: {consultation['title']}", 1)
    respondents = consultation["respondents"]
    word.paragraph(
        f"Open {consultation['dates']}; {respondents} respondent{'' if respondents == 1 else 's'}."
    )
    for sentence in consultation["summary"]:
        word.paragraph(sentence)
    if consultation["relevance"]:
        table = word.table(["", "Relevant", "Answered"])
        for row in consultation["relevance"]:
            word.row(
                table,
                [
                    f"{row['label']}: {row['subject']}",
                    f"{row['percent']} ({row['relevant']})",
                    str(row["answered"]),
                ],
            )
    for group in consultation["themes"]:
        word.paragraph(f"Themes of the answers to “{group['question']}”", bold=True)
        table = word.table(["Theme", "Answers"])
        for theme in group["themes"]:
            suffix = " (suggested, not yet reviewed)" if theme["suggested"] else ""
            word.row(table, [theme["name"] + suffix, str(theme["count"])])


def _action_text(item: dict) -> str:
    label = f" [{SENSITIVE}]" if item["sensitive"] else ""
    return f"{item['title']}{label}\n{item['priority']}"


def _commentary(item: dict) -> str:
    if not item["update"]:
        return "No update"
    label = f" [{SENSITIVE}]" if item["update_sensitive"] else ""
    return f"{item['update_on']}: {item['update']}{label}"


def board_sections(content: dict):
    """(heading, items, what to say when there are none, [(column, how to write it)]) in the
    order of the report: exceptions first."""
    owner = ("Owner", lambda i: i["owner"])
    action = ("Action", _action_text)
    return [
        (
            "Exceptions: red and amber actions",
            content["exceptions"],
            "No open action is red or amber.",
            [
                action,
                owner,
                ("Why this rating", lambda i: i["rag_reason"]),
                ("Latest update", _commentary),
            ],
        ),
        (
            "RAG changes since the last board",
            content["moves"],
            "No action's RAG rating changed in the period.",
            [
                action,
                owner,
                (
                    "Change",
                    lambda i: (
                        f"{RagRating(i['rag_from']).label} to {RagRating(i['rag_to']).label} on {i['moved_on']}"
                        + (" (worse)" if i["worse"] else " (better)")
                    ),
                ),
                ("Why", lambda i: i["rag_reason"]),
            ],
        ),
        (
            "Completed",
            content["completed"],
            "No action was completed in the period.",
            [action, owner, ("Latest update", _commentary)],
        ),
        (
            "Discharged",
            content["discharged"],
            "No action was discharged in the period.",
            [action, owner, ("Reason", lambda i: i.get("reason", ""))],
        ),
        (
            "New actions",
            content["new"],
            "No action was added in the period.",
            [action, owner, ("Due", lambda i: i["due"])],
        ),
        (
            "Overdue actions",
            content["overdue"],
            "No open action is past its due date.",
            [action, owner, ("Due", lambda i: i["due"]), ("Latest update", _commentary)],
        ),
        (
            "Stale actions",
            content["stale"],
            f"Every open action has an update from the last {content['stale_after_days']} days.",
            [action, owner, ("Latest update", _commentary)],
        ),
    ]
