"""The board report as a Word document."""

from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core.documents.word import WordDocument
from saferplan.core.text import clean_text
from saferplan.plans.models import RagRating

from .document import SENSITIVE, rag_cell


class Own(NamedTuple):
    """A cell's text that is the partnership's words (marked with their language), with
    saferplan's words after it, if any."""

    text: str
    after: str = ""


def _fill(cell, value: "str | Own") -> None:
    if not isinstance(value, Own):
        cell.text = clean_text(value)
        return
    cell.text = ""
    paragraph = cell.paragraphs[0]
    WordDocument.run(paragraph, value.text)
    WordDocument.mark_own(paragraph)  # before `after` is added: only the own words
    if value.after:
        WordDocument.run(paragraph, value.after)


def board_report_docx(
    *, title: str, introduction: str, content: dict, chart_png: bytes, alt_text: str
) -> bytes:
    """The board report: the same sections, in the same order, as the page."""
    word = WordDocument(
        title=title, author=content["partnership"], marking=content["marking"], landscape=False
    )
    word.heading(title, 0, own=True)
    word.paragraph(
        _("%(plan)s · %(partnership)s · changes from %(start)s to %(end)s · produced %(produced)s")
        % {
            "plan": content["plan_title"],
            "partnership": content["partnership"],
            "start": content["period_start"],
            "end": content["period_end"],
            "produced": content["generated_on"],
        }
    )
    if content["marking"] == SENSITIVE:
        word.paragraph(
            _(
                "This report holds OFFICIAL-SENSITIVE material, labelled where it appears. Share "
                "it only within the partnership."
            ),
            bold=True,
        )
    if content.get("headline"):  # reports issued before the summary line have none
        word.paragraph(
            _("At %(end)s: %(headline)s")
            % {"end": content["period_end"], "headline": content["headline"]},
            bold=True,
        )
    if introduction:
        word.heading(_("Introduction"), 1)
        word.written(introduction)
    sections = board_sections(content)
    for section in sections[:-1]:
        _section(word, *section)
    if content.get("measures") is not None:  # reports issued before measures existed have none
        word.heading(_("Headline performance measures"), 1)
        if not content["measures"]:
            word.paragraph(_("The partnership has no performance measures in saferplan yet."))
        else:
            table = word.table(
                [
                    _("Measure"),
                    _("Baseline"),
                    _("Latest"),
                    _("Change"),
                    _("Target"),
                    _("Status"),
                    _("Suggests"),
                ]
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
                        "" if measure["suggested_rag"] else _("None"),
                    ],
                )
                word.mark_own(cells[0])  # the measure's name (and its direction)
                if measure["suggested_rag"]:
                    rag_cell(cells[-1], measure["suggested_rag"])
    if content.get("crime"):  # none before it existed, or with no police.uk data held
        _crime(word, content["crime"])
    if content.get("funding"):  # none before funding existed, or with no grant running
        _funding(word, content["funding"], period_end=content["period_end"])
    word.heading(_("RAG summary by priority"), 1)
    word.picture(chart_png, alt_text=alt_text, width_cm=16)
    table = word.table(
        [
            _("Priority"),
            _("Actions"),
            str(RagRating.RED.label),
            str(RagRating.AMBER.label),
            str(RagRating.GREEN.label),
            str(RagRating.WHITE.label),
            _("Complete"),
        ]
    )
    for priority in content["priorities"]:
        counts = priority["counts"]
        cells = word.row(
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
        word.mark_own(cells[0])
    if content.get("leads_recorded"):
        _leads(word, content["priorities"])
    word.heading(_("RAG key"), 1)
    key = word.table([_("Rating"), _("Meaning")])
    for rating, _label, definition in content["rag_key"]:
        cells = word.row(key, ["", definition])
        rag_cell(cells[0], rating)
        word.mark_own(cells[1])
    if content.get("consultation"):  # reports issued before consultations existed have none
        _consultation(word, content["consultation"])
    _section(word, *sections[-1])  # the appendix: stale actions
    return word.save()


def _crime(word: WordDocument, crime: dict) -> None:
    word.heading(_("Crime and anti-social behaviour: %(period)s") % {"period": crime["period"]}, 1)
    if crime["headline"]:
        word.paragraph(f"{crime['headline']}.", bold=True)
    word.paragraph(
        _(
            "%(place)s, %(period)s compared with the same months a year before (%(against)s). "
            "Source: %(source)s."
        )
        % {
            "place": crime["place"],
            "period": crime["period"],
            "against": crime["against"],
            "source": crime["source"],
        }
    )
    for note in crime["notes"]:
        word.paragraph(_("Warning: %(note)s") % {"note": note}, bold=True)
    for table in crime["tables"]:
        word.paragraph(table["caption"], bold=True)
        rows = word.table(
            [
                _("Category"),
                crime["against"],
                crime["period"],
                _("Difference"),
                # xgettext:no-python-format
                _("% change"),
            ]
        )
        for row in table["rows"]:
            word.mark_own(word.row(rows, row)[0])  # police.uk's crime type, in English


def _section(word: WordDocument, heading: str, items: list, empty: str, columns: list) -> None:
    word.heading(heading, 1)
    if not items:
        word.paragraph(empty)
        return
    table = word.table([label for label, _render in columns] + ["RAG"])
    for item in items:
        values = [render(item) for _, render in columns]
        cells = word.row(table, [""] * len(values) + [""])
        for cell, value in zip(cells, values, strict=False):
            _fill(cell, value)
        rag_cell(cells[-1], item.get("rag_to") or item["rag"])


def _consultation(word: WordDocument, consultation: dict) -> None:
    word.heading(_("Consultation: %(title)s") % {"title": consultation["title"]}, 1)
    respondents = consultation["respondents"]
    word.paragraph(
        ngettext(
            "Open %(dates)s; %(count)s respondent.",
            "Open %(dates)s; %(count)s respondents.",
            respondents,
        )
        % {"dates": consultation["dates"], "count": respondents}
    )
    for sentence in consultation["summary"]:
        word.paragraph(sentence)
    if consultation["relevance"]:
        table = word.table(["", _("Relevant"), _("Answered")])
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
        word.paragraph(
            _("Themes of the answers to “%(question)s”") % {"question": group["question"]},
            bold=True,
        )
        table = word.table([_("Theme"), _("Answers")])
        for theme in group["themes"]:
            suffix = " " + _("(suggested, not yet reviewed)") if theme["suggested"] else ""
            cells = word.row(table, ["", str(theme["count"])])
            _fill(cells[0], Own(theme["name"], suffix))


def _action_text(item: dict) -> Own:
    label = f" [{SENSITIVE}]" if item["sensitive"] else ""
    return Own(f"{item['title']}{label}\n{item['priority']}")


def _commentary(item: dict) -> "str | Own":
    if not item["update"]:
        return _("No update")
    label = f" [{SENSITIVE}]" if item["update_sensitive"] else ""
    return Own(f"{item['update_on']}: {item['update']}{label}")


def _reason(item: dict) -> Own:
    given = " " + _("(given %(date)s)") % {"date": item["rag_on"]} if item.get("rag_on") else ""
    return Own(item["rag_reason"], given)


def _move_text(item: dict) -> str:
    words = {
        "from": RagRating(item["rag_from"]).label,
        "to": RagRating(item["rag_to"]).label,
        "on": item["moved_on"],
    }
    if item["worse"]:
        return _("%(from)s to %(to)s on %(on)s (worse)") % words
    return _("%(from)s to %(to)s on %(on)s (better)") % words


def board_sections(content: dict):
    """(heading, items, what to say when there are none, [(column, how to write it)]) in the
    order of the report: exceptions first."""
    owner = (_("Owner"), lambda i: Own(i["owner"]))
    action = (_("Action"), _action_text)
    return [
        (
            _("Exceptions: red and amber actions"),
            content["exceptions"],
            _("No open action is red or amber."),
            [
                action,
                owner,
                (_("Why this rating"), _reason),
                (_("Latest update"), _commentary),
            ],
        ),
        (
            _("RAG changes since the last board"),
            content["moves"],
            _("No action's RAG rating changed in the period."),
            [
                action,
                owner,
                (_("Change"), _move_text),
                (_("Why"), _reason),
            ],
        ),
        (
            _("Completed"),
            content["completed"],
            _("No action was completed in the period."),
            [action, owner, (_("Latest update"), _commentary)],
        ),
        (
            _("Discharged"),
            content["discharged"],
            _("No action was discharged in the period."),
            [action, owner, (_("Reason"), lambda i: Own(i.get("reason", "")))],
        ),
        (
            _("New actions"),
            content["new"],
            _("No action was added in the period."),
            [action, owner, (_("Due"), lambda i: i["due"])],
        ),
        (
            _("Overdue actions"),
            content["overdue"],
            _("No open action is past its due date."),
            [action, owner, (_("Due"), lambda i: i["due"]), (_("Latest update"), _commentary)],
        ),
        (
            _("Appendix: stale actions"),
            content["stale"],
            ngettext(
                "Every open action that is not an exception has an update from the last "
                "%(days)s day.",
                "Every open action that is not an exception has an update from the last "
                "%(days)s days.",
                content["stale_after_days"],
            )
            % {"days": content["stale_after_days"]},
            [action, owner, (_("Latest update"), _commentary)],
        ),
    ]


def _leads(word, priorities: list[dict]) -> None:
    """Who leads each priority and the commissioner's priorities it serves (reports made
    before leads were recorded have neither, and go without the table)."""
    word.heading(_("Priority leads and the Police and Crime Commissioner's priorities"), 1)
    table = word.table(
        [_("Priority"), _("Lead"), _("Police and Crime Commissioner's priorities it serves")]
    )
    for priority in priorities:
        cells = word.row(
            table,
            [
                f"{priority['number']}. {priority['title']}",
                priority.get("lead") or _("Not named"),
                "; ".join(priority.get("pcc_priorities", [])) or _("None recorded"),
            ],
        )
        word.mark_own(cells[0])
        if priority.get("lead"):
            word.mark_own(cells[1])
        if priority.get("pcc_priorities"):
            word.mark_own(cells[2])


def _funding(word: WordDocument, funding: dict, *, period_end: str) -> None:
    word.heading(_("Funding at risk"), 1)
    word.paragraph(
        ngettext(
            "%(count)s grant or budget running in the period is at risk at %(end)s.",
            "%(count)s grants or budgets running in the period are at risk at %(end)s.",
            funding["at_risk"],
        )
        % {"count": funding["at_risk"], "end": period_end}
    )
    table = word.table(
        [_("Grant"), _("Awarded"), _("Spent"), _("Even spend"), _("At risk")],
        widths=[3, 1.3, 1.3, 1.3, 4],
    )
    for grant in funding["grants"]:
        spent = grant["spent"] + (
            "" if grant["complete"] else " " + _("(not every quarter recorded)")
        )
        expected = (
            _("%(amount)s by the end of %(quarter)s")
            % {"amount": grant["expected"], "quarter": grant["ended"]}
            if grant["ended"]
            else "–"
        )
        risks = list(grant["risks"]) or [_("No")]
        risks += [
            f"{RagRating(a['rag']).label}: {a['title']}"
            + (f" ({SENSITIVE})" if a["sensitive"] else "")
            for a in grant["off_track"]
        ]
        cells = word.row(
            table,
            [
                f"{grant['name']}\n{grant['funder']}",
                grant["amount"],
                spent,
                expected,
                "\n".join(risks),
            ],
        )
        word.mark_own(cells[0])
