"""The action plan table's columns, in the seeds' words: one list for the Word file, the PDF
and the page's quarter view, so that they cannot drift apart.

Each column says what fills it (`key`), its heading, and its width relative to the others,
by what it holds: the actions and the updates widest, a reference or RAG narrowest."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class TableColumn:
    key: str
    heading: str
    width: float
    # The objective's own columns: written once, on its first action's row, and spanning
    # its actions' rows, as in the seeds.
    per_objective: bool = False


def action_table_columns(
    *,
    quarters: list[tuple[int, int]],
    show_updates: bool,
    has_refs: bool,
    holds_sensitive: bool,
) -> list[TableColumn]:
    """Seed 003's columns (Issue / Action / Owner / Update / RAG) or, with `quarters`,
    seed 004's (JAG ref / Objective / Actions / Target & performance indicator / Lead
    agency / Lead action group(s) / Quarter 1-4), with saferplan's Status before the updates,
    RAG after them, and the marking last when anything is OFFICIAL-SENSITIVE. The reference
    column only when an objective has a reference."""
    if quarters:
        columns = [TableColumn("ref", _("JAG ref"), 1.0, per_objective=True)] if has_refs else []
        columns += [
            TableColumn("objective", _("Objective"), 2.8, per_objective=True),
            TableColumn("action", _("Actions"), 3.6),
            TableColumn("target", _("Target & performance indicator"), 2.6, per_objective=True),
            TableColumn("owner", _("Lead agency"), 1.9),
            TableColumn("lead_groups", _("Lead action group(s)"), 1.9, per_objective=True),
            TableColumn("status", _("Status"), 1.7),
        ]
        columns += [
            TableColumn(
                "quarter",
                _("Quarter %(number)s") % {"number": n}
                if len(quarters) == 4
                else f"Q{q} {y}-{str(y + 1)[-2:]}",
                12 / len(quarters),
            )
            for n, (y, q) in enumerate(quarters, start=1)
        ]
    else:
        columns = [TableColumn("ref", _("Ref"), 1.2, per_objective=True)] if has_refs else []
        columns += [
            TableColumn("objective", _("Issue"), 3.8, per_objective=True),
            TableColumn("action", _("Action"), 4.4),
            TableColumn("owner", _("Owner"), 3.0),
            TableColumn("status", _("Status"), 2.0),
        ]
        if show_updates:
            columns.append(TableColumn("update", _("Update"), 10.0))
    columns.append(TableColumn("rag", "RAG", 1.6))
    if holds_sensitive:
        columns.append(TableColumn("marking", _("Marking"), 2.6))
    return columns


def as_percentages(columns: list[TableColumn]) -> list[float]:
    """Each column's share of the table's width, for a page or a PDF (Word takes the
    relative widths as they are)."""
    total = sum(c.width for c in columns)
    return [round(100 * c.width / total, 2) for c in columns]
