"""The board report as a Word document."""

from saferplan.core.documents.word import WordDocument
from saferplan.plans.models import RagRating

from .document import SENSITIVE, rag_cell

# The fills Word users know from the seeds' trackers; black text on each passes 4.5:1.


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
    if content.get("headline"):  # reports issued before the summary line have none
        word.paragraph(f"At {content['period_end']}: {content['headline']}", bold=True)
    if introduction:
        word.heading("Introduction", 1)
        word.written(introduction)
    sections = board_sections(content)
    for section in sections[:-1]:
        _section(word, *section)
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
    if content.get("crime"):  # none before it existed, or with no police.uk data held
        _crime(word, content["crime"])
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
    _section(word, *sections[-1])  # the appendix: stale actions
    return word.save()


def _crime(word: WordDocument, crime: dict) -> None:
    word.heading(f"Crime and anti-social behaviour: {crime['period']}", 1)
    if crime["headline"]:
        word.paragraph(f"{crime['headline']}.", bold=True)
    word.paragraph(
        f"{crime['place']}, {crime['period']} compared with the same months a year before "
        f"({crime['against']}). Source: {crime['source']}."
    )
    for note in crime["notes"]:
        word.paragraph(f"Warning: {note}", bold=True)
    for table in crime["tables"]:
        word.paragraph(table["caption"], bold=True)
        rows = word.table(["Category", crime["against"], crime["period"], "Difference", "% change"])
        for row in table["rows"]:
            word.row(rows, row)


def _section(word: WordDocument, heading: str, items: list, empty: str, columns: list) -> None:
    word.heading(heading, 1)
    if not items:
        word.paragraph(empty)
        return
    table = word.table([label for label, _ in columns] + ["RAG"])
    for item in items:
        cells = word.row(table, [render(item) for _, render in columns] + [""])
        rag_cell(cells[-1], item.get("rag_to") or item["rag"])


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


def _reason(item: dict) -> str:
    given = f" (given {item['rag_on']})" if item.get("rag_on") else ""
    return item["rag_reason"] + given


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
                ("Why this rating", _reason),
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
                ("Why", _reason),
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
            "Appendix: stale actions",
            content["stale"],
            "Every open action that is not an exception has an update from the last "
            f"{content['stale_after_days']} days.",
            [action, owner, ("Latest update", _commentary)],
        ),
    ]
