"""How the results' sentences round a share, in any language: to the step of five below
("over 90%"), "just under" the step above when within two points of it, exact on a step of
five; and a consultation's length in whole weeks. summary.py and summary_cy.py put the words."""

import math
from datetime import date


def share(value: float) -> tuple[str, int]:
    """92.4 → ("over", 90), 19.5 → ("just under", 20), 15.0 → ("exactly", 15), 3.0 →
    ("just under", 5), 2.0 → ("under", 5)."""
    if value == int(value) and int(value) % 5 == 0:
        return "exactly", int(value)
    upper = math.ceil(value / 5) * 5
    if upper - value <= 2:
        return "just under", upper
    lower = math.floor(value / 5) * 5
    if lower == 0:
        return "under", 5
    return "over", lower


def floor_share(value: float) -> tuple[str, int]:
    """The floor of a group, every member at least `value`: ("or more", 90) or ("over", 90)."""
    lower = math.floor(value / 5) * 5
    return ("or more", lower) if value == lower else ("over", lower)


def weeks(opens_on: date, closes_on: date) -> int:
    return max(1, round(((closes_on - opens_on).days + 1) / 7))
