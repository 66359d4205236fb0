"""The action plan table's filters, as the table, My actions and the API take them."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .flags import ActionFlags


@dataclass
class ActionFilters:
    """Which actions to list. The database filters are ActionQuerySet.matching(); stale and
    overdue depend on today, so they are kept or dropped in Python (`keep`)."""

    priority: int | None = None  # priority number
    organisation: int | None = None
    group: int | None = None
    rag: str = ""
    status: str = ""
    stale: bool = False
    overdue: bool = False
    partnership: int | None = None
    # My actions: those of previous years' plans too (superseded, replaced or archived), not
    # only of current plans (ActionQuerySet.current).
    previous_plans: bool = False

    @property
    def active(self) -> bool:
        return self != ActionFilters()

    def keep(self, flags: "ActionFlags") -> bool:
        """The filters on flags worked out in Python (stale and overdue depend on today)."""
        return (not self.stale or flags.stale) and (not self.overdue or flags.overdue)
