"""Stale and overdue: the two flags every list of actions, reminder and report shows."""

import datetime
from dataclasses import dataclass

from .models.choices import OPEN_STATUSES


@dataclass
class ActionFlags:
    stale: bool
    overdue: bool


def flag(action, *, stale_after_days: int, today: datetime.date) -> ActionFlags:
    """Stale: open and no update (by the date it describes) for `stale_after_days`, counting
    from when the action was added if it has none. Overdue: open and past its due date."""
    if action.status not in OPEN_STATUSES:
        return ActionFlags(stale=False, overdue=False)
    last = getattr(action, "last_update_on", None) or action.created_at.date()
    return ActionFlags(
        stale=(today - last).days >= stale_after_days,
        overdue=action.due_date is not None and action.due_date < today,
    )
