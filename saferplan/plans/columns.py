"""The action plan table's columns, in the seeds' words: one list for the Word file, the PDF
and the page's quarter view, so that they cannot drift apart.

Each column says what fills it (`key`), its heading, and its width relative to the others,
by what it holds: the actions and the updates widest, a reference or RAG narrowest."""

from dataclasses import dataclass

# Seed 004's words for the objective's target and the groups that lead it.
TARGET = "Target & performance indicator"
LEAD_GROUPS = "Lead action group(s)"


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
        columns = [TableColumn("ref", "JAG ref", 1.0, per_objective=True)] if has_refs else []
        columns += [
            TableColumn("objective", "Objective", 2.8, per_objective=True),
            TableColumn("action", "Actions", 3.6),
            TableColumn("target", TARGET, 2.6, per_objective=True),
            TableColumn("owner", "Lead agency", 1.9),
            TableColumn("lead_groups", LEAD_GROUPS, 1.9, per_objective=True),
            TableColumn("status", "Status", 1.7),
        ]
        columns += [
            TableColumn(
                "quarter",
                f"Quarter {n}" if len(quarters) == 4 else f"Q{q} {y}-{str(y + 1)[-2:]}",
                12 / len(quarters),
            )
            for n, (y, q) in enumerate(quarters, start=1)
        ]
    else:
        columns = [TableColumn("ref", "Ref", 1.2, per_objective=True)] if has_refs else []
        columns += [
            TableColumn("objective", "Issue", 3.8, per_objective=True),
            TableColumn("action", "Action", 4.4),
            TableColumn("owner", "Owner", 3.0),
            TableColumn("status", "Status", 2.0),
        ]
        if show_updates:
            columns.append(TableColumn("update", "Update", 10.0))
    columns.append(TableColumn("rag", "RAG", 1.6))
    if holds_sensitive:
        columns.append(TableColumn("marking", "Marking", 2.6))
    return columns


def as_percentages(columns: list[TableColumn]) -> list[float]:
    """Each column's share of the table's width, for a page or a PDF (Word takes the
    relative widths as they are)."""
    total = sum(c.width for c in columns)
    return [round(100 * c.width / total, 2) for c in columns]
